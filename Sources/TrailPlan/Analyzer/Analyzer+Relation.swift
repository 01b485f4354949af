import TrailBase
import TrailColumnar
import TrailSQL

extension Analyzer {
    /// FROM a, b, … is a cross join of the relations, left to right.
    func analyzeFrom(_ relations: [Relation]) throws(QueryError) -> (LogicalPlan, Scope) {
        var (plan, scope) = try analyzeRelation(relations[0], left: nil)
        for relation in relations.dropFirst() {
            let (right, rightScope) = try analyzeRelation(relation, left: (plan, scope))
            if case .unnest = relation {
                (plan, scope) = (right, rightScope)
            } else if case .aliased(let aliased) = relation, case .unnest = aliased.relation {
                (plan, scope) = (right, rightScope)
            } else {
                plan = .join(.cross, plan, right, condition: nil)
                scope.relations += rightScope.relations
            }
        }
        return (plan, scope)
    }

    /// A relation. `left` is the relation to its left in a join, which UNNEST may read.
    func analyzeRelation(_ relation: Relation, left: (LogicalPlan, Scope)?, alias: AliasedRelation? = nil,
                         keepEmpty: Bool = false) throws(QueryError) -> (LogicalPlan, Scope)
    {
        switch relation {
        case .table(let reference):
            return try analyzeTable(reference, alias: alias)
        case .subquery(let subquery):
            let (plan, outputs) = try analyzeSubqueryRelation(subquery.query)
            return (plan, Scope(relations: [try derivedRelation(outputs, alias: alias)]))
        case .lateral(let lateral):
            throw QueryError(.unsupportedFeature, "LATERAL subqueries are not supported", at: lateral.span,
                             help: "use CROSS JOIN UNNEST for arrays, or a join")
        case .aliased(let aliased):
            return try analyzeRelation(aliased.relation, left: left, alias: aliased, keepEmpty: keepEmpty)
        case .unnest(let unnest):
            return try analyzeUnnest(unnest, left: left, alias: alias, keepEmpty: keepEmpty)
        case .join(let join):
            return try analyzeJoin(join)
        }
    }

    func analyzeSubqueryRelation(_ query: Query) throws(QueryError) -> (LogicalPlan, [OutputColumn]) {
        try analyzeQuery(query)
    }

    func derivedRelation(_ outputs: [OutputColumn], alias: AliasedRelation?) throws(QueryError) -> ScopeRelation {
        var columns = outputs
        if let alias, !alias.columns.isEmpty {
            guard alias.columns.count == columns.count else {
                throw QueryError(.wrongArguments,
                                 "column alias list has \(alias.columns.count) entries but '\(alias.alias.normalized)' has \(columns.count) columns available",
                                 at: alias.span)
            }
            for index in columns.indices { columns[index].name = alias.columns[index].normalized }
        }
        for column in columns { columnNames[column.id] = column.name }
        return ScopeRelation(qualifiers: alias.map { [$0.alias.normalized] } ?? [], content: .columns(columns))
    }

    func analyzeTable(_ reference: TableReference, alias: AliasedRelation?) throws(QueryError) -> (LogicalPlan, Scope) {
        switch reference.name {
        case .qualified(let name):
            if name.parts.count == 1, let (level, position) = withQuery(named: name.parts[0].normalized) {
                // A CTE: planned afresh at each reference (it is usually read once).
                let with = withScopes[level][position]
                let saved = withScopes
                // Names inside the CTE see only the CTEs written before it (no recursion), as in Trino.
                withScopes = Array(withScopes[..<level]) + [Array(withScopes[level][..<position])]
                defer { withScopes = saved }
                var (plan, outputs) = try analyzeQuery(with.query)
                if let columns = with.columns {
                    guard columns.count == outputs.count else {
                        throw QueryError(.wrongArguments,
                                         "WITH column alias list has \(columns.count) entries but the query has \(outputs.count) columns",
                                         at: with.span)
                    }
                    let renamed = zip(outputs, columns).map { OutputColumn(id: newID(), name: $1.normalized, type: $0.type) }
                    plan = .project(plan, zip(renamed, outputs).map {
                        ProjectedExpression(output: $0, expression: .column($1.id, $1.type))
                    })
                    outputs = renamed
                }
                var relation = try derivedRelation(outputs, alias: alias)
                if alias == nil { relation.qualifiers = [name.parts[0].normalized] }
                return (plan, Scope(relations: [relation]))
            }
            let source = TableSource(scanID: nextScanID, kind: .cloudTrail, displayName: name.description)
            return (registerScan(source), Scope(relations: [tableRelation(source, names: name.parts.map(\.normalized), alias: alias)]))
        case .eventDataStore(let id):
            readsLake = true
            let source = TableSource(scanID: nextScanID, kind: .lake, displayName: id)
            return (registerScan(source), Scope(relations: [tableRelation(source, names: [id.lowercased()], alias: alias)]))
        }
    }

    /// The innermost CTE of that name: its WITH (index into `withScopes`) and position there.
    func withQuery(named name: String) -> (Int, Int)? {
        for level in withScopes.indices.reversed() {
            if let position = withScopes[level].firstIndex(where: { $0.name.normalized == name }) { return (level, position) }
        }
        return nil
    }

    func registerScan(_ source: TableSource) -> LogicalPlan {
        nextScanID += 1
        sources[source.scanID] = source
        return .scan(ScanNode(scanID: source.scanID, tableName: source.displayName, table: source.kind, columns: []))
    }

    func tableRelation(_ source: TableSource, names: [String], alias: AliasedRelation?) -> ScopeRelation {
        if let alias { return ScopeRelation(qualifiers: [alias.alias.normalized], content: .table(source)) }
        var qualifiers: [String] = []
        for start in names.indices.reversed() { qualifiers.append(names[start...].joined(separator: ".")) }
        return ScopeRelation(qualifiers: qualifiers, content: .table(source))
    }

    /// `CROSS JOIN UNNEST(a, b) [WITH ORDINALITY] AS t(x, y[, n])`: one output row per element (arrays side by side,
    /// the shorter padded with NULL); an array of rows gives one column per field, a map two (key, value), as Trino.
    func analyzeUnnest(_ unnest: Unnest, left: (LogicalPlan, Scope)?, alias: AliasedRelation?, keepEmpty: Bool = false)
        throws(QueryError) -> (LogicalPlan, Scope)
    {
        let (input, scope) = left ?? (.values(rows: [[]], outputs: []), Scope.empty)
        let context = ExpressionContext(scope: scope, clause: "UNNEST")
        var arrays: [BoundExpression] = []
        var columns: [OutputColumn] = []
        for expression in unnest.expressions {
            var bound = try bind(expression, context)
            if keepEmpty {
                // LEFT JOIN UNNEST … ON true: an empty or NULL array unnests as one NULL element.
                guard case .array(let element) = bound.type, !unnest.withOrdinality else {
                    throw QueryError(.unsupportedFeature, "LEFT JOIN UNNEST is supported only for arrays, without ORDINALITY",
                                     at: unnest.span, help: "use CROSS JOIN UNNEST (rows with empty arrays are dropped)")
                }
                let nonEmpty = BoundExpression.call(.greater, [.call(.cardinality, [bound], .bigint), .literal(.int(0), .bigint)],
                                                    .boolean)
                bound = .caseWhen([WhenThen(condition: nonEmpty, result: bound)],
                                  otherwise: .call(.arrayConstructor, [.literal(.null, element)], bound.type), bound.type)
            }
            switch bound.type {
            case .array(let element):
                if case .row(let fields) = element {
                    for field in fields { columns.append(OutputColumn(id: newID(), name: field.name, type: field.type)) }
                } else {
                    columns.append(OutputColumn(id: newID(), name: "_col\(columns.count)", type: element))
                }
            case .map(let key, let value):
                columns.append(OutputColumn(id: newID(), name: "key", type: key))
                columns.append(OutputColumn(id: newID(), name: "value", type: value))
            default:
                throw QueryError(.typeMismatch, "Cannot unnest type: \(bound.type)", at: expression.span,
                                 help: bound.type == .varchar
                                    ? "a JSON array in a varchar column unnests with CAST(json_parse(x) AS array(json))" : nil)
            }
            arrays.append(bound)
        }
        var ordinality: OutputColumn?
        if unnest.withOrdinality {
            ordinality = OutputColumn(id: newID(), name: "ordinality", type: .bigint)
        }
        var all = columns + (ordinality.map { [$0] } ?? [])
        // Athena also accepts one name per array of rows (`CROSS JOIN UNNEST(resources) AS t(r)`, then `r.arn`: the
        // form the AWS CloudTrail docs use): the element row stays one column. Trino's form names every field.
        if let alias, !alias.columns.isEmpty, alias.columns.count != all.count,
           alias.columns.count == arrays.count + (ordinality == nil ? 0 : 1) {
            columns = arrays.map { array in
                let element = array.type.elementType ?? .unknown
                return OutputColumn(id: newID(), name: "_col", type: element)
            }
            if arrays.contains(where: { if case .map = $0.type { return true } else { return false } }) {
                columns = []  // maps always give key and value: let the count check below explain.
            } else {
                all = columns + (ordinality.map { [$0] } ?? [])
            }
        }
        if let alias, !alias.columns.isEmpty {
            guard alias.columns.count == all.count else {
                throw QueryError(.wrongArguments,
                                 "column alias list has \(alias.columns.count) entries but '\(alias.alias.normalized)' has \(all.count) columns available",
                                 at: alias.span,
                                 help: columns.count > unnest.expressions.count
                                    ? "UNNEST of an array of rows gives one column per field (Trino); name each, e.g. AS t(\(columns.map(\.name).joined(separator: ", ")))"
                                    : nil)
            }
            for index in all.indices { all[index].name = alias.columns[index].normalized }
            columns = Array(all.prefix(columns.count))
            if ordinality != nil { ordinality = all.last }
        }
        for column in all { columnNames[column.id] = column.name }
        let plan = LogicalPlan.unnest(input, arrays: arrays, outputs: columns, ordinality: ordinality)
        var newScope = scope
        newScope.relations.append(ScopeRelation(qualifiers: alias.map { [$0.alias.normalized] } ?? [], content: .columns(all)))
        return (plan, newScope)
    }

    func analyzeJoin(_ join: Join) throws(QueryError) -> (LogicalPlan, Scope) {
        let (leftPlan, leftScope) = try analyzeRelation(join.left, left: nil)
        // UNNEST on the right reads the left side's columns.
        if isUnnest(join.right) {
            guard join.kind == .cross || (join.kind == .left && isTrueCondition(join.criteria))
                || (join.kind == .inner && isTrueCondition(join.criteria)) else {
                throw QueryError(.unsupportedFeature, "UNNEST can only be joined with CROSS JOIN (or LEFT JOIN … ON true)",
                                 at: join.span)
            }
            return try analyzeRelation(join.right, left: (leftPlan, leftScope), keepEmpty: join.kind == .left)
        }
        let (rightPlan, rightScope) = try analyzeRelation(join.right, left: nil)
        var scope = leftScope
        scope.relations += rightScope.relations
        let kind: JoinKind
        switch join.kind {
        case .cross: kind = .cross
        case .inner: kind = .inner
        case .left: kind = .left
        case .right: kind = .right
        case .full: kind = .full
        }
        var condition: BoundExpression?
        switch join.criteria {
        case .on(let expression):
            let bound = try bind(expression, ExpressionContext(scope: scope, clause: "JOIN"))
            try requireBoolean(bound, expression.span, clause: "JOIN ON")
            condition = bound
        case .using(let names):
            // Trino: each USING column appears once, unqualified and first (the left value, the right one for a
            // RIGHT join, their coalesce for FULL); the sides' own columns of that name are no longer visible.
            var terms: [BoundExpression] = []
            var columns: [(name: String, expression: BoundExpression)] = []
            for name in names {
                if columns.contains(where: { $0.name == name.normalized }) {
                    throw QueryError(.duplicateName, "Column '\(name.normalized)' appears multiple times in USING clause",
                                     at: name.span)
                }
                let reference = Expression.column(ColumnReference(QualifiedName([name])))
                let l = try bind(reference, ExpressionContext(scope: leftScope, clause: "USING"))
                let r = try bind(reference, ExpressionContext(scope: rightScope, clause: "USING"))
                let term = try comparison(.equal, l, r, span: name.span)
                terms.append(term)
                guard case .call(_, let operands, _) = term else { continue }
                let value: BoundExpression
                switch kind {
                case .right: value = operands[1]
                case .full: value = .coalesce(operands, operands[0].type)
                default: value = operands[0]
                }
                columns.append((name.normalized, value))
            }
            condition = terms.count == 1 ? terms[0] : .and(terms)
            let hidden = Set(columns.map(\.name))
            scope.relations = [ScopeRelation(qualifiers: [], content: .using(columns))]
                + (leftScope.relations + rightScope.relations).map { relation in
                    var relation = relation
                    relation.hidden.formUnion(hidden)
                    return relation
                }
        case nil:
            if kind != .cross {
                throw QueryError(.unexpectedToken, "\(join.kind.rawValue) needs ON or USING", at: join.span)
            }
        }
        return (.join(kind, leftPlan, rightPlan, condition: condition), scope)
    }

    func isUnnest(_ relation: Relation) -> Bool {
        switch relation {
        case .unnest: return true
        case .aliased(let aliased): return isUnnest(aliased.relation)
        default: return false
        }
    }

    func isTrueCondition(_ criteria: Join.Criteria?) -> Bool {
        if case .on(.literal(let literal)) = criteria, case .boolean(true) = literal.value { return true }
        return false
    }
}
