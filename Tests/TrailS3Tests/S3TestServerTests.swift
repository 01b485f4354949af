import Foundation
import Testing
import TrailTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The S3 test harness itself (moto on 127.0.0.1, the admin script, the request log, the fault proxy),
/// checked with boto3 and raw http.client only — not with trailsql's client.
@Suite struct S3TestServerTests {
    /// A bucket name of this test's own (S3 wants 3–63 lowercase characters).
    static func bucketName(_ label: String) -> String { "\(label)-\(UUID().uuidString.prefix(8).lowercased())" }

    static let oddKeys = [
        "plain.json", "with space/a b.json", "plus+sign/x+y.json", "percent%25/100%.json", "unicodé/ü/日本.json.gz",
        "deep/a/b/c/d.json",
    ]

    @Test func uploadedFolderListsBackWithExactKeys() throws {
        let server = try S3TestServer.shared
        let bucket = Self.bucketName("upload")
        let folder = try Fixtures.makeTemporaryDirectory("s3-upload")
        defer { Fixtures.cleanUp(folder) }
        for (index, key) in Self.oddKeys.enumerated() {
            let url = folder.appendingPathComponent(key)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((0..<(100 + index)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }).write(to: url)
        }
        try server.makeBucket(bucket)
        let prefix = "AWSLogs/111122223333/x y+z/"
        #expect(try server.upload(folder: folder.path, bucket: bucket, prefix: prefix) == Self.oddKeys.count)

        let keys = try server.listKeys(bucket: bucket)
        #expect(keys.sorted() == Self.oddKeys.map { prefix + $0 }.sorted())
        #expect(try server.listKeys(bucket: bucket, prefix: prefix + "unicodé/") == [prefix + "unicodé/ü/日本.json.gz"])
        for key in Self.oddKeys {
            let stored = try server.getObject(bucket: bucket, key: prefix + key)
            #expect(stored == (try Data(contentsOf: folder.appendingPathComponent(key))), "bytes of \(key)")
        }

        let odd = "single/ \u{7F}?#&=;ünï+%2F.gz"
        try server.put(bucket: bucket, key: odd, bytes: Data([0x1F, 0x8B, 0, 1, 2]))
        #expect(try server.listKeys(bucket: bucket, prefix: "single/") == [odd])
        #expect(try server.getObject(bucket: bucket, key: odd) == Data([0x1F, 0x8B, 0, 1, 2]))

        try server.makeBucket(Self.bucketName("eu"), region: "eu-west-1")
    }

    @Test func requestLogCountsListsAndGets() throws {
        let server = try S3TestServer.shared
        let bucket = Self.bucketName("log")
        try server.makeBucket(bucket)
        try server.put(bucket: bucket, key: "a b/ü+1.json", bytes: Data("{}".utf8))

        let mark = server.markLog()
        #expect(try server.listKeys(bucket: bucket, prefix: "a b/") == ["a b/ü+1.json"])
        #expect(try server.getObject(bucket: bucket, key: "a b/ü+1.json") == Data("{}".utf8))
        #expect(throws: S3AdminError.self) { try server.getObject(bucket: bucket, key: "missing.json") }

        let mine = server.requests(since: mark).filter { $0.bucket == bucket }
        #expect(mine.count == 3, "\(mine)")
        #expect(server.listRequests(bucket: bucket, since: mark) == 1)
        #expect(server.getObjectRequests(bucket: bucket, since: mark) == 2)
        #expect(server.listRequests(bucket: bucket) == 1)  // makeBucket's PUT and put's PUT are neither

        let list = try #require(mine.first { $0.isList })
        #expect(list.method == "GET" && list.status == 200 && list.key == nil)
        #expect(list.path == "/\(bucket)")
        #expect(list.queryValue("list-type") == "2")
        #expect(list.queryValue("prefix") == "a b/")
        let gets = mine.filter(\.isGetObject)
        #expect(gets.map(\.status) == [200, 404])
        #expect(gets.first?.key == "a b/ü+1.json")
        #expect(gets.first?.path == "/\(bucket)/a%20b/%C3%BC%2B1.json")  // raw, as boto3 sent it
        #expect(!server.requestLog().isEmpty)
    }

    @Test func logLineParsing() throws {
        let line = #"127.0.0.1 - - [21/Nov/2026 23:41:32] "GET /bkt1?list-type=2&prefix=a%20b/&delimiter=/ HTTP/1.1" 200 -"#
        let request = try #require(LoggedRequest(logLine: line))
        #expect(request.method == "GET" && request.status == 200)
        #expect(request.path == "/bkt1" && request.query == "list-type=2&prefix=a%20b/&delimiter=/")
        #expect(request.bucket == "bkt1" && request.key == nil && request.isList && !request.isGetObject)
        #expect(request.queryValue("prefix") == "a b/")
        let colored = "127.0.0.1 - - [21/Nov/2026 23:28:28] \"\u{1B}[33mGET /abc/k%20x.gz?x-id=GetObject HTTP/1.1\u{1B}[0m\" 404 -"
        let get = try #require(LoggedRequest(logLine: colored))
        #expect(get.status == 404 && get.isGetObject && get.key == "k x.gz" && get.bucket == "abc")
        #expect(LoggedRequest(logLine: " * Running on http://127.0.0.1:5000") == nil)
        let policy = try #require(LoggedRequest(logLine: #"127.0.0.1 - - [x] "GET /b?policy HTTP/1.1" 404 -"#))
        #expect(!policy.isList && !policy.isGetObject)
    }

    @Test func deniedGetObjectAnswers403WithEmptyBody() throws {
        let server = try S3TestServer.shared
        let bucket = Self.bucketName("deny")
        try server.makeBucket(bucket)
        try server.put(bucket: bucket, key: "denied one.json", bytes: Data("x".utf8))
        try server.put(bucket: bucket, key: "allowed.json", bytes: Data("y".utf8))
        try server.denyGetObject(bucket: bucket, key: "denied one.json")

        let error = try #require(throws: S3AdminError.self) { try server.getObject(bucket: bucket, key: "denied one.json") }
        #expect(error.httpStatus == 403)
        #expect(try server.getObject(bucket: bucket, key: "allowed.json") == Data("y".utf8))
        #expect(try server.listKeys(bucket: bucket).sorted() == ["allowed.json", "denied one.json"])
        let probed = try server.probe(paths: ["/\(bucket)/denied%20one.json"])
        #expect(probed == [ProbeResult(status: 403, code: nil, declaredLength: 0, received: 0, error: nil)])
    }

    @Test func proxyPassesThroughAndInjectsEachFault() throws {
        let server = try S3TestServer.shared
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let bucket = Self.bucketName("proxy")
        try server.makeBucket(bucket)
        let body = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try server.put(bucket: bucket, key: "big file.bin", bytes: body)

        // Pass-through, with SigV4 signatures from boto3 relayed unchanged.
        #expect(try server.listKeys(bucket: bucket, endpoint: proxy.endpoint) == ["big file.bin"])
        #expect(try server.getObject(bucket: bucket, key: "big file.bin", endpoint: proxy.endpoint) == body)
        try proxy.reset()

        try proxy.inject([
            .slowdown("big%20file", method: "GET"), .internalError("big%20file"), .reset("big%20file"),
            .truncate("big%20file"), .delay("big%20file", seconds: 0.3),
            .error("nothing-matches-this", status: 400, code: "RequestTimeout"),
        ])
        let path = "/\(bucket)/big%20file.bin"
        let started = Date()
        let results = try server.probe(paths: Array(repeating: path, count: 7) + ["/\(bucket)?list-type=2&prefix=big&delimiter=/"],
                                       keepAlive: true, endpoint: proxy.endpoint)
        let elapsed = Date().timeIntervalSince(started)
        try #require(results.count == 8)
        #expect(results[0] == ProbeResult(status: 503, code: "SlowDown", declaredLength: results[0].declaredLength,
                                          received: results[0].declaredLength ?? -1, error: nil))
        #expect(results[1].status == 500 && results[1].code == "InternalError" && results[1].error == nil)
        #expect(results[2].status == nil && results[2].error != nil, "reset: \(results[2])")
        #expect(results[3] == ProbeResult(status: 200, code: nil, declaredLength: 100_000, received: 50_000, error: "IncompleteRead"))
        for result in results[4...6] {
            #expect(result == ProbeResult(status: 200, code: nil, declaredLength: 100_000, received: 100_000, error: nil))
        }
        #expect(results[7].status == 200 && results[7].error == nil)
        #expect(elapsed >= 0.3)

        let stats = try proxy.stats()
        for action in [FaultRule.Action.slowdown, .internalError, .reset, .truncate, .delay] {
            #expect(stats.faults(action) == 1, "\(action)")
        }
        #expect(stats.faults(.error) == 0)
        #expect(stats.requests == 8)
        #expect(stats.forwarded == 5)  // truncate, delay, two plain GETs and the list
        // Kept alive across the error answers; new connections only after the reset and the truncation.
        #expect(stats.connections == 3, "\(stats)")
        #expect(stats.log.map(\.action) == ["slowdown", "internal-error", "reset", "truncate", "delay", nil, nil, nil])

        // Rules are used up: boto3 through the proxy works again.
        #expect(try server.getObject(bucket: bucket, key: "big file.bin", endpoint: proxy.endpoint) == body)
        #expect(try proxy.stats().faults.values.reduce(0, +) == 5)
    }

    @Test func separateServerWithAuthEnforcesIAMPolicies() throws {
        let server = try S3TestServer.start()
        defer { server.stop() }
        #expect(server.endpoint != (try S3TestServer.shared).endpoint)
        try server.makeBucket("authbucket")
        try server.put(bucket: "authbucket", key: "AWSLogs/1/CloudTrail/a.json", bytes: Data("{}".utf8))
        let keys = try server.enableAuth()
        #expect(server.authEnabled)
        #expect(throws: S3TestServerError.self) { _ = try S3TestServer.shared.enableAuth() }

        // The harness keeps working (it switched to its own IAM user); the dummy key no longer does.
        try server.put(bucket: "authbucket", key: "AWSLogs/1/CloudTrail/b.json", bytes: Data("[]".utf8))
        let dummy = try #require(throws: S3AdminError.self) {
            try server.listKeys(bucket: "authbucket", accessKey: "testing", secret: "testing")
        }
        #expect(dummy.s3Code == "InvalidAccessKeyId")

        // Full access, with '/' in the prefix (broken under auth before moto 5.2.5), also through the proxy.
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        for endpoint in [server.endpoint, proxy.endpoint] {
            #expect(try server.listKeys(bucket: "authbucket", prefix: "AWSLogs/1/", endpoint: endpoint,
                                        accessKey: keys.accessKey, secret: keys.secret).count == 2)
            #expect(try server.getObject(bucket: "authbucket", key: "AWSLogs/1/CloudTrail/a.json", endpoint: endpoint,
                                         accessKey: keys.accessKey, secret: keys.secret) == Data("{}".utf8))
        }
        let wrongSecret = try #require(throws: S3AdminError.self) {
            try server.listKeys(bucket: "authbucket", accessKey: keys.accessKey, secret: keys.secret + "x")
        }
        #expect(wrongSecret.s3Code == "SignatureDoesNotMatch" && wrongSecret.httpStatus == 403)

        // List-only user: listing works, GetObject is AccessDenied (XML).
        #expect(try server.listKeys(bucket: "authbucket", accessKey: keys.listOnlyAccessKey, secret: keys.listOnlySecret).count == 2)
        let denied = try #require(throws: S3AdminError.self) {
            try server.getObject(bucket: "authbucket", key: "AWSLogs/1/CloudTrail/a.json",
                                 accessKey: keys.listOnlyAccessKey, secret: keys.listOnlySecret)
        }
        #expect(denied.s3Code == "AccessDenied" && denied.httpStatus == 403)

        let pid = server.processIdentifier
        server.stop()
        #expect(!server.isRunning)
        #expect(kill(pid, 0) != 0)
    }

    @Test func missingMotoSaysToRunMakeTestDeps() {
        let venv = URL(fileURLWithPath: "/nonexistent/.build-venv")
        let error = #expect(throws: S3TestServerError.self) { try S3TestServer.start(venv: venv) }
        #expect(error?.description.contains("make test-deps") == true)
        #expect(throws: S3TestServerError.self) { try FaultProxy.start(upstream: "http://127.0.0.1:1", venv: venv) }
    }
}
