import TrailBase
import TrailColumnar
import TrailFunctions
import TrailPlan

/// Evaluates bound expressions over a batch, a column at a time. One evaluator per operator and thread: it caches
/// what constant arguments compile to (regexes, JSON paths, LIKE patterns), so it is not shared.
///
/// Expressions must be resolved first (`resolved(layout:)`): `.column(n)` then means the batch's column `n`.
public final class ExpressionEvaluator {
    let context: EvaluationContext
    var regexes: [String: CompiledRegex] = [:]
    var paths: [String: JSONPathExpression] = [:]
    var likePatterns: [[UInt8]: LikePattern] = [:]
    var scratch: [UInt8] = []

    public init(context: EvaluationContext) {
        self.context = context
    }

    public func evaluate(_ expression: BoundExpression, _ batch: Batch) throws(QueryError) -> Column {
        let count = batch.count
        switch expression {
        case .column(let position, _):
            return batch.columns[position]
        case .literal(let value, let type):
            return Column.constant(value, type: type, count: count)
        case .field(let base, let index, _):
            let row = try evaluate(base, batch)
            guard case .row(let rows) = row else { return Column.constant(.null, type: expression.type, count: count) }
            return Self.maskNulls(rows.children[index], by: rows.validity)
        case .call(let function, let arguments, let type):
            return try call(function, arguments, type, batch)
        case .and(let terms):
            return try logical(terms, batch, isAnd: true)
        case .or(let terms):
            return try logical(terms, batch, isAnd: false)
        case .not(let operand):
            let value = try evaluate(operand, batch)
            guard case .boolean(var column) = value else { return Column.constant(.null, type: .boolean, count: count) }
            for index in 0..<column.values.count { column.values[index].toggle() }
            return .boolean(column)
        case .isNull(let operand, let negated):
            let value = try evaluate(operand, batch)
            var values = [Bool](repeating: false, count: count)
            for row in 0..<count { values[row] = value.isNull(row) != negated }
            return .boolean(FixedColumn(values: values, validity: Bitmap(repeating: true, count: count)))
        case .cast(let operand, let type, let isTry):
            let value = try evaluate(operand, batch)
            return try cast(value, from: operand.type, to: type, isTry: isTry)
        case .caseWhen(let branches, let otherwise, let type):
            return try caseWhen(branches, otherwise, type, batch)
        case .coalesce(let arguments, let type):
            return try coalesce(arguments, type, batch)
        case .inList(let operand, let list, let negated):
            return try inList(operand, list, negated: negated, batch)
        case .scalarSubquery(let index, let type):
            guard case .scalar(let value) = context.subqueries[index] else {
                return Column.constant(.null, type: type, count: count)
            }
            return Column.constant(value, type: type, count: count)
        case .inSubquery(let operand, let index, let negated):
            guard case .values(let keys, let hasNull) = context.subqueries[index] else {
                return Column.constant(.null, type: .boolean, count: count)
            }
            // Nothing to compare with: IN is false (NOT IN true) even for a NULL operand.
            if keys.count == 0 && !hasNull { return Column.constant(.boolean(negated), type: .boolean, count: count) }
            let value = try evaluate(operand, batch)
            var rowKeys = RowKeys()
            rowKeys.encode([value], [operand.type], count: count)
            var found = [Bool](repeating: false, count: count)
            var validity = Bitmap(repeating: true, count: count)
            rowKeys.forEach { row, key in
                if value.isNull(row) {
                    validity[row] = false
                } else if keys.find(key) != nil {
                    found[row] = !negated
                } else if hasNull {
                    validity[row] = false
                } else {
                    found[row] = negated
                }
            }
            return .boolean(FixedColumn(values: found, validity: validity))
        case .exists(let index, let negated):
            guard case .exists(let found) = context.subqueries[index] else {
                return Column.constant(.null, type: .boolean, count: count)
            }
            return Column.constant(.boolean(found != negated), type: .boolean, count: count)
        }
    }

    /// The rows where `predicate` is true (not false, not NULL), as indices.
    public func select(_ predicate: BoundExpression, _ batch: Batch) throws(QueryError) -> [Int32] {
        let value = try evaluate(predicate, batch)
        var selected: [Int32] = []
        guard case .boolean(let column) = value else { return selected }
        selected.reserveCapacity(batch.count)
        for row in 0..<batch.count where column.values[row] && column.validity[row] { selected.append(Int32(row)) }
        return selected
    }

    // MARK: Three-valued logic

    func logical(_ terms: [BoundExpression], _ batch: Batch, isAnd: Bool) throws(QueryError) -> Column {
        let count = batch.count
        // Result so far: `decided` rows have their final value (false for AND, true for OR).
        var values = [Bool](repeating: isAnd, count: count)
        var validity = Bitmap(repeating: true, count: count)
        for term in terms {
            let value = try evaluate(term, batch)
            guard case .boolean(let column) = value else {
                for row in 0..<count where values[row] == isAnd { validity[row] = false }
                continue
            }
            for row in 0..<count {
                if !column.validity[row] {
                    // NULL: stays NULL unless decided by another term.
                    if values[row] == isAnd { validity[row] = false }
                } else if column.values[row] != isAnd {
                    values[row] = !isAnd
                    validity[row] = true
                }
            }
        }
        return .boolean(FixedColumn(values: values, validity: validity))
    }

    // MARK: Lazy forms

    /// Rows reach a branch only when its condition holds, so a branch that would fail on other rows does not.
    func caseWhen(_ branches: [WhenThen], _ otherwise: BoundExpression?, _ type: LogicalType, _ batch: Batch)
        throws(QueryError) -> Column
    {
        var remaining = (0..<batch.count).map { Int32($0) }
        var pieces: [Column] = []
        var source = [Int32](repeating: -1, count: batch.count)
        var offset: Int32 = 0
        for branch in branches where !remaining.isEmpty {
            let sub = batch.selecting(remaining)
            let condition = try evaluate(branch.condition, sub)
            var chosen: [Int32] = []
            var rest: [Int32] = []
            if case .boolean(let c) = condition {
                for (position, row) in remaining.enumerated() {
                    if c.validity[position] && c.values[position] { chosen.append(Int32(position)) } else { rest.append(row) }
                }
            } else {
                rest = remaining
            }
            if !chosen.isEmpty {
                let result = try evaluate(branch.result, sub.selecting(chosen))
                for (index, position) in chosen.enumerated() { source[Int(remaining[Int(position)])] = offset + Int32(index) }
                pieces.append(result)
                offset += Int32(chosen.count)
            }
            remaining = rest
        }
        if let otherwise, !remaining.isEmpty {
            let result = try evaluate(otherwise, batch.selecting(remaining))
            for (index, row) in remaining.enumerated() { source[Int(row)] = offset + Int32(index) }
            pieces.append(result)
        }
        if pieces.isEmpty { return Column.constant(.null, type: type, count: batch.count) }
        return Column.concatenate(pieces, type: type).take(source)
    }

    func coalesce(_ arguments: [BoundExpression], _ type: LogicalType, _ batch: Batch) throws(QueryError) -> Column {
        var remaining = (0..<batch.count).map { Int32($0) }
        var pieces: [Column] = []
        var source = [Int32](repeating: -1, count: batch.count)
        var offset: Int32 = 0
        for argument in arguments where !remaining.isEmpty {
            let value = try evaluate(argument, batch.selecting(remaining))
            var rest: [Int32] = []
            for (position, row) in remaining.enumerated() {
                if value.isNull(position) { rest.append(row) } else { source[Int(row)] = offset + Int32(position) }
            }
            pieces.append(value)
            offset += Int32(remaining.count)
            remaining = rest
        }
        if pieces.isEmpty { return Column.constant(.null, type: type, count: batch.count) }
        return Column.concatenate(pieces, type: type).take(source)
    }

    func inList(_ operand: BoundExpression, _ list: [BoundExpression], negated: Bool, _ batch: Batch) throws(QueryError)
        -> Column
    {
        let value = try evaluate(operand, batch)
        let count = batch.count
        var values = [Bool](repeating: false, count: count)
        var validity = Bitmap(repeating: true, count: count)
        var hasNullItem = [Bool](repeating: false, count: count)
        // PERF: varchar against constant strings compares bytes in place (the common `eventname IN (…)`).
        if case .varchar(let column) = value, list.allSatisfy({ $0.literalValue?.bytes != nil || $0.literalValue == .null }) {
            let needles = list.compactMap { $0.literalValue?.bytes }
            let anyNull = needles.count != list.count
            column.bytes.withUnsafeBytes { bytes in
                for row in 0..<count {
                    guard column.validity[row] else { continue }
                    let start = Int(column.offsets[row]), length = Int(column.offsets[row + 1]) - start
                    for needle in needles where needle.count == length {
                        if length == 0 || needle.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress! + start, length) }) == 0 {
                            values[row] = true
                            break
                        }
                    }
                }
            }
            for row in 0..<count {
                if !column.validity[row] { validity[row] = false } else if !values[row] && anyNull { validity[row] = false }
                if negated { values[row].toggle() }
            }
            return .boolean(FixedColumn(values: values, validity: validity))
        }
        for item in list {
            let candidate = try evaluate(item, batch)
            for row in 0..<count where !values[row] {
                if value.isNull(row) { continue }
                if candidate.isNull(row) { hasNullItem[row] = true; continue }
                if ValueOrder.equal(value.value(at: row), candidate.value(at: row), operand.type) == true { values[row] = true }
            }
        }
        for row in 0..<count {
            if value.isNull(row) || (!values[row] && hasNullItem[row]) { validity[row] = false }
            if negated { values[row].toggle() }
        }
        return .boolean(FixedColumn(values: values, validity: validity))
    }

    // MARK: Helpers

    /// A child of a row column is NULL where the row is.
    static func maskNulls(_ column: Column, by validity: Bitmap) -> Column {
        if validity.isAllSet { return column }
        let indices = (0..<validity.count).map { validity[$0] ? Int32($0) : -1 }
        return column.take(indices)
    }

    func functionError(_ error: FunctionError) -> QueryError {
        QueryError(.functionFailed, error.description, at: nil)
    }
}

#if canImport(Glibc)
import Glibc
#endif
