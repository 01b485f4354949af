import TrailBase
import TrailColumnar
import TrailSQL

/// Aggregates met while binding the SELECT list, HAVING and ORDER BY of an aggregating query.
final class AggregateCollector {
    var outputs: [AggregateOutput] = []

    func id(for call: AggregateCall, allocate: () -> ColumnID) -> ColumnID {
        if let existing = outputs.first(where: { $0.call == call }) { return existing.output.id }
        let id = allocate()
        outputs.append(AggregateOutput(output: OutputColumn(id: id, name: call.function.rawValue, type: call.type), call: call))
        return id
    }
}

/// Window functions met while binding the SELECT list and ORDER BY.
final class WindowCollector {
    var outputs: [WindowOutput] = []

    func id(for call: WindowCall, allocate: () -> ColumnID) -> ColumnID {
        if let existing = outputs.first(where: { $0.call == call }) { return existing.output.id }
        let id = allocate()
        outputs.append(WindowOutput(output: OutputColumn(id: id, name: call.function.sqlName, type: call.type), call: call))
        return id
    }
}

extension Analyzer {
    struct SelectItemBinding {
        var name: String
        var expression: BoundExpression
        var span: SourceSpan
        /// The item calls an aggregate or window function (so GROUP BY cannot name it by position).
        var containsAggregate = false
    }

    func analyzeSelect(_ select: Select, orderBy: [SortItem], offset: Int64?, limit: Limit?) throws(QueryError)
        -> (LogicalPlan, [OutputColumn])
    {
        // FROM
        var plan: LogicalPlan
        var scope: Scope
        if select.from.isEmpty {
            plan = .values(rows: [[]], outputs: [])
            scope = .empty
        } else {
            (plan, scope) = try analyzeFrom(select.from)
        }
        // WHERE
        if let condition = select.whereClause {
            let predicate = try bind(condition, ExpressionContext(scope: scope, clause: "WHERE"))
            try requireBoolean(predicate, condition.span, clause: "WHERE")
            plan = .filter(plan, predicate: predicate)
        }

        let isAggregating = select.groupBy != nil || select.having != nil
            || select.items.contains { item in
                if case .expression(let derived) = item { return containsAggregate(derived.expression) }
                return false
            }
            || (select.quantifier != .distinct && orderBy.contains { containsAggregate($0.expression) })
        let aggregates = AggregateCollector()
        let windows = WindowCollector()
        var context = ExpressionContext(scope: scope, clause: "SELECT")
        context.aggregates = isAggregating ? aggregates : nil
        context.windows = windows

        // SELECT items
        var items: [SelectItemBinding] = []
        for item in select.items {
            switch item {
            case .allColumns(let all):
                items += try expandAllColumns(all, scope: scope)
            case .expression(let derived):
                let bound = try bind(derived.expression, context)
                let name = derived.alias?.normalized ?? derivedName(derived.expression) ?? "_col\(items.count)"
                items.append(SelectItemBinding(name: name, expression: bound, span: derived.span,
                                               containsAggregate: containsAggregate(derived.expression)))
            }
        }

        // GROUP BY
        var groupKeys: [BoundExpression] = []
        if let groupBy = select.groupBy {
            for element in groupBy.elements {
                guard case .set(let expressions) = element else {
                    throw QueryError(.unsupportedFeature, "ROLLUP, CUBE and GROUPING SETS are not supported",
                                     at: groupBy.span, help: "group by the columns and combine the results with UNION ALL")
                }
                for expression in expressions {
                    let key: BoundExpression
                    if let position = try ordinal(of: expression, count: items.count, clause: "GROUP BY") {
                        key = items[position].expression
                        if items[position].containsAggregate {
                            throw QueryError(.misplacedAggregate,
                                             "GROUP BY clause cannot contain aggregations or window functions",
                                             at: expression.span)
                        }
                    } else {
                        key = try bind(expression, ExpressionContext(scope: scope, clause: "GROUP BY"))
                    }
                    guard key.type.isComparable else {
                        throw QueryError(.typeMismatch, "GROUP BY needs a comparable type, not \(key.type)", at: expression.span)
                    }
                    if !groupKeys.contains(key) { groupKeys.append(key) }
                }
            }
        }

        // HAVING
        var having: BoundExpression?
        if let condition = select.having {
            var havingContext = context
            havingContext.windows = nil
            havingContext.clause = "HAVING"
            let bound = try bind(condition, havingContext)
            try requireBoolean(bound, condition.span, clause: "HAVING")
            having = bound
        }

        // ORDER BY: output names and positions first, then expressions over the input
        enum OrderTarget { case output(Int), expression(BoundExpression) }
        var orderTargets: [(SortItem, OrderTarget)] = []
        for item in orderBy {
            if let position = try ordinal(of: item.expression, count: items.count, clause: "ORDER BY") {
                orderTargets.append((item, .output(position)))
                continue
            }
            if case .column(let reference) = item.expression, reference.name.parts.count == 1 {
                let name = reference.name.parts[0].normalized
                let matches = items.indices.filter { items[$0].name == name }
                if matches.count == 1 || (matches.count > 1 && Set(matches.map { items[$0].expression }).count == 1) {
                    orderTargets.append((item, .output(matches[0])))
                    continue
                }
                if matches.count > 1 {
                    throw QueryError(.ambiguousColumn, "'\(name)' in ORDER BY is ambiguous", at: item.expression.span)
                }
            }
            // Trino: ORDER BY expressions see the output names first, then the FROM clause (`ORDER BY length(s)`).
            var orderContext = context
            orderContext.clause = "ORDER BY"
            var outputNames = ScopeRelation(qualifiers: [], content: .using(items.map { ($0.name, $0.expression) }))
            outputNames.shadows = true
            orderContext.scope.relations.insert(outputNames, at: 0)
            orderTargets.append((item, .expression(try bind(item.expression, orderContext))))
        }

        // Aggregation
        if isAggregating {
            var keyOutputs: [ProjectedExpression] = []
            for key in groupKeys {
                let name = items.first(where: { $0.expression == key })?.name ?? "key"
                keyOutputs.append(ProjectedExpression(output: OutputColumn(id: newID(), name: name, type: key.type),
                                                      expression: key))
            }
            var allowed = Set(keyOutputs.map(\.output.id))
            allowed.formUnion(aggregates.outputs.map(\.output.id))
            allowed.formUnion(windows.outputs.map(\.output.id))
            func rewrite(_ expression: BoundExpression, _ span: SourceSpan, _ clause: String) throws(QueryError) -> BoundExpression {
                let rewritten = expression.rewritten { node in
                    if let key = keyOutputs.first(where: { $0.expression == node }) {
                        return .column(key.output.id, key.output.type)
                    }
                    return nil
                }
                for id in rewritten.columnIDs where !allowed.contains(id) {
                    let name = columnNames[id] ?? "column"
                    throw QueryError(.notAggregate,
                                     "'\(name)' must be an aggregate expression or appear in GROUP BY clause",
                                     at: span, help: clause == "SELECT"
                                        ? "add it to GROUP BY, or wrap it in an aggregate such as arbitrary(\(name))" : nil)
                }
                return rewritten
            }
            for index in items.indices {
                items[index].expression = try rewrite(items[index].expression, items[index].span, "SELECT")
            }
            if let condition = having, let span = select.having?.span {
                having = try rewrite(condition, span, "HAVING")
            }
            for index in orderTargets.indices {
                if case .expression(let expression) = orderTargets[index].1 {
                    orderTargets[index].1 = .expression(try rewrite(expression, orderTargets[index].0.span, "ORDER BY"))
                }
            }
            for index in windows.outputs.indices {
                var call = windows.outputs[index].call
                let span = select.span
                call.arguments = try call.arguments.map { (e) throws(QueryError) in try rewrite(e, span, "window") }
                call.partitionBy = try call.partitionBy.map { (e) throws(QueryError) in try rewrite(e, span, "window") }
                call.orderBy = try call.orderBy.map { (key) throws(QueryError) in
                    var key = key
                    key.expression = try rewrite(key.expression, span, "window")
                    return key
                }
                windows.outputs[index].call = call
            }
            plan = .aggregate(plan, keys: keyOutputs, aggregates: aggregates.outputs)
            if let having { plan = .filter(plan, predicate: having) }
        }

        if !windows.outputs.isEmpty {
            plan = .window(plan, functions: windows.outputs)
        }

        if select.quantifier == .distinct, let item = items.first(where: { !$0.expression.type.isComparable }) {
            throw QueryError(.typeMismatch,
                             "DISTINCT can only be applied to comparable types (actual: \(item.expression.type))", at: item.span)
        }

        // Projection, with hidden sort keys when ORDER BY reads what SELECT does not show
        let outputs = items.map { OutputColumn(id: newID(), name: $0.name, type: $0.expression.type) }
        var projected = zip(outputs, items).map { ProjectedExpression(output: $0, expression: $1.expression) }
        var sortKeys: [SortKey] = []
        var hidden = 0
        for (item, target) in orderTargets {
            switch target {
            case .output(let position):
                sortKeys.append(try sortKey(item, .column(outputs[position].id, outputs[position].type)))
            case .expression(let expression):
                if let position = items.firstIndex(where: { $0.expression == expression }) {
                    sortKeys.append(try sortKey(item, .column(outputs[position].id, outputs[position].type)))
                    continue
                }
                if select.quantifier == .distinct {
                    throw QueryError(.notAggregate, "For SELECT DISTINCT, ORDER BY expressions must appear in select list",
                                     at: item.expression.span)
                }
                let column = OutputColumn(id: newID(), name: "$sort\(hidden)", type: expression.type)
                hidden += 1
                projected.append(ProjectedExpression(output: column, expression: expression))
                sortKeys.append(try sortKey(item, .column(column.id, column.type)))
            }
        }
        plan = .project(plan, projected)
        if select.quantifier == .distinct { plan = .distinct(plan) }
        if !sortKeys.isEmpty { plan = .sort(plan, keys: sortKeys, limit: nil) }
        plan = try applyLimit(plan, offset: offset, limit: limit)
        if hidden > 0 {
            plan = .project(plan, outputs.map { ProjectedExpression(output: $0, expression: .column($0.id, $0.type)) })
        }
        return (plan, outputs)
    }

    func requireBoolean(_ expression: BoundExpression, _ span: SourceSpan, clause: String) throws(QueryError) {
        guard expression.type == .boolean || expression.type == .unknown else {
            throw QueryError(.typeMismatch, "\(clause) clause must evaluate to a boolean: actual type \(expression.type)",
                             at: span)
        }
    }

    /// `*` and `t.*`: every column of the relations (or the one named), in table order.
    func expandAllColumns(_ all: AllColumns, scope: Scope) throws(QueryError) -> [SelectItemBinding] {
        var relations = scope.relations
        if let qualifier = all.qualifier {
            let name = qualifierName(qualifier)
            relations = scope.relations.filter { $0.qualifiers.contains(name) }
            if relations.isEmpty {
                if let row = try? bind(qualifier, ExpressionContext(scope: scope, clause: "SELECT")),
                   case .row(let fields) = row.type {
                    return fields.enumerated().map { index, field in
                        SelectItemBinding(name: field.name, expression: .field(row, index: index, field.type), span: all.span)
                    }
                }
                throw QueryError(.columnNotFound, "relation \"\(name)\" not found", at: all.span,
                                 help: NameSuggestion.closest(to: name, among: scope.relations.flatMap(\.qualifiers))
                                    .map { "did you mean \"\($0)\"?" })
            }
        }
        if relations.isEmpty {
            throw QueryError(.columnNotFound, "SELECT * not allowed in queries without FROM clause", at: all.span)
        }
        var items: [SelectItemBinding] = []
        for relation in relations {
            switch relation.content {
            case .table(let source):
                // Hidden columns (`$path`) are read by name only, as in Athena.
                for field in source.kind.columns where !field.name.hasPrefix("$") && !relation.hidden.contains(field.name) {
                    let id = source.columnID(path: [field.name], type: field.type, allocate: newID)
                    columnNames[id] = field.name
                    items.append(SelectItemBinding(name: field.name, expression: .column(id, field.type), span: all.span))
                }
            case .columns(let columns):
                for column in columns where !column.name.hasPrefix("$sort") && !relation.hidden.contains(column.name) {
                    items.append(SelectItemBinding(name: column.name, expression: .column(column.id, column.type),
                                                   span: all.span))
                }
            case .using(let columns):
                for column in columns where !relation.hidden.contains(column.name) {
                    items.append(SelectItemBinding(name: column.name, expression: column.expression, span: all.span))
                }
            }
        }
        if !all.aliases.isEmpty {
            guard all.aliases.count == items.count else {
                throw QueryError(.wrongArguments, "column alias list has \(all.aliases.count) entries but * has \(items.count) columns",
                                 at: all.span)
            }
            for index in items.indices { items[index].name = all.aliases[index].normalized }
        }
        return items
    }

    func qualifierName(_ expression: Expression) -> String {
        switch expression {
        case .column(let reference): return reference.name.normalized
        case .fieldAccess(let access): return qualifierName(access.base) + "." + access.field.normalized
        default: return ""
        }
    }

    /// Athena's name for an unaliased select item: the column or field name; nil for anything else (`_colN`).
    func derivedName(_ expression: Expression) -> String? {
        switch expression {
        case .column(let reference): return reference.name.last.normalized
        case .fieldAccess(let access): return access.field.normalized
        default: return nil
        }
    }

    /// Whether an aggregate call (not a window function) occurs in the expression, outside subqueries.
    func containsAggregate(_ expression: Expression) -> Bool {
        if case .function(let call) = expression, call.window == nil,
           FunctionResolver.aggregate(named: call.name.normalized) != nil {
            return true
        }
        if case .function(let call) = expression, call.window != nil {
            // A window function's arguments may hold aggregates (`sum(count(*)) OVER ()`).
            return call.arguments.contains(where: containsAggregate)
        }
        return expression.children.contains(where: containsAggregate)
    }
}
