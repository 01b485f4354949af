import TrailBase
import TrailColumnar
import TrailFunctions

/// What every expression of one query sees: the query's start time (`now()` is the same for every row, as in
/// Trino) and the results of its uncorrelated subqueries.
public struct EvaluationContext: Sendable {
    /// Epoch milliseconds when the query started.
    public var startMillis: Int64
    public var subqueries: [SubqueryResult]

    public init(startMillis: Int64, subqueries: [SubqueryResult] = []) {
        self.startMillis = startMillis
        self.subqueries = subqueries
    }
}

/// The value of a subquery, computed before the query that uses it.
public enum SubqueryResult: Sendable {
    case scalar(Value)
    /// IN: the keys of the non-NULL values, and whether a NULL was among them (three-valued IN).
    case values(ByteKeyTable, hasNull: Bool)
    case exists(Bool)
}
