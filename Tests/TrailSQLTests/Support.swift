import Testing
import TrailBase

@testable import TrailSQL

/// Parses `sql`, prints it, parses the print again and checks the round trip: the two ASTs are equal (spans aside)
/// and printing is a fixed point. Returns the canonical text.
@discardableResult
func roundTrip(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let statement: Statement
    do {
        statement = try SQLParser.parse(sql)
    } catch {
        Issue.record("\(sql)\n\(error.rendered(in: sql))", sourceLocation: sourceLocation)
        throw error
    }
    let printed = statement.description
    let again: Statement
    do {
        again = try SQLParser.parse(printed)
    } catch {
        Issue.record(
            "the canonical form does not parse:\n\(error.rendered(in: printed))", sourceLocation: sourceLocation)
        throw error
    }
    #expect(again == statement, "round trip changed the AST: \(printed)", sourceLocation: sourceLocation)
    #expect(again.description == printed, "printing is not a fixed point", sourceLocation: sourceLocation)
    return printed
}

/// The error `sql` fails with, or nil when it parses.
func parseError(_ sql: String) -> QueryError? {
    do {
        _ = try SQLParser.parse(sql)
        return nil
    } catch {
        return error
    }
}

/// The expression of `SELECT <expression>` as canonical text, round-tripped.
func canonicalExpression(_ sql: String) throws -> String {
    let expression = try SQLParser.parseExpression(sql)
    let printed = expression.description
    #expect(try SQLParser.parseExpression(printed) == expression, "expression round trip: \(printed)")
    return printed
}

/// One SQL text and the canonical form it must print as.
struct ParseCase: CustomTestStringConvertible, Sendable {
    var sql: String
    var canonical: String
    var testDescription: String { sql }

    init(_ sql: String, _ canonical: String? = nil) {
        self.sql = sql
        self.canonical = canonical ?? sql
    }
}
