import TrailBase

/// The parser's internal error: one reference wrapping the `QueryError` that `SQLParser` throws.
///
/// Every `try` of a typed-throws call gets its own error slot in an unoptimised build, and parsing recurses; a
/// one-word error keeps each level's stack frame small enough for `SQLLimits.maxNestingDepth` levels in a debug
/// build on an 8 MB stack.
final class ParseFailure: Error, Sendable {
    let error: QueryError

    init(_ error: QueryError) { self.error = error }

    convenience init(
        _ kind: QueryError.Kind, _ message: String, at span: SourceSpan?, help: String? = nil, notes: [String] = []
    ) {
        self.init(QueryError(kind, message, at: span, help: help, notes: notes))
    }

    var kind: QueryError.Kind { error.kind }
    var span: SourceSpan? { error.span }
}

extension Parser {
    /// `expected <what> [after <previous>] but found <token>`, at the current token, with a help line for the
    /// common mistakes that can cause it. An error token's own error wins: it is the real problem.
    mutating func unexpected(_ expected: String, help: String? = nil, mentionPrevious: Bool = true) -> ParseFailure {
        let token = peek()
        if case .error(let error) = token.kind { return error }
        var message = "expected \(expected)"
        if mentionPrevious, !expected.contains(" after "), let previous { message += " after \(previous.displayText)" }
        if token.isEnd {
            message += " but the query ended"
            return ParseFailure(
                .unexpectedEnd, message, at: SourceSpan(token.span.start, token.span.start),
                help: help ?? endHelp())
        }
        message += " but found \(token.displayText)"
        return ParseFailure(
            .unexpectedToken, message, at: token.span, help: help ?? self.help(for: token, expected: expected))
    }

    /// Of two failed readings of the same text, the error that got further (the first on a tie): it names the
    /// real mistake, where the other reading usually fails on the first token.
    static func furthest(_ first: ParseFailure, _ second: ParseFailure) -> ParseFailure {
        if second.kind == .nestedTooDeeply { return second }
        return (second.span?.start ?? 0) > (first.span?.start ?? 0) ? second : first
    }

    /// `<construct> is not supported`, for valid Trino that trailsql does not accept.
    func unsupported(_ construct: String, at span: SourceSpan, help: String? = nil) -> ParseFailure {
        ParseFailure(.unsupported, "\(construct) is not supported", at: span, help: help)
    }

    private mutating func endHelp() -> String? {
        var open = 0
        for token in tokens[..<index] {
            if token.isSymbol(.leftParen) { open += 1 }
            if token.isSymbol(.rightParen) { open -= 1 }
        }
        return open > 0 ? "\(open) '(' \(open == 1 ? "is" : "are") still open" : nil
    }

    /// The help line for an unexpected token, when the mistake is a common one.
    private mutating func help(for token: Token, expected: String) -> String? {
        switch token.kind {
        case .symbol(.doubleEqual):
            return "SQL compares with a single '=', not '=='"
        case .symbol(.equal) where previous?.isSymbol(.less) == true || previous?.isSymbol(.greater) == true:
            return "write \(previous?.isSymbol(.less) == true ? "<=" : ">=") without a space"
        case .symbol(.comma) where previous?.isSymbol(.comma) == true:
            return "remove one of the two commas"
        case .quotedIdentifier(let text) where expected.contains("string"):
            return "in SQL, 'single quotes' make a string, \"double quotes\" a name: write '\(text)'"
        case .quotedIdentifier(let text):
            if case .word = previous?.kind {
                return "if \"\(text)\" is meant as a string, write it in single quotes: '\(text)' "
                    + "('single quotes' make a string, \"double quotes\" a name)"
            }
        case .word(_, .not?) where previous?.isSymbol(.comma) != true:
            return "NOT goes before a condition (NOT x = 1), or before BETWEEN, IN or LIKE (x NOT IN (…))"
        case .word(let text, let keyword?) where keyword.isReserved:
            if previous?.isSymbol(.comma) == true, Self.clauseKeywords.contains(keyword) {
                return "remove the ',' before \(keyword.text)"
            }
            if expected.contains("name") || expected.contains("expression"), !Self.structuralKeywords.contains(keyword)
            {
                return
                    "\(keyword.text) is a reserved word; to use it as a name, double-quote it: \"\(text.lowercased())\""
            }
        default:
            break
        }
        return typoHelp()
    }

    static let clauseKeywords: Set<Keyword> = [
        .from, .where, .group, .having, .order, .union, .intersect, .except, .limit, .offset, .fetch, .window, .on,
        .using, .join, .cross, .inner, .left, .right, .full, .then, .else, .end, .when, .as, .and, .or,
    ]

    /// Reserved words that shape a statement: when one turns up where a name was expected, the name is missing
    /// rather than spelt as a keyword.
    static let structuralKeywords: Set<Keyword> = [
        .select, .from, .where, .group, .having, .order, .by, .union, .intersect, .except, .join, .cross, .inner,
        .left, .right, .full, .on, .using, .with, .as, .and, .or, .not, .then, .else, .when, .in, .is, .like,
        .between, .escape, .distinct, .values,
    ]

    /// Keywords worth suggesting for a misspelt word (short ones such as ON or AS would match too many names).
    private static let typoTargets: [Keyword] = [
        .select, .from, .where, .group, .having, .order, .limit, .offset, .union, .join, .cross, .inner, .left, .right,
        .full, .outer, .between, .like, .distinct, .unnest, .null, .case, .when, .then, .else, .cast, .with, .values,
        .desc, .interval, .except, .intersect, .exists,
    ]

    /// "did you mean WHERE?" when the word just read (taken as a name or alias) or the one found is a near miss of
    /// a keyword: `FORM`, `WHRE`, `GROPU`, `ODRER`.
    mutating func typoHelp() -> String? {
        for token in [previous, peek()].compactMap({ $0 }) {
            guard case .word(let text, let keyword) = token.kind, keyword == nil, text.utf8.count >= 4 else { continue }
            let lowered = text.lowercased()
            if let help = Self.typoHelp(for: text, lowered: lowered) { return help }
        }
        return nil
    }

    static func typoHelp(for text: String, lowered: String) -> String? {
        guard let target = typoTargets.first(where: { isNearMiss(lowered, $0.rawValue) }) else { return nil }
        return "did you mean \(target.text) instead of '\(text)'?"
    }

    /// Edit distance 1 (one insertion, deletion, substitution, or a swap of neighbours).
    static func isNearMiss(_ word: String, _ keyword: String) -> Bool {
        let a = Array(word.utf8)
        let b = Array(keyword.utf8)
        guard a != b, abs(a.count - b.count) <= 1 else { return false }
        if a.count == b.count {
            let differences = (0..<a.count).filter { a[$0] != b[$0] }
            if differences.count == 1 { return true }
            if differences.count == 2, differences[1] == differences[0] + 1 {
                return a[differences[0]] == b[differences[1]] && a[differences[1]] == b[differences[0]]
            }
            return false
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        return short[i...] == long[(i + 1)...]
    }
}
