import TrailBase
import TrailColumnar
import TrailPlan

/// INTERSECT and EXCEPT (DISTINCT or ALL) over the materialised right side; UNION is planned as concatenation
/// (plus DISTINCT) by the executor.
final class SetOperationOperator: BatchSink {
    let op: SetOperator
    let distinct: Bool
    let types: [LogicalType]
    let next: BatchSink
    var rightCounts: [[UInt8]: Int] = [:]
    var emitted = Set<[UInt8]>()
    var key: [UInt8] = []

    init(op: SetOperator, distinct: Bool, right: Batch, types: [LogicalType], next: BatchSink) {
        self.op = op
        self.distinct = distinct
        self.types = types
        self.next = next
        for row in 0..<right.count {
            key.removeAll(keepingCapacity: true)
            for (column, type) in zip(right.columns, types) { KeyEncoder.append(column, type, row: row, to: &key) }
            rightCounts[key, default: 0] += 1
        }
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var kept: [Int32] = []
        for row in 0..<batch.count {
            key.removeAll(keepingCapacity: true)
            for (column, type) in zip(batch.columns, types) { KeyEncoder.append(column, type, row: row, to: &key) }
            let inRight = rightCounts[key, default: 0]
            let keep: Bool
            switch (op, distinct) {
            case (.intersect, true): keep = inRight > 0 && emitted.insert(key).inserted
            case (.except, true): keep = inRight == 0 && emitted.insert(key).inserted
            case (.intersect, false):
                keep = inRight > 0
                if keep { rightCounts[key] = inRight - 1 }
            case (.except, false):
                keep = inRight == 0
                if !keep { rightCounts[key] = inRight - 1 }
            case (.union, _): keep = true
            }
            if keep { kept.append(Int32(row)) }
        }
        if kept.isEmpty { return true }
        return try next.push(batch.taking(kept))
    }

    func finish() throws(QueryError) { try next.finish() }
}
