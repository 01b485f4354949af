import TrailBase

/// `OVER w` or `OVER (…)`.
public enum WindowReference: Hashable, Sendable {
    case named(Identifier)
    case specification(WindowSpecification)
}

/// `[existing window] [PARTITION BY …] [ORDER BY …] [frame]`, the part inside `OVER (…)` or `WINDOW w AS (…)`.
public struct WindowSpecification: Hashable, Sendable {
    public var existingWindow: Identifier?
    public var partitionBy: [Expression]
    public var orderBy: [SortItem]
    public var frame: WindowFrame?
    @IgnoredInEquality public var span: SourceSpan

    public init(
        existingWindow: Identifier? = nil, partitionBy: [Expression] = [], orderBy: [SortItem] = [],
        frame: WindowFrame? = nil, span: SourceSpan
    ) {
        self.existingWindow = existingWindow
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.span = span
    }
}

/// `ROWS | RANGE | GROUPS` with a start bound, or `BETWEEN start AND end`.
public struct WindowFrame: Hashable, Sendable {
    public enum Unit: String, Hashable, Sendable { case rows = "ROWS", range = "RANGE", groups = "GROUPS" }

    public enum Bound: Hashable, Sendable {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing
    }

    public var unit: Unit
    public var start: Bound
    /// nil when the frame was written without `BETWEEN` (the end is then the current row).
    public var end: Bound?
    @IgnoredInEquality public var span: SourceSpan

    public init(unit: Unit, start: Bound, end: Bound?, span: SourceSpan) {
        self.unit = unit
        self.start = start
        self.end = end
        self.span = span
    }
}

/// `WINDOW name AS (specification)` in a SELECT.
public struct WindowDefinition: Hashable, Sendable {
    public var name: Identifier
    public var specification: WindowSpecification
    @IgnoredInEquality public var span: SourceSpan

    public init(name: Identifier, specification: WindowSpecification, span: SourceSpan) {
        self.name = name
        self.specification = specification
        self.span = span
    }
}

/// `expression [ASC | DESC] [NULLS FIRST | NULLS LAST]` in ORDER BY (query, window, aggregate).
public struct SortItem: Hashable, Sendable {
    public enum Ordering: String, Hashable, Sendable { case ascending = "ASC", descending = "DESC" }
    public enum NullOrdering: String, Hashable, Sendable { case first = "NULLS FIRST", last = "NULLS LAST" }

    /// An expression; in a query's ORDER BY also an ordinal (`1`) or a select alias, resolved by the analyzer.
    public var expression: Expression
    /// nil when not written (ascending).
    public var ordering: Ordering?
    /// nil when not written (Trino puts NULLs last).
    public var nullOrdering: NullOrdering?
    @IgnoredInEquality public var span: SourceSpan

    public init(
        _ expression: Expression, ordering: Ordering? = nil, nullOrdering: NullOrdering? = nil, span: SourceSpan
    ) {
        self.expression = expression
        self.ordering = ordering
        self.nullOrdering = nullOrdering
        self.span = span
    }
}

/// `DISTINCT` or `ALL` in `SELECT`, an aggregate call, `UNION`, `GROUP BY`.
public enum SetQuantifier: String, Hashable, Sendable {
    case distinct = "DISTINCT", all = "ALL"
}
