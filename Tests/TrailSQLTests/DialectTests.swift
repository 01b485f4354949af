import Testing
import TrailBase

@testable import TrailSQL

@Suite("Dialects: Athena and CloudTrail Lake")
struct DialectTests {
    static let lakeQueries = [
        "SELECT * FROM EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE",
        "SELECT eventname FROM a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 WHERE eventtime > '2024-01-01 00:00:00'",
        "SELECT * FROM $EDS_ID LIMIT 10",
        "SELECT * FROM cloudtrail_logs WHERE eventid IN (SELECT eventid FROM 11111111-2222-3333-4444-555555555555)",
        "SELECT a.eventid FROM edd1c4a2-1 AS a JOIN $OTHER_EDS b ON a.eventid = b.eventid",
        "EXPLAIN SELECT * FROM $EDS_ID",
    ]

    @Test("a query that reads an event data store id is CloudTrail Lake SQL", arguments: lakeQueries)
    func lake(_ sql: String) throws {
        let statement = try SQLParser.parse(sql)
        #expect(SQLDialect(detectingIn: statement) == .cloudTrailLake)
        #expect(statement.tables.contains { $0.isEventDataStore })
        try roundTrip(sql)
    }

    static let athenaQueries = [
        "SELECT * FROM cloudtrail_logs",
        "SELECT * FROM \"default\".\"cloudtrail-logs\"",
        "SELECT * FROM t--comment\n",
        "SELECT * FROM t WHERE a-1 = 0",
        "DESCRIBE cloudtrail_logs",
        "VALUES 1",
    ]

    @Test("any other query is Athena SQL", arguments: athenaQueries)
    func athena(_ sql: String) throws {
        #expect(SQLDialect(detectingIn: try SQLParser.parse(sql)) == .athena)
    }

    @Test("an event data store id reads as one name only in FROM")
    func onlyInFrom() throws {
        // Outside FROM the same text is arithmetic.
        #expect(try SQLParser.parse("SELECT edd1c4a2-1234 FROM t").description == "SELECT edd1c4a2 - 1234 FROM t")
        guard case .query(let query) = try SQLParser.parse("SELECT * FROM edd1c4a2-1234"),
            case .select(let select) = query.body, case .table(let table) = select.from[0]
        else {
            Issue.record("shape")
            return
        }
        #expect(table.name == .eventDataStore("edd1c4a2-1234"))
        #expect(table.span == SourceSpan(14, 27))
    }

    @Test("the Athena dialect rejects an event data store id")
    func athenaRejectsLake() throws {
        do {
            _ = try SQLParser.parse("SELECT * FROM $EDS_ID", dialect: .athena)
            Issue.record("parsed")
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.span == SourceSpan(14, 21))
            #expect(error.help == "event data store ids are CloudTrail Lake syntax; in Athena, FROM names a table")
        }
        _ = try SQLParser.parse("SELECT * FROM $EDS_ID", dialect: .cloudTrailLake)
        _ = try SQLParser.parse("SELECT * FROM cloudtrail_logs", dialect: .athena)
    }
}
