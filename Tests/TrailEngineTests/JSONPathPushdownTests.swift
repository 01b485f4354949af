import Foundation
import Testing
import TrailColumnar
import TrailEngine
import TrailExec
import TrailSource
import TrailTestSupport

/// `json_extract_scalar(<JSON-text column>, '<path>')` answered by the scan (`JSONPathPushdown`, `PushedJSONPath`)
/// must give what the function gives on the column's text. `json_extract_scalar(column || '', path)` is the same
/// call the rule cannot push (its argument is not a column), so each query compares the two, row by row.
@Suite("json_extract_scalar pushed into the scan")
struct JSONPathPushdownTests {
    static func run(_ sql: String, _ sources: [String], cache: SegmentCache? = nil) throws -> [[Value]] {
        let sink = CollectingSink()
        var schema: [Field] = []
        _ = try QueryRun.run(sql, sources: sources, options: QueryRun.Options(cache: cache)) { resultSchema in
            schema = zip(resultSchema.names, resultSchema.types).map { Field($0, $1) }
            return sink
        }
        let batch = sink.batch(schema: schema)
        return (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } }
    }

    /// EXPLAIN's text (over an empty folder: the plan does not depend on the files).
    static func explain(_ sql: String) throws -> String {
        let empty = try Fixtures.makeTemporaryDirectory("pushdown-explain")
        defer { Fixtures.cleanUp(empty) }
        return try run("EXPLAIN " + sql, [empty.path]).map { $0[0].string ?? "" }.joined(separator: "\n")
    }

    /// The scan's `decodes:` line of a plan.
    static func decodes(_ sql: String) throws -> String {
        let plan = try explain(sql)
        let line = plan.split(separator: "\n").first { $0.contains("decodes: ") } ?? ""
        return String(line[line.range(of: "decodes: ")!.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    static let corpusPaths: [(column: String, path: String)] = [
        ("requestparameters", "$.bucketName"), ("requestparameters", "$.stackId"), ("requestparameters", "$.maxRecords"),
        ("requestparameters", "$.includeAllInstances"), ("requestparameters", "$.filterSet"),
        ("requestparameters", "$.filterSet.items[0].name"), ("requestparameters", "$.instancesSet.items[0].instanceId"),
        ("requestparameters", "$.volumeSet.items.0.volumeId"), ("requestparameters", "$.location[0]"),
        ("requestparameters", "$.encryptionContext"), ("requestparameters", "$.engine"), ("requestparameters", "$[0]"),
        ("responseelements", "$.ConsoleLogin"), ("responseelements", "$._return"),
        ("responseelements", "$.credentials.accessKeyId"), ("responseelements", "$.assumedRoleUser.arn"),
        ("additionaleventdata", "$.MFAUsed"), ("additionaleventdata", #"$["x-amz-id-2"]"#),
        ("additionaleventdata", "$.bytesTransferredIn"), ("serviceeventdetails", "$.serviceAccountId"),
        ("serviceeventdetails", "$.failureCodes[0]"),
    ]

    @Test("every path over the real corpus: the scan's answer is the function's, through the cache too")
    func realCorpus() throws {
        let paths = try RealCorpus.dataFiles()
        let cacheFolder = try Fixtures.makeTemporaryDirectory("pushdown-cache")
        defer { Fixtures.cleanUp(cacheFolder) }
        let cache = SegmentCache(directory: cacheFolder.path)
        // One query reads every path, so the corpus is scanned three times (no cache, cold, warm), not 63.
        let pushed = Self.corpusPaths.map { "json_extract_scalar(\($0.column), '\($0.path)')" }
        let plain = Self.corpusPaths.map { "json_extract_scalar(\($0.column) || '', '\($0.path)')" }
        let items = zip(pushed, plain).enumerated().map { index, pair in "\(pair.0) p\(index), \(pair.1) q\(index)" }
        let inner = "SELECT " + items.joined(separator: ", ") + " FROM cloudtrail_logs"
        let counts = Self.corpusPaths.indices.map { "count(p\($0)), count_if(p\($0) IS DISTINCT FROM q\($0))" }
        let sql = "SELECT count(*), " + counts.joined(separator: ", ") + " FROM (\(inner))"

        let decoded = try Self.decodes(sql)
        for (column, path) in Self.corpusPaths {
            #expect(decoded.contains("json_extract_scalar(\(column), '\(path)')"), "not pushed: \(column) \(path)")
        }
        for pass in ["no cache", "cold cache", "warm cache"] {
            let row = try Self.run(sql, paths, cache: pass == "no cache" ? nil : cache)[0]
            #expect(row[0] == .int(Int64(RealCorpus.expectedRecordCount)), "\(pass)")
            var found = 0
            for (index, (column, path)) in Self.corpusPaths.enumerated() {
                #expect(row[2 + 2 * index] == .int(0), "\(pass): \(column) \(path) differs from the function")
                if row[1 + 2 * index] != .int(0) { found += 1 }
            }
            // Not a vacuous comparison: most paths select values in the corpus.
            #expect(found >= 15, "\(pass): only \(found) paths found values")
        }
    }

    /// Odd shapes of the column's raw JSON, one record each, with what Athena gives for `$.bucketName`.
    static let oddRecords: [(json: String, bucket: String?)] = [
        (#""requestParameters": {"bucketName": "plain"}"#, "plain"),
        (#""requestParameters": "{\"bucketName\":\"in-a-string\"}""#, "in-a-string"),
        (#""requestParameters": "not json""#, nil),
        (#""requestParameters": 42"#, nil),
        (#""requestParameters": true"#, nil),
        (#""requestParameters": null"#, nil),
        (#""requestParameters": [{"bucketName": "in-an-array"}]"#, nil),
        (#""requestParameters": {"bucket\u004eame": "escaped-key"}"#, "escaped-key"),
        (#""requestParameters": {"bucketName": "first", "bucketName": "second"}"#, "first"),
        (#""requestParameters": {"bucketName": "first-member"}, "REQUESTPARAMETERS": {"bucketName": "second-member"}"#, "first-member"),
        (#""requestParameters" : {  "n" : 1.50 , "bucketName" :   "spaced" , "o" : { "a" : [ 1 , 2 ] } }"#, "spaced"),
        (#""requestParameters": {"bucketName": "a\"b\\c\u00e9\/"}"#, "a\"b\\cé/"),
        (#""requestParameters": {"bucketName": {"nested": 1}}"#, nil),
        (#""requestParameters": {"bucketName": null}"#, nil),
        (#""requestParameters": {"bucketName": 7}"#, "7"),
        (#""requestParameters": {"BucketName": "wrong-case"}"#, nil),
        (#""requestParameters": {}"#, nil),
        (#""eventName": "NoRequestParameters""#, nil),
    ]

    static let oddPaths = ["$.bucketName", "$.n", "$.o.a[1]", "$.o", "$[0].bucketName", "$.bucketName.nested"]

    static func writeOddFile(_ folder: URL) throws -> String {
        let records = oddRecords.enumerated().map { index, record in
            #"{"eventVersion": "1.08", "eventID": "e\#(index)", \#(record.json)}"#
        }
        let path = folder.appendingPathComponent("odd.json").path
        try ("{\"Records\": [\n" + records.joined(separator: ",\n") + "\n]}").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("odd shapes: strings holding JSON, scalars, arrays, escaped and repeated keys, whitespace")
    func oddShapes() throws {
        let folder = try Fixtures.makeTemporaryDirectory("pushdown-odd")
        defer { Fixtures.cleanUp(folder) }
        let file = try Self.writeOddFile(folder)
        let cache = SegmentCache(directory: folder.appendingPathComponent("cache").path)
        let pushed = Self.oddPaths.map { "json_extract_scalar(requestparameters, '\($0)')" }
        let plain = Self.oddPaths.map { "json_extract_scalar(requestparameters || '', '\($0)')" }
        let sql = "SELECT eventid, " + (pushed + plain).joined(separator: ", ") + " FROM t ORDER BY length(eventid), eventid"
        #expect(try Self.decodes(sql).hasPrefix("eventid, requestparameters, json_extract_scalar(requestparameters, '$.bucketName')"))
        for pass in ["no cache", "cold cache", "warm cache"] {
            let rows = try Self.run(sql, [file], cache: pass == "no cache" ? nil : cache)
            #expect(rows.count == Self.oddRecords.count, "\(pass)")
            for (row, record) in zip(rows, Self.oddRecords) {
                let expected: Value = record.bucket.map { .string($0) } ?? .null
                #expect(row[1] == expected, "\(pass): \(record.json)")
                for index in Self.oddPaths.indices {
                    #expect(row[1 + index] == row[1 + Self.oddPaths.count + index], "\(pass): \(Self.oddPaths[index]) of \(record.json)")
                }
            }
        }
        let spaced = try Self.run("SELECT json_extract_scalar(requestparameters, '$.n'), json_extract_scalar(requestparameters, '$.o.a[1]') FROM t WHERE eventid = 'e10'", [file])
        #expect(spaced == [[.string("1.50"), .string("2")]])
    }

    @Test("a record that breaks off after the pushed member leaves no value behind")
    func brokenRecord() throws {
        let folder = try Fixtures.makeTemporaryDirectory("pushdown-broken")
        defer { Fixtures.cleanUp(folder) }
        let lines = [
            #"{"eventID": "a", "requestParameters": {"bucketName": "one"}}"#,
            #"{"eventID": "b", "requestParameters": {"bucketName": "lost"}, "eventName": tru}"#,
            #"{"eventID": "c", "requestParameters": {"bucketName": "three"}}"#,
        ]
        let file = folder.appendingPathComponent("lines.json").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let pushed = try Self.run("SELECT eventid, json_extract_scalar(requestparameters, '$.bucketName') FROM t ORDER BY 1", [file])
        let plain = try Self.run("SELECT eventid, json_extract_scalar(requestparameters || '', '$.bucketName') FROM t ORDER BY 1", [file])
        #expect(pushed == plain)
        #expect(pushed.first == [.string("a"), .string("one")])
        #expect(!pushed.contains { $0[1] == .string("lost") })
    }

    @Test("the rule: what the scan decodes")
    func plans() throws {
        let q4 = "SELECT json_extract_scalar(requestparameters, '$.bucketName') b, count(*) FROM t WHERE eventsource = 's3.amazonaws.com' GROUP BY 1"
        #expect(try Self.decodes(q4) == "eventsource, json_extract_scalar(requestparameters, '$.bucketName')")
        // In WHERE, ORDER BY and a join's condition too; one path decoded once however often it is used.
        let everywhere = """
            SELECT json_extract_scalar(requestparameters, '$.key') FROM t
            WHERE json_extract_scalar(requestparameters, '$.bucketName') = 'b'
            ORDER BY json_extract_scalar(requestparameters, '$.bucketName')
            """
        #expect(try Self.decodes(everywhere) == "json_extract_scalar(requestparameters, '$.bucketName'), json_extract_scalar(requestparameters, '$.key')")
        // The column itself is still decoded when something else reads it.
        #expect(try Self.decodes("SELECT requestparameters, json_extract_scalar(requestparameters, '$.a') FROM t")
            == "requestparameters, json_extract_scalar(requestparameters, '$.a')")
        // `$` selects the whole value: left to the function.
        #expect(try Self.decodes("SELECT json_extract_scalar(requestparameters, '$') FROM t") == "requestparameters")
        // Not through DISTINCT (its rows are compared whole), nor a nested row's field.
        #expect(try Self.decodes("SELECT json_extract_scalar(rp, '$.a') FROM (SELECT DISTINCT requestparameters rp FROM t)") == "requestparameters")
        #expect(try Self.decodes("SELECT json_extract_scalar(useridentity.arn, '$.a') FROM t") == "useridentity.arn")
    }
}
