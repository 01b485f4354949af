import Foundation
import Testing
import TrailColumnar
import TrailJSON
import TrailTestSupport

/// Every input the fuzzers (Fuzz/) ever crashed on, replayed with the fuzzer's invariants.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static var inputs: [String] {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/fuzz/json")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
            folder.appendingPathComponent($0).path
        }
    }

    @Test("decoder invariants hold on every saved crash input", arguments: inputs)
    func replay(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let projector = try RecordProjector(columns: CloudTrailSchema.allColumns.map(\.name))
        var visitor = projector
        var scratch: [UInt8] = []
        let report = bytes.withUnsafeBytes { CloudTrailDocument.read($0, visitor: &visitor, scratch: &scratch) }
        let batch = projector.finish()
        #expect(batch.count == report.records)
        for column in batch.columns { #expect(column.count == batch.count) }
    }

    @Test("an embedded event followed by garbage is one bad record and no row")
    func embeddedTrailingGarbage() throws {
        let text = #"{"CloudTrailEvent":"{\"eventName\":\"A\"} junk"}"#
        let (batch, report) = try decode(text, columns: ["eventname"])
        #expect(report.badRecordCount == 1)
        #expect(report.records == 0)
        #expect(batch.count == 0)
    }
}
