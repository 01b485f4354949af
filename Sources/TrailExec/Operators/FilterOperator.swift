import TrailBase
import TrailColumnar
import TrailPlan

/// Keeps the rows where the predicate is true.
final class FilterOperator: BatchSink {
    let predicate: BoundExpression
    let evaluator: ExpressionEvaluator
    let next: BatchSink

    init(predicate: BoundExpression, evaluator: ExpressionEvaluator, next: BatchSink) {
        self.predicate = predicate
        self.evaluator = evaluator
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        let selected = try evaluator.select(predicate, batch)
        if selected.isEmpty { return true }
        return try next.push(batch.selecting(selected))
    }

    func finish() throws(QueryError) { try next.finish() }
}
