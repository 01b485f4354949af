import Foundation
import Testing
import TrailEngine
import TrailGenerator
import TrailS3
import TrailSource
import TrailTestSupport

/// A flat S3 prefix (not the CloudTrail layout) with many pages of objects: discovery lists its first page and
/// leaves the rest to the scan, whose workers list it a page at a time (`DeferredFolder.continuation`) while
/// others read. Checked against the same files in a local folder, on moto on 127.0.0.1 with 7 keys a page.
@Suite("flat S3 prefixes listed a page at a time", .serialized)
struct PagedListingTests {
    static let bucket = "engine-paged-flat"
    static let pageSize = 7

    /// The generated files, flat under `flat/` in the bucket and in a local folder, with a sub-folder sorting
    /// before them (on the first page) and one after them (on the last).
    static let sample: Result<(server: S3TestServer, local: URL, objects: Int), any Error> = Result {
        let server = try S3TestServer.shared
        let generated = try Fixtures.makeTemporaryDirectory("paged-generated")
        var options = GeneratorOptions(outputDirectory: generated.path)
        options.events = 400
        options.days = 1
        options.regions = ["us-east-1", "eu-west-1"]
        options.startDate = "2025-02-01"
        options.seed = 23
        _ = try LogGenerator(options: options).run()
        var files: [URL] = []
        let walker = FileManager.default.enumerator(at: generated, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.lastPathComponent.hasSuffix(".json.gz") && !url.path.contains("CloudTrail-Digest") { files.append(url) }
        }
        files.sort { $0.lastPathComponent < $1.lastPathComponent }
        let local = try Fixtures.makeTemporaryDirectory("paged-local")
        try server.makeBucket(bucket)
        for (index, file) in files.enumerated() {
            let name = index == 0 ? "0-first/" + file.lastPathComponent
                : index == files.count - 1 ? "zzz-last/" + file.lastPathComponent : file.lastPathComponent
            let target = local.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: file, to: target)
        }
        Fixtures.cleanUp(generated)
        guard try server.upload(folder: local.path, bucket: bucket, prefix: "flat/") == files.count else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["reason": "not every file was uploaded"])
        }
        return (server, local, files.count)
    }

    static func client(_ server: S3TestServer) -> S3Client {
        S3Client(settings: S3Settings(endpointURL: server.endpoint, backoffBaseSeconds: 0.01, listPageSize: pageSize),
                 credentials: { () throws(CredentialsError) in AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test") })
    }

    static func run(_ sql: String, source: String, client: S3Client?, cache: SegmentCache?) throws -> SegmentCacheTests.Answer {
        try SegmentCacheTests.run(sql, source: source, cache: cache,
                                  scan: ParallelScan.Options(fetcher: client.map { ObjectFetcher(client: $0) }))
    }

    @Test("discovery holds one page; the rest is listed once, page by page, by the scan")
    func discoveryHoldsOnePage() throws {
        let (server, _, objects) = try Self.sample.get()
        let client = Self.client(server)
        let discovery = try SourceDiscovery.discover(["s3://\(Self.bucket)/flat/"], client: client, defersDays: true)
        // The first page: the sub-folder `0-first/` (walked: one file) and six objects.
        #expect(discovery.files.count == Self.pageSize)
        let rest = try #require(discovery.deferred.first)
        #expect(discovery.deferred.count == 1 && rest.continuation != nil && rest.position == Self.pageSize)
        // Without deferral (`--max-scan-bytes` needs every file up front) the whole prefix is listed.
        #expect(try SourceDiscovery.discover(["s3://\(Self.bucket)/flat/"], client: client).files.count == objects)

        let mark = server.markLog()
        let answer = try Self.run("SELECT count(*) FROM t", source: "s3://\(Self.bucket)/flat/", client: client, cache: nil)
        #expect(answer.rows == ["int(400)"])
        #expect(answer.statistics.scan.filesRead == objects)
        // Items: the objects outside the sub-folders plus the two sub-folders; each page listed once, and each
        // sub-folder once.
        let pages = (objects - 2 + 2 + Self.pageSize - 1) / Self.pageSize
        #expect(server.listRequests(bucket: Self.bucket, since: mark) == pages + 2)
        #expect(server.getObjectRequests(bucket: Self.bucket, since: mark) == objects)
    }

    @Test("the same rows in the same order and the same counts as the local folder, with the cache off, cold and warm")
    func sameAnswersAsTheLocalFolder() throws {
        let (server, local, _) = try Self.sample.get()
        let client = Self.client(server)
        let cacheFolder = try Fixtures.makeTemporaryDirectory("paged-cache")
        defer { Fixtures.cleanUp(cacheFolder) }
        let cache = SegmentCache(directory: cacheFolder.path)
        let queries = [
            // Without ORDER BY, rows come in file order: the pages must be consumed in key order.
            "SELECT eventid FROM t WHERE errorcode IS NOT NULL OR eventname LIKE 'Get%'",
            "SELECT eventname, count(*) c FROM t GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10",
            "SELECT * FROM t WHERE requestparameters LIKE '%bucket%' ORDER BY eventid",
        ]
        for sql in queries {
            let expected = try Self.run(sql, source: local.path, client: nil, cache: nil)
            #expect(!expected.rows.isEmpty, "\(sql)")
            for (label, cache) in [("no cache", nil), ("cold", cache), ("warm", cache)] as [(String, SegmentCache?)] {
                let answer = try Self.run(sql, source: "s3://\(Self.bucket)/flat/", client: client, cache: cache)
                #expect(answer.rows == expected.rows, "\(label): \(sql)")
                let (a, b) = (answer.statistics.scan, expected.statistics.scan)
                #expect(a.filesFound == b.filesFound && a.filesRead == b.filesRead && a.records == b.records, "\(label): \(sql)")
                #expect(answer.statistics.filesToScan == expected.statistics.filesToScan, "\(label): \(sql)")
            }
        }
    }

    @Test("a LIMIT met early stops the listing: pages never reached are not listed")
    func limitStopsTheListing() throws {
        let (server, _, objects) = try Self.sample.get()
        let mark = server.markLog()
        let answer = try Self.run("SELECT eventid FROM t LIMIT 3", source: "s3://\(Self.bucket)/flat/", client: Self.client(server), cache: nil)
        #expect(answer.rows.count == 3)
        let pages = (objects + Self.pageSize - 1) / Self.pageSize
        #expect(server.listRequests(bucket: Self.bucket, since: mark) < pages)
    }
}
