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

    private var decoder: DecodeWorker
    private let output: ScanOutput

    init(node: ScanNode, context: EvaluationContext) throws(QueryError) {
        do throws(ProjectionError) {
            decoder = try DecodeWorker(columns: ScanOutput.decoderColumns(node))
        } catch {
            throw QueryError(.columnNotFound, error.description, at: nil)
        }
        output = try ScanOutput(node: node, context: context)
    }

    mutating func beginFile(_ file: LogFile) { decoder.beginFile(file) }

    mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
        try decoder.visit(record: &cursor, fileOffset: fileOffset)
    }

    mutating func endFile() -> Output {
        let decoded = decoder.endFile()
        do throws(QueryError) {
            return Output(batch: try output.apply(decoded), error: nil)
        } catch {
            return Output(batch: nil, error: error)
        }
    }
}
