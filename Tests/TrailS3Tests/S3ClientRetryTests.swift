import Foundation
import Synchronization
import Testing
import TrailSource
import TrailTestSupport
@testable import TrailS3

/// Requests that time out, and bodies cut short with a matching Content-Length, through the fault proxy.
@Suite(.serialized) struct S3ClientRetryTests {
    /// A client with a 1 s request timeout and almost no backoff.
    static func client(_ endpoint: String, maxAttempts: Int) -> S3Client {
        S3Client(settings: S3Settings(endpointURL: endpoint, maxAttempts: maxAttempts, requestTimeoutSeconds: 1,
                                      backoffBaseSeconds: 0.01),
                 credentials: { () throws(CredentialsError) in AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test") })
    }

    static let body = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })

    /// A bucket of its own with one object, and a proxy in front of the shared server.
    func setUp(_ bucket: String) throws -> FaultProxy {
        let server = try S3TestServer.shared
        try server.makeBucket(bucket)
        try server.put(bucket: bucket, key: "AWSLogs/slow.json", bytes: Self.body)
        return try FaultProxy.start(upstream: server.endpoint)
    }

    @Test func aRequestThatTimesOutOnceIsRetriedAndSucceeds() throws {
        let proxy = try setUp("client-timeout-once")
        defer { proxy.stop() }
        // The first GET is held for 20 s, twenty times the client's timeout; the retry passes straight through.
        try proxy.inject(.delay("slow.json", method: "GET", seconds: 20, times: 1))
        let client = Self.client(proxy.endpoint, maxAttempts: 3)
        let started = Date()
        let bytes = try client.getObject(bucket: "client-timeout-once", key: "AWSLogs/slow.json")
        let elapsed = Date().timeIntervalSince(started)
        #expect(bytes == Array(Self.body))
        #expect(client.counters.retriedRequests == 1)
        #expect(client.counters.getRequests == 2)
        // Given up after the 1 s timeout, not after the proxy's 20 s (a wide margin: a loaded machine stays under it).
        #expect(elapsed >= 0.9 && elapsed < 15, "\(elapsed) s")
        let stats = try proxy.stats()
        #expect(stats.faults(.delay) == 1)
        #expect(stats.log.filter { $0.target.contains("slow.json") }.count == 2)
    }

    @Test func aRequestThatAlwaysTimesOutFailsAsATimeoutAfterTheConfiguredAttempts() throws {
        let proxy = try setUp("client-timeout-always")
        defer { proxy.stop() }
        try proxy.inject(.delay("slow.json", method: "GET", seconds: 20, times: 100))
        let client = Self.client(proxy.endpoint, maxAttempts: 2)
        let started = Date()
        let error = try #require(throws: S3Error.self) {
            try client.getObject(bucket: "client-timeout-always", key: "AWSLogs/slow.json")
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(error.transport?.kind == .timedOut, "\(error)")
        #expect(error.status == 0)
        #expect(error.attempts == 2)
        #expect(error.isTransient)
        #expect(error.description.contains("s3://client-timeout-always/AWSLogs/slow.json: GetObject failed: "), "\(error)")
        #expect(error.description.contains("(after 2 attempts)"), "\(error)")
        #expect(error.hint?.contains("timed out") == true, "\(error)")
        #expect(client.counters.getRequests == 2)
        #expect(client.counters.retriedRequests == 1)
        // Two 1 s timeouts, far from the proxy's 20 s.
        #expect(elapsed >= 1.9 && elapsed < 15, "\(elapsed) s")
        #expect(try proxy.stats().faults(.delay) == 2)
    }

    @Test func aShortBodyWithAMatchingContentLengthLooksCompleteOnTheWire() throws {
        let proxy = try setUp("client-short-body")
        defer { proxy.stop() }
        let server = try S3TestServer.shared
        try proxy.inject([.shortBody("slow.json", method: "GET"), .truncate("slow.json", method: "GET")])
        // On the wire: the short body is a complete 10,000-byte response on a connection kept alive; the truncation
        // declares 20,000 bytes and sends 10,000.
        let path = "/client-short-body/AWSLogs/slow.json"
        let results = try server.probe(paths: [path, path], keepAlive: true, endpoint: proxy.endpoint)
        #expect(results.first == ProbeResult(status: 200, code: nil, declaredLength: 10_000, received: 10_000, error: nil))
        #expect(results.last == ProbeResult(status: 200, code: nil, declaredLength: 20_000, received: 10_000, error: "IncompleteRead"))
        #expect(try proxy.stats().connections == 1)
        try proxy.reset()
        try proxy.inject([.shortBody("slow.json", method: "GET", times: 1), .truncate("slow.json", method: "GET")])
        // The client cannot tell a short body from the object (only the gzip check after it can), but it does
        // retry the truncated transfer.
        let client = Self.client(proxy.endpoint, maxAttempts: 3)
        #expect(try client.getObject(bucket: "client-short-body", key: "AWSLogs/slow.json") == Array(Self.body.prefix(10_000)))
        #expect(client.counters.retriedRequests == 0)
        #expect(try client.getObject(bucket: "client-short-body", key: "AWSLogs/slow.json") == Array(Self.body))
        #expect(client.counters.retriedRequests == 1)
        let stats = try proxy.stats()
        #expect(stats.faults(.shortBody) == 1 && stats.faults(.truncate) == 1)
    }

    /// Temporary credentials that S3 calls expired while they still had time left here (this machine's clock is
    /// behind their issuer's): the cache drops them and the request is signed once more with fresh ones.
    @Test func credentialsS3CallsExpiredAreRefreshedOnce() throws {
        let proxy = try setUp("client-expired-token")
        defer { proxy.stop() }
        let resolutions = Atomic<Int>(0)
        let cache = CredentialsCache { () throws(CredentialsError) in
            let round = resolutions.add(1, ordering: .relaxed).newValue
            return AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", sessionToken: "session-\(round)",
                                  expiration: WallClock.epochSeconds() + 3_600, source: "test")
        }
        let client = S3Client(settings: S3Settings(endpointURL: proxy.endpoint, maxAttempts: 3, backoffBaseSeconds: 0.01),
                              credentials: { () throws(CredentialsError) in try cache.credentials() },
                              credentialsExpired: { cache.invalidate(ifStill: $0) })
        try proxy.inject(.error("slow.json", method: "GET", status: 400, code: "ExpiredToken",
                                message: "The provided token has expired.", times: 1))
        #expect(try client.getObject(bucket: "client-expired-token", key: "AWSLogs/slow.json") == Array(Self.body))
        #expect(resolutions.load(ordering: .relaxed) == 2)
        #expect(client.counters.getRequests == 2)
        #expect(client.counters.retriedRequests == 1)

        // Still refused with the fresh ones: one refresh per request, then the error that says what to do.
        try proxy.inject(.error("slow.json", method: "GET", status: 400, code: "ExpiredToken",
                                message: "The provided token has expired.", times: 10))
        let error = try #require(throws: S3Error.self) {
            try client.getObject(bucket: "client-expired-token", key: "AWSLogs/slow.json")
        }
        #expect(error.code == "ExpiredToken")
        #expect(error.hint?.contains("expired") == true, "\(error)")
        #expect(resolutions.load(ordering: .relaxed) == 3)
        #expect(client.counters.getRequests == 4)
        #expect(!error.description.contains("session-"), "\(error)")
    }
}
