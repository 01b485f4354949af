import Foundation
import Testing
import TrailColumnar
@testable import TrailEngine
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
        // Wide and a needle: a view of the records that hold it (the others are not even parsed).
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

    /// Generated logs and an empty cache, in temporary folders that `cleanUp` deletes.
    struct Setup {
        let folder: URL
        let cacheFolder: URL
        let cache: SegmentCache

        init(_ name: String, events: Int = 6_000) throws {
            folder = try Fixtures.makeTemporaryDirectory(name)
            cacheFolder = try Fixtures.makeTemporaryDirectory("cache-dir")
            cache = SegmentCache(directory: cacheFolder.path)
            try SegmentCacheTests.generate(folder, events: events)
        }

        func cleanUp() {
            Fixtures.cleanUp(folder)
            Fixtures.cleanUp(cacheFolder)
        }
    }

    /// The inflated JSON of the gzip log file at `path`.
    static func json(_ path: String) throws -> [UInt8] {
        // The bytes read and inflated live in the reader and the inflater.
        let reader = FileReader()
        let inflater = Inflater()
        return try withExtendedLifetime((reader, inflater)) { Array(try inflater.inflate(try reader.read(path))) }
    }

    /// The records of the gzip log file at `path`.
    static func records(_ path: String) throws -> [[String: Any]] {
        (try JSONSerialization.jsonObject(with: Data(try json(path))) as! [String: Any])["Records"] as! [[String: Any]]
    }

    /// Writes the gzip log file at `path` anew with `records` (its size and modification time change).
    static func rewrite(_ path: String, records: [[String: Any]]) throws {
        let json = try JSONSerialization.data(withJSONObject: ["Records": records])
        try Data(GzipWriter.compress(Array(json))).write(to: URL(fileURLWithPath: path))
    }

    struct Answer {
        var rows: [String]
        var statistics: QueryStatistics
    }

    static func run(_ sql: String, _ folder: URL, cache: SegmentCache?, maxScanBytes: Int? = nil) throws -> Answer {
        try run(sql, source: folder.path, cache: cache, maxScanBytes: maxScanBytes)
    }

    static func run(_ sql: String, source: String, cache: SegmentCache?, maxScanBytes: Int? = nil,
                    scan: ParallelScan.Options = ParallelScan.Options()) throws -> Answer {
        let sink = CollectingSink()
        var schema: [Field] = []
        let options = QueryRun.Options(scan: scan, maxScanBytes: maxScanBytes, cache: cache)
        let result = try QueryRun.run(sql, sources: [source], options: options) { resultSchema in
            schema = zip(resultSchema.names, resultSchema.types).map { Field($0, $1) }
            return sink
        }
        let batch = sink.batch(schema: schema)
        let rows = (0..<batch.count).map { row in batch.columns.map { "\($0.value(at: row))" }.joined(separator: "|") }
        return Answer(rows: rows, statistics: result.statistics)
    }

    @Test("cold and warm runs give the answers of a run without the cache, the warm one from the cache alone")
    func sameAnswers() throws {
        let setup = try Setup("cache-logs")
        defer { setup.cleanUp() }
        let folder = setup.folder, cache = setup.cache
        for sql in Self.queries {
            let plain = try Self.run(sql, folder, cache: nil)
            let cold = try Self.run(sql, folder, cache: cache)
            let warm = try Self.run(sql, folder, cache: cache)
            #expect(cold.rows == plain.rows, "\(sql)")
            #expect(warm.rows == plain.rows, "\(sql)")
            #expect(!plain.rows.isEmpty, "\(sql)")
            // The repeat reads no log file: everything comes from the cache.
            #expect(warm.statistics.scan.filesFromCache == warm.statistics.scan.filesRead, "\(sql)")
            #expect(warm.statistics.scan.bytesRead == 0, "\(sql)")
            // A scan with search text parses what it would parse without the cache, and says so warm too.
            for run in [cold, warm] {
                #expect(run.statistics.scan.records == plain.statistics.scan.records, "\(sql)")
                #expect(run.statistics.scan.filesTextSkipped == plain.statistics.scan.filesTextSkipped, "\(sql)")
            }
        }
        let statistics = cache.statistics()
        #expect(statistics.entries > 0 && statistics.corrupt == 0)
        #expect(statistics.rows == 6_000)
        // Q3, Q4, Q5 and the two LIKE queries search text; each has its own views of the records that may match.
        #expect(statistics.views > 0 && statistics.viewRows < 6_000)
    }

    @Test("a changed or vanished file is never served from the cache")
    func changedFiles() throws {
        let setup = try Setup("cache-change", events: 2_000)
        defer { setup.cleanUp() }
        let folder = setup.folder, cache = setup.cache
        let sql = "SELECT eventname, count(*) FROM t GROUP BY 1 ORDER BY 1"
        _ = try Self.run(sql, folder, cache: cache)
        let files = try LocalDiscovery.discover([folder.path]).files
        // Rewrite one file with one event less (new size and mtime), delete another.
        let changed = files[files.count / 2]
        var records = try Self.records(changed.path)
        let dropped = records.removeLast()["eventName"] as! String
        try Self.rewrite(changed.path, records: records)
        let vanished = files.first { $0.path != changed.path }!
        let vanishedCount = try Self.records(vanished.path).count
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

    @Test("a view of the records holding search text is never served once a file changed, even one it skipped")
    func viewOfChangedFiles() throws {
        let setup = try Setup("cache-view", events: 2_000)
        defer { setup.cleanUp() }
        let folder = setup.folder, cache = setup.cache
        let sql = "SELECT eventname, sourceipaddress, count(*) FROM t WHERE eventname = 'ConsoleLogin' GROUP BY 1, 2 ORDER BY 2"
        let cold = try Self.run(sql, folder, cache: cache)
        #expect(cold.statistics.scan.filesTextSkipped > 0)
        #expect(cache.statistics().views > 0)
        #expect(cache.statistics().entries == cache.statistics().views)
        // A file the view skipped now holds a console login (its size and mtime change).
        let skipped = try LocalDiscovery.discover([folder.path]).files.first { file in
            !String(decoding: try Self.json(file.path), as: UTF8.self).contains("ConsoleLogin")
        }!
        var records = try Self.records(skipped.path)
        records[0]["eventName"] = "ConsoleLogin"
        records[0]["sourceIPAddress"] = "198.51.100.77"
        try Self.rewrite(skipped.path, records: records)

        let plain = try Self.run(sql, folder, cache: nil)
        // The new address is a group of its own.
        #expect(plain.rows.count == cold.rows.count + 1)
        let warm = try Self.run(sql, folder, cache: cache)
        #expect(warm.rows == plain.rows)
        #expect(warm.statistics.scan.filesFromCache > 0)
        #expect(warm.statistics.scan.filesFromCache < warm.statistics.scan.filesRead)
        let again = try Self.run(sql, folder, cache: cache)
        #expect(again.rows == plain.rows)
        #expect(again.statistics.scan.filesFromCache == again.statistics.scan.filesRead)
        // A query that needs every record does not take the view: it decodes and caches whole entries.
        let all = "SELECT eventname, count(*) FROM t GROUP BY 1 ORDER BY 1"
        #expect(try Self.run(all, folder, cache: cache).rows == Self.run(all, folder, cache: nil).rows)
        #expect(cache.statistics().rows == 2_000)
        // The whole entries now serve the search too (they hold its columns): no view is read or written.
        let views = cache.statistics().views
        let served = try Self.run("SELECT eventname, count(*) FROM t WHERE eventname = 'ConsoleLogin' GROUP BY 1", folder, cache: cache)
        #expect(served.statistics.scan.filesFromCache == served.statistics.scan.filesRead)
        #expect(served.statistics.scan.filesTextSkipped == 0)
        #expect(cache.statistics().views == views)
    }

    @Test("a file has one identity: entries made through a relative path serve a symlink and the absolute path")
    func oneIdentityPerFile() throws {
        let setup = try Setup("cache-identity", events: 1_500)
        let links = try Fixtures.makeTemporaryDirectory("cache-links")
        defer { setup.cleanUp(); Fixtures.cleanUp(links) }
        let folder = setup.folder, cache = setup.cache
        let sql = "SELECT eventname, count(*) FROM t GROUP BY 1 ORDER BY 1"
        let plain = try Self.run(sql, folder, cache: nil)
        // The same folder as a path relative to the working directory, with a `.` and a `..` in it.
        let workingDirectory = FileManager.default.currentDirectoryPath
        let depth = workingDirectory.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + "./" + folder.path.dropFirst() + "/../" + folder.lastPathComponent
        #expect(!relative.hasPrefix("/"))
        let cold = try Self.run(sql, source: relative, cache: cache)
        #expect(cold.rows == plain.rows)
        #expect(cold.statistics.scan.filesFromCache == 0)
        let entries = cache.statistics().entries
        #expect(entries > 0)
        let link = links.appendingPathComponent("trail")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: folder.path)
        for source in [folder.path, link.path, relative] {
            let warm = try Self.run(sql, source: source, cache: cache)
            #expect(warm.rows == plain.rows, "\(source)")
            #expect(warm.statistics.scan.filesRead > 0)
            #expect(warm.statistics.scan.filesFromCache == warm.statistics.scan.filesRead, "\(source)")
        }
        #expect(cache.statistics().entries == entries)
        // A different folder that holds the same relative names is another identity.
        let copy = try Fixtures.makeTemporaryDirectory("cache-identity-copy")
        defer { Fixtures.cleanUp(copy) }
        try Self.generate(copy, events: 1_500)
        let other = try Self.run(sql, copy, cache: cache)
        #expect(other.statistics.scan.filesFromCache == 0)
        #expect(cache.statistics().entries == 2 * entries)
    }

    @Test("entry headers round-trip: front-coded names, large and negative numbers, folders; damage is an error")
    func headerFormat() throws {
        let files = [
            SegmentEntry.File(name: "111122223333_CloudTrail_us-east-1_20261101T0000Z_a.json.gz", size: 0,
                              modificationTime: -1, version: 0, records: 0),
            SegmentEntry.File(name: "111122223333_CloudTrail_us-east-1_20261101T0005Z_b.json.gz", size: 5 << 30,
                              modificationTime: 1_763_000_000_123_456_789, version: .max, records: 1_000_000),
            SegmentEntry.File(name: "111122223333_CloudTrail", size: 1, modificationTime: .max, version: 1, records: 2),
            SegmentEntry.File(name: "", size: 127, modificationTime: .min, version: 128, records: 3),
            SegmentEntry.File(name: "ログ é.json.gz", size: 128, modificationTime: 0, version: 0, records: 4),
            SegmentEntry.File(name: "ログ ö.json.gz", size: 16_384, modificationTime: 0, version: 0, records: 5),
        ]
        let entry = SegmentEntry(folder: "/var/log/trail/", files: files, rowCount: 1_000_014, columns: [
            SegmentEntry.ColumnInfo(path: "eventname", type: "varchar", offset: 0, length: 1 << 33, checksum: .max),
            SegmentEntry.ColumnInfo(path: "requestparameters$.bucketName", type: "varchar", offset: 1 << 33, length: 0,
                                    checksum: 0),
        ])
        let header = entry.encodeHeader()
        let decoded = try header.withUnsafeBytes { try SegmentEntry.decodeHeader($0).entry }
        #expect(decoded.folder == entry.folder)
        #expect(decoded.files == files)
        #expect(decoded.rowCount == entry.rowCount)
        #expect(decoded.columns.map(\.path) == entry.columns.map(\.path))
        #expect(decoded.columns.map(\.length) == entry.columns.map(\.length))
        #expect(decoded.columns.map(\.checksum) == entry.columns.map(\.checksum))
        // Checked in place against the files now: any difference in folder, name, size, time or version.
        let now = files.map { LogFile(folder: "/var/log/trail/", name: $0.name, size: $0.size,
                                      modificationTime: $0.modificationTime, version: $0.version) }
        func matches(_ folder: String, _ files: [LogFile]) throws -> Bool {
            try header.withUnsafeBytes {
                try SegmentEntry.decodeHeader($0, expected: SegmentEntry.Expected(folder: folder, files: files[...])).matches
            }
        }
        #expect(try matches("/var/log/trail/", now))
        #expect(try !matches("/var/log/trail2/", now))
        #expect(try !matches("/var/log/trail/", Array(now.dropLast())))
        for index in now.indices {
            for change in 0..<4 {
                var changed = now
                switch change {
                case 0: changed[index].name += "x"
                case 1: changed[index].size += 1
                case 2: changed[index].modificationTime &+= 1
                default: changed[index].version &+= 1
                }
                #expect(try !matches("/var/log/trail/", changed), "file \(index), change \(change)")
            }
        }
        // Same length, one byte differs inside the part the second name shares with the first.
        var renamed = now
        renamed[1].name = "211122223333_CloudTrail_us-east-1_20261101T0005Z_b.json.gz"
        #expect(try !matches("/var/log/trail/", renamed))
        // A view round-trips, and is what it says: it matches only a scan asking for its needles.
        var viewed = entry
        viewed.view = SegmentEntry.View(needles: "files:436f6e736f6c654c6f67696e", rows: [0, 7, 2, 3, 0, 5],
                                        textSkipped: [true, false, false, false, false, false])
        viewed.rowCount = 17
        let viewHeader = viewed.encodeHeader()
        let decodedView = try viewHeader.withUnsafeBytes { try SegmentEntry.decodeHeader($0).entry }
        #expect(decodedView.view == viewed.view)
        #expect(decodedView.rowsPerFile == [0, 7, 2, 3, 0, 5])
        func viewMatches(_ needles: String?) throws -> Bool {
            try viewHeader.withUnsafeBytes {
                try SegmentEntry.decodeHeader($0, expected: SegmentEntry.Expected(folder: "/var/log/trail/", files: now[...],
                                                                                   needles: needles)).matches
            }
        }
        #expect(try viewMatches("files:436f6e736f6c654c6f67696e"))
        #expect(try !viewMatches("records:436f6e736f6c654c6f67696e"))
        #expect(try !viewMatches(nil))
        #expect(try !header.withUnsafeBytes {
            try SegmentEntry.decodeHeader($0, expected: SegmentEntry.Expected(folder: "/var/log/trail/", files: now[...],
                                                                               needles: "files:436f6e736f6c654c6f67696e")).matches
        })
        // A view cannot keep more rows than a file has records, nor rows of a file it did not parse.
        for (rows, skipped) in [([0, 7, 2, 3, 0, 6], false), ([1, 7, 2, 3, 0, 5], true)] {
            var bad = viewed
            bad.view!.rows = rows
            bad.view!.textSkipped[0] = skipped
            bad.rowCount = rows.reduce(0, +)
            bad.files[0].records = skipped ? 1 : 0
            #expect(throws: SegmentEntry.Corrupt.self) { try bad.encodeHeader().withUnsafeBytes { _ = try SegmentEntry.decodeHeader($0) } }
        }
        // Damaged bytes (which the CRC normally stops first) give an error or some header, never a crash.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var damaged = header
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = damaged.withUnsafeBytes { try? SegmentEntry.decodeHeader($0) }
            _ = damaged.withUnsafeBytes {
                try? SegmentEntry.decodeHeader($0, expected: SegmentEntry.Expected(folder: "/var/log/trail/", files: now[...]))
            }
        }
        // Every truncation is an error, never a crash or a shorter entry.
        for length in 0..<header.count {
            #expect(throws: SegmentEntry.Corrupt.self) {
                try header.prefix(length).withUnsafeBytes { _ = try SegmentEntry.decodeHeader($0) }
            }
        }
    }

    @Test("a corrupt entry is detected by its checksum, not trusted, and rebuilt")
    func corruption() throws {
        let setup = try Setup("cache-corrupt", events: 2_000)
        defer { setup.cleanUp() }
        let folder = setup.folder, cacheFolder = setup.cacheFolder, cache = setup.cache
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
        let setup = try Setup("cache-evict", events: 4_000)
        defer { setup.cleanUp() }
        let folder = setup.folder, cacheFolder = setup.cacheFolder, unlimited = setup.cache
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
