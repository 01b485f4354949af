import TrailBase

/// A recursive-descent parser with a precedence-climbing loop for value expressions (`Parser+Expression.swift`).
///
/// Tokens are lexed on demand into a buffer, so the parser can look ahead any distance, back up (`attempt`) where the
/// grammar is ambiguous until later (`(SELECT 1) + 1` against `(SELECT 1) UNION …`), and re-read raw text after FROM
/// (event data store ids).
struct Parser {
    var lexer: Lexer
    var tokens: [Token] = []
    var index = 0
    var depth = 0
    /// The deepest `depth` reached so far (for `queryMemo`).
    var deepest = 0
    let dialect: SQLDialect?
    /// Queries already parsed (or failed) at a byte offset, so that trying a parenthesised query first and an
    /// expression second stays polynomial however deeply the two readings nest (`((((SELECT …` inside one another).
    var queryMemo: [Int: QueryMemo] = [:]

    enum QueryMemo {
        /// The query, the last token it consumed, and how many levels it nests below where it starts.
        case success(Query, last: Token, nesting: Int)
        case failure(ParseFailure)
    }

    /// Where the stack was when parsing began (see `SQLLimits.maxStackBytes`).
    let stackBase = Parser.stackAddress()

    init(sql: String, dialect: SQLDialect?) {
        self.lexer = Lexer(sql)
        self.dialect = dialect
        tokens.reserveCapacity(64)
    }

    // MARK: - Tokens

    /// The token `ahead` tokens after the current one (the end token past the end).
    mutating func peek(_ ahead: Int = 0) -> Token {
        let wanted = index + ahead
        while tokens.count <= wanted {
            if let last = tokens.last, last.isEnd { return last }
            tokens.append(lexer.next())
        }
        return tokens[wanted]
    }

    /// The token most recently consumed.
    var previous: Token? { index > 0 ? tokens[index - 1] : nil }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        if !token.isEnd { index += 1 }
        return token
    }

    mutating func check(_ keyword: Keyword, ahead: Int = 0) -> Bool { peek(ahead).isKeyword(keyword) }
    mutating func check(_ symbol: Token.Symbol, ahead: Int = 0) -> Bool { peek(ahead).isSymbol(symbol) }

    /// Consumes the keyword if it is next.
    mutating func accept(_ keyword: Keyword) -> Token? {
        guard check(keyword) else { return nil }
        return advance()
    }

    /// Consumes the symbol if it is next.
    mutating func accept(_ symbol: Token.Symbol) -> Token? {
        guard check(symbol) else { return nil }
        return advance()
    }

    @discardableResult
    mutating func expect(_ keyword: Keyword, _ context: String? = nil) throws(ParseFailure) -> Token {
        if let token = accept(keyword) { return token }
        throw unexpected(context.map { "\(keyword.text) \($0)" } ?? keyword.text)
    }

    @discardableResult
    mutating func expect(_ symbol: Token.Symbol, _ context: String? = nil) throws(ParseFailure) -> Token {
        if let token = accept(symbol) { return token }
        throw unexpected(context.map { "'\(symbol.rawValue)' \($0)" } ?? "'\(symbol.rawValue)'")
    }

    /// Consumes a closing parenthesis, naming the opening one when it is missing.
    @discardableResult
    mutating func expectClosing(_ symbol: Token.Symbol, opening: Token) throws(ParseFailure) -> Token {
        if let token = accept(symbol) { return token }
        var error = unexpected("'\(symbol.rawValue)'").error
        let line = LineColumn(offset: opening.span.start, in: String(decoding: lexer.bytes, as: UTF8.self))
        error.notes.append("to close the '\(opening.displayText.dropFirst().dropLast())' at \(line)")
        throw ParseFailure(error)
    }

    /// Span from `start` to the end of the last consumed token.
    func span(from start: Int) -> SourceSpan {
        SourceSpan(start, max(start, previous?.span.end ?? start))
    }

    // MARK: - Nesting

    mutating func descend() throws(ParseFailure) {
        depth += 1
        if depth > deepest { deepest = depth }
        let stackUsed = stackBase > Self.stackAddress() ? stackBase - Self.stackAddress() : 0
        if depth > SQLLimits.maxNestingDepth || stackUsed > SQLLimits.maxStackBytes {
            let token = peek()
            throw ParseFailure(
                .nestedTooDeeply, "the query nests more than \(SQLLimits.maxNestingDepth) levels deep",
                at: token.isEnd ? SourceSpan(token.span.start, token.span.start) : token.span,
                help: "simplify the query: fewer nested parentheses, subqueries or chained operators")
        }
    }

    mutating func ascend() { depth -= 1 }

    /// An address in the caller's stack frame (stacks grow down on every platform Swift runs on here).
    @inline(never)
    static func stackAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    func tooDeep() -> ParseFailure {
        ParseFailure(
            .nestedTooDeeply, "the query nests more than \(SQLLimits.maxNestingDepth) levels deep",
            at: previous?.span,
            help: "simplify the query: fewer nested parentheses, subqueries or chained operators")
    }

    // MARK: - Backtracking

    /// Runs `body`; if it throws, puts the parser back where it was and returns nil. Nesting errors are rethrown:
    /// a second way through the same text would nest just as deep.
    mutating func attempt<T>(_ body: (inout Parser) throws(ParseFailure) -> T) throws(ParseFailure) -> T? {
        let savedIndex = index
        let savedDepth = depth
        do {
            return try body(&self)
        } catch {
            if error.kind == .nestedTooDeeply { throw error }
            rewind(to: savedIndex)
            depth = savedDepth
            return nil
        }
    }

    /// Moves back to token `savedIndex`, dropping the tokens after it so that they are lexed again.
    mutating func rewind(to savedIndex: Int) {
        index = savedIndex
        if savedIndex < tokens.count { tokens.removeSubrange(savedIndex...) }
        lexer.offset = savedIndex > 0 ? tokens[savedIndex - 1].span.end : 0
    }

    /// Whether a query (`SELECT`, `WITH`, `VALUES`, `TABLE`, possibly after more `(`) starts `ahead` tokens on.
    mutating func isQueryStart(ahead: Int = 0) -> Bool {
        var offset = ahead
        while peek(offset).isSymbol(.leftParen) {
            offset += 1
            if offset - ahead > SQLLimits.maxNestingDepth { return true }
        }
        switch peek(offset).keyword {
        case .select, .with, .values: return true
        case .table: return !peek(offset + 1).isSymbol(.leftParen)
        default: return false
        }
    }

    // MARK: - Names

    /// A name: an unreserved word or a quoted identifier.
    mutating func parseIdentifier(_ what: String = "a name") throws(ParseFailure) -> Identifier {
        let token = peek()
        switch token.kind {
        case .word(let text, let keyword) where keyword?.isReserved != true:
            advance()
            return Identifier(text, span: token.span)
        case .quotedIdentifier(let text):
            advance()
            return Identifier(text, isQuoted: true, span: token.span)
        default:
            throw unexpected(what)
        }
    }

    /// `name (. name)*`.
    mutating func parseQualifiedName(_ what: String = "a name") throws(ParseFailure) -> QualifiedName {
        var parts = [try parseIdentifier(what)]
        while check(.dot), peek(1).isIdentifier || peek(1).keyword?.isReserved == true {
            advance()
            parts.append(try parseIdentifier("a name after '.'"))
        }
        return QualifiedName(parts)
    }

    /// `(name, …)`.
    mutating func parseIdentifierList(_ what: String) throws(ParseFailure) -> [Identifier] {
        let open = try expect(.leftParen)
        var names = [try parseIdentifier(what)]
        while accept(.comma) != nil { names.append(try parseIdentifier(what)) }
        try expectClosing(.rightParen, opening: open)
        return names
    }

    /// A non-negative integer literal that fits in 64 bits (LIMIT, OFFSET, FETCH, type parameters, precisions).
    mutating func parseCount(_ what: String) throws(ParseFailure) -> Int64 {
        let token = peek()
        guard case .number(let text, .integer) = token.kind else {
            if token.isSymbol(.question) { throw unsupported("a query parameter (?)", at: token.span) }
            throw unexpected(what)
        }
        advance()
        guard let value = Literal.Number(text, kind: .integer).int64Value else {
            throw ParseFailure(.invalidLiteral, "\(text) is too large for \(what)", at: token.span)
        }
        return value
    }

    // MARK: - End

    mutating func expectEnd(of what: String) throws(ParseFailure) {
        let token = peek()
        guard token.isEnd else { throw unexpected("the end of \(what)") }
    }
}
