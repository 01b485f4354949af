import Testing
import TrailBase

@testable import TrailSQL

/// One SQL text that must fail: the code, the line and column of the error's span, the message, and the help line
/// (nil when none is expected).
struct ErrorCase: CustomTestStringConvertible, Sendable {
    var sql: String
    var kind: QueryError.Kind
    var line: Int
    var column: Int
    var message: String
    var help: String?
    var testDescription: String { sql }

    init(_ sql: String, _ kind: QueryError.Kind, at position: (Int, Int), _ message: String, help: String? = nil) {
        self.sql = sql
        self.kind = kind
        self.line = position.0
        self.column = position.1
        self.message = message
        self.help = help
    }
}

extension ErrorCase {
    static let all: [ErrorCase] = [
        ErrorCase(
            #"SELECT a, FROM t"#, .unexpectedToken, at: (1, 11),
            #"expected an expression after ',' but found FROM"#, help: #"remove the ',' before FROM"#),
        ErrorCase(
            #"SELECT a FROM t WHERE a == 1"#, .unexpectedToken, at: (1, 25),
            #"unexpected '==' after a"#, help: #"SQL compares with a single '=', not '=='"#),
        ErrorCase(
            #"SELECT * FROM t WHERE DATE "2020-01-01" = x"#, .unexpectedToken, at: (1, 28),
            #"expected the end of the query after DATE but found "2020-01-01""#,
            help:
                #"if "2020-01-01" is meant as a string, write it in single quotes: '2020-01-01' ('single quotes' make a string, "double quotes" a name)"#
        ),
        ErrorCase(
            #"SELECT eventname eventsource awsregion FROM t"#, .unexpectedToken, at: (1, 30),
            #"expected ',' or FROM after eventsource but found awsregion"#,
            help: #"'eventsource' was read as an alias of the item before it; separate select items with ','"#),
        ErrorCase(
            #"SELECT end FROM t"#, .unexpectedToken, at: (1, 8),
            #"expected an expression after SELECT but found END"#,
            help: #"END is a reserved word; to use it as a name, double-quote it: "end""#),
        ErrorCase(
            #"SELECT a FORM t"#, .unexpectedToken, at: (1, 15),
            #"expected ',' or FROM after FORM but found t"#, help: #"did you mean FROM instead of 'FORM'?"#),
        ErrorCase(
            #"SELECT a FROM t WHRE x = 1"#, .unexpectedToken, at: (1, 22),
            #"expected the end of the query after WHRE but found x"#, help: #"did you mean WHERE instead of 'WHRE'?"#),
        ErrorCase(
            #"SELECT 'abc FROM t"#, .unterminatedString, at: (1, 8),
            #"this string literal has no closing quote"#,
            help: #"close it with '; a quote inside a string is written twice: 'it''s'"#),
        ErrorCase(
            #"SELECT "abc FROM t"#, .unterminatedQuotedIdentifier, at: (1, 8),
            #"this quoted name has no closing double quote"#,
            help: #"close it with "; in SQL, 'single quotes' make a string, "double quotes" a name"#),
        ErrorCase(
            #"SELECT a /* x FROM t"#, .unterminatedComment, at: (1, 10),
            #"this comment has no closing */"#, help: #"close it with */"#),
        ErrorCase(
            #"SELECT a FROM t LIMIT 10 OFFSET 5"#, .unexpectedToken, at: (1, 26),
            #"OFFSET must come before LIMIT"#, help: #"write OFFSET n before LIMIT m (Trino's order)"#),
        ErrorCase(
            #"SELECT a FROM t WHERE x = 1 AND"#, .unexpectedEnd, at: (1, 32),
            #"expected an expression after AND but the query ended"#),
        ErrorCase(
            #"SELECT (a FROM t"#, .unexpectedToken, at: (1, 11),
            #"expected ')' after a but found FROM"#),
        ErrorCase(
            #"SELECT f(a, FROM t"#, .unexpectedToken, at: (1, 13),
            #"expected an argument after ',' but found FROM"#, help: #"remove the ',' before FROM"#),
        ErrorCase(
            #"SELECT a FROM t; SELECT b FROM t"#, .multipleStatements, at: (1, 18),
            #"only one statement can run at a time, but another follows the ';'"#,
            help: #"run the statements one by one"#),
        ErrorCase(
            #"SELECT a FROM t SELECT b"#, .multipleStatements, at: (1, 17),
            #"expected the end of the query after t but found another SELECT"#,
            help: #"a subquery goes in parentheses; separate statements are run one by one"#),
        ErrorCase(
            #"WITH RECURSIVE x AS (SELECT 1) SELECT * FROM x"#, .unsupported, at: (1, 6),
            #"WITH RECURSIVE is not supported"#, help: #"Athena does not run recursive queries either"#),
        ErrorCase(
            #"CREATE EXTERNAL TABLE t (a STRING)"#, .unsupported, at: (1, 1),
            #"CREATE statements are not supported: trailsql runs queries"#,
            help:
                #"trailsql needs no table: any table name in FROM means the logs given with --logs; `trailsql ddl athena` writes the CREATE TABLE for Athena"#
        ),
        ErrorCase(
            #"ALTER TABLE t ADD PARTITION (region='x')"#, .unsupported, at: (1, 1),
            #"ALTER statements are not supported: trailsql runs queries"#,
            help: #"partitions come from the S3 object keys (region, year/month/day, date); there is nothing to add"#),
        ErrorCase(
            #"MSCK REPAIR TABLE t"#, .unsupported, at: (1, 1),
            #"MSCK REPAIR TABLE is not supported: partitions come from the S3 object keys"#),
        ErrorCase(
            #"INSERT INTO t VALUES (1)"#, .unsupported, at: (1, 1),
            #"INSERT statements are not supported: trailsql only reads the logs"#),
        ErrorCase(
            #"SELECT * FROM t NATURAL JOIN u"#, .unsupported, at: (1, 17),
            #"NATURAL JOIN is not supported"#, help: #"write the join condition with ON or USING"#),
        ErrorCase(
            #"SELECT * FROM t TABLESAMPLE BERNOULLI (10)"#, .unsupported, at: (1, 17),
            #"TABLESAMPLE is not supported"#),
        ErrorCase(
            #"SELECT ? FROM t"#, .unsupported, at: (1, 8),
            #"a query parameter (?) is not supported"#, help: #"write the value into the query"#),
        ErrorCase(
            #"SELECT a FROM t WHERE a = b = c"#, .unexpectedToken, at: (1, 29),
            #"expected AND, OR or the end of the condition after b but found '='"#,
            help: #"comparisons do not chain in SQL; combine them with AND: a < b AND b < c"#),
        ErrorCase(
            #"SELECT a FROM t WHERE a < b < c"#, .unexpectedToken, at: (1, 29),
            #"expected AND, OR or the end of the condition after b but found '<'"#,
            help: #"comparisons do not chain in SQL; combine them with AND: a < b AND b < c"#),
        ErrorCase(
            #"SELECT x IS TRUE FROM t"#, .unsupported, at: (1, 10),
            #"IS TRUE is not supported"#,
            help: #"compare with = true, or use IS NOT DISTINCT FROM true to treat NULL as a value"#),
        ErrorCase(
            #"SELECT INTERVAL 7 DAY"#, .unexpectedToken, at: (1, 17),
            #"expected a quoted amount after INTERVAL but found 7"#,
            help: #"Trino writes the amount as a string: INTERVAL '7' DAY"#),
        ErrorCase(
            #"SELECT INTERVAL '7 days'"#, .unexpectedEnd, at: (1, 25),
            #"expected YEAR, MONTH, DAY, HOUR, MINUTE or SECOND after '7 days' but the query ended"#,
            help: #"an interval names its unit: INTERVAL '7' DAY (not INTERVAL '7 days')"#),
        ErrorCase(
            #"SELECT INTERVAL '7' DAYS"#, .unexpectedToken, at: (1, 21),
            #"expected YEAR, MONTH, DAY, HOUR, MINUTE or SECOND after '7' but found DAYS"#,
            help: #"write DAY, in the singular"#),
        ErrorCase(
            #"SELECT CAST(x AS STRUCT<a: int>)"#, .unexpectedToken, at: (1, 24),
            #"expected '(' or the end of the type after STRUCT but found '<'"#,
            help: #"in queries, a row type is written row(name type, …)"#),
        ErrorCase(
            #"SELECT $path FROM t"#, .unexpectedCharacter, at: (1, 8),
            #"unexpected character '$'"#, help: #"a name containing '$' must be double-quoted, like "$path""#),
        ErrorCase(
            #"SELECT a FROM t WHERE a != 1 & b"#, .unexpectedCharacter, at: (1, 30),
            #"unexpected character '&'"#, help: #"combine conditions with AND"#),
        ErrorCase(
            #"SELECT a FROM t WHERE a | b"#, .unexpectedCharacter, at: (1, 25),
            #"unexpected character '|'"#, help: #"combine conditions with OR (|| joins strings)"#),
        ErrorCase(
            #"SELECT `a` FROM t"#, .unexpectedCharacter, at: (1, 8),
            #"unexpected character '`'"#,
            help: #"queries quote names with double quotes ("name"); backquotes are only for Athena DDL"#),
        ErrorCase(
            #"SELECT a FROM t WHERE x IN ()"#, .unexpectedToken, at: (1, 29),
            #"expected a value after '(' but found ')'"#, help: #"an IN list needs at least one value"#),
        ErrorCase(
            #"SELECT a FROM t WHERE x IN 1, 2"#, .unexpectedToken, at: (1, 28),
            #"expected '(' after IN but found 1"#, help: #"write the list in parentheses: IN ('a', 'b')"#),
        ErrorCase(
            #"SELECT a FROM t JOIN u"#, .unexpectedEnd, at: (1, 23),
            #"expected ON or USING after u but the query ended"#,
            help: #"every JOIN but CROSS JOIN needs a condition: ON a.x = b.x, or ON true"#),
        ErrorCase(
            #"SELECT listagg(x, ',') WITHIN GROUP (ORDER BY x) FROM t"#, .unsupported, at: (1, 8),
            #"LISTAGG is not supported"#, help: #"use array_join(array_agg(x ORDER BY y), ',') instead"#),
        ErrorCase(
            #"SELECT json_value(x, '$.a') FROM t"#, .unsupported, at: (1, 8),
            #"JSON_VALUE is not supported"#, help: #"use json_extract, json_extract_scalar or json_format"#),
        ErrorCase(
            #"SELECT x AT TIME ZONE "UTC""#, .unexpectedToken, at: (1, 23),
            #"expected a time zone string such as 'UTC' after ZONE but found "UTC""#,
            help: #"in SQL, 'single quotes' make a string, "double quotes" a name: write 'UTC'"#),
        ErrorCase(
            #"SELECT X'GG'"#, .invalidLiteral, at: (1, 8),
            #"a binary literal can only contain hexadecimal digits"#,
            help: #"X'…' holds hex digits, two per byte: X'CAFE'"#),
        ErrorCase(
            #"SELECT X'ABC'"#, .invalidLiteral, at: (1, 8),
            #"a binary literal needs an even number of hexadecimal digits"#),
        ErrorCase(
            #"SELECT U&'\00G1'"#, .invalidLiteral, at: (1, 8),
            #"invalid Unicode escape"#, help: #"write \XXXX (4 hex digits) or \+XXXXXX (6)"#),
        ErrorCase(
            #"SELECT * FROM t LIMIT 99999999999999999999"#, .invalidLiteral, at: (1, 23),
            #"99999999999999999999 is too large for a row count or ALL after LIMIT"#),
        ErrorCase(
            #"SELECT """#, .emptyIdentifier, at: (1, 8),
            #"a quoted name cannot be empty"#, help: #"for an empty string, use single quotes: ''"#),
        ErrorCase(
            #"SELECT a FROM t GROUP BY"#, .unexpectedEnd, at: (1, 25),
            #"expected an expression after BY but the query ended"#),
        ErrorCase(
            #"SELECT a FROM t ORDER a"#, .unexpectedToken, at: (1, 23),
            #"expected BY after ORDER but found a"#),
        ErrorCase(
            #"SELECT CASE WHEN x THEN 1"#, .unexpectedEnd, at: (1, 26),
            #"expected END to close CASE after 1 but the query ended"#),
        ErrorCase(
            #"SELECT CASE END"#, .unexpectedToken, at: (1, 13),
            #"expected WHEN after CASE but found END"#),
        ErrorCase(
            #"SELECT count(*) OVER (PARTITION x)"#, .unexpectedToken, at: (1, 33),
            #"expected ')' after PARTITION but found x"#),
        ErrorCase(
            #"SELECT a.from FROM t"#, .unexpectedToken, at: (1, 10),
            #"expected a name after '.' but found FROM"#),
        ErrorCase(
            #"SELECT 日本 FROM t"#, .unexpectedCharacter, at: (1, 8),
            #"unexpected character '日'"#,
            help: #"unquoted names are ASCII letters, digits and '_'; double-quote any other name: "日本""#),
        ErrorCase(
            #"SELECT a；"#, .unexpectedCharacter, at: (1, 9),
            #"unexpected character '；'"#, help: #"'；' is a full-width character; use the ASCII ';'"#),
        ErrorCase(
            #"SELECT ‘x’ FROM t"#, .unexpectedCharacter, at: (1, 8),
            #"unexpected character '‘'"#,
            help: #"typographic quotes are not SQL quotes: 'single quotes' make a string, "double quotes" a name"#),
        ErrorCase(
            #"SELECT * FROM"#, .unexpectedEnd, at: (1, 14),
            #"expected a table name after FROM but the query ended"#),
        ErrorCase(
            #"SELECT"#, .unexpectedEnd, at: (1, 7),
            #"expected an expression after SELECT but the query ended"#),
        ErrorCase(
            #"SELECT ((((a))"#, .unexpectedEnd, at: (1, 15),
            #"expected ')' after ')' but the query ended"#, help: #"2 '(' are still open"#),
        ErrorCase(
            #"SELECT a FROM t WHERE NOT"#, .unexpectedEnd, at: (1, 26),
            #"expected an expression after NOT but the query ended"#),
        ErrorCase(
            #"SELECT a + FROM t"#, .unexpectedToken, at: (1, 12),
            #"expected an expression after '+' but found FROM"#),
        ErrorCase(
            #"SELECT a AS FROM t"#, .unexpectedToken, at: (1, 13),
            #"expected an alias after AS but found FROM"#),
        ErrorCase(
            #"SELECT TRIM(LEADING x)"#, .unexpectedToken, at: (1, 22),
            #"expected FROM after x but found ')'"#),
        ErrorCase(
            #"DESCRIBE INPUT x"#, .unsupported, at: (1, 1),
            #"DESCRIBE INPUT is not supported"#),
        ErrorCase(
            #"SHOW TABLES"#, .unsupported, at: (1, 1),
            #"SHOW statements other than SHOW COLUMNS are not supported"#, help: #"use DESCRIBE cloudtrail_logs"#),
        ErrorCase(
            #"SELECT a FROM t ORDER BY a LIMIT -1"#, .unexpectedToken, at: (1, 34),
            #"expected a row count or ALL after LIMIT but found '-'"#),
        ErrorCase(
            #"SELECT a FROM t WHERE eventtime < ='2023-01-19'"#, .unexpectedToken, at: (1, 35),
            #"expected an expression after '<' but found '='"#, help: #"write <= without a space"#),
        ErrorCase(
            #"SELECT a FROM t WHERE x IS"#, .unexpectedEnd, at: (1, 27),
            #"expected NULL or DISTINCT FROM after IS but the query ended"#),
        ErrorCase(
            #"SELECT a FROM t WHERE x NOT y"#, .unexpectedToken, at: (1, 25),
            #"expected the end of the query after x but found NOT"#,
            help: #"NOT goes before a condition (NOT x = 1), or before BETWEEN, IN or LIKE (x NOT IN (…))"#),
        ErrorCase(
            #"SELECT a FROM t WHERE x BETWEEN 1 OR 2"#, .unexpectedToken, at: (1, 35),
            #"expected AND between the bounds of BETWEEN after 1 but found OR"#),
        ErrorCase(
            #"SELECT CAST(x varchar)"#, .unexpectedToken, at: (1, 15),
            #"expected AS and a type in CAST after x but found varchar"#),
        ErrorCase(
            #"SELECT CAST(x AS)"#, .unexpectedToken, at: (1, 17),
            #"expected a type such as varchar or bigint after AS but found ')'"#),
        ErrorCase(
            #"SELECT EXISTS x"#, .unexpectedToken, at: (1, 15),
            #"expected '(' and a query after EXISTS but found x"#),
        ErrorCase(
            #"SELECT a FROM t GROUP BY a HAVING"#, .unexpectedEnd, at: (1, 34),
            #"expected an expression after HAVING but the query ended"#),
        ErrorCase(
            #"SELECT * FROM (SELECT a FROM t"#, .unexpectedEnd, at: (1, 31),
            #"expected ')' after t but the query ended"#, help: #"1 '(' is still open"#),
        ErrorCase(
            #"SELECT * FROM (SELECT a FROM WHERE) x"#, .unexpectedToken, at: (1, 30),
            #"expected a table name after FROM but found WHERE"#),
        ErrorCase(
            #"SELECT a FROM t WHERE a IN (SELECT b FROM)"#, .unexpectedToken, at: (1, 42),
            #"expected a table name after FROM but found ')'"#),
        ErrorCase(
            #"SELECT x -> FROM t"#, .unexpectedToken, at: (1, 13),
            #"expected the lambda's body after '->' but found FROM"#),
        ErrorCase(
            #"SELECT ARRAY[1, 2"#, .unexpectedEnd, at: (1, 18),
            #"expected ']' after 2 but the query ended"#),
        ErrorCase(
            #"SELECT a[1 FROM t"#, .unexpectedToken, at: (1, 12),
            #"expected ']' after 1 but found FROM"#),
        ErrorCase(
            #"SELECT a FROM t WHERE b LIKE"#, .unexpectedEnd, at: (1, 29),
            #"expected a pattern after LIKE but the query ended"#),
        ErrorCase(
            #"SELECT a FROM t ORDER BY a NULLS"#, .unexpectedEnd, at: (1, 33),
            #"expected FIRST or LAST after NULLS but the query ended"#),
        ErrorCase(
            #"SELECT a FROM t FETCH FIRST 5 ROWS"#, .unexpectedEnd, at: (1, 35),
            #"expected ONLY or WITH TIES after ROWS but the query ended"#),
        ErrorCase(
            #"SELECT lag(x) IGNORE NULLS FROM t"#, .unexpectedToken, at: (1, 28),
            #"expected OVER after NULLS but found FROM"#,
            help: #"IGNORE NULLS and RESPECT NULLS apply to window functions"#),
        ErrorCase(
            #"SELECT * FROM t FOR TIMESTAMP AS OF now()"#, .unsupported, at: (1, 17),
            #"time travel (FOR TIMESTAMP | VERSION AS OF) is not supported"#),
        ErrorCase(
            #"SELECT * FROM TABLE(f(1))"#, .unsupported, at: (1, 15),
            #"a table function (TABLE(…)) is not supported"#),
        ErrorCase(
            #"SELECT NORMALIZE(s, NFD)"#, .unsupported, at: (1, 8),
            #"NORMALIZE with a normal form is not supported"#, help: #"use normalize(s), which is NFC"#),
        ErrorCase(
            #"SELECT a FROM t WHERE b = 'x' ORDER BY c LIMIT 10 20"#, .unexpectedToken, at: (1, 51),
            #"expected the end of the query after 10 but found 20"#),
        ErrorCase(
            #"EXPLAIN (FORMAT XML) SELECT 1"#, .unexpectedToken, at: (1, 17),
            #"expected TEXT, GRAPHVIZ or JSON after FORMAT but found XML"#),
        ErrorCase(
            #"SELECT "a" 'b'"#, .unexpectedToken, at: (1, 12),
            #"expected an operator or ',' after "a" but found 'b'"#,
            help: #"a missing ','? (a typed literal such as DATE '2024-01-01' has no quotes around the type)"#),
        ErrorCase(
            #"SELECT a FROM t WHERE (b = 1"#, .unexpectedEnd, at: (1, 29),
            #"expected ')' after 1 but the query ended"#, help: #"1 '(' is still open"#),
        // Errors on later lines point at the right line and column.
        ErrorCase(
            "SELECT a\nFROM t\nWHERE b = = 1", .unexpectedToken, at: (3, 11),
            "expected an expression after '=' but found '='"),
        ErrorCase(
            "SELECT a,\n       b,\n  FROM t", .unexpectedToken, at: (3, 3),
            "expected an expression after ',' but found FROM", help: "remove the ',' before FROM"),
        ErrorCase(
            "SELECT '日本語' AS 名前 FROM t", .unexpectedCharacter, at: (1, 17), "unexpected character '名'",
            help: "unquoted names are ASCII letters, digits and '_'; double-quote any other name: \"名前\""),
        ErrorCase(
            "SELECT a FROM t\n-- a comment\nWHERE", .unexpectedEnd, at: (3, 6),
            "expected an expression after WHERE but the query ended"),
        ErrorCase(";", .emptyStatement, at: (1, 1), "the query is empty before ';'"),
        ErrorCase(
            "  -- only a comment", .emptyStatement, at: (1, 1), "the query is empty",
            help: "write a query, e.g. SELECT * FROM cloudtrail_logs LIMIT 10"),
        ErrorCase(
            "SELECT * FROM edd1c4a2-1234-5678-9abc-def012345678 WHERE", .unexpectedEnd, at: (1, 57),
            "expected an expression after WHERE but the query ended"),
    ]
}

@Suite("Parse errors: code, place, message and help")
struct ParseErrorTests {
    @Test("the table has at least 40 error cases")
    func tableSize() {
        #expect(ErrorCase.all.count >= 40)
    }

    @Test("each bad statement fails with its code, position, message and help", arguments: ErrorCase.all)
    func error(_ c: ErrorCase) throws {
        let error = try #require(parseError(c.sql), "\(c.sql) parsed")
        #expect(error.kind == c.kind, "\(error.rendered(in: c.sql))")
        let span = try #require(error.span)
        let position = LineColumn(offset: span.start, in: c.sql)
        #expect(position.line == c.line && position.column == c.column, "at \(position)")
        #expect(error.message == c.message)
        #expect(error.help == c.help)
        #expect(span.end <= c.sql.utf8.count)
        #expect(error.stage == (error.kind.code.hasPrefix("E_LEX") ? .lex : .parse))
    }

    @Test("an error renders as code, location, the line with a caret, help and notes")
    func rendering() throws {
        let sql = "SELECT eventname,\n       count(*\nFROM cloudtrail_logs"
        let error = try #require(parseError(sql))
        #expect(
            error.rendered(in: sql) == """
                error[E_PARSE_UNEXPECTED_TOKEN]: expected ')' after '*' but found FROM
                 --> query:3:1
                  | FROM cloudtrail_logs
                  | ^^^^
                  = note: to close the '(' at 2:13
                """)
        let help = try #require(parseError("SELECT a FROM t WHERE a == 'x'"))
        #expect(
            help.rendered(in: "SELECT a FROM t WHERE a == 'x'") == """
                error[E_PARSE_UNEXPECTED_TOKEN]: unexpected '==' after a
                 --> query:1:25
                  | SELECT a FROM t WHERE a == 'x'
                  |                         ^^
                  = help: SQL compares with a single '=', not '=='
                """)
        #expect(help.description == "error[E_PARSE_UNEXPECTED_TOKEN]: unexpected '==' after a")
    }

    @Test("the end of the query is pointed at just past the last character")
    func endOfQuery() throws {
        let sql = "SELECT a FROM t WHERE"
        let error = try #require(parseError(sql))
        #expect(error.span == SourceSpan(21, 21))
        #expect(error.rendered(in: sql).contains("  | SELECT a FROM t WHERE\n  |                      ^"))
    }

    @Test("errors in a subquery that could also be read another way report the reading that got further")
    func furthestError() throws {
        let error = try #require(parseError("SELECT * FROM t WHERE a IN (SELECT b FROM u WHERE)"))
        #expect(error.message == "expected an expression after WHERE but found ')'")
        let relation = try #require(parseError("SELECT * FROM (SELECT a FROM u GROUP x) AS s"))
        #expect(relation.message == "expected BY after GROUP but found x")
        let scalar = try #require(parseError("SELECT (SELECT max(a) FROM u ORDER a)"))
        #expect(scalar.message == "expected BY after ORDER but found a")
    }

    @Test("codes are stable strings and name their stage")
    func codes() {
        let kinds: [QueryError.Kind] = [
            .unterminatedString, .unterminatedQuotedIdentifier, .unterminatedComment, .unexpectedCharacter,
            .emptyIdentifier, .unexpectedToken, .unexpectedEnd, .unsupported, .nestedTooDeeply, .multipleStatements,
            .emptyStatement, .invalidLiteral,
        ]
        #expect(Set(kinds.map(\.code)).count == kinds.count)
        for kind in kinds {
            #expect(kind.code.hasPrefix(kind.stage == .lex ? "E_LEX_" : "E_PARSE_"))
            #expect(kind.description == kind.code)
        }
        #expect(QueryError.Kind.unexpectedToken.code == "E_PARSE_UNEXPECTED_TOKEN")
        #expect(QueryError.Kind.unterminatedString.code == "E_LEX_UNTERMINATED_STRING")
    }

    @Test("an error without a span renders without a location")
    func noSpan() {
        let error = QueryError(.unsupported, "something", at: nil, help: "do this", notes: ["a note"])
        #expect(
            error.rendered(in: "SELECT 1")
                == "error[E_PARSE_UNSUPPORTED]: something\n  = help: do this\n  = note: a note")
    }
}
