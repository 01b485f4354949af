import Testing
import TrailBase

@testable import TrailSQL

/// Hostile nesting: the parser stops at `SQLLimits.maxNestingDepth` with a clear error, never overflows the stack,
/// and never takes exponential time on text it can read two ways.
/// A long generated SQL text, named by what it repeats (its text would flood the test log).
struct GeneratedSQL: CustomTestStringConvertible, Sendable {
    var name: String
    var sql: String
    var testDescription: String { name }
}

@Suite("Nesting limits")
struct NestingLimitTests {
    static let limit = SQLLimits.maxNestingDepth

    static func repeated(_ open: String, _ count: Int, _ middle: String, _ close: String) -> String {
        String(repeating: open, count: count) + middle + String(repeating: close, count: count)
    }

    static let tooDeep: [GeneratedSQL] = [
        GeneratedSQL(name: "100,000 (", sql: repeated("(", 100_000, "", "")),
        GeneratedSQL(name: "SELECT (((…1…)))", sql: "SELECT " + repeated("(", 100_000, "1", ")")),
        GeneratedSQL(name: "SELECT - - - … 1", sql: "SELECT " + String(repeating: "- ", count: 100_000) + "1"),
        GeneratedSQL(name: "SELECT NOT NOT … x", sql: "SELECT " + String(repeating: "NOT ", count: 100_000) + "x"),
        GeneratedSQL(name: "SELECT f(f(…))", sql: "SELECT " + repeated("f(", 100_000, "1", ")")),
        GeneratedSQL(name: "SELECT ARRAY[ARRAY[…]]", sql: "SELECT " + repeated("ARRAY[", 100_000, "1", "]")),
        GeneratedSQL(
            name: "CASE WHEN x THEN CASE …", sql: "SELECT " + repeated("CASE WHEN x THEN ", 100_000, "1", " END")),
        GeneratedSQL(
            name: "CASE CASE … operand", sql: "SELECT " + repeated("CASE ", 100_000, "x", " WHEN 1 THEN 2 END")),
        GeneratedSQL(
            name: "CAST(x AS array(array(…)))", sql: "SELECT CAST(x AS " + repeated("array(", 100_000, "int", ")") + ")"
        ),
        GeneratedSQL(name: "CAST(CAST(…))", sql: "SELECT " + repeated("CAST(", 100_000, "x", " AS int)")),
        GeneratedSQL(
            name: "row(a row(a …)) type", sql: "SELECT CAST(x AS " + repeated("row(a ", 100_000, "int", ")") + ")"),
        GeneratedSQL(
            name: "1 + 1 + … (100,000 terms)",
            sql: "SELECT " + Array(repeating: "1", count: 100_000).joined(separator: " + ")),
        GeneratedSQL(
            name: "a || a || …", sql: "SELECT " + Array(repeating: "a", count: 100_000).joined(separator: " || ")),
        GeneratedSQL(name: "x[1][1]…", sql: "SELECT x" + String(repeating: "[1]", count: 100_000)),
        GeneratedSQL(name: "x[x[x[…]]]", sql: "SELECT " + repeated("x[", 100_000, "1", "]")),
        GeneratedSQL(name: "f(x).a.b… on a call", sql: "SELECT f(x)" + String(repeating: ".a", count: 100_000)),
        GeneratedSQL(
            name: "x AT TIME ZONE 'UTC' AT …",
            sql: "SELECT x" + String(repeating: " AT TIME ZONE 'UTC'", count: 100_000)),
        GeneratedSQL(name: "(SELECT (SELECT …))", sql: "SELECT " + repeated("(SELECT ", 100_000, "1", ")")),
        GeneratedSQL(name: "FROM (SELECT * FROM (…))", sql: repeated("SELECT * FROM (", 100_000, "SELECT 1", ")")),
        GeneratedSQL(name: "((((SELECT 1))))", sql: repeated("(", 100_000, "SELECT 1", ")")),
        GeneratedSQL(
            name: "EXISTS (SELECT EXISTS (…))", sql: "SELECT " + repeated("EXISTS (SELECT ", 100_000, "1", ")")),
        GeneratedSQL(
            name: "WITH a AS (WITH a AS (…))", sql: repeated("WITH a AS (", 100_000, "SELECT 1", ") SELECT 1")),
        GeneratedSQL(name: "UNION chain", sql: "SELECT 1 " + String(repeating: "UNION SELECT 1 ", count: 100_000)),
        GeneratedSQL(
            name: "JOIN chain", sql: "SELECT * FROM a " + String(repeating: "JOIN a ON true ", count: 100_000)),
        GeneratedSQL(name: "FROM ((((t))))", sql: "SELECT * FROM " + repeated("(", 100_000, "t", ")")),
        GeneratedSQL(
            name: "UNNEST(ARRAY[(SELECT …)])",
            sql: "SELECT * FROM " + repeated("UNNEST(ARRAY[(SELECT * FROM ", 50_000, "t", ")])")),
        GeneratedSQL(name: "x -> x -> …", sql: "SELECT " + String(repeating: "x -> ", count: 100_000) + "1"),
        GeneratedSQL(name: "a IN (a IN (…))", sql: "SELECT a FROM t WHERE " + repeated("a IN (", 100_000, "1", ")")),
        GeneratedSQL(
            name: "a = ANY (SELECT a = ANY (…))", sql: "SELECT " + repeated("a = ANY (SELECT ", 100_000, "1", ")")),
        GeneratedSQL(
            name: "a BETWEEN (a BETWEEN …)", sql: "SELECT " + repeated("a BETWEEN (", 100_000, "1", ") AND 2")),
        GeneratedSQL(name: "a LIKE (a LIKE …)", sql: "SELECT " + repeated("a LIKE (", 100_000, "'x'", ")")),
        GeneratedSQL(
            name: "f() OVER (PARTITION BY f() OVER …)",
            sql: "SELECT " + repeated("f() OVER (PARTITION BY ", 100_000, "1", ")")),
        GeneratedSQL(
            name: "count(*) FILTER (WHERE count(*) FILTER …)",
            sql: "SELECT " + repeated("count(*) FILTER (WHERE ", 100_000, "x", ")")),
        GeneratedSQL(name: "trim(trim(…))", sql: "SELECT " + repeated("trim(", 100_000, "x", ")")),
        GeneratedSQL(name: "substring(… FROM …)", sql: "SELECT " + repeated("substring(x FROM ", 100_000, "1", ")")),
        GeneratedSQL(
            name: "EXTRACT(YEAR FROM EXTRACT(…))", sql: "SELECT " + repeated("EXTRACT(YEAR FROM ", 100_000, "x", ")")),
        GeneratedSQL(name: "ROW(ROW(…))", sql: "SELECT " + repeated("ROW(", 100_000, "1", ")")),
        GeneratedSQL(name: "(a, (a, …))", sql: "SELECT " + repeated("(a, ", 100_000, "1", ")")),
        GeneratedSQL(name: "GROUP BY ((((a))))", sql: "SELECT a FROM t GROUP BY " + repeated("(", 100_000, "a", ")")),
        GeneratedSQL(name: "ORDER BY f(f(…))", sql: "SELECT a FROM t ORDER BY " + repeated("f(", 100_000, "a", ")")),
        GeneratedSQL(name: "VALUES ((((1))))", sql: "VALUES " + repeated("(", 100_000, "1", ")")),
        GeneratedSQL(
            name: "EXPLAIN EXPLAIN …", sql: "EXPLAIN " + String(repeating: "EXPLAIN ", count: 100_000) + "SELECT 1"),
        GeneratedSQL(name: "(((… unclosed", sql: "SELECT " + String(repeating: "(", count: 100_000)),
        GeneratedSQL(name: "((SELECT ((SELECT … unclosed", sql: String(repeating: "((SELECT ", count: 30_000)),
    ]

    @Test("nesting beyond the limit is an error, not a crash", arguments: tooDeep)
    func tooDeepIsAnError(_ c: GeneratedSQL) throws {
        let sql = c.sql
        let error = try #require(parseError(sql))
        #expect(error.kind == .nestedTooDeeply, "\(error)")
        #expect(error.message == "the query nests more than \(Self.limit) levels deep")
        #expect(error.help == "simplify the query: fewer nested parentheses, subqueries or chained operators")
        let span = try #require(error.span)
        #expect(span.end <= sql.utf8.count)
    }

    @Test("100,000 opening parentheses fail on the first one past the limit")
    func hundredThousandParentheses() throws {
        let sql = String(repeating: "(", count: 100_000)
        let error = try #require(parseError(sql))
        #expect(error.kind == .nestedTooDeeply)
        #expect(error.span?.start ?? 0 < Self.limit + 10)
    }

    static let deepButFine: [GeneratedSQL] = [
        GeneratedSQL(name: #"SELECT  + (, 900, 1, )"#, sql: "SELECT " + repeated("(", 900, "1", ")")),
        GeneratedSQL(name: #"SELECT  + f(, 900, 1, )"#, sql: "SELECT " + repeated("f(", 900, "1", ")")),
        GeneratedSQL(
            name: #"SELECT  + CASE WHEN x THEN , 900, 1,  END"#,
            sql: "SELECT " + repeated("CASE WHEN x THEN ", 900, "1", " END")),
        GeneratedSQL(
            name: #"SELECT  + String(repeating: NOT , count: 900) + x"#,
            sql: "SELECT " + String(repeating: "NOT ", count: 900) + "x"),
        GeneratedSQL(
            name: #"SELECT  + Array(repeating: x, count: 100_000).joined(separator:  OR )"#,
            sql: "SELECT " + Array(repeating: "x", count: 100_000).joined(separator: " OR ")),
        GeneratedSQL(
            name: #"SELECT  + Array(repeating: x, count: 900).joined(separator:  || )"#,
            sql: "SELECT " + Array(repeating: "x", count: 900).joined(separator: " || ")),
        GeneratedSQL(
            name: #"SELECT a FROM t WHERE a IN ( + Array(repeating: 'v', count: 100_000).j"#,
            sql: "SELECT a FROM t WHERE a IN (" + Array(repeating: "'v'", count: 100_000).joined(separator: ", ") + ")"),
        GeneratedSQL(name: #"SELECT  + (SELECT , 300, 1, )"#, sql: "SELECT " + repeated("(SELECT ", 300, "1", ")")),
        GeneratedSQL(
            name: #"SELECT * FROM (, 300, SELECT 1, )"#, sql: repeated("SELECT * FROM (", 300, "SELECT 1", ")")),
    ]

    @Test("deep but legal nesting parses and prints a parsable fixed point", arguments: deepButFine)
    func deepButLegal(_ c: GeneratedSQL) throws {
        let statement = try SQLParser.parse(c.sql)
        let printed = statement.description
        #expect(try SQLParser.parse(printed).description == printed)
    }

    @Test("a moderately deep statement round-trips to an equal AST")
    func moderatelyDeepEquality() throws {
        try roundTrip("SELECT " + Self.repeated("f(", 200, "1", ")"))
        try roundTrip("SELECT " + Self.repeated("(SELECT ", 60, "1", ")"))
        try roundTrip("SELECT " + Array(repeating: "1", count: 200).joined(separator: " - "))
    }

    /// Text that reads two ways at every level (a subquery, or an expression that starts with one) is parsed once per
    /// place, not once per way of reaching it.
    static let ambiguous: [GeneratedSQL] = [
        GeneratedSQL(
            name: #"SELECT  + ((, 60, SELECT  + repeated(((, 60, SELECT 1, ))) +  + 1, ))"#,
            sql: "SELECT " + repeated("((", 60, "SELECT " + repeated("((", 60, "SELECT 1", "))") + " + 1", "))")),
        GeneratedSQL(
            name: #"SELECT  + (, 200, (SELECT 1) + 1, )"#, sql: "SELECT " + repeated("(", 200, "(SELECT 1) + 1", ")")),
        GeneratedSQL(name: #"SELECT  + substring(, 200, x, )"#, sql: "SELECT " + repeated("substring(", 200, "x", ")")),
        GeneratedSQL(
            name: #"SELECT * FROM  + (, 200, (SELECT 1) AS a JOIN b ON true, )"#,
            sql: "SELECT * FROM " + repeated("(", 200, "(SELECT 1) AS a JOIN b ON true", ")")),
        GeneratedSQL(
            name: #"SELECT a FROM t WHERE a IN  + (, 200, (SELECT 1), 2, )"#,
            sql: "SELECT a FROM t WHERE a IN " + repeated("(", 200, "(SELECT 1), 2", ")")),
        GeneratedSQL(
            name: #"SELECT  + (((, 30, SELECT a FAERE x, )))"#,
            sql: "SELECT " + repeated("(((", 30, "SELECT a FAERE x", ")))")),
    ]

    @Test("ambiguous nesting takes polynomial time", .timeLimit(.minutes(1)), arguments: ambiguous)
    func ambiguousNesting(_ c: GeneratedSQL) throws {
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = try? SQLParser.parse(c.sql) }
        #expect(elapsed < .seconds(5))
    }
}
