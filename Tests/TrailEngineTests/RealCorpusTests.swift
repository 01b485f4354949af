import Foundation
import Testing
import TrailColumnar
import TrailEngine
import TrailJSON
import TrailSource
import TrailTestSupport

@Suite("the real corpus")
struct RealCorpusTests {
    @Test("every record of the real corpus decodes, with the expected count and no failure")
    func everyRecordDecodes() throws {
        let paths = try RealCorpus.dataFiles()
        #expect(paths.count > 1_300)
        let discovery = try LocalDiscovery.discover(paths)
        var statistics = ScanStatistics()
        var decodedRows = 0
        let columns = CloudTrailSchema.allColumns.map(\.name)
        ParallelScan.run(discovery.files, makeWorker: { try! DecodeWorker(columns: columns) }) { outcome, batch in
            statistics.add(outcome)
            decodedRows += batch.count
            for column in batch.columns { #expect(column.count == batch.count) }
        }
        #expect(statistics.problems.map(\.description) == [])
        #expect(statistics.records == RealCorpus.expectedRecordCount)
        #expect(decodedRows == RealCorpus.expectedRecordCount)
        #expect(statistics.filesFailed == 0)
        #expect(statistics.badRecords == 0)
        // The two digest examples are recognised by content and skipped, not failed.
        #expect(statistics.skippedReasons["digest"] == RealCorpus.expectedDigestCount)
    }
}
