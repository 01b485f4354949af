import TrailBase
import TrailSQL

/// Feeds arbitrary bytes (decoded as UTF-8, invalid sequences replaced) to the SQL front end and checks what must hold
/// for any input:
///  - parsing never traps, and an error's span lies inside the text (rendering it never traps either);
///  - a statement that parses prints as canonical SQL that parses back to an equal statement (spans aside), and
///    printing that is a fixed point;
///  - the same for the input read as a lone expression.
/// A violation traps, which libFuzzer reports as a crash (run with SWIFT_BACKTRACE=enable=no so it writes the file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSQL(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let length = text.utf8.count
    func checkError(_ error: QueryError) {
        if let span = error.span {
            precondition(
                span.start >= 0 && span.start <= span.end && span.end <= length, "span \(span) out of the text")
        }
        _ = error.rendered(in: text)
    }
    do {
        let statement = try SQLParser.parse(text)
        let printed = statement.description
        let again: Statement
        do {
            again = try SQLParser.parse(printed)
        } catch {
            preconditionFailure(
                "the canonical form of \(text) does not parse: \(printed)\n\(error.rendered(in: printed))")
        }
        precondition(again == statement, "round trip changed \(text) into \(printed)")
        precondition(again.description == printed, "printing \(text) is not a fixed point: \(printed)")
        _ = SQLDialect(detectingIn: statement)
    } catch {
        checkError(error)
    }
    do {
        let expression = try SQLParser.parseExpression(text)
        let printed = expression.description
        let again: Expression
        do {
            again = try SQLParser.parseExpression(printed)
        } catch {
            preconditionFailure("the canonical form of expression \(text) does not parse: \(printed)")
        }
        precondition(again == expression, "round trip changed expression \(text) into \(printed)")
        precondition(again.description == printed, "printing expression \(text) is not a fixed point: \(printed)")
    } catch {
        checkError(error)
    }
    return 0
}
