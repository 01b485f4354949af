import TrailBase
import TrailColumnar

/// Passes each distinct row once (the first time it is seen), streaming.
final class DistinctOperator: BatchSink {
    let types: [LogicalType]
    let next: BatchSink
    /// Every row seen so far, by its key bytes.
    var seen = ByteKeyTable()
    var keys = RowKeys()

    init(types: [LogicalType], next: BatchSink) {
        self.types = types
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var fresh: [Int32] = []
        keys.encode(batch.columns, types, count: batch.count)
        var table = ByteKeyTable()
        swap(&table, &seen)
        defer { swap(&table, &seen) }
        keys.forEach { row, key in
            if table.id(of: key).inserted { fresh.append(Int32(row)) }
        }
        if fresh.isEmpty { return true }
        return try next.push(batch.selecting(fresh))
    }

    func finish() throws(QueryError) { try next.finish() }
}
