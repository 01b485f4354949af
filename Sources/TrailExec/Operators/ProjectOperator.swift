import TrailBase
import TrailColumnar
import TrailPlan

/// Computes the output columns from the input's.
final class ProjectOperator: BatchSink {
    let expressions: [BoundExpression]
    let schema: [Field]
    let evaluator: ExpressionEvaluator
    let next: BatchSink

    init(expressions: [BoundExpression], schema: [Field], evaluator: ExpressionEvaluator, next: BatchSink) {
        self.expressions = expressions
        self.schema = schema
        self.evaluator = evaluator
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var columns: [Column] = []
        columns.reserveCapacity(expressions.count)
        for expression in expressions { columns.append(try evaluator.evaluate(expression, batch)) }
        return try next.push(Batch(schema: schema, columns: columns, count: batch.count))
    }

    func finish() throws(QueryError) { try next.finish() }
}
