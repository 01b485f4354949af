import TrailBase
import TrailColumnar
import TrailPlan

/// CROSS JOIN UNNEST: each input row repeated once per element of the longest array, elements side by side
/// (shorter arrays padded with NULL), rows of arrays of rows split into their fields, maps into key and value.
final class UnnestOperator: BatchSink {
    let arrays: [BoundExpression]
    let withOrdinality: Bool
    let schema: [Field]
    let evaluator: ExpressionEvaluator
    let next: BatchSink

    /// Per array: split an array of rows into one column per field (Trino), or keep the row whole (Athena's
    /// single-alias form).
    let flattenRows: [Bool]

    init(arrays: [BoundExpression], flattenRows: [Bool], withOrdinality: Bool, schema: [Field], evaluator: ExpressionEvaluator,
         next: BatchSink) {
        self.arrays = arrays
        self.flattenRows = flattenRows
        self.withOrdinality = withOrdinality
        self.schema = schema
        self.evaluator = evaluator
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        let values = try arrays.map { (array) throws(QueryError) in try evaluator.evaluate(array, batch) }
        var inputRows: [Int32] = []
        var elementRows = [[Int32]](repeating: [], count: values.count)
        var ordinals: [Int64] = []
        for row in 0..<batch.count {
            var longest = 0
            for value in values {
                switch value {
                case .array(let c) where c.validity[row]: longest = max(longest, Int(c.offsets[row + 1] - c.offsets[row]))
                case .map(let c) where c.validity[row]: longest = max(longest, Int(c.offsets[row + 1] - c.offsets[row]))
                default: break
                }
            }
            for position in 0..<longest {
                inputRows.append(Int32(row))
                ordinals.append(Int64(position + 1))
                for (index, value) in values.enumerated() {
                    var element: Int32 = -1
                    switch value {
                    case .array(let c) where c.validity[row] && position < Int(c.offsets[row + 1] - c.offsets[row]):
                        element = Int32(Int(c.offsets[row]) + position)
                    case .map(let c) where c.validity[row] && position < Int(c.offsets[row + 1] - c.offsets[row]):
                        element = Int32(Int(c.offsets[row]) + position)
                    default: break
                    }
                    elementRows[index].append(element)
                }
            }
        }
        if inputRows.isEmpty { return true }
        var columns = batch.columns.map { $0.take(inputRows) }
        for (index, value) in values.enumerated() {
            switch value {
            case .array(let c):
                let elements = c.element.take(elementRows[index])
                if flattenRows[index], case .row(let rows) = elements {
                    columns += rows.children.map { ExpressionEvaluator.maskNulls($0, by: rows.validity) }
                } else {
                    columns.append(elements)
                }
            case .map(let c):
                columns.append(c.keys.take(elementRows[index]))
                columns.append(c.values.take(elementRows[index]))
            default:
                columns.append(Column.constant(.null, type: .unknown, count: inputRows.count))
            }
        }
        if withOrdinality {
            columns.append(.int64(FixedColumn(values: ordinals, validity: Bitmap(repeating: true, count: ordinals.count))))
        }
        return try next.push(Batch(schema: schema, columns: columns, count: inputRows.count))
    }

    func finish() throws(QueryError) { try next.finish() }
}
