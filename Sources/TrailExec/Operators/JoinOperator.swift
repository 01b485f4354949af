import TrailBase
import TrailColumnar
import TrailPlan

/// Joins probe-side batches (left) against the materialised build side (right): a hash table on the equality
/// keys of ON when there are some, else every pair; the rest of ON filters the pairs. LEFT/FULL joins emit
/// unmatched left rows with NULLs; RIGHT/FULL emit unmatched right rows at the end.
final class JoinOperator: BatchSink {
    let kind: JoinKind
    let build: Batch
    let leftKeys: [BoundExpression]
    let rightKeys: [BoundExpression]
    /// ON conjuncts that are not key equalities, over the joined row (left columns then right columns).
    let residual: BoundExpression?
    let schema: [Field]
    let leftWidth: Int
    let evaluator: ExpressionEvaluator
    let next: BatchSink
    /// The build side's distinct keys; rows with key `id` are `firstMatch[id]`, then `nextMatch` of each in turn
    /// (-1 ends), in row order.
    var table = ByteKeyTable()
    var firstMatch: [Int32] = []
    var nextMatch: [Int32]
    var matchedRight: [Bool]
    var rowKeys = RowKeys()

    init(kind: JoinKind, build: Batch, leftKeys: [BoundExpression], rightKeys: [BoundExpression],
         residual: BoundExpression?, schema: [Field], leftWidth: Int, evaluator: ExpressionEvaluator, next: BatchSink)
        throws(QueryError)
    {
        self.kind = kind
        self.build = build
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.residual = residual
        self.schema = schema
        self.leftWidth = leftWidth
        self.evaluator = evaluator
        self.next = next
        matchedRight = [Bool](repeating: false, count: build.count)
        nextMatch = [Int32](repeating: -1, count: build.count)
        if !rightKeys.isEmpty {
            let columns = try rightKeys.map { (k) throws(QueryError) in try evaluator.evaluate(k, build) }
            rowKeys.encode(columns, rightKeys.map(\.type), count: build.count)
            var lastMatch: [Int32] = []
            rowKeys.forEach { row, key in
                // A NULL key never equals anything.
                if columns.contains(where: { $0.isNull(row) }) { return }
                let (id, inserted) = table.id(of: key)
                if inserted {
                    firstMatch.append(Int32(row))
                    lastMatch.append(Int32(row))
                } else {
                    nextMatch[Int(lastMatch[Int(id)])] = Int32(row)
                    lastMatch[Int(id)] = Int32(row)
                }
            }
        }
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        var leftRows: [Int32] = []
        var rightRows: [Int32] = []
        if rightKeys.isEmpty {
            for row in 0..<batch.count {
                for other in 0..<build.count {
                    leftRows.append(Int32(row))
                    rightRows.append(Int32(other))
                }
            }
        } else {
            let columns = try leftKeys.map { (k) throws(QueryError) in try evaluator.evaluate(k, batch) }
            rowKeys.encode(columns, leftKeys.map(\.type), count: batch.count)
            rowKeys.forEach { row, key in
                // Build keys holding a NULL were left out, and a key with a NULL (one 0 byte where a value starts
                // with 1) never equals one without: a NULL probe key finds nothing.
                guard let id = table.find(key) else { return }
                var other = firstMatch[Int(id)]
                while other >= 0 {
                    leftRows.append(Int32(row))
                    rightRows.append(other)
                    other = nextMatch[Int(other)]
                }
            }
        }
        var joined = pairBatch(batch, leftRows, rightRows)
        if let residual, joined.count > 0 {
            let selected = try evaluator.select(residual, joined)
            if selected.count != joined.count {
                leftRows = selected.map { leftRows[Int($0)] }
                rightRows = selected.map { rightRows[Int($0)] }
                joined = joined.taking(selected)
            }
        }
        for row in rightRows { matchedRight[Int(row)] = true }
        if kind == .left || kind == .full {
            var matchedLeft = [Bool](repeating: false, count: batch.count)
            for row in leftRows { matchedLeft[Int(row)] = true }
            let unmatched = (0..<batch.count).filter { !matchedLeft[$0] }.map { Int32($0) }
            if !unmatched.isEmpty {
                let padded = pairBatch(batch, unmatched, [Int32](repeating: -1, count: unmatched.count))
                if !(try next.push(padded)) { return false }
            }
        }
        if joined.count == 0 { return true }
        return try joined.push(to: next)
    }

    func pairBatch(_ left: Batch, _ leftRows: [Int32], _ rightRows: [Int32]) -> Batch {
        let columns = left.columns.map { $0.take(leftRows) } + build.columns.map { $0.take(rightRows) }
        return Batch(schema: schema, columns: columns, count: leftRows.count)
    }

    func finish() throws(QueryError) {
        if kind == .right || kind == .full {
            let unmatched = (0..<build.count).filter { !matchedRight[$0] }.map { Int32($0) }
            if !unmatched.isEmpty {
                let leftColumns = schema.prefix(leftWidth).map { Column.constant(.null, type: $0.type, count: unmatched.count) }
                let batch = Batch(schema: schema, columns: leftColumns + build.columns.map { $0.take(unmatched) },
                                  count: unmatched.count)
                _ = try batch.push(to: next)
            }
        }
        try next.finish()
    }
}
