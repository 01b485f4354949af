import TrailBase
import TrailColumnar
import TrailSQL

/// Turns a parsed statement into a typed logical plan: resolves names case-insensitively (every table name is the
/// CloudTrail table; an event data store id is CloudTrail Lake), types every expression with Trino's rules and
/// implicit coercions, plans aggregates, windows, ordering and subqueries, and names the outputs as Athena does.
///
///     let statement = try SQLParser.parse(sql)
///     let plan = try Analyzer.plan(statement)      // then Optimizer.optimize(plan)
public final class Analyzer {
    var nextColumnID = 0
    var nextScanID = 0
    var subqueries: [LogicalPlan] = []
    var subqueryKinds: [SubqueryKind] = []
    /// True once a FROM names a CloudTrail Lake event data store (Lake's looser comparisons apply).
    var readsLake = false
    var sources: [Int: TableSource] = [:]
    /// Scopes of enclosing queries, innermost last (to explain correlated references, which are not supported).
    var outerScopes: [Scope] = []
    /// CTEs visible at this point, innermost WITH last, each in the order written.
    var withScopes: [[WithQuery]] = []
    /// The name each column id was resolved from (for messages).
    var columnNames: [ColumnID: String] = [:]

    init() {}

    /// Plans a query (or the query of an EXPLAIN).
    public static func plan(_ statement: Statement) throws(QueryError) -> QueryPlan {
        guard let query = statement.query else {
            throw QueryError(.unsupportedFeature, "only queries can be planned", at: statement.span)
        }
        let analyzer = Analyzer()
        let (root, outputs) = try analyzer.analyzeQuery(query)
        let plan = QueryPlan(
            root: analyzer.finishScans(root), subqueries: analyzer.subqueries.map(analyzer.finishScans),
            subqueryKinds: analyzer.subqueryKinds,
            columnNames: outputs.map(\.name), columnTypes: outputs.map(\.type))
        return plan
    }

    func newID() -> ColumnID {
        defer { nextColumnID += 1 }
        return nextColumnID
    }

    /// Fills each scan with the columns the analysis registered for it.
    func finishScans(_ plan: LogicalPlan) -> LogicalPlan {
        plan.rewritingScans { node in
            var node = node
            if let source = sources[node.scanID] { node.columns = source.columns }
            return node
        }
    }
}

extension LogicalPlan {
    /// The plan with `transform` applied to every scan.
    public func rewritingScans(_ transform: (ScanNode) -> ScanNode) -> LogicalPlan {
        switch self {
        case .scan(let node): return .scan(transform(node))
        case .values: return self
        case .filter(let input, let predicate): return .filter(input.rewritingScans(transform), predicate: predicate)
        case .project(let input, let items): return .project(input.rewritingScans(transform), items)
        case .aggregate(let input, let keys, let aggregates):
            return .aggregate(input.rewritingScans(transform), keys: keys, aggregates: aggregates)
        case .window(let input, let functions): return .window(input.rewritingScans(transform), functions: functions)
        case .sort(let input, let keys, let limit): return .sort(input.rewritingScans(transform), keys: keys, limit: limit)
        case .limit(let input, let offset, let count):
            return .limit(input.rewritingScans(transform), offset: offset, count: count)
        case .distinct(let input): return .distinct(input.rewritingScans(transform))
        case .unnest(let input, let arrays, let outputs, let ordinality):
            return .unnest(input.rewritingScans(transform), arrays: arrays, outputs: outputs, ordinality: ordinality)
        case .join(let kind, let left, let right, let condition):
            return .join(kind, left.rewritingScans(transform), right.rewritingScans(transform), condition: condition)
        case .setOperation(let op, let distinct, let left, let right, let outputs):
            return .setOperation(op, distinct: distinct, left.rewritingScans(transform), right.rewritingScans(transform),
                                 outputs: outputs)
        case .enforceSingleRow(let input): return .enforceSingleRow(input.rewritingScans(transform))
        }
    }
}
