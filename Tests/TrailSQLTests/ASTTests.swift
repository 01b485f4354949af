import Testing
import TrailBase

@testable import TrailSQL

private func query(_ sql: String) throws -> Query {
    guard case .query(let query) = try SQLParser.parse(sql) else {
        throw QueryError(.unsupported, "not a query", at: nil)
    }
    return query
}

private func select(_ sql: String) throws -> Select {
    guard case .select(let select) = try query(sql).body else {
        throw QueryError(.unsupported, "not a SELECT", at: nil)
    }
    return select
}

private func firstItem(_ sql: String) throws -> Expression {
    guard case .expression(let column) = try select(sql).items[0] else {
        throw QueryError(.unsupported, "not an expression", at: nil)
    }
    return column.expression
}

@Suite("AST shape, names, literals and spans")
struct ASTTests {
    @Test("a dotted chain of names stays one column reference for the analyzer to resolve")
    func dottedNames() throws {
        guard case .column(let column) = try firstItem("SELECT useridentity.sessioncontext.sessionissuer.arn") else {
            Issue.record("not a column")
            return
        }
        #expect(column.name.parts.map(\.value) == ["useridentity", "sessioncontext", "sessionissuer", "arn"])
        #expect(column.name.normalized == "useridentity.sessioncontext.sessionissuer.arn")
        guard case .fieldAccess(let access) = try firstItem("SELECT resources[1].arn"),
            case .subscripted(let element) = access.base
        else {
            Issue.record("not a field of a subscript")
            return
        }
        #expect(access.field.value == "arn")
        #expect(element.index == .literal(Literal(.number(Literal.Number("1", kind: .integer)))))
    }

    @Test("names compare case-insensitively but keep their spelling; quoted names keep their text")
    func identifiers() throws {
        let a = Identifier("EventName", span: SourceSpan(0, 9))
        let b = Identifier("eventname", isQuoted: true, span: SourceSpan(5, 14))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.value == "EventName")
        #expect(a.normalized == "eventname")
        #expect(Identifier("$path", isQuoted: true).description == #""$path""#)
        #expect(Identifier("EventName", isQuoted: true).description == "EventName")
        #expect(Identifier("select").description == #""select""#)
        #expect(Identifier(#"a"b"#).description == #""a""b""#)
        #expect(Identifier("日本").description == #""日本""#)
        #expect(try firstItem(#"SELECT "EventName""#) == firstItem("SELECT eventname"))
    }

    @Test("string literals and JSON paths stay case-sensitive")
    func stringsAreCaseSensitive() throws {
        #expect(try firstItem("SELECT 'ConsoleLogin'") != firstItem("SELECT 'consolelogin'"))
        #expect(try firstItem("SELECT '$.bucketName'") == .literal(Literal(.string("$.bucketName"))))
    }

    @Test("numeric literals keep their text and kind; integers have a 64-bit value")
    func numbers() throws {
        func number(_ sql: String) throws -> Literal.Number? {
            guard case .literal(let literal) = try firstItem("SELECT \(sql)"), case .number(let n) = literal.value
            else {
                return nil
            }
            return n
        }
        #expect(try number("42") == Literal.Number("42", kind: .integer))
        #expect(try number("1.50") == Literal.Number("1.50", kind: .decimal))
        #expect(try number("1e3") == Literal.Number("1e3", kind: .double))
        #expect(try number("-5") == Literal.Number("-5", kind: .integer))
        #expect(try number("- 5") == Literal.Number("-5", kind: .integer))
        #expect(try number("42")?.int64Value == 42)
        #expect(try number("0x1F")?.int64Value == 31)
        #expect(try number("0o17")?.int64Value == 15)
        #expect(try number("0b101")?.int64Value == 5)
        #expect(try number("1_000")?.int64Value == 1000)
        #expect(try number("9223372036854775807")?.int64Value == Int64.max)
        #expect(try number("-9223372036854775808")?.int64Value == Int64.min)
        #expect(try number("9223372036854775808")?.int64Value == nil)
        #expect(try number("1.5")?.int64Value == nil)
    }

    @Test("typed, interval, binary and Unicode literals")
    func literals() throws {
        #expect(
            try firstItem("SELECT TIMESTAMP '2024-01-01 00:00:00'")
                == .literal(Literal(.typed(type: "timestamp", value: "2024-01-01 00:00:00"))))
        #expect(
            try firstItem("SELECT INTERVAL -'2' HOUR TO SECOND")
                == .literal(Literal(.interval(Literal.Interval(value: "2", sign: .minus, from: .hour, to: .second)))))
        #expect(try firstItem("SELECT X'cafe'") == .literal(Literal(.binary([0xCA, 0xFE]))))
        #expect(try firstItem(#"SELECT U&'\00E9t\+01F600'"#) == .literal(Literal(.string("ét😀"))))
        #expect(try firstItem(#"SELECT U&'!00E9!!' UESCAPE '!'"#) == .literal(Literal(.string("é!"))))
    }

    @Test("AND and OR chains are flattened into one node")
    func flattening() throws {
        guard case .logical(let or) = try firstItem("SELECT a OR b OR (c OR d) OR e AND f") else {
            Issue.record("not OR")
            return
        }
        #expect(or.op == .or)
        #expect(or.terms.count == 5)
        guard case .logical(let and) = or.terms[4] else {
            Issue.record("not AND")
            return
        }
        #expect(and.terms.count == 2)
    }

    @Test("spans are byte offsets of the text each node came from")
    func spans() throws {
        let sql = "SELECT  f(x, 'é') + 1 AS n FROM t WHERE a = 'b'"
        let select = try select(sql)
        let text = Array(sql.utf8)
        func source(_ span: SourceSpan) -> String { String(decoding: text[span.start..<span.end], as: UTF8.self) }
        guard case .expression(let column) = select.items[0], case .binary(let sum) = column.expression else {
            Issue.record("shape")
            return
        }
        #expect(source(column.span) == "f(x, 'é') + 1 AS n")
        #expect(source(sum.span) == "f(x, 'é') + 1")
        #expect(source(sum.left.span) == "f(x, 'é')")
        #expect(source(select.from[0].span) == "t")
        #expect(source(try #require(select.whereClause).span) == "a = 'b'")
        #expect(source(select.span) == "SELECT  f(x, 'é') + 1 AS n FROM t WHERE a = 'b'")
        #expect(source(column.alias!.span) == "n")
    }

    @Test("equality ignores spans: the same query written differently is equal")
    func equalityIgnoresSpans() throws {
        let a = try SQLParser.parse("SELECT a FROM t WHERE b=1")
        let b = try SQLParser.parse("select   A\nfrom T where (b = 1);")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.span != b.span)
        #expect(try SQLParser.parse("SELECT a FROM t WHERE b = 2") != a)
    }

    @Test("a parenthesised query without its own ORDER BY or LIMIT leaves no node")
    func parenthesisedQueries() throws {
        #expect(try SQLParser.parse("((SELECT 1))") == SQLParser.parse("SELECT 1"))
        guard case .setOperation(let union) = try query("(SELECT a FROM t LIMIT 1) UNION SELECT b FROM u").body,
            case .nested(let nested) = union.left
        else {
            Issue.record("shape")
            return
        }
        #expect(nested.limit?.count == 1)
    }

    @Test("INTERSECT binds tighter than UNION and EXCEPT; set operations are left-associative")
    func setOperations() throws {
        guard
            case .setOperation(let top) = try query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4").body,
            case .setOperation(let left) = top.left, case .setOperation(let intersect) = left.right
        else {
            Issue.record("shape")
            return
        }
        #expect(top.op == .except)
        #expect(left.op == .union)
        #expect(intersect.op == .intersect)
    }

    @Test("joins are left-associative and carry their criteria")
    func joins() throws {
        let select = try select(
            "SELECT * FROM a JOIN b USING (x) LEFT JOIN c ON true CROSS JOIN UNNEST(a.r) WITH ORDINALITY u (v, n)")
        guard case .join(let cross) = select.from[0], case .join(let left) = cross.left,
            case .join(let inner) = left.left,
            case .aliased(let aliased) = cross.right, case .unnest(let unnest) = aliased.relation
        else {
            Issue.record("shape")
            return
        }
        #expect(cross.kind == .cross && cross.criteria == nil)
        #expect(left.kind == .left && left.criteria == .on(.literal(Literal(.boolean(true)))))
        #expect(inner.kind == .inner && inner.criteria == .using([Identifier("x")]))
        #expect(unnest.withOrdinality)
        #expect(aliased.alias.value == "u" && aliased.columns.map(\.value) == ["v", "n"])
    }

    @Test("types parse into their structure")
    func types() throws {
        let type = try SQLParser.parseType("array(row(arn varchar, accountid varchar(12), type varchar))")
        guard case .array(let element) = type.kind, case .row(let fields) = element.kind else {
            Issue.record("shape")
            return
        }
        #expect(fields.map { $0.name?.value } == ["arn", "accountid", "type"])
        #expect(fields[1].type.kind == .named("varchar", parameters: [.number(12)]))
        #expect(
            try SQLParser.parseType("ARRAY<MAP<VARCHAR, BIGINT>>") == SQLParser.parseType("array(map(varchar, bigint))")
        )
        #expect(
            try SQLParser.parseType("timestamp(3) WITH TIME ZONE").kind == .timestamp(precision: 3, withTimeZone: true))
        #expect(try SQLParser.parseType("interval day to second").kind == .interval(from: .day, to: .second))
        #expect(try SQLParser.parseType("double precision").description == "double")
    }

    @Test("children and subqueries of expressions, and every table of a statement")
    func traversal() throws {
        let expression = try SQLParser.parseExpression("f(a, b) FILTER (WHERE c) + (SELECT 1 FROM u)")
        guard case .binary(let sum) = expression else {
            Issue.record("shape")
            return
        }
        #expect(sum.left.children.count == 3)
        #expect(sum.right.subqueries.count == 1)
        let statement = try SQLParser.parse(
            "WITH w AS (SELECT * FROM a) SELECT * FROM w JOIN b ON EXISTS (SELECT 1 FROM c) WHERE x IN (SELECT y FROM d)"
        )
        #expect(statement.tables.map(\.description) == ["a", "w", "b", "c", "d"])
        #expect(try SQLParser.parse("DESCRIBE cloudtrail_logs").tables.map(\.description) == ["cloudtrail_logs"])
    }

    @Test("EXPLAIN and DESCRIBE statements")
    func statements() throws {
        guard case .explain(let explain) = try SQLParser.parse("EXPLAIN ANALYZE VERBOSE SELECT 1") else {
            Issue.record("not EXPLAIN")
            return
        }
        #expect(explain.isAnalyze && explain.isVerbose)
        #expect(explain.statement.query != nil)
        guard case .describe(let describe) = try SQLParser.parse("SHOW COLUMNS IN t LIKE 'event%'") else {
            Issue.record("not DESCRIBE")
            return
        }
        #expect(describe.pattern == "event%")
        #expect(try SQLParser.parse("DESC t") == SQLParser.parse("DESCRIBE t"))
    }

    @Test("description of any node is its canonical SQL")
    func descriptions() throws {
        let select = try select(
            "select count(*) over (partition by a order by b desc) as n from t cross join unnest(r) as u (x) order by 1"
        )
        #expect(
            select.description
                == "SELECT count(*) OVER (PARTITION BY a ORDER BY b DESC) AS n FROM t CROSS JOIN UNNEST(r) AS u (x)")
        #expect(select.items[0].description == "count(*) OVER (PARTITION BY a ORDER BY b DESC) AS n")
        #expect(select.from[0].description == "t CROSS JOIN UNNEST(r) AS u (x)")
        #expect(try query("SELECT a FROM t ORDER BY a DESC NULLS FIRST").orderBy[0].description == "a DESC NULLS FIRST")
        #expect(Literal(.string("it's")).description == "'it''s'")
        #expect(
            DataType(
                .map(key: DataType(.named("varchar", parameters: [])), value: DataType(.named("json", parameters: [])))
            ).description == "map(varchar, json)")
    }
}
