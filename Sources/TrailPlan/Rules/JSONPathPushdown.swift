import TrailColumnar
import TrailFunctions

/// Turns `json_extract_scalar(<column>, '<path>')` over a CloudTrail scan's JSON-text column into a column of the
/// scan itself (`ScanColumn.jsonPath`): the decoder reads the scalar straight from the record's JSON, so the column's
/// whole text (`requestparameters` is most of a record) is neither copied out as compact text nor cached, and the
/// cache keeps the small, repetitive scalar instead.
///
/// Only expressions that see the scan's rows unchanged are rewritten: those of filters, projections, aggregations,
/// sorts, windows, unnests and joins above the scan with nothing but such row-preserving operators between
/// (filter, sort, limit, window, unnest, join). A projection or aggregation above defines new columns, and
/// DISTINCT, set operations and single-row subqueries compare all their input columns, so the rewrite stops there.
/// A path that selects the whole value (`$`) is left to the function.
enum JSONPathPushdown {
    /// Rewrites `plan`; new column ids are taken from `nextID` on.
    static func apply(_ plan: LogicalPlan, nextID: inout ColumnID) -> LogicalPlan {
        var rewriter = Rewriter(nextID: nextID)
        let rewritten = rewriter.rewrite(plan).plan
        nextID = rewriter.nextID
        guard !rewriter.added.isEmpty else { return plan }
        return rewritten.rewritingScans { node in
            var node = node
            node.columns += rewriter.added[node.scanID] ?? []
            return node
        }
    }

    /// One more than the largest column id in `plan` and its subqueries (every id is some node's output).
    static func firstFreeID(_ plan: QueryPlan) -> ColumnID {
        var largest = -1
        func visit(_ node: LogicalPlan) {
            for output in node.outputs { largest = max(largest, output.id) }
            node.inputs.forEach(visit)
        }
        visit(plan.root)
        plan.subqueries.forEach(visit)
        return largest + 1
    }

    /// A scan column whose `json_extract_scalar` can be answered by the scan.
    struct Source {
        var scanID: Int
        var column: ScanColumn
    }

    struct Rewriter {
        var nextID: ColumnID
        /// New columns per scan; a path already there is reused, so it is decoded once however often it is used.
        var added: [Int: [ScanColumn]] = [:]

        /// The rewritten plan, and the scan columns its output rows still carry unchanged.
        mutating func rewrite(_ plan: LogicalPlan) -> (plan: LogicalPlan, visible: [ColumnID: Source]) {
            switch plan {
            case .scan(var node):
                var visible: [ColumnID: Source] = [:]
                for column in node.columns where JSONPathPushdown.isEligible(column, in: node) {
                    visible[column.id] = Source(scanID: node.scanID, column: column)
                }
                node.predicate = node.predicate.map { replace($0, visible) }
                return (.scan(node), visible)
            case .values:
                return (plan, [:])
            case .filter(let input, let predicate):
                let (input, visible) = rewrite(input)
                return (.filter(input, predicate: replace(predicate, visible)), visible)
            case .project(let input, let items):
                let (input, visible) = rewrite(input)
                let items = items.map { ProjectedExpression(output: $0.output, expression: replace($0.expression, visible)) }
                return (.project(input, items), [:])
            case .aggregate(let input, let keys, let aggregates):
                let (input, visible) = rewrite(input)
                let keys = keys.map { ProjectedExpression(output: $0.output, expression: replace($0.expression, visible)) }
                let aggregates = aggregates.map { aggregate -> AggregateOutput in
                    var call = aggregate.call
                    call.arguments = call.arguments.map { replace($0, visible) }
                    call.filter = call.filter.map { replace($0, visible) }
                    return AggregateOutput(output: aggregate.output, call: call)
                }
                return (.aggregate(input, keys: keys, aggregates: aggregates), [:])
            case .window(let input, let functions):
                let (input, visible) = rewrite(input)
                let functions = functions.map { function -> WindowOutput in
                    var call = function.call
                    call.arguments = call.arguments.map { replace($0, visible) }
                    call.partitionBy = call.partitionBy.map { replace($0, visible) }
                    call.orderBy = replace(call.orderBy, visible)
                    return WindowOutput(output: function.output, call: call)
                }
                return (.window(input, functions: functions), visible)
            case .sort(let input, let keys, let limit):
                let (input, visible) = rewrite(input)
                return (.sort(input, keys: replace(keys, visible), limit: limit), visible)
            case .limit(let input, let offset, let count):
                let (input, visible) = rewrite(input)
                return (.limit(input, offset: offset, count: count), visible)
            case .distinct(let input):
                return (.distinct(rewrite(input).plan), [:])
            case .unnest(let input, let arrays, let outputs, let ordinality):
                let (input, visible) = rewrite(input)
                return (.unnest(input, arrays: arrays.map { replace($0, visible) }, outputs: outputs, ordinality: ordinality), visible)
            case .join(let kind, let left, let right, let condition):
                let (left, leftVisible) = rewrite(left)
                let (right, rightVisible) = rewrite(right)
                let visible = leftVisible.merging(rightVisible) { first, _ in first }
                return (.join(kind, left, right, condition: condition.map { replace($0, visible) }), visible)
            case .setOperation(let op, let distinct, let left, let right, let outputs):
                return (.setOperation(op, distinct: distinct, rewrite(left).plan, rewrite(right).plan, outputs: outputs), [:])
            case .enforceSingleRow(let input):
                return (.enforceSingleRow(rewrite(input).plan), [:])
            }
        }

        /// `expression` with every pushable `json_extract_scalar` replaced by a scan column.
        mutating func replace(_ expression: BoundExpression, _ visible: [ColumnID: Source]) -> BoundExpression {
            guard !visible.isEmpty else { return expression }
            return expression.rewritten { node -> BoundExpression? in
                guard case .call(.jsonExtractScalar, let arguments, .varchar) = node, arguments.count == 2,
                      case .column(let id, _) = arguments[0], let source = visible[id],
                      case .literal(.bytes(let text), _) = arguments[1],
                      let path = try? JSONPathExpression(parsing: String(decoding: text, as: UTF8.self)), !path.steps.isEmpty
                else { return nil }
                return .column(column(for: source, path: path), .varchar)
            }
        }

        mutating func replace(_ keys: [SortKey], _ visible: [ColumnID: Source]) -> [SortKey] {
            keys.map { key in
                var key = key
                key.expression = replace(key.expression, visible)
                return key
            }
        }

        mutating func column(for source: Source, path: JSONPathExpression) -> ColumnID {
            if let existing = added[source.scanID]?.first(where: { $0.path == source.column.path && $0.jsonPath == path }) {
                return existing.id
            }
            let id = nextID
            nextID += 1
            added[source.scanID, default: []].append(ScanColumn(id: id, path: source.column.path, type: .varchar, jsonPath: path))
            return id
        }
    }

    /// A top-level varchar of the CloudTrail table, read as the SerDe reads it (not a partition column).
    static func isEligible(_ column: ScanColumn, in node: ScanNode) -> Bool {
        node.table == .cloudTrail && column.path.count == 1 && column.type == .varchar && column.conversion == .none
            && column.jsonPath == nil && !TableKind.partitionColumnNames.contains(column.path[0])
    }
}
