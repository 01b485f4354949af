import Foundation
import Testing
import TrailSource
import TrailTestSupport
@testable import TrailS3

/// The S3 client against a real S3-compatible server (moto) on 127.0.0.1: listing, reading, auth failures.
@Suite(.serialized) struct S3ClientTests {
    static func client(_ endpoint: String, key: String = "testing", secret: String = "testing", pageSize: Int? = nil,
                       maxAttempts: Int = 3) -> S3Client {
        S3Client(settings: S3Settings(endpointURL: endpoint, maxAttempts: maxAttempts, backoffBaseSeconds: 0.01, listPageSize: pageSize),
                 credentials: { () throws(CredentialsError) in AWSCredentials(accessKeyID: key, secretAccessKey: secret, source: "test") })
    }

    @Test func listingFollowsPagesAndDecodesOddKeys() throws {
        let server = try S3TestServer.shared
        let bucket = "client-pages"
        try server.makeBucket(bucket)
        let keys = (0..<7).map { "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/f\($0) a+b%c ü.json" }
            + ["AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/", "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/d.json.gz"]
        for key in keys { try server.put(bucket: bucket, key: key, bytes: Data("{\"Records\":[]}".utf8)) }
        // Three keys a page: the folder's seven objects take three pages.
        let client = Self.client(server.endpoint, pageSize: 3)
        var discovery = Discovery()
        try S3Discovery.discover(S3URL(bucket: bucket), client: client, pruning: nil, into: &discovery)
        #expect(discovery.files.map(\.path) == (0..<7).map { "s3://\(bucket)/" + keys[$0] })
        #expect(discovery.files.allSatisfy { $0.size == 14 && $0.version != 0 && $0.modificationTime > 0 })
        #expect(discovery.skipped.map(\.reason) == [.digest])
        #expect(client.counters.listRequests >= 3 + 5)
        let bytes = try client.getObject(bucket: bucket, key: keys[3])
        #expect(bytes == Array("{\"Records\":[]}".utf8))
    }

    /// A fetched batch is released once its worker has it: the fetch queue kept every taken job (and so every
    /// body fetched) until it compacted after 4,096 jobs, which held a 737-object scan's 61 MB to its end.
    @Test func fetchedBodiesAreNotKeptByTheQueue() throws {
        let server = try S3TestServer.shared
        let bucket = "client-fetch-release"
        try server.makeBucket(bucket)
        let keys = (0..<5).map { "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/f\($0).json" }
        for key in keys { try server.put(bucket: bucket, key: key, bytes: Data("{\"Records\":[]}".utf8)) }
        let client = Self.client(server.endpoint)
        var discovery = Discovery()
        try S3Discovery.discover(S3URL(bucket: bucket), client: client, pruning: nil, into: &discovery)
        let fetcher = ObjectFetcher(client: client)
        for round in 0..<3 {
            let results = fetcher.fetch(discovery.files)
            #expect(results.count == 5 && results.allSatisfy { (try? $0.get()) == Array("{\"Records\":[]}".utf8) })
            #expect(fetcher.heldBatches == 0, "round \(round): the queue still holds a batch whose files were all taken")
        }
    }

    @Test func pruningStopsTheWalkBeforeListing() throws {
        let server = try S3TestServer.shared
        let bucket = "client-pruning"
        try server.makeBucket(bucket)
        for day in ["01", "02", "03"] {
            for region in ["us-east-1", "eu-west-1"] {
                try server.put(bucket: bucket, key: "AWSLogs/111122223333/CloudTrail/\(region)/2024/01/\(day)/x.json",
                               bytes: Data("{\"Records\":[]}".utf8))
            }
        }
        let client = Self.client(server.endpoint)
        var discovery = Discovery()
        try S3Discovery.discover(S3URL(bucket: bucket, prefix: "AWSLogs/"), client: client, pruning: FolderPruning(admits: { folder in
            let values = folder.settledPartitions
            return values["region"].map { $0 == "eu-west-1" } ?? true && values["day"].map { $0 == "02" } ?? true
        }), into: &discovery)
        #expect(discovery.files.map(\.path) == ["s3://\(bucket)/AWSLogs/111122223333/CloudTrail/eu-west-1/2024/01/02/x.json"])
        #expect(discovery.foldersPruned == 3)
        // AWSLogs/, the account, CloudTrail/, eu-west-1/, 2024/, 01/, 02/.
        #expect(client.counters.listRequests == 7)
    }

    @Test func authFailuresNameTheCodeAndTheFix() throws {
        let server = try S3TestServer.start()
        defer { server.stop() }
        let bucket = "client-auth"
        try server.makeBucket(bucket)
        try server.put(bucket: bucket, key: "AWSLogs/x.json", bytes: Data("{\"Records\":[]}".utf8))
        let keys = try server.enableAuth()

        let good = Self.client(server.endpoint, key: keys.accessKey, secret: keys.secret)
        #expect(try good.listObjects(bucket: bucket, prefix: "AWSLogs/").objects.count == 1)

        let wrongSecret = Self.client(server.endpoint, key: keys.accessKey, secret: "not-the-secret")
        let signature = try #require(throws: S3Error.self) { try wrongSecret.listObjects(bucket: bucket, prefix: "AWSLogs/") }
        #expect(signature.status == 403 && signature.code == "SignatureDoesNotMatch")
        #expect(signature.hint!.contains("secret key"))
        #expect(!signature.description.contains("not-the-secret"))
        #expect(signature.attempts == 1, "an auth failure is not retried")

        let unknown = Self.client(server.endpoint, key: "AKIAUNKNOWNKEY000000", secret: "x")
        let invalid = try #require(throws: S3Error.self) { try unknown.getObject(bucket: bucket, key: "AWSLogs/x.json") }
        #expect(invalid.code == "InvalidAccessKeyId")

        // Listing allowed, reading not: the cross-account CloudTrail case.
        let listOnly = Self.client(server.endpoint, key: keys.listOnlyAccessKey, secret: keys.listOnlySecret)
        let fetcher = ObjectFetcher(client: listOnly)
        var discovery = Discovery()
        try S3Discovery.discover(S3URL(bucket: bucket), client: listOnly, pruning: nil, into: &discovery)
        let results = fetcher.fetch(discovery.files)
        guard case .failure(let denied) = try #require(results.first) else {
            Issue.record("GetObject without s3:GetObject succeeded")
            return
        }
        #expect(denied.description.contains("s3://\(bucket)/AWSLogs/x.json: GetObject: HTTP 403 AccessDenied"))
        #expect(denied.hint!.contains("Object Ownership"))
    }
}

/// Faults injected by a loopback proxy in front of the server.
@Suite(.serialized) struct S3ClientFaultTests {
    @Test func aBucketInAnotherRegionIsFollowedAndRemembered() throws {
        let server = try S3TestServer.shared
        let bucket = "client-redirect"
        try server.makeBucket(bucket)
        try server.put(bucket: bucket, key: "AWSLogs/x.json", bytes: Data("{\"Records\":[]}".utf8))
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        try proxy.inject(FaultRule(match: "list-type=2", action: .error, status: 301, code: "PermanentRedirect",
                                   message: "The bucket you are attempting to access must be addressed using the specified endpoint.",
                                   region: "eu-central-1"))
        let client = S3ClientTests.client(proxy.endpoint)
        #expect(client.region(of: bucket) == "us-east-1")
        #expect(try client.listObjects(bucket: bucket, prefix: "AWSLogs/").objects.count == 1)
        #expect(client.region(of: bucket) == "eu-central-1")
        #expect(client.counters.retriedRequests == 0)
        let signed = try proxy.stats().log.filter { $0.action == nil }
        #expect(signed.count == 1)
    }

    @Test func retriesAreBoundedAndSayHowManyTimes() throws {
        let server = try S3TestServer.shared
        let bucket = "client-throttled"
        try server.makeBucket(bucket)
        try server.put(bucket: bucket, key: "k.json", bytes: Data("{}".utf8))
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        try proxy.inject([.slowdown("k.json", method: "GET", times: 2)])
        let client = S3ClientTests.client(proxy.endpoint, maxAttempts: 3)
        #expect(try client.getObject(bucket: bucket, key: "k.json") == Array("{}".utf8))
        #expect(client.counters.retriedRequests == 2)
        try proxy.inject([.internalError("k.json", method: "GET", times: 5)])
        let error = try #require(throws: S3Error.self) { try client.getObject(bucket: bucket, key: "k.json") }
        #expect(error.status == 500 && error.code == "InternalError" && error.attempts == 3)
        try proxy.reset()
        try proxy.inject([FaultRule(match: "k.json", method: "GET", action: .truncate, times: 1)])
        #expect(try client.getObject(bucket: bucket, key: "k.json") == Array("{}".utf8))
    }
}
