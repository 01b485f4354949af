import Testing
import TrailSource
@testable import TrailEngine

/// The cache's unit, which is also what an S3 scan fetches whole before decoding: runs of one folder's files,
/// bounded in files and in bytes so that the units in flight stay small.
@Suite struct CacheSegmentsTests {
    func files(_ count: Int, size: Int, folder: String = "/logs/AWSLogs/1/CloudTrail/us-east-1/2026/11/01/") -> [LogFile] {
        (0..<count).map { LogFile(folder: folder, name: "f\($0).json.gz", size: size, modificationTime: 0) }
    }

    @Test func manyTinyFilesSplitAtTheFileLimit() {
        let tiny = files(3_000, size: 300)
        #expect(LocalScanProvider.segments(tiny, in: tiny.indices).map(\.count) == [1_024, 1_024, 952])
    }

    @Test func largeFilesSplitAtTheByteLimit() {
        let limit = LocalScanProvider.segmentByteLimit
        let large = files(10, size: limit / 3 + 1)
        // A segment closes once it holds the limit: three files of just over a third each.
        #expect(LocalScanProvider.segments(large, in: large.indices).map(\.count) == [3, 3, 3, 1])
        let huge = files(2, size: limit * 5)
        #expect(LocalScanProvider.segments(huge, in: huge.indices).map(\.count) == [1, 1], "one file over the limit is a segment alone")
    }

    @Test func aSegmentNeverSpansTwoFoldersOrLeavesItsRange() {
        let both = files(5, size: 100) + files(4, size: 100, folder: "/logs/AWSLogs/1/CloudTrail/us-east-1/2026/11/02/")
        #expect(LocalScanProvider.segments(both, in: both.indices) == [0..<5, 5..<9])
        #expect(LocalScanProvider.segments(both, in: 3..<7) == [3..<5, 5..<7])
        #expect(LocalScanProvider.segments(both, in: 4..<4).isEmpty)
    }
}
