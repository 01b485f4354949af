import TrailBase
import TrailColumnar
import TrailSQL

extension Analyzer {
    /// A query: WITH, the body, then ORDER BY / OFFSET / LIMIT.
    func analyzeQuery(_ query: Query) throws(QueryError) -> (LogicalPlan, [OutputColumn]) {
        var pushedWith = false
        if let with = query.with {
            var names: Set<String> = []
            for item in with.queries where !names.insert(item.name.normalized).inserted {
                throw QueryError(.duplicateName, "WITH query name \"\(item.name.normalized)\" specified more than once",
                                 at: item.name.span)
            }
            withScopes.append(with.queries)
            pushedWith = true
        }
        defer { if pushedWith { withScopes.removeLast() } }

        if case .select(let select) = query.body {
            return try analyzeSelect(select, orderBy: query.orderBy, offset: query.offset, limit: query.limit)
        }
        var (plan, outputs) = try analyzeBody(query.body)
        if !query.orderBy.isEmpty {
            var keys: [SortKey] = []
            let scope = Scope(relations: [ScopeRelation(qualifiers: [], content: .columns(outputs))])
            for item in query.orderBy {
                let expression: BoundExpression
                if let ordinal = try ordinal(of: item.expression, count: outputs.count, clause: "ORDER BY") {
                    expression = .column(outputs[ordinal].id, outputs[ordinal].type)
                } else {
                    expression = try bind(item.expression, ExpressionContext(scope: scope, clause: "ORDER BY"))
                }
                keys.append(try sortKey(item, expression))
            }
            plan = .sort(plan, keys: keys, limit: nil)
        }
        plan = try applyLimit(plan, offset: query.offset, limit: query.limit)
        return (plan, outputs)
    }

    func applyLimit(_ plan: LogicalPlan, offset: Int64?, limit: Limit?) throws(QueryError) -> LogicalPlan {
        if let limit, limit.withTies {
            throw QueryError(.unsupportedFeature, "FETCH … WITH TIES is not supported", at: limit.span)
        }
        let count = limit?.count
        if offset == nil && count == nil { return plan }
        return .limit(plan, offset: offset ?? 0, count: count)
    }

    func sortKey(_ item: SortItem, _ expression: BoundExpression) throws(QueryError) -> SortKey {
        guard expression.type.isOrderable else {
            throw QueryError(.typeMismatch, "type \(expression.type) is not orderable", at: item.expression.span)
        }
        let ascending = item.ordering != .descending
        // Trino: NULLS LAST unless asked otherwise, in either direction.
        return SortKey(expression: expression, ascending: ascending, nullsFirst: item.nullOrdering == .first)
    }

    /// An integer literal in GROUP BY / ORDER BY: a 1-based position in the select list.
    func ordinal(of expression: Expression, count: Int, clause: String) throws(QueryError) -> Int? {
        // Only a plain integer literal is a position (`ORDER BY -1` is a constant expression, as in Trino).
        guard case .literal(let literal) = expression, case .number(let number) = literal.value,
              number.kind == .integer, !number.isNegative else { return nil }
        guard let value = number.int64Value, value >= 1, value <= count else {
            throw QueryError(.invalidOrdinal, "\(clause) position \(number.text) is not in select list",
                             at: literal.span, help: "positions count select items from 1 to \(count)")
        }
        return Int(value) - 1
    }

    func analyzeBody(_ body: QueryBody) throws(QueryError) -> (LogicalPlan, [OutputColumn]) {
        switch body {
        case .select(let select):
            return try analyzeSelect(select, orderBy: [], offset: nil, limit: nil)
        case .nested(let query):
            return try analyzeQuery(query)
        case .table(let reference):
            let select = Select(items: [.allColumns(AllColumns(span: reference.span))], from: [.table(reference)],
                                span: reference.span)
            return try analyzeSelect(select, orderBy: [], offset: nil, limit: nil)
        case .values(let values):
            return try analyzeValues(values)
        case .setOperation(let operation):
            return try analyzeSetOperation(operation)
        }
    }

    func analyzeValues(_ values: Values) throws(QueryError) -> (LogicalPlan, [OutputColumn]) {
        let context = ExpressionContext(scope: .empty, clause: "VALUES")
        var rows: [[BoundExpression]] = []
        for row in values.rows {
            if case .row(let constructor) = row {
                rows.append(try constructor.elements.map { (element) throws(QueryError) in try bind(element, context) })
            } else {
                rows.append([try bind(row, context)])
            }
        }
        let width = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() where row.count != width {
            throw QueryError(.setOperationMismatch, "VALUES rows have different numbers of columns (\(width) and \(row.count))",
                             at: values.rows[index].span)
        }
        var types: [LogicalType] = []
        for column in 0..<width {
            var type = LogicalType.unknown
            for (index, row) in rows.enumerated() {
                guard let common = TypeCoercion.commonType(type, row[column].type) else {
                    throw QueryError(.typeMismatch, "VALUES column \(column + 1) has types \(type) and \(row[column].type)",
                                     at: values.rows[index].span)
                }
                type = common
            }
            types.append(type)
        }
        let outputs = types.enumerated().map { OutputColumn(id: newID(), name: "_col\($0.offset)", type: $0.element) }
        let coerced = rows.map { row in row.enumerated().map { TypeCoercion.coerce($0.element, to: types[$0.offset]) } }
        return (.values(rows: coerced, outputs: outputs), outputs)
    }

    func analyzeSetOperation(_ operation: SetOperation) throws(QueryError) -> (LogicalPlan, [OutputColumn]) {
        let (leftPlan, left) = try analyzeBody(operation.left)
        let (rightPlan, right) = try analyzeBody(operation.right)
        guard left.count == right.count else {
            throw QueryError(.setOperationMismatch,
                             "\(operation.op.rawValue) query has different number of fields: \(left.count), \(right.count)",
                             at: operation.span)
        }
        var types: [LogicalType] = []
        for (l, r) in zip(left, right) {
            guard let common = TypeCoercion.commonType(l.type, r.type) else {
                throw QueryError(.typeMismatch,
                                 "column \(types.count + 1) in \(operation.op.rawValue) query has incompatible types: \(l.type), \(r.type)",
                                 at: operation.span)
            }
            // Set semantics compare rows; UNION ALL only concatenates.
            if !common.isComparable && !(operation.op == .union && operation.quantifier == .all) {
                throw QueryError(.typeMismatch,
                                 "type \(common) is not comparable and cannot be used in \(operation.op.rawValue)",
                                 at: operation.span)
            }
            types.append(common)
        }
        func aligned(_ plan: LogicalPlan, _ columns: [OutputColumn]) -> LogicalPlan {
            if zip(columns, types).allSatisfy({ $0.type == $1 }) { return plan }
            let items = zip(columns, types).map { column, type in
                ProjectedExpression(output: OutputColumn(id: newID(), name: column.name, type: type),
                                    expression: TypeCoercion.coerce(.column(column.id, column.type), to: type))
            }
            return .project(plan, items)
        }
        let outputs = zip(left, types).map { OutputColumn(id: newID(), name: $0.name, type: $1) }
        let op: SetOperator
        switch operation.op {
        case .union: op = .union
        case .intersect: op = .intersect
        case .except: op = .except
        }
        let distinct = operation.quantifier != .all
        return (.setOperation(op, distinct: distinct, aligned(leftPlan, left), aligned(rightPlan, right), outputs: outputs),
                outputs)
    }
}
