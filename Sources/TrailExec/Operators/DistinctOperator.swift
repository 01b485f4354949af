import TrailBase
import TrailColumnar

/// Passes each distinct row once (the first time it is seen), streaming.
final class DistinctOperator: BatchSink {
    let types: [LogicalType]
    let next: BatchSink
    var seen = Set<[UInt8]>()
    var key: [UInt8] = []

    init(types: [LogicalType], next: BatchSink) {
        self.types = types
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var fresh: [Int32] = []
        for row in 0..<batch.count {
            key.removeAll(keepingCapacity: true)
            for (column, type) in zip(batch.columns, types) { KeyEncoder.append(column, type, row: row, to: &key) }
            if seen.insert(key).inserted { fresh.append(Int32(row)) }
        }
        if fresh.isEmpty { return true }
        return try next.push(batch.selecting(fresh))
    }

    func finish() throws(QueryError) { try next.finish() }
}
