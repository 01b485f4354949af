import TrailBase
import TrailColumnar
import TrailPlan

/// ORDER BY, and top-N when a LIMIT follows: with a limit it keeps at most a few times `limit` rows, sorting and
/// cutting whenever more have arrived, so memory stays bounded whatever the input size. The sort is stable.
final class SortOperator: BatchSink {
    let keys: [SortKey]
    let limit: Int64?
    let schema: [Field]
    let evaluator: ExpressionEvaluator
    let next: BatchSink
    var pending: [Batch] = []
    var pendingRows = 0

    init(keys: [SortKey], limit: Int64?, schema: [Field], evaluator: ExpressionEvaluator, next: BatchSink) {
        self.keys = keys
        self.limit = limit
        self.schema = schema
        self.evaluator = evaluator
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        pending.append(batch)
        pendingRows += batch.count
        if let limit, pendingRows > max(Int(limit) * 4, 16_384) {
            let kept = try sorted(Batch.concatenate(pending, schema: schema), keep: Int(limit))
            pending = [kept]
            pendingRows = kept.count
        }
        return true
    }

    func sorted(_ batch: Batch, keep: Int?) throws(QueryError) -> Batch {
        let columns = try keys.map { (key) throws(QueryError) in try evaluator.evaluate(key.expression, batch) }
        let comparator = RowComparator(columns: columns, keys: keys)
        var order = (0..<batch.count).map { Int32($0) }
        // Stable: equal keys keep arrival order (Trino gives no order there; stable output is friendlier).
        order.sort { a, b in
            let c = comparator.compare(Int(a), Int(b))
            return c != 0 ? c < 0 : a < b
        }
        if let keep, order.count > keep { order.removeLast(order.count - keep) }
        return batch.taking(order)
    }

    func finish() throws(QueryError) {
        let result = try sorted(Batch.concatenate(pending, schema: schema), keep: limit.map { Int($0) })
        pending = []
        _ = try result.push(to: next)
        try next.finish()
    }
}
