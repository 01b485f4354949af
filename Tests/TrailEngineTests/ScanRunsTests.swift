import Testing
import TrailSource
@testable import TrailEngine

/// How workers claim files: runs of at most a count and (for S3 objects) a number of bytes, never empty.
struct ScanRunsTests {
    func files(_ sizes: [Int]) -> [LogFile] {
        sizes.enumerated().map { LogFile(folder: "s3://bucket/", name: "f\($0.offset).json.gz", size: $0.element, modificationTime: 0) }
    }

    @Test func runsStopAtTheCountOrTheBytesAndHoldAnOversizedFileAlone() {
        let shape = ParallelScan.RunShape(files: 3, bytes: 4)
        #expect(ParallelScan.runs(files([1, 1, 5, 1, 1, 1, 1, 4, 2])[...], shape) == [0..<2, 2..<3, 3..<6, 6..<7, 7..<8, 8..<9])
        #expect(ParallelScan.runs(files([2, 2, 2])[...], shape) == [0..<2, 2..<3])
        #expect(ParallelScan.runs(files([])[...], shape) == [])
    }

    @Test func runsOfASliceKeepItsIndices() {
        let all = files([1, 1, 1, 1, 1, 1, 1])
        #expect(ParallelScan.runs(all[2..<7], ParallelScan.RunShape(files: 2, bytes: .max)) == [2..<4, 4..<6, 6..<7])
    }
}
