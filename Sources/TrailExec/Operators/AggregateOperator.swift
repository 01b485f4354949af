import TrailBase
import TrailColumnar
import TrailPlan

/// Hash aggregation: groups by the bytes of the key values, keeps per-group state in flat arrays, and pushes one
/// row per group when its input ends. Without GROUP BY there is exactly one group, even for no input.
final class AggregateOperator: BatchSink {
    let keys: [BoundExpression]
    let accumulators: [Accumulator]
    let schema: [Field]
    let evaluator: ExpressionEvaluator
    let next: BatchSink
    var groups = ByteKeyTable()
    let keyBuilders: [ColumnBuilder]
    var key: [UInt8] = []
    var groupCount = 0

    init(keys: [BoundExpression], aggregates: [AggregateCall], schema: [Field], evaluator: ExpressionEvaluator,
         next: BatchSink) {
        self.keys = keys
        self.accumulators = aggregates.map(Accumulator.init)
        self.schema = schema
        self.evaluator = evaluator
        self.next = next
        keyBuilders = keys.map { ColumnBuilder(type: $0.type) }
        if keys.isEmpty { addGroup() }
    }

    func addGroup() {
        groupCount += 1
        for accumulator in accumulators { accumulator.addGroup() }
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var groupIDs = [Int32](repeating: 0, count: batch.count)
        if !keys.isEmpty {
            let keyColumns = try keys.map { (key) throws(QueryError) in try evaluator.evaluate(key, batch) }
            for row in 0..<batch.count {
                key.removeAll(keepingCapacity: true)
                for (column, expression) in zip(keyColumns, keys) {
                    KeyEncoder.append(column, expression.type, row: row, to: &key)
                }
                let (id, inserted) = groups.id(of: key)
                if inserted {
                    for (builder, column) in zip(keyBuilders, keyColumns) { builder.append(column.value(at: row)) }
                    addGroup()
                }
                groupIDs[row] = id
            }
        }
        for accumulator in accumulators {
            let arguments = try accumulator.call.arguments.map { (argument) throws(QueryError) in
                try evaluator.evaluate(argument, batch)
            }
            let filter = try accumulator.call.filter.map { (condition) throws(QueryError) in
                try evaluator.evaluate(condition, batch)
            }
            try accumulator.update(groups: groupIDs, arguments: arguments, filter: filter)
        }
        return true
    }

    func finish() throws(QueryError) {
        var columns = keyBuilders.map { $0.finish() }
        columns += accumulators.map { $0.result() }
        let result = Batch(schema: schema, columns: columns, count: groupCount)
        _ = try result.push(to: next)
        try next.finish()
    }
}
