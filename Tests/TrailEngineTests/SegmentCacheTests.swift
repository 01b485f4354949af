import Foundation
import Testing
import TrailColumnar
import TrailEngine
import TrailExec
import TrailGenerator
import TrailSource
import TrailTestSupport

/// The decoded-column cache over real gzip files written by the generator: the same answers without it, cold
/// and warm; never served for a changed or vanished file; corrupt entries detected and rebuilt; size limit kept.
@Suite("decoded-column cache", .serialized)
struct SegmentCacheTests {
    static let queries = [
        "SELECT count(*) FROM t",
        "SELECT eventname, count(*) c FROM t GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10",
        "SELECT eventtime, sourceipaddress, useridentity.arn FROM t WHERE eventname = 'ConsoleLogin' AND useridentity.type = 'IAMUser' ORDER BY 1, 2, 3",
        "SELECT json_extract_scalar(requestparameters, '$.bucketName') b, count(*) FROM t WHERE eventsource = 's3.amazonaws.com' GROUP BY 1 ORDER BY 1",
        "SELECT useridentity.arn, count(*) FROM t WHERE errorcode = 'AccessDenied' GROUP BY 1 ORDER BY 1",
        // Wide and a needle: not cached (files without the needle are not even parsed).
        "SELECT * FROM t WHERE requestparameters LIKE '%i-0a1b2c3d4e5f67890%' ORDER BY eventid",
        "SELECT * FROM t WHERE requestparameters LIKE '%bucket%' ORDER BY eventid LIMIT 50",
        // Wide without a needle: cached whole.
        "SELECT * FROM t WHERE eventid > '5' ORDER BY eventid LIMIT 20",
        "SELECT region, accountid, \"$path\", count(*) FROM t WHERE day = '02' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    ]

    static func generate(_ folder: URL, events: Int = 6_000) throws {
        var options = GeneratorOptions(outputDirectory: folder.path)
        options.events = events
        options.days = 2
        options.seed = 5
        _ = try LogGenerator(options: options).run()
    }

    struct Answer {
        var rows: [String]
        var statistics: QueryStatistics
    }

    static func run(_ sql: String, _ folder: URL, cache: SegmentCache?, maxScanBytes: Int? = nil) throws -> Answer {
        let sink = CollectingSink()
        var schema: [Field] = []
        let options = QueryRun.Options(maxScanBytes: maxScanBytes, cache: cache)
        let result = try QueryRun.run(sql, sources: [folder.path], options: options) { resultSchema in
            schema = zip(resultSchema.names, resultSchema.types).map { Field($0, $1) }
            return sink
        }
        let batch = sink.batch(schema: schema)
        let rows = (0..<batch.count).map { row in batch.columns.map { "\($0.value(at: row))" }.joined(separator: "|") }
        return Answer(rows: rows, statistics: result.statistics)
    }

    @Test("cold and warm runs give the answers of a run without the cache, the warm one from the cache alone")
    func sameAnswers() throws {
        let folder = try Fixtures.makeTemporaryDirectory("cache-logs")
        let cacheFolder = try Fixtures.makeTemporaryDirectory("cache-dir")
        defer { Fixtures.cleanUp(folder); Fixtures.cleanUp(cacheFolder) }
        try Self.generate(folder)
        let cache = SegmentCache(directory: cacheFolder.path)
        for sql in Self.queries {
            let plain = try Self.run(sql, folder, cache: nil)
            let cold = try Self.run(sql, folder, cache: cache)
            let warm = try Self.run(sql, folder, cache: cache)
            #expect(cold.rows == plain.rows, "\(sql)")
            #expect(warm.rows == plain.rows, "\(sql)")
            #expect(!plain.rows.isEmpty, "\(sql)")
            if sql.contains("requestparameters LIKE") {
                // SELECT * with a needle bypasses the cache.
                #expect(warm.statistics.scan.filesFromCache == 0, "\(sql)")
            } else {
                // The repeat reads no log file: everything comes from the cache.
                #expect(warm.statistics.scan.filesFromCache == warm.statistics.scan.filesRead, "\(sql)")
                #expect(warm.statistics.scan.bytesRead == 0, "\(sql)")
            }
            #expect(warm.statistics.scan.records == plain.statistics.scan.records || plain.statistics.scan.filesTextSkipped > 0, "\(sql)")
        }
        let statistics = cache.statistics()
        #expect(statistics.entries > 0 && statistics.corrupt == 0)
        #expect(statistics.rows == 6_000)
    }

    @Test("a changed or vanished file is never served from the cache")
    func changedFiles() throws {
        let folder = try Fixtures.makeTemporaryDirectory("cache-change")
        let cacheFolder = try Fixtures.makeTemporaryDirectory("cache-dir")
        defer { Fixtures.cleanUp(folder); Fixtures.cleanUp(cacheFolder) }
        try Self.generate(folder, events: 2_000)
        let cache = SegmentCache(directory: cacheFolder.path)
        let sql = "SELECT eventname, count(*) FROM t GROUP BY 1 ORDER BY 1"
        _ = try Self.run(sql, folder, cache: cache)
        let files = try LocalDiscovery.discover([folder.path]).files
        // Rewrite one file with one event less (new size and mtime), delete another.
        let changed = files[files.count / 2]
        let reader = FileReader()
        let inflater = Inflater()
        let raw = Array(try inflater.inflate(try reader.read(changed.path)))
        var document = try JSONSerialization.jsonObject(with: Data(raw)) as! [String: Any]
        var records = document["Records"] as! [[String: Any]]
        let dropped = records.removeLast()["eventName"] as! String
        document["Records"] = records
        let json = try JSONSerialization.data(withJSONObject: document)
        try Data(GzipWriter.compress(Array(json))).write(to: URL(fileURLWithPath: changed.path))
        let vanished = files.first { $0.path != changed.path }!
        let vanishedRaw = Array(try inflater.inflate(try reader.read(vanished.path)))
        let vanishedCount = (try JSONSerialization.jsonObject(with: Data(vanishedRaw)) as! [String: Any])["Records"].map { ($0 as! [Any]).count }!
        try FileManager.default.removeItem(atPath: vanished.path)

        let warm = try Self.run(sql, folder, cache: cache)
        let plain = try Self.run(sql, folder, cache: nil)
        #expect(warm.rows == plain.rows)
        #expect(warm.statistics.scan.records == 2_000 - 1 - vanishedCount)
        #expect(warm.statistics.scan.filesFromCache < warm.statistics.scan.filesRead)
        #expect(!dropped.isEmpty)
        // Once rebuilt, the changed segment is served again.
        let again = try Self.run(sql, folder, cache: cache)
        #expect(again.statistics.scan.filesFromCache == again.statistics.scan.filesRead)
        #expect(again.rows == plain.rows)
    }

    @Test("a corrupt entry is detected by its checksum, not trusted, and rebuilt")
    func corruption() throws {
        let folder = try Fixtures.makeTemporaryDirectory("cache-corrupt")
        let cacheFolder = try Fixtures.makeTemporaryDirectory("cache-dir")
        defer { Fixtures.cleanUp(folder); Fixtures.cleanUp(cacheFolder) }
        try Self.generate(folder, events: 2_000)
        let cache = SegmentCache(directory: cacheFolder.path)
        let sql = "SELECT eventsource, count(*) FROM t GROUP BY 1 ORDER BY 1"
        let plain = try Self.run(sql, folder, cache: nil)
        _ = try Self.run(sql, folder, cache: cache)
        let entries = FileManager.default.enumerator(atPath: cacheFolder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".seg") }
        #expect(entries.count >= 2)
        // Flip a byte in a column of one entry and in the header of another.
        for (index, entry) in entries.prefix(2).enumerated() {
            let url = cacheFolder.appendingPathComponent(entry)
            var bytes = [UInt8](try Data(contentsOf: url))
            let position = index == 0 ? bytes.count - 3 : 30
            bytes[position] ^= 0x40
            try Data(bytes).write(to: url)
        }
        let warm = try Self.run(sql, folder, cache: cache)
        #expect(warm.rows == plain.rows)
        #expect(warm.statistics.cacheCorrupt == 2)
        #expect(warm.statistics.scan.filesFromCache < warm.statistics.scan.filesRead)
        let again = try Self.run(sql, folder, cache: cache)
        #expect(again.rows == plain.rows)
        #expect(again.statistics.scan.filesFromCache == again.statistics.scan.filesRead)
        // A truncated entry is no better.
        let url = cacheFolder.appendingPathComponent(entries[0])
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        let truncated = try Self.run(sql, folder, cache: cache)
        #expect(truncated.rows == plain.rows)
    }

    @Test("past its size limit the cache drops the least recently used entries; clear empties it")
    func eviction() throws {
        let folder = try Fixtures.makeTemporaryDirectory("cache-evict")
        let cacheFolder = try Fixtures.makeTemporaryDirectory("cache-dir")
        defer { Fixtures.cleanUp(folder); Fixtures.cleanUp(cacheFolder) }
        try Self.generate(folder, events: 4_000)
        let unlimited = SegmentCache(directory: cacheFolder.path)
        _ = try Self.run("SELECT * FROM t", folder, cache: unlimited)
        let full = unlimited.statistics().bytes
        #expect(full > 0)
        unlimited.clear()
        let limited = SegmentCache(directory: cacheFolder.path, sizeLimit: full / 3)
        _ = try Self.run("SELECT * FROM t", folder, cache: limited)
        let kept = limited.statistics()
        #expect(kept.bytes <= full / 3)
        #expect(kept.entries > 0)
        #expect(limited.clear() == kept.entries)
        #expect(limited.statistics().entries == 0)
    }
}
