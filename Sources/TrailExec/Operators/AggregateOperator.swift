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
    /// The keys of a batch's rows (GROUP BY other than one varchar).
    var rowKeys = RowKeys()
    let keyTypes: [LogicalType]
    var groupCount = 0

    init(keys: [BoundExpression], aggregates: [AggregateCall], schema: [Field], evaluator: ExpressionEvaluator,
         next: BatchSink) {
        self.keys = keys
        self.accumulators = aggregates.map(Accumulator.init)
        self.schema = schema
        self.evaluator = evaluator
        self.next = next
        keyBuilders = keys.map { ColumnBuilder(type: $0.type) }
        keyTypes = keys.map(\.type)
        if keys.isEmpty { addGroup() }
    }

    func addGroup() {
        groupCount += 1
        for accumulator in accumulators { accumulator.addGroup() }
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var groupIDs = [Int32](repeating: 0, count: batch.count)
        let keyColumns = try keys.map { (key) throws(QueryError) in try evaluator.evaluate(key, batch) }
        if keys.count == 1, keys[0].type == .varchar, case .varchar(let column) = keyColumns[0] {
            assignGroups(column, to: &groupIDs)
        } else if !keys.isEmpty {
            rowKeys.encode(keyColumns, keyTypes, count: batch.count)
            var table = ByteKeyTable()
            swap(&table, &groups)
            defer { swap(&table, &groups) }
            rowKeys.forEach { row, key in
                let (id, inserted) = table.id(of: key)
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

    /// The group of each row for one varchar key (GROUP BY eventname, arn, …), keyed by `KeyEncoder.appendText`
    /// as the general path keys it.
    ///
    /// PERF: the column's arrays are borrowed once per batch and the key buffer and table are locals, so a row
    /// costs a hash probe and no retain/release or exclusivity check (per-row `KeyEncoder.append` destructured
    /// the column each time). Aggregation runs on the one consumer thread, so this is on the critical path: a warm
    /// `GROUP BY eventname` over 1 M cached rows went from 0.63-0.74 s to 0.50-0.54 s (1.15-1.30 → 0.97-1.03 s CPU).
    private func assignGroups(_ column: VarcharColumn, to groupIDs: inout [Int32]) {
        var table = ByteKeyTable()
        swap(&table, &groups)
        var key = self.key
        defer {
            swap(&table, &groups)
            self.key = key
        }
        column.offsets.withUnsafeBufferPointer { offsets in
            column.bytes.withUnsafeBytes { bytes in
                for row in 0..<groupIDs.count {
                    let valid = column.validity[row]
                    let value = UnsafeRawBufferPointer(rebasing: bytes[Int(offsets[row])..<Int(offsets[row + 1])])
                    key.removeAll(keepingCapacity: true)
                    if valid { KeyEncoder.appendText(value, to: &key) } else { key.append(0) }
                    let (id, inserted) = table.id(of: key)
                    if inserted {
                        if valid {
                            keyBuilders[0].bytes.append(contentsOf: value)
                            keyBuilders[0].commitString()
                        } else {
                            keyBuilders[0].appendNull()
                        }
                        addGroup()
                    }
                    groupIDs[row] = id
                }
            }
        }
    }

    func finish() throws(QueryError) {
        var columns = keyBuilders.map { $0.finish() }
        columns += accumulators.map { $0.result() }
        let result = Batch(schema: schema, columns: columns, count: groupCount)
        _ = try result.push(to: next)
        try next.finish()
    }
}
