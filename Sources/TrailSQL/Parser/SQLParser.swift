import TrailBase

/// The SQL front end of `trailsql query`: Athena engine v3 (Trino) SQL text in, a `Statement` out.
///
///     let statement = try SQLParser.parse("SELECT eventname, count(*) FROM cloudtrail_logs GROUP BY 1")
///     print(statement)   // canonical SQL: SELECT eventname, count(*) FROM cloudtrail_logs GROUP BY 1
///
/// Every error is a `QueryError` with a stable code, the span of the offending text and, for common mistakes, a help
/// line. Parsing never traps and never recurses without bound (`SQLLimits.maxNestingDepth`).
public enum SQLParser {
    /// Parses one statement: a query, `EXPLAIN [ANALYZE] …` or `DESCRIBE t` / `SHOW COLUMNS FROM t`, optionally
    /// followed by `;`.
    ///
    /// - Parameter dialect: nil (the default) accepts both dialects; `.athena` rejects CloudTrail Lake event data
    ///   store ids in FROM. Use `SQLDialect(detectingIn:)` on the result to learn which dialect a query is written in.
    public static func parse(_ sql: String, dialect: SQLDialect? = nil) throws(QueryError) -> Statement {
        var parser = Parser(sql: sql, dialect: dialect)
        do {
            return try parser.parseStatementText()
        } catch {
            throw error.error
        }
    }

    /// Parses one scalar expression, e.g. `eventname = 'ConsoleLogin' AND errorcode IS NULL`.
    public static func parseExpression(_ sql: String) throws(QueryError) -> Expression {
        var parser = Parser(sql: sql, dialect: nil)
        do {
            let expression = try parser.parseExpression()
            try parser.expectEnd(of: "the expression")
            return expression
        } catch {
            throw error.error
        }
    }

    /// Parses one type, e.g. `array(row(arn varchar, type varchar))`.
    public static func parseType(_ sql: String) throws(QueryError) -> DataType {
        var parser = Parser(sql: sql, dialect: nil)
        do {
            let type = try parser.parseType()
            try parser.expectEnd(of: "the type")
            return type
        } catch {
            throw error.error
        }
    }
}

/// Bounds that keep parsing, printing and every walk over the AST finite on hostile input.
public enum SQLLimits {
    /// The deepest nesting of parentheses, subqueries, CASE, function calls and operator chains the parser accepts.
    /// Real queries nest a few dozen levels at most.
    public static let maxNestingDepth = 1_000
    /// A second guard: the most stack the parser may use below its entry point, whatever the nesting counts say.
    /// Parsing 1,000 levels takes about 4 MB in a debug build and far less in a release build; threads have 8 MB.
    public static let maxStackBytes = 6 << 20
}
