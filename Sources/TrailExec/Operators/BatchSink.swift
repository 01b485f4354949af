import TrailBase
import TrailColumnar

/// Where an operator pushes its output. Plans execute push-style (as DuckDB's pipelines): a source pushes batches
/// through a chain of sinks; blocking operators (aggregate, sort, join build) hold their input and push their
/// result when their input finishes.
///
// PERF: one dynamic call per batch (not per row); batches hold up to a file's records or `Batch.preferredSize`.
public protocol BatchSink: AnyObject {
    /// Takes a batch; returns false when no more input is wanted (a satisfied LIMIT), so sources can stop early.
    func push(_ batch: Batch) throws(QueryError) -> Bool
    /// No more input.
    func finish() throws(QueryError)
}

extension Batch {
    /// Rows per batch produced by blocking operators.
    public static let preferredSize = 4096

    /// An empty batch with the given columns.
    static func empty(_ schema: [Field]) -> Batch {
        Batch(schema: schema, columns: schema.map { ColumnBuilder(type: $0.type).finish() }, count: 0)
    }

    /// The rows `rows` of this batch, in that order.
    public func taking(_ rows: [Int32]) -> Batch {
        Batch(schema: schema, columns: columns.map { $0.take(rows) }, count: rows.count)
    }

    /// The rows `rows` (ascending, no repeats: a selection); the batch itself when every row is selected.
    public func selecting(_ rows: [Int32]) -> Batch {
        rows.count == count ? self : taking(rows)
    }

    /// Batches concatenated (same schema).
    static func concatenate(_ batches: [Batch], schema: [Field]) -> Batch {
        if batches.count == 1 { return batches[0] }
        if batches.isEmpty { return .empty(schema) }
        let columns = schema.indices.map { index in
            Column.concatenate(batches.map { $0.columns[index] }, type: schema[index].type)
        }
        return Batch(schema: schema, columns: columns, count: batches.reduce(0) { $0 + $1.count })
    }

    /// Pushes this batch in slices of at most `preferredSize` rows; false if the sink wants no more.
    func push(in slices: Int = Batch.preferredSize, to sink: BatchSink) throws(QueryError) -> Bool {
        if count <= slices { return count == 0 ? true : try sink.push(self) }
        var start = 0
        while start < count {
            let end = min(count, start + slices)
            if !(try sink.push(taking((start..<end).map { Int32($0) }))) { return false }
            start = end
        }
        return true
    }
}

/// Collects everything pushed into it.
public final class CollectingSink: BatchSink {
    public private(set) var batches: [Batch] = []
    public private(set) var rowCount = 0

    public init() {}

    public func push(_ batch: Batch) throws(QueryError) -> Bool {
        if batch.count > 0 {
            batches.append(batch)
            rowCount += batch.count
        }
        return true
    }

    public func finish() throws(QueryError) {}

    public func batch(schema: [Field]) -> Batch { Batch.concatenate(batches, schema: schema) }
}
