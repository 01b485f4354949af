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
    /// The right side's distinct rows, and how many times each occurs (used up by INTERSECT/EXCEPT ALL).
    var rightRows = ByteKeyTable()
    var rightCounts: [Int] = []
    /// The rows already passed (INTERSECT/EXCEPT DISTINCT).
    var emitted = ByteKeyTable()
    var rowKeys = RowKeys()

    init(op: SetOperator, distinct: Bool, right batch: Batch, types: [LogicalType], next: BatchSink) {
        self.op = op
        self.distinct = distinct
        self.types = types
        self.next = next
        rowKeys.encode(batch.columns, types, count: batch.count)
        rowKeys.forEach { _, key in
            let (id, inserted) = rightRows.id(of: key)
            if inserted { rightCounts.append(0) }
            rightCounts[Int(id)] += 1
        }
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var kept: [Int32] = []
        rowKeys.encode(batch.columns, types, count: batch.count)
        rowKeys.forEach { row, key in
            let id = rightRows.find(key).map(Int.init)
            let inRight = id.map { rightCounts[$0] } ?? 0
            let keep: Bool
            switch (op, distinct) {
            case (.intersect, true): keep = inRight > 0 && emitted.id(of: key).inserted
            case (.except, true): keep = inRight == 0 && emitted.id(of: key).inserted
            case (.intersect, false):
                keep = inRight > 0
                if keep, let id { rightCounts[id] = inRight - 1 }
            case (.except, false):
                keep = inRight == 0
                if !keep, let id { rightCounts[id] = inRight - 1 }
            case (.union, _): keep = true
            }
            if keep { kept.append(Int32(row)) }
        }
        if kept.isEmpty { return true }
        return try next.push(batch.taking(kept))
    }

    func finish() throws(QueryError) { try next.finish() }
}
