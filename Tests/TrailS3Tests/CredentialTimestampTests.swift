import Testing
@testable import TrailS3

@Suite struct CredentialTimestampTests {
    @Test("expiration times in the forms STS, the agents and helpers write", arguments: [
        ("2030-01-01T00:00:00Z", 1_893_456_000), ("2030-01-01T00:00:00.123Z", 1_893_456_000),
        ("2030-01-01T01:30:00+01:30", 1_893_456_000), ("2029-12-31T23:00:00-0100", 1_893_456_000),
        ("2030-01-01 00:00:00", 1_893_456_000), ("2024-02-29T12:00:00Z", 1_709_208_000),
    ] as [(String, Int64)])
    func accepted(_ text: String, _ seconds: Int64) {
        #expect(ISO8601Timestamp.epochSeconds(text) == seconds)
    }

    @Test("anything else is refused", arguments: [
        "", "soon", "2030-01-01", "2030-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2030-01-01T00:00:00Zjunk",
        "1893456000",
    ])
    func refused(_ text: String) {
        #expect(ISO8601Timestamp.epochSeconds(text) == nil)
    }
}
