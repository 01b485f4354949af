import TrailBase
import TrailColumnar
import TrailPlan

/// Window functions: materialises its input, sorts it by (PARTITION BY, ORDER BY) per function, computes each
/// function over its partitions and appends one column per function. Output is in the input's order.
final class WindowOperator: BatchSink {
    let functions: [WindowCall]
    let schema: [Field]
    let evaluator: ExpressionEvaluator
    let next: BatchSink
    var pending: [Batch] = []

    init(functions: [WindowCall], schema: [Field], evaluator: ExpressionEvaluator, next: BatchSink) {
        self.functions = functions
        self.schema = schema
        self.evaluator = evaluator
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        pending.append(batch)
        return true
    }

    func finish() throws(QueryError) {
        let inputSchema = Array(schema.prefix(schema.count - functions.count))
        let input = Batch.concatenate(pending, schema: inputSchema)
        pending = []
        var columns = input.columns
        for function in functions { columns.append(try compute(function, input)) }
        _ = try Batch(schema: schema, columns: columns, count: input.count).push(to: next)
        try next.finish()
    }

    func compute(_ call: WindowCall, _ input: Batch) throws(QueryError) -> Column {
        let n = input.count
        let partitionColumns = try call.partitionBy.map { (e) throws(QueryError) in try evaluator.evaluate(e, input) }
        let orderColumns = try call.orderBy.map { (k) throws(QueryError) in try evaluator.evaluate(k.expression, input) }
        let arguments = try call.arguments.map { (e) throws(QueryError) in try evaluator.evaluate(e, input) }
        let partitionKeys = call.partitionBy.map { SortKey(expression: $0, ascending: true, nullsFirst: false) }
        let byPartition = RowComparator(columns: partitionColumns, keys: partitionKeys)
        let byOrder = RowComparator(columns: orderColumns, keys: call.orderBy)
        var order = (0..<n).map { Int32($0) }
        order.sort { a, b in
            let p = byPartition.compare(Int(a), Int(b))
            if p != 0 { return p < 0 }
            let o = byOrder.compare(Int(a), Int(b))
            return o != 0 ? o < 0 : a < b
        }
        var results = [Value](repeating: .null, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && byPartition.compare(Int(order[start]), Int(order[end])) == 0 { end += 1 }
            try computePartition(call, Array(order[start..<end]), byOrder, arguments, &results)
            start = end
        }
        let builder = ColumnBuilder(type: call.type)
        for value in results { builder.append(value) }
        return builder.finish()
    }

    func computePartition(_ call: WindowCall, _ rows: [Int32], _ byOrder: RowComparator, _ arguments: [Column],
                          _ results: inout [Value]) throws(QueryError) {
        let count = rows.count
        func peers(_ a: Int, _ b: Int) -> Bool { byOrder.compare(Int(rows[a]), Int(rows[b])) == 0 }
        switch call.function {
        case .rowNumber:
            for (position, row) in rows.enumerated() { results[Int(row)] = .int(Int64(position + 1)) }
        case .rank, .denseRank, .percentRank:
            var rank = 1, dense = 1
            for position in 0..<count {
                if position > 0 && !peers(position - 1, position) {
                    rank = position + 1
                    dense += 1
                }
                switch call.function {
                case .rank: results[Int(rows[position])] = .int(Int64(rank))
                case .denseRank: results[Int(rows[position])] = .int(Int64(dense))
                default: results[Int(rows[position])] = .double(count > 1 ? Double(rank - 1) / Double(count - 1) : 0)
                }
            }
        case .ntile:
            guard let buckets = arguments.first?.value(at: Int(rows[0])).int, buckets > 0 else {
                throw QueryError(.functionFailed, "Buckets must be greater than 0", at: nil)
            }
            for position in 0..<count {
                let bucket = Int64(position) * buckets / Int64(count) + 1
                results[Int(rows[position])] = .int(bucket)
            }
        case .lag, .lead:
            for position in 0..<count {
                let row = Int(rows[position])
                let offset = arguments.count > 1 ? (arguments[1].value(at: row).int ?? 1) : 1
                let target = call.function == .lag ? position - Int(offset) : position + Int(offset)
                if target >= 0 && target < count {
                    results[row] = arguments[0].value(at: Int(rows[target]))
                } else {
                    results[row] = arguments.count > 2 ? arguments[2].value(at: row) : .null
                }
            }
        case .firstValue, .lastValue, .nthValue:
            for position in 0..<count {
                let (from, to) = frame(call.frame, position, count, peers)
                let row = Int(rows[position])
                guard from <= to else { results[row] = .null; continue }
                switch call.function {
                case .firstValue: results[row] = arguments[0].value(at: Int(rows[from]))
                case .lastValue: results[row] = arguments[0].value(at: Int(rows[to]))
                default:
                    let n = Int(arguments[1].value(at: row).int ?? 1)
                    results[row] = from + n - 1 <= to ? arguments[0].value(at: Int(rows[from + n - 1])) : .null
                }
            }
        case .aggregate(let function):
            let aggregate = AggregateCall(function: function, arguments: call.arguments, isDistinct: false, filter: nil,
                                          type: call.type)
            // PERF: whole-partition and running frames reuse one accumulator; other frames recompute per row.
            switch call.frame {
            case .wholePartition:
                let value = try aggregateValue(aggregate, rows[...], arguments)
                for row in rows { results[Int(row)] = value }
            default:
                for position in 0..<count {
                    let (from, to) = frame(call.frame, position, count, peers)
                    results[Int(rows[position])] = from <= to
                        ? try aggregateValue(aggregate, rows[from...to], arguments)
                        : try aggregateValue(aggregate, rows[0..<0], arguments)
                }
            }
        }
    }

    /// The frame of the row at `position` as positions in the partition.
    func frame(_ kind: WindowFrameKind, _ position: Int, _ count: Int, _ peers: (Int, Int) -> Bool) -> (Int, Int) {
        switch kind {
        case .wholePartition: return (0, count - 1)
        case .rowsToCurrentRow: return (0, position)
        case .rangeToCurrentRow, .rangeFromCurrentRow, .rangePeers:
            var start = position, end = position
            if kind != .rangeToCurrentRow { while start > 0 && peers(position, start - 1) { start -= 1 } }
            if kind != .rangeFromCurrentRow { while end + 1 < count && peers(position, end + 1) { end += 1 } }
            switch kind {
            case .rangeToCurrentRow: return (0, end)
            case .rangeFromCurrentRow: return (start, count - 1)
            default: return (start, end)
            }
        case .rows(let preceding, let following):
            let from = preceding.map { max(0, position - Int($0)) } ?? 0
            let to = following.map { min(count - 1, position + Int($0)) } ?? count - 1
            return (from, to)
        }
    }

    func aggregateValue(_ call: AggregateCall, _ rows: ArraySlice<Int32>, _ arguments: [Column]) throws(QueryError) -> Value {
        let accumulator = Accumulator(call)
        accumulator.addGroup()
        let picked = arguments.map { $0.take(Array(rows)) }
        try accumulator.update(groups: [Int32](repeating: 0, count: rows.count), arguments: picked, filter: nil)
        return accumulator.result().value(at: 0)
    }
}
