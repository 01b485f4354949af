import Testing
@testable import TrailEngine

/// The summary line printed on stderr after every command: what S3 was asked, and a clock S3 corrected.
@Suite struct ScanStatisticsSummaryTests {
    func statistics(lists: Int, gets: Int, retries: Int, clockCorrection: Int64) -> ScanStatistics {
        var statistics = ScanStatistics()
        statistics.filesRead = 3
        statistics.records = 1_234
        statistics.bytesRead = 2_500_000
        statistics.bytesInflated = 9_800_000
        statistics.seconds = 0.25
        statistics.s3Lists = lists
        statistics.s3Gets = gets
        statistics.s3Retries = retries
        statistics.s3ClockCorrection = clockCorrection
        return statistics
    }

    @Test func localFilesSayNothingOfS3() {
        #expect(statistics(lists: 0, gets: 0, retries: 0, clockCorrection: 0).summary(matches: 7)
            == "3 files read, 1,234 events scanned, 7 matched, 2.50 MB read (9.80 MB inflated) in 0.25 s")
    }

    @Test func s3RequestsRetriesAndACorrectedClockAreNamed() {
        #expect(statistics(lists: 2, gets: 3, retries: 1, clockCorrection: 0).summary().hasSuffix(
            "in 0.25 s, S3: 2 LIST + 3 GET requests (1 retried)"))
        #expect(statistics(lists: 2, gets: 3, retries: 1, clockCorrection: -3_601).summary().hasSuffix(
            "S3: 2 LIST + 3 GET requests (1 retried), this machine's clock is 3,601 s ahead of S3's: requests were signed with S3's time"))
        #expect(statistics(lists: 1, gets: 1, retries: 1, clockCorrection: 7_200).summary().hasSuffix(
            "S3: 1 LIST + 1 GET requests (1 retried), this machine's clock is 7,200 s behind S3's: requests were signed with S3's time"))
    }
}
