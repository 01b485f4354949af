import Foundation
import Testing
import TrailEngine
import TrailGenerator
import TrailTestSupport

/// Day folders listed by the scan's workers as they reach them (`FolderWalk.Deferral`) against the same query
/// over a file list made up front (`--max-scan-bytes` needs one): the same rows in the same order and the same
/// counts, with and without the cache, pruned or not.
@Suite("day folders listed by the scan", .serialized)
struct DeferredListingTests {
    static let queries = [
        "SELECT count(*) FROM t",
        "SELECT eventname, count(*) c FROM t GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10",
        // Row order without ORDER BY is file order: the listings must come in the walk's order.
        "SELECT eventid, \"$path\" FROM t WHERE errorcode = 'AccessDenied'",
        "SELECT region, date, count(*) FROM t WHERE day IN ('02', '04') GROUP BY 1, 2 ORDER BY 1, 2",
        "SELECT eventname, count(*) FROM t WHERE eventtime >= '2025-06-03T00:00:00Z' AND eventtime < '2025-06-04T12:00:00Z' GROUP BY 1 ORDER BY 1",
        "SELECT * FROM t WHERE requestparameters LIKE '%bucket%' ORDER BY eventid LIMIT 5",
        "SELECT eventid FROM t LIMIT 3",
    ]

    static let logs: Result<URL, any Error> = Result {
        let folder = try Fixtures.makeTemporaryDirectory("deferred-logs")
        var options = GeneratorOptions(outputDirectory: folder.path)
        options.events = 4_000
        options.days = 5
        options.regions = ["us-east-1", "eu-west-1"]
        options.startDate = "2025-06-01"
        options.digests = true
        options.seed = 17
        _ = try LogGenerator(options: options).run()
        return folder
    }

    @Test("the same rows and counts as a file list made up front, with the cache off, cold and warm")
    func sameAnswers() throws {
        let folder = try Self.logs.get()
        // 5 days × 2 regions × 3 accounts, and the digests: the walk leaves the day folders to the scan.
        #expect(try SourceDiscovery.discover([folder.path], client: nil, defersDays: true).deferred.count >= 60)
        let cacheFolders = try (Fixtures.makeTemporaryDirectory("deferred-cache"), Fixtures.makeTemporaryDirectory("up-front-cache"))
        defer { Fixtures.cleanUp(cacheFolders.0); Fixtures.cleanUp(cacheFolders.1) }
        let caches = (SegmentCache(directory: cacheFolders.0.path), SegmentCache(directory: cacheFolders.1.path))
        for sql in Self.queries {
            for (label, deferredCache, upFrontCache) in [("no cache", nil, nil), ("cold", caches.0, caches.1), ("warm", caches.0, caches.1)]
                as [(String, SegmentCache?, SegmentCache?)]
            {
                let upFront = try SegmentCacheTests.run(sql, folder, cache: upFrontCache, maxScanBytes: Int.max)
                let deferred = try SegmentCacheTests.run(sql, folder, cache: deferredCache)
                #expect(!upFront.rows.isEmpty, "\(sql)")
                #expect(deferred.rows == upFront.rows, "\(label): \(sql)")
                // LIMIT stops the scan early: folders it never reached are not listed at all.
                guard !sql.contains("LIMIT") else { continue }
                let (a, b) = (deferred.statistics, upFront.statistics)
                #expect(a.scan.filesFound == b.scan.filesFound, "\(label): \(sql)")
                #expect(a.scan.filesSkipped == b.scan.filesSkipped && a.scan.skippedReasons == b.scan.skippedReasons, "\(label): \(sql)")
                #expect(a.filesPruned == b.filesPruned && a.foldersPruned == b.foldersPruned, "\(label): \(sql)")
                #expect(a.filesToScan == b.filesToScan && a.bytesToScan == b.bytesToScan, "\(label): \(sql)")
                #expect(a.scan.filesRead == b.scan.filesRead && a.scan.records == b.scan.records, "\(label): \(sql)")
                #expect(a.scan.filesFromCache == b.scan.filesFromCache && a.scan.filesTextSkipped == b.scan.filesTextSkipped,
                        "\(label): \(sql)")
            }
        }
        // The digest files were found and skipped in the workers' listings as in the walk's.
        let counts = try SegmentCacheTests.run("SELECT count(*) FROM t", folder, cache: nil).statistics.scan
        #expect((counts.skippedReasons["digest"] ?? 0) > 0)
    }
}
