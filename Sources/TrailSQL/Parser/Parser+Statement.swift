import TrailBase

extension Parser {
    /// The whole text: one statement, an optional `;`, the end.
    mutating func parseStatementText() throws(ParseFailure) -> Statement {
        let first = peek()
        if first.isEnd {
            throw ParseFailure(
                .emptyStatement, "the query is empty", at: SourceSpan(0, 0),
                help: "write a query, e.g. SELECT * FROM cloudtrail_logs LIMIT 10")
        }
        if first.isSymbol(.semicolon) {
            throw ParseFailure(.emptyStatement, "the query is empty before ';'", at: first.span)
        }
        let statement = try parseStatement()
        if accept(.semicolon) != nil {
            while accept(.semicolon) != nil {}
            let next = peek()
            if !next.isEnd {
                if case .error(let error) = next.kind { throw error }
                throw ParseFailure(
                    .multipleStatements, "only one statement can run at a time, but another follows the ';'",
                    at: next.span, help: "run the statements one by one")
            }
            return statement
        }
        let next = peek()
        if !next.isEnd {
            if next.keyword == .select || next.keyword == .with {
                throw ParseFailure(
                    .multipleStatements,
                    "expected the end of the query after \(previous?.displayText ?? "it") "
                        + "but found another \(next.displayText)",
                    at: next.span, help: "a subquery goes in parentheses; separate statements are run one by one")
            }
            throw unexpected("the end of the query")
        }
        return statement
    }

    mutating func parseStatement() throws(ParseFailure) -> Statement {
        try descend()
        defer { ascend() }
        let token = peek()
        switch token.kind {
        case .word(_, .explain?):
            return .explain(try parseExplain())
        // DESCRIBE is reserved; DESC also ends ORDER BY items, so it starts a statement only before a name.
        case .word(_, .describe?),
            .word(_, .desc?) where peek(1).isIdentifier:
            let start = advance().span.start
            if case .word(let text, _) = peek().kind, ["input", "output"].contains(text.lowercased()),
                peek(1).isIdentifier
            {
                throw unsupported("DESCRIBE \(text.uppercased())", at: span(from: start))
            }
            let table = try parseTableName()
            return .describe(Describe(table: table, span: span(from: start)))
        case .word(_, .show?) where peek(1).isKeyword(.columns):
            let start = advance().span.start
            advance()
            if accept(.from) == nil, accept(.in) == nil { throw unexpected("FROM or IN") }
            let table = try parseTableName()
            var pattern: String?
            var escape: String?
            if accept(.like) != nil {
                pattern = try parseStringValue("a pattern string")
                if accept(.escape) != nil { escape = try parseStringValue("an escape string") }
            }
            return .describe(Describe(table: table, pattern: pattern, escape: escape, span: span(from: start)))
        case .word(let text, _):
            if let rejection = Self.statementRejection(text.lowercased()) {
                throw ParseFailure(
                    .unsupported, rejection.message, at: token.span, help: rejection.help)
            }
        default:
            break
        }
        if isQueryStart() {
            return .query(try parseQuery())
        }
        throw unexpected("a query (SELECT …)", mentionPrevious: false)
    }

    private mutating func parseExplain() throws(ParseFailure) -> Explain {
        let start = advance().span.start
        if accept(.analyze) != nil {
            let verbose = accept(.verbose) != nil
            let statement = try parseStatement()
            return Explain(isAnalyze: true, isVerbose: verbose, statement: statement, span: span(from: start))
        }
        var options: [Explain.Option] = []
        if check(.leftParen), !isQueryStart() {
            let open = advance()
            repeat {
                let keyword = peek().keyword
                guard keyword == .format || keyword == .type else { throw unexpected("FORMAT or TYPE") }
                advance()
                let value = peek()
                guard case .word(let text, _) = value.kind else { throw unexpected("an option value") }
                let upper = text.uppercased()
                if keyword == .format {
                    guard ["TEXT", "GRAPHVIZ", "JSON"].contains(upper) else {
                        throw unexpected("TEXT, GRAPHVIZ or JSON")
                    }
                    options.append(.format(upper))
                } else {
                    guard ["LOGICAL", "DISTRIBUTED", "VALIDATE", "IO"].contains(upper) else {
                        throw unexpected("LOGICAL, DISTRIBUTED, VALIDATE or IO")
                    }
                    options.append(.type(upper))
                }
                advance()
            } while accept(.comma) != nil
            try expectClosing(.rightParen, opening: open)
        }
        let statement = try parseStatement()
        return Explain(isAnalyze: false, options: options, statement: statement, span: span(from: start))
    }

    /// A string literal's value (DESCRIBE patterns, time zones).
    mutating func parseStringValue(_ what: String) throws(ParseFailure) -> String {
        guard case .string(let value) = peek().kind else { throw unexpected(what) }
        advance()
        return value
    }

    /// Statements that are valid Athena or Trino but not queries: why trailsql does not run them.
    private static func statementRejection(_ word: String) -> (message: String, help: String?)? {
        let noTable =
            "trailsql needs no table: any table name in FROM means the logs given with --logs; "
            + "`trailsql ddl athena` writes the CREATE TABLE for Athena"
        switch word {
        case "create":
            return ("CREATE statements are not supported: trailsql runs queries", noTable)
        case "alter":
            return (
                "ALTER statements are not supported: trailsql runs queries",
                "partitions come from the S3 object keys (region, year/month/day, date); there is nothing to add"
            )
        case "msck":
            return ("MSCK REPAIR TABLE is not supported: partitions come from the S3 object keys", nil)
        case "drop", "insert", "delete", "update", "merge", "truncate", "unload", "optimize", "vacuum", "refresh":
            return ("\(word.uppercased()) statements are not supported: trailsql only reads the logs", nil)
        case "use", "set", "reset", "grant", "revoke", "deny", "call", "prepare", "execute", "deallocate", "start",
            "commit", "rollback", "comment", "analyze":
            return ("\(word.uppercased()) statements are not supported: trailsql runs queries", nil)
        case "show":
            return ("SHOW statements other than SHOW COLUMNS are not supported", "use DESCRIBE cloudtrail_logs")
        default:
            return nil
        }
    }
}
