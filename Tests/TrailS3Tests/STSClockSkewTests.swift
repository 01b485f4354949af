import Foundation
import Testing
import TrailTestSupport
@testable import TrailS3

/// A machine whose clock is off assumes a role: STS refuses the first AssumeRole ("Signature expired" or "not yet
/// current") and says its time, and the chain signs once more with it (the fault proxy, in front of moto's STS,
/// checks X-Amz-Date as STS does). The credentials' expiration is moved to this machine's clock.
@Suite(.serialized) struct STSClockSkewTests {
    func resolve(through proxy: FaultProxy, clockOffset: Int64) throws -> AWSCredentials {
        // Profile `reader` assumes a role with duration_seconds 1800, sourced from profile `base`.
        let fixture = try AWSFilesFixture(config: CredentialAssumeRoleTests.config)
        defer { fixture.remove() }
        let settings = try fixture.settings(profile: "reader", environment: ["AWS_ENDPOINT_URL_STS": proxy.endpoint])
        return try CredentialChain.resolve(settings: settings, now: WallClock.epochSeconds() + clockOffset)
    }

    func startProxy() throws -> FaultProxy {
        try FaultProxy.start(upstream: try CredentialTestServer.moto.get().url)
    }

    @Test(arguments: [Int64(3_600), -7_200])
    func aClockFarOffIsCorrectedByTheTimeSTSSays(offset: Int64) throws {
        let proxy = try startProxy()
        defer { proxy.stop() }
        try proxy.inject(.stsClockCheck(times: 100))

        // A clock that is right is never refused.
        _ = try resolve(through: proxy, clockOffset: 0)
        #expect(try proxy.stats().log.map(\.action) == [nil])
        try proxy.reset()
        try proxy.inject(.stsClockCheck(times: 100))

        let credentials = try resolve(through: proxy, clockOffset: offset)
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(try proxy.stats().log.map(\.action) == ["sts-clock-check", nil])
        // STS's expiration (its now + 1800 s) is on this machine's clock: 1800 s after the skewed now.
        let expiration = try #require(credentials.expiration)
        let skewedNow = WallClock.epochSeconds() + offset
        #expect(abs(expiration - (skewedNow + 1800)) < 120, "\(expiration - skewedNow)")
    }

    @Test func aWrongSecretIsNotMistakenForAClockOff() throws {
        let proxy = try startProxy()
        defer { proxy.stop() }
        let mismatch = "The request signature we calculated does not match the signature you provided."
        try proxy.inject(.error("", method: "POST", status: 403, code: "SignatureDoesNotMatch", message: mismatch, times: 5))
        let error = #expect(throws: CredentialsError.self) { try resolve(through: proxy, clockOffset: 0) }
        #expect(error?.message.contains("STS AssumeRole failed with SignatureDoesNotMatch: \(mismatch) (HTTP 403)") == true)
        #expect(error?.hint == nil)
        #expect(try proxy.stats().requests == 1)
    }

    /// A refusal for time that does not say the server's (no Date header, no time in the message) cannot be
    /// corrected: one request, and the hint says to set the clock.
    @Test func aSkewRefusalWithoutTheServersTimeFailsAtOnceWithTheHint() throws {
        let proxy = try startProxy()
        defer { proxy.stop() }
        try proxy.inject(.error("", method: "POST", status: 400, code: "RequestExpired", message: "Request has expired.", times: 5))
        let error = #expect(throws: CredentialsError.self) { try resolve(through: proxy, clockOffset: 3_600) }
        #expect(error?.message.contains("failed with RequestExpired: Request has expired. (HTTP 400)") == true)
        #expect(error?.hint?.contains("this machine's clock is off") == true)
        #expect(try proxy.stats().requests == 1)
    }

    @Test func stsTimeIsReadFromTheMessageWhenThereIsNoDateHeader() {
        func refusal(_ message: String, code: String = "SignatureDoesNotMatch", headers: [HTTPHeader] = []) -> HTTPResponse {
            HTTPResponse(status: 403, headers: headers, body: Array("""
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>\
                <Code>\(code)</Code><Message>\(message)</Message></Error><RequestId>r</RequestId></ErrorResponse>
                """.utf8))
        }
        let expired = "Signature expired: 20160609T184512Z is now earlier than 20160610T013008Z (20160610T014508Z - 15 min.)"
        #expect(STSClient.serverTimeOfSkewRefusal(refusal(expired)) == AMZDate.epochSeconds("20160610T014508Z"))
        let early = "Signature not yet current: 20191029T163344Z is still later than 20191029T160344Z (20191029T154844Z + 15 min.)"
        #expect(STSClient.serverTimeOfSkewRefusal(refusal(early)) == 1_572_364_124)
        // The Date header, when there is one, is what counts.
        let dated = refusal(expired, headers: [HTTPHeader("Date", "Sun, 22 Nov 2026 08:49:37 GMT")])
        #expect(STSClient.serverTimeOfSkewRefusal(dated) == HTTPDate.epochSeconds("Sun, 22 Nov 2026 08:49:37 GMT"))
        // Not a refusal for time: a wrong signature, or a garbled time.
        #expect(STSClient.serverTimeOfSkewRefusal(refusal("The request signature we calculated does not match.")) == nil)
        #expect(STSClient.serverTimeOfSkewRefusal(refusal("Signature expired: soon (yesterday - 15 min.)")) == nil)
        #expect(STSClient.serverTimeOfSkewRefusal(refusal(expired, code: "AccessDenied")) == nil)
    }

    @Test func amzDateReadsBackWhatItWrites() {
        for seconds: Int64 in [0, 1_440_938_160, 1_572_364_124, 4_102_444_799] {
            #expect(AMZDate.epochSeconds(AMZDate.string(epochSeconds: seconds)) == seconds)
        }
        for bad in ["", "20150830T123600", "20150830 123600Z", "20151330T123600Z", "20150830T246000Z", "2015083aT123600Z"] {
            #expect(AMZDate.epochSeconds(bad) == nil, "\(bad)")
        }
    }
}
