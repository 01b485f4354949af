// Generic access to a node's direct children, for walks over the AST (dialect detection here; name resolution,
// aggregate detection and subquery planning in the analyzer).

extension Expression {
    /// The expressions directly inside this one, in source order (not those inside subqueries).
    public var children: [Expression] {
        switch self {
        case .literal, .column, .current, .exists, .subquery: return []
        case .fieldAccess(let node): return [node.base]
        case .subscripted(let node): return [node.base, node.index]
        case .unary(let node): return [node.operand]
        case .binary(let node): return [node.left, node.right]
        case .comparison(let node): return [node.left, node.right]
        case .logical(let node): return node.terms
        case .not(let node): return [node.operand]
        case .isNull(let node): return [node.operand]
        case .isDistinctFrom(let node): return [node.left, node.right]
        case .between(let node): return [node.operand, node.lower, node.upper]
        case .inList(let node): return [node.operand] + node.list
        case .inSubquery(let node): return [node.operand]
        case .like(let node): return [node.operand, node.pattern] + (node.escape.map { [$0] } ?? [])
        case .quantifiedComparison(let node): return [node.left]
        case .function(let node):
            var children = node.arguments + node.orderBy.map(\.expression)
            if let filter = node.filter { children.append(filter) }
            if case .specification(let window) = node.window { children += window.expressions }
            return children
        case .cast(let node): return [node.operand]
        case .caseWhen(let node):
            var children = node.operand.map { [$0] } ?? []
            for clause in node.whenClauses { children += [clause.condition, clause.result] }
            if let elseResult = node.elseResult { children.append(elseResult) }
            return children
        case .atTimeZone(let node): return [node.operand, node.zone]
        case .lambda(let node): return [node.body]
        case .array(let node): return node.elements
        case .row(let node): return node.elements
        case .extract(let node): return [node.source]
        case .position(let node): return [node.needle, node.haystack]
        case .trim(let node): return (node.characters.map { [$0] } ?? []) + [node.source]
        }
    }

    /// The queries directly inside this expression: `(SELECT …)`, `EXISTS (…)`, `IN (SELECT …)`, `= ANY (…)`.
    public var subqueries: [Query] {
        switch self {
        case .exists(let node): [node.query]
        case .subquery(let node): [node.query]
        case .inSubquery(let node): [node.query]
        case .quantifiedComparison(let node): [node.query]
        default: []
        }
    }
}

extension WindowSpecification {
    /// PARTITION BY and ORDER BY expressions, and frame offsets.
    public var expressions: [Expression] {
        var expressions = partitionBy + orderBy.map(\.expression)
        for bound in [frame?.start, frame?.end].compactMap({ $0 }) {
            switch bound {
            case .preceding(let offset), .following(let offset): expressions.append(offset)
            default: break
            }
        }
        return expressions
    }
}

extension Query {
    /// Calls `body` for every table reference in the query, its CTEs, subqueries and nested expressions.
    public func forEachTable(_ body: (TableReference) -> Void) {
        for named in with?.queries ?? [] { named.query.forEachTable(body) }
        Self.forEachTable(in: self.body, body)
        for item in orderBy { Self.forEachTable(in: item.expression, body) }
    }

    private static func forEachTable(in body: QueryBody, _ visit: (TableReference) -> Void) {
        switch body {
        case .select(let select):
            for item in select.items {
                switch item {
                case .expression(let column): forEachTable(in: column.expression, visit)
                case .allColumns(let all): if let qualifier = all.qualifier { forEachTable(in: qualifier, visit) }
                }
            }
            for relation in select.from { forEachTable(in: relation, visit) }
            var expressions = [select.whereClause, select.having].compactMap { $0 }
            for element in select.groupBy?.elements ?? [] {
                switch element {
                case .set(let set): expressions += set
                case .rollup(let sets), .cube(let sets), .groupingSets(let sets): expressions += sets.flatMap { $0 }
                }
            }
            for window in select.windows { expressions += window.specification.expressions }
            for expression in expressions { forEachTable(in: expression, visit) }
        case .values(let values):
            for row in values.rows { forEachTable(in: row, visit) }
        case .table(let table):
            visit(table)
        case .setOperation(let operation):
            forEachTable(in: operation.left, visit)
            forEachTable(in: operation.right, visit)
        case .nested(let query):
            query.forEachTable(visit)
        }
    }

    private static func forEachTable(in relation: Relation, _ visit: (TableReference) -> Void) {
        switch relation {
        case .table(let table): visit(table)
        case .subquery(let subquery): subquery.query.forEachTable(visit)
        case .lateral(let lateral): lateral.query.forEachTable(visit)
        case .unnest(let unnest): for expression in unnest.expressions { forEachTable(in: expression, visit) }
        case .join(let join):
            forEachTable(in: join.left, visit)
            forEachTable(in: join.right, visit)
            if case .on(let condition) = join.criteria { forEachTable(in: condition, visit) }
        case .aliased(let aliased): forEachTable(in: aliased.relation, visit)
        }
    }

    private static func forEachTable(in expression: Expression, _ visit: (TableReference) -> Void) {
        for query in expression.subqueries { query.forEachTable(visit) }
        for child in expression.children { forEachTable(in: child, visit) }
    }
}

extension Statement {
    /// Every table reference in the statement (for DESCRIBE, the described table).
    public var tables: [TableReference] {
        var tables: [TableReference] = []
        switch self {
        case .query(let query): query.forEachTable { tables.append($0) }
        case .explain(let explain): tables = explain.statement.tables
        case .describe(let describe): tables = [describe.table]
        }
        return tables
    }
}
