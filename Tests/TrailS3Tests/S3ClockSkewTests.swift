import Foundation
import Testing
import TrailSource
import TrailTestSupport
@testable import TrailS3

/// A machine whose clock is off: S3 refuses its first request with `RequestTimeTooSkewed` and says its own time,
/// and the client signs every later request with S3's time (the fault proxy checks X-Amz-Date as S3 does).
@Suite(.serialized) struct S3ClockSkewTests {
    static func client(_ endpoint: String, clockOffset: Int64) -> S3Client {
        S3Client(settings: S3Settings(endpointURL: endpoint, maxAttempts: 3, backoffBaseSeconds: 0.01),
                 credentials: { () throws(CredentialsError) in AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test") },
                 clock: { WallClock.epochSeconds() + clockOffset })
    }

    func setUp(_ bucket: String) throws -> FaultProxy {
        let server = try S3TestServer.shared
        try server.makeBucket(bucket)
        try server.put(bucket: bucket, key: "AWSLogs/a.json", bytes: Data("first".utf8))
        try server.put(bucket: bucket, key: "AWSLogs/b.json", bytes: Data("second".utf8))
        return try FaultProxy.start(upstream: server.endpoint)
    }

    @Test(arguments: [Int64(3_600), -7_200])
    func aClockFarOffIsCorrectedByS3sAnswerOnceForAllLaterRequests(offset: Int64) throws {
        let bucket = "clock-skew-\(offset > 0 ? "fast" : "slow")"
        let proxy = try setUp(bucket)
        defer { proxy.stop() }
        try proxy.inject(.clockCheck(times: 100))

        // A client whose clock is right is never refused: the check is S3's 15 minutes, not a blanket refusal.
        let onTime = Self.client(proxy.endpoint, clockOffset: 0)
        #expect(try onTime.getObject(bucket: bucket, key: "AWSLogs/a.json") == Array("first".utf8))
        #expect(try proxy.stats().faults(.clockCheck) == 0)
        #expect(onTime.counters.clockCorrectionSeconds == 0)

        let skewed = Self.client(proxy.endpoint, clockOffset: offset)
        let page = try skewed.listObjects(bucket: bucket, prefix: "AWSLogs/")
        #expect(page.objects.map(\.key) == ["AWSLogs/a.json", "AWSLogs/b.json"])
        #expect(try skewed.getObject(bucket: bucket, key: "AWSLogs/a.json") == Array("first".utf8))
        #expect(try skewed.getObject(bucket: bucket, key: "AWSLogs/b.json") == Array("second".utf8))

        // One refusal (the first LIST), one retry signed with S3's time, then no more refusals.
        let stats = try proxy.stats()
        #expect(stats.faults(.clockCheck) == 1)
        #expect(stats.log.map(\.action) == [nil, "clock-check", nil, nil, nil])
        #expect(skewed.counters.retriedRequests == 1)
        #expect(skewed.counters.listRequests == 2)
        #expect(skewed.counters.getRequests == 2)
        // The correction is S3's time minus ours: −offset, to within the time the requests took.
        #expect(abs(skewed.counters.clockCorrectionSeconds + offset) <= 5, "\(skewed.counters.clockCorrectionSeconds)")
    }

    /// An answer that says the clock is off but not S3's time (a store that sends neither `<ServerTime>` nor
    /// `Date`) cannot be corrected: one request, no blind retry, and the hint says to fix the clock.
    @Test func aSkewRefusalWithoutS3sTimeFailsAtOnceWithTheHint() throws {
        let proxy = try setUp("clock-skew-untold")
        defer { proxy.stop() }
        try proxy.inject(.error("a.json", method: "GET", status: 403, code: "RequestTimeTooSkewed",
                                message: "The difference between the request time and the current time is too large.", times: 5))
        let client = Self.client(proxy.endpoint, clockOffset: 0)
        let error = try #require(throws: S3Error.self) {
            try client.getObject(bucket: "clock-skew-untold", key: "AWSLogs/a.json")
        }
        #expect(error.status == 403)
        #expect(error.code == "RequestTimeTooSkewed")
        #expect(error.attempts == 1)
        #expect(error.hint?.contains("clock is more than 15 minutes off") == true, "\(error)")
        #expect(client.counters.getRequests == 1)
        #expect(client.counters.retriedRequests == 0)
        #expect(client.counters.clockCorrectionSeconds == 0)
    }
}

@Suite struct HTTPDateTests {
    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", Int64(784_111_777)),
        ("Sun, 22 Nov 2026 00:00:00 GMT", 1_795_305_600),
        ("Thu, 29 Feb 2024 23:59:59 GMT", 1_709_251_199),
    ])
    func readsIMFFixdate(text: String, seconds: Int64) {
        #expect(HTTPDate.epochSeconds(text) == seconds)
    }

    @Test(arguments: [
        "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 PST", "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994", "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
    ])
    func refusesOtherForms(text: String) {
        #expect(HTTPDate.epochSeconds(text) == nil)
    }

    /// S3's RequestTimeTooSkewed body names its time; that wins over the Date header.
    @Test func errorDetailsTakeServerTimeFromTheBodyElseTheDateHeader() {
        let body = Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message>\
            <RequestTime>20261122T120000Z</RequestTime><ServerTime>2026-11-22T10:00:00Z</ServerTime>\
            <MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>R</RequestId></Error>
            """.utf8)
        let dated = [HTTPHeader("Date", "Sun, 22 Nov 2026 10:00:05 GMT")]
        #expect(ErrorDetails(HTTPResponse(status: 403, headers: dated, body: body)).serverTime == 1_795_341_600)
        #expect(ErrorDetails(HTTPResponse(status: 403, headers: dated, body: [])).serverTime == 1_795_341_605)
        #expect(ErrorDetails(HTTPResponse(status: 403, headers: [], body: [])).serverTime == nil)
    }
}
