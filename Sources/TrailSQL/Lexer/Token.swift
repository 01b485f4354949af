import TrailBase

/// One token of SQL text and the bytes it covers.
struct Token: Sendable {
    enum Kind: Sendable {
        /// An unquoted word as written: a keyword (`keyword` set) or a name. Includes Trino's digit identifiers
        /// (`1st`), which have no keyword.
        case word(String, Keyword?)
        /// `"name"`, with `""` undoubled.
        case quotedIdentifier(String)
        /// `'text'`, with `''` undoubled.
        case string(String)
        /// `U&'text'`: the content with `''` undoubled, escapes not yet decoded (a `UESCAPE` may follow).
        case unicodeString(String)
        /// `X'hex'`: the content between the quotes.
        case binaryString(String)
        case number(String, Literal.Number.Kind)
        /// A CloudTrail Lake event data store id; only produced on request, in FROM position.
        case eventDataStore(String)
        case symbol(Symbol)
        case end
        /// Text that is no token; the error is thrown when the parser reaches it.
        case error(ParseFailure)
    }

    enum Symbol: String, Sendable {
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]", comma = ",", dot = "."
        case semicolon = ";", plus = "+", minus = "-", star = "*", slash = "/", percent = "%", concat = "||"
        case equal = "=", doubleEqual = "==", notEqual = "<>", bangEqual = "!=", less = "<", lessOrEqual = "<="
        case greater = ">", greaterOrEqual = ">=", arrow = "->", fatArrow = "=>", question = "?", colon = ":"
    }

    var kind: Kind
    var span: SourceSpan

    var keyword: Keyword? {
        if case .word(_, let keyword) = kind { return keyword }
        return nil
    }

    func isKeyword(_ keyword: Keyword) -> Bool { self.keyword == keyword }

    func isSymbol(_ symbol: Symbol) -> Bool {
        if case .symbol(let found) = kind { return found == symbol }
        return false
    }

    var isEnd: Bool {
        if case .end = kind { return true }
        return false
    }

    /// Whether this token can be a name: a word that is not a reserved keyword, or a quoted identifier.
    var isIdentifier: Bool {
        switch kind {
        case .word(_, let keyword): keyword?.isReserved != true
        case .quotedIdentifier: true
        default: false
        }
    }

    /// The token as messages name it: `FROM`, `eventname`, `'abc'`, `','`, `the end of the query`.
    var displayText: String {
        switch kind {
        case .word(let text, let keyword):
            if let keyword, keyword.isReserved { return keyword.text }
            return text
        case .quotedIdentifier(let text): return "\"\(Self.abbreviated(text))\""
        case .string(let text): return "'\(Self.abbreviated(text))'"
        case .unicodeString(let text): return "U&'\(Self.abbreviated(text))'"
        case .binaryString(let text): return "X'\(Self.abbreviated(text))'"
        case .number(let text, _): return text
        case .eventDataStore(let text): return text
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .end: return "the end of the query"
        case .error(let failure): return failure.error.message
        }
    }

    private static func abbreviated(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 40 else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(37))) + "…"
    }
}
