import TrailBase
import TrailColumnar
import TrailPlan

/// Reads a table: pushes the batches of a scan (its columns in `node.columns` order, `node.predicate` applied)
/// into a sink until the sink wants no more. TrailEngine implements it over local files on all cores.
public protocol ScanProvider: AnyObject {
    func scan(_ node: ScanNode, context: EvaluationContext, into sink: BatchSink) throws(QueryError)
}

/// Runs a query plan: subqueries first, then the root, pushing result batches into a sink.
public final class QueryExecutor {
    let provider: ScanProvider
    var context: EvaluationContext

    public init(provider: ScanProvider, startMillis: Int64) {
        self.provider = provider
        context = EvaluationContext(startMillis: startMillis)
    }

    public func run(_ plan: QueryPlan, into sink: BatchSink) throws(QueryError) {
        for (index, subquery) in plan.subqueries.enumerated() {
            let collector = CollectingSink()
            try execute(subquery, into: collector)
            let rows = collector.batch(schema: schema(subquery.outputs))
            switch plan.subqueryKinds[index] {
            case .scalar:
                context.subqueries.append(.scalar(rows.count == 0 ? .null : rows.columns[0].value(at: 0)))
            case .exists:
                context.subqueries.append(.exists(rows.count > 0))
            case .inList:
                var keys = ByteKeyTable()
                var hasNull = false
                var rowKeys = RowKeys()
                rowKeys.encode([rows.columns[0]], [subquery.outputs[0].type], count: rows.count)
                rowKeys.forEach { row, key in
                    if rows.columns[0].isNull(row) { hasNull = true } else { _ = keys.id(of: key) }
                }
                context.subqueries.append(.values(keys, hasNull: hasNull))
            }
        }
        try execute(plan.root, into: sink)
    }

    func schema(_ outputs: [OutputColumn]) -> [Field] { outputs.map { Field($0.name, $0.type) } }

    func evaluator() -> ExpressionEvaluator { ExpressionEvaluator(context: context) }

    /// Pushes the rows of `plan` into `sink`, then finishes it.
    func execute(_ plan: LogicalPlan, into sink: BatchSink) throws(QueryError) {
        switch plan {
        case .scan(let node):
            try provider.scan(node, context: context, into: sink)
            try sink.finish()
        case .values(let rows, let outputs):
            let fields = schema(outputs)
            let one = Batch(schema: [], columns: [], count: 1)
            let builders = fields.map { ColumnBuilder(type: $0.type) }
            let evaluator = evaluator()
            for row in rows {
                for (builder, expression) in zip(builders, row) {
                    builder.append(try evaluator.evaluate(expression, one))
                }
            }
            // Count before finish(), which resets the builders.
            let count = fields.isEmpty ? rows.count : (builders.first?.count ?? 0)
            let batch = Batch(schema: fields, columns: builders.map { $0.finish() }, count: count)
            _ = try batch.push(to: sink)
            try sink.finish()
        case .filter(let input, let predicate):
            let resolved = try Resolver.resolve(predicate, input.outputs)
            try execute(input, into: FilterOperator(predicate: resolved, evaluator: evaluator(), next: sink))
        case .project(let input, let items):
            let expressions = try items.map { (item) throws(QueryError) in try Resolver.resolve(item.expression, input.outputs) }
            try execute(input, into: ProjectOperator(expressions: expressions, schema: schema(plan.outputs),
                                                     evaluator: evaluator(), next: sink))
        case .aggregate(let input, let keys, let aggregates):
            let resolvedKeys = try keys.map { (key) throws(QueryError) in try Resolver.resolve(key.expression, input.outputs) }
            let calls = try aggregates.map { (aggregate) throws(QueryError) in
                try Resolver.resolve(aggregate.call, input.outputs)
            }
            try execute(input, into: AggregateOperator(keys: resolvedKeys, aggregates: calls, schema: schema(plan.outputs),
                                                       evaluator: evaluator(), next: sink))
        case .window(let input, let functions):
            let calls = try functions.map { (function) throws(QueryError) in try Resolver.resolve(function.call, input.outputs) }
            try execute(input, into: WindowOperator(functions: calls, schema: schema(plan.outputs), evaluator: evaluator(),
                                                    next: sink))
        case .sort(let input, let keys, let limit):
            let resolved = try keys.map { (key) throws(QueryError) in try Resolver.resolve(key, input.outputs) }
            try execute(input, into: SortOperator(keys: resolved, limit: limit, schema: schema(plan.outputs),
                                                  evaluator: evaluator(), next: sink))
        case .limit(let input, let offset, let count):
            let limit = LimitOperator(offset: offset, count: count, next: sink)
            if case .sort(let sorted, let keys, nil) = input, let count {
                // Sort + LIMIT = top-N: the sort keeps only offset + count rows.
                try execute(.sort(sorted, keys: keys, limit: offset + count), into: limit)
            } else {
                try execute(input, into: limit)
            }
        case .distinct(let input):
            try execute(input, into: DistinctOperator(types: input.outputs.map(\.type), next: sink))
        case .unnest(let input, let arrays, let outputs, let ordinality):
            let resolved = try arrays.map { (array) throws(QueryError) in try Resolver.resolve(array, input.outputs) }
            // An array of rows is split into its fields unless the plan keeps the row whole (one output column of
            // the row's type: Athena's single-alias form).
            var position = 0
            var flatten: [Bool] = []
            for array in arrays {
                if case .array(.row(let fields)) = array.type {
                    let whole = position < outputs.count && outputs[position].type == .row(fields)
                    flatten.append(!whole)
                    position += whole ? 1 : fields.count
                } else if case .map = array.type {
                    flatten.append(false)
                    position += 2
                } else {
                    flatten.append(false)
                    position += 1
                }
            }
            try execute(input, into: UnnestOperator(arrays: resolved, flattenRows: flatten, withOrdinality: ordinality != nil,
                                                    schema: schema(plan.outputs), evaluator: evaluator(), next: sink))
        case .join(let kind, let left, let right, let condition):
            let build = CollectingSink()
            try execute(right, into: build)
            let buildBatch = build.batch(schema: schema(right.outputs))
            let split = JoinCondition(condition, left: left.outputs, right: right.outputs)
            let all = left.outputs + right.outputs
            let leftKeys = try split.leftKeys.map { (e) throws(QueryError) in try Resolver.resolve(e, left.outputs) }
            let rightKeys = try split.rightKeys.map { (e) throws(QueryError) in try Resolver.resolve(e, right.outputs) }
            let residual = try split.residual.map { (e) throws(QueryError) in try Resolver.resolve(e, all) }
            let join = try JoinOperator(kind: kind, build: buildBatch, leftKeys: leftKeys, rightKeys: rightKeys,
                                        residual: residual, schema: schema(plan.outputs), leftWidth: left.outputs.count,
                                        evaluator: evaluator(), next: sink)
            try execute(left, into: join)
        case .setOperation(let op, let distinct, let left, let right, let outputs):
            let fields = schema(outputs)
            if op == .union {
                let target: BatchSink = distinct ? DistinctOperator(types: outputs.map(\.type), next: sink) : sink
                let relabel = RelabelingSink(schema: fields, next: target)
                try execute(left, into: relabel)
                relabel.finished = false
                try execute(right, into: relabel)
                try target.finish()
            } else {
                let build = CollectingSink()
                try execute(right, into: build)
                let operation = SetOperationOperator(op: op, distinct: distinct, right: build.batch(schema: fields),
                                                     types: outputs.map(\.type), next: sink)
                try execute(left, into: RelabelingSink(schema: fields, next: operation, forwardsFinish: true))
            }
        case .enforceSingleRow(let input):
            let collector = CollectingSink()
            try execute(input, into: collector)
            let fields = schema(input.outputs)
            if collector.rowCount > 1 {
                throw QueryError(.subqueryRows, "Scalar sub-query has returned multiple rows", at: nil)
            }
            let batch = collector.rowCount == 1 ? collector.batch(schema: fields)
                : Batch(schema: fields, columns: fields.map { Column.constant(.null, type: $0.type, count: 1) }, count: 1)
            _ = try sink.push(batch)
            try sink.finish()
        }
    }
}

/// Gives batches the set operation's column names; forwards `finish` once.
final class RelabelingSink: BatchSink {
    let schema: [Field]
    let next: BatchSink
    let forwardsFinish: Bool
    var finished = false

    init(schema: [Field], next: BatchSink, forwardsFinish: Bool = false) {
        self.schema = schema
        self.next = next
        self.forwardsFinish = forwardsFinish
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        try next.push(Batch(schema: schema, columns: batch.columns, count: batch.count))
    }

    func finish() throws(QueryError) {
        finished = true
        if forwardsFinish { try next.finish() }
    }
}

/// ON split into hash-join keys (`left expr = right expr`) and the rest.
struct JoinCondition {
    var leftKeys: [BoundExpression] = []
    var rightKeys: [BoundExpression] = []
    var residual: BoundExpression?

    init(_ condition: BoundExpression?, left: [OutputColumn], right: [OutputColumn]) {
        guard let condition else { return }
        let leftIDs = Set(left.map(\.id)), rightIDs = Set(right.map(\.id))
        let conjuncts: [BoundExpression]
        if case .and(let terms) = condition { conjuncts = terms } else { conjuncts = [condition] }
        var rest: [BoundExpression] = []
        for term in conjuncts {
            if case .call(.equal, let operands, _) = term, operands[0].type.isComparable {
                let a = operands[0].columnIDs, b = operands[1].columnIDs
                if !a.isEmpty && !b.isEmpty && a.isSubset(of: leftIDs) && b.isSubset(of: rightIDs) {
                    leftKeys.append(operands[0])
                    rightKeys.append(operands[1])
                    continue
                }
                if !a.isEmpty && !b.isEmpty && a.isSubset(of: rightIDs) && b.isSubset(of: leftIDs) {
                    leftKeys.append(operands[1])
                    rightKeys.append(operands[0])
                    continue
                }
            }
            rest.append(term)
        }
        residual = rest.isEmpty ? nil : rest.count == 1 ? rest[0] : .and(rest)
    }
}

/// Turns column ids into positions in an operator's input.
public enum Resolver {
    public static func resolve(_ expression: BoundExpression, _ inputs: [OutputColumn]) throws(QueryError) -> BoundExpression {
        var positions: [ColumnID: Int] = [:]
        for (index, column) in inputs.enumerated() where positions[column.id] == nil { positions[column.id] = index }
        var missing: ColumnID?
        let resolved = expression.rewritten { node in
            if case .column(let id, let type) = node {
                guard let position = positions[id] else {
                    missing = id
                    return node
                }
                return .column(position, type)
            }
            return nil
        }
        if let missing {
            throw QueryError(.unsupportedFeature, "internal error: column #\(missing) is not an input of this operator", at: nil)
        }
        return resolved
    }

    static func resolve(_ call: AggregateCall, _ inputs: [OutputColumn]) throws(QueryError) -> AggregateCall {
        var call = call
        call.arguments = try call.arguments.map { (e) throws(QueryError) in try resolve(e, inputs) }
        call.filter = try call.filter.map { (e) throws(QueryError) in try resolve(e, inputs) }
        return call
    }

    static func resolve(_ call: WindowCall, _ inputs: [OutputColumn]) throws(QueryError) -> WindowCall {
        var call = call
        call.arguments = try call.arguments.map { (e) throws(QueryError) in try resolve(e, inputs) }
        call.partitionBy = try call.partitionBy.map { (e) throws(QueryError) in try resolve(e, inputs) }
        call.orderBy = try call.orderBy.map { (key) throws(QueryError) in try resolve(key, inputs) }
        return call
    }

    static func resolve(_ key: SortKey, _ inputs: [OutputColumn]) throws(QueryError) -> SortKey {
        var key = key
        key.expression = try resolve(key.expression, inputs)
        return key
    }
}
