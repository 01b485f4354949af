import TrailBase
import TrailColumnar
import TrailExec
import TrailJSON
import TrailPlan
import TrailSource

/// A scan worker for queries: decodes the columns the plan needs, pulls out the requested paths, applies the scan's
/// predicate — all on the worker thread — and hands over the surviving rows of each file.
struct QueryScanWorker: ScanWorker {
    struct Output: Sendable {
        var batch: Batch?
        var error: QueryError?
    }

    private var decoder: NeedleTest<DecodeWorker>
    private let output: ScanOutput

    init(node: ScanNode, context: EvaluationContext) throws(QueryError) {
        decoder = NeedleTest(DecodeWorker(projector: try ScanOutput.projector(for: node.columns)), node: node)
        output = try ScanOutput(node: node, context: context, filesPassedPartitionFilter: true)
    }

    func admits(_ text: UnsafeRawBufferPointer) -> Bool { decoder.admits(text) }

    mutating func beginFile(_ file: LogFile) { decoder.inner.beginFile(file) }

    mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
        try decoder.visit(record: &cursor, fileOffset: fileOffset)
    }

    mutating func endFile() -> Output {
        // PERF: files the text test ruled out decode nothing; finishing ~30 empty builders and extracting
        // columns by name for each of them cost ~15% of a SELECT * needle query.
        if decoder.inner.pendingRecords == 0 { return Output(batch: nil, error: nil) }
        let decoded = decoder.inner.endFile()
        do throws(QueryError) {
            return Output(batch: try output.apply(decoded), error: nil)
        } catch {
            return Output(batch: nil, error: error)
        }
    }
}
