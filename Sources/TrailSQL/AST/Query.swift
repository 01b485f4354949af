import TrailBase

/// `[WITH …] body [ORDER BY …] [OFFSET n] [LIMIT n | FETCH FIRST n ROWS …]`.
public struct Query: Hashable, Sendable {
    public var with: With?
    public var body: QueryBody
    public var orderBy: [SortItem]
    /// `OFFSET n [ROW | ROWS]`.
    public var offset: Int64?
    public var limit: Limit?
    @IgnoredInEquality public var span: SourceSpan

    public init(
        with: With? = nil, body: QueryBody, orderBy: [SortItem] = [], offset: Int64? = nil, limit: Limit? = nil,
        span: SourceSpan
    ) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.offset = offset
        self.limit = limit
        self.span = span
    }

    /// Whether the query is just its body (no WITH, ORDER BY, OFFSET or LIMIT of its own).
    public var isBareBody: Bool { with == nil && orderBy.isEmpty && offset == nil && limit == nil }
}

/// `WITH name [(columns)] AS (query), …`. `WITH RECURSIVE` is rejected by the parser.
public struct With: Hashable, Sendable {
    public var queries: [WithQuery]
    @IgnoredInEquality public var span: SourceSpan
    public init(_ queries: [WithQuery], span: SourceSpan) {
        self.queries = queries
        self.span = span
    }
}

public struct WithQuery: Hashable, Sendable {
    public var name: Identifier
    /// `name (a, b) AS (…)`; nil when no column list was written.
    public var columns: [Identifier]?
    public var query: Query
    @IgnoredInEquality public var span: SourceSpan
    public init(name: Identifier, columns: [Identifier]?, query: Query, span: SourceSpan) {
        self.name = name
        self.columns = columns
        self.query = query
        self.span = span
    }
}

/// `LIMIT n`, `LIMIT ALL`, `FETCH FIRST n ROWS ONLY` (the same as `LIMIT n`), `FETCH FIRST n ROWS WITH TIES`.
public struct Limit: Hashable, Sendable {
    /// nil for `LIMIT ALL`.
    public var count: Int64?
    public var withTies: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(count: Int64?, withTies: Bool = false, span: SourceSpan) {
        self.count = count
        self.withTies = withTies
        self.span = span
    }
}

/// What a query computes before ORDER BY and LIMIT apply.
public indirect enum QueryBody: Hashable, Sendable {
    case select(Select)
    /// `VALUES row, …`.
    case values(Values)
    /// `TABLE name`, the same as `SELECT * FROM name`.
    case table(TableReference)
    /// `a UNION b`, `a INTERSECT b`, `a EXCEPT b`.
    case setOperation(SetOperation)
    /// A parenthesised query with its own WITH, ORDER BY, OFFSET or LIMIT: `(SELECT … LIMIT 3) UNION …`. A
    /// parenthesised query without them leaves no node.
    case nested(Query)

    public var span: SourceSpan {
        switch self {
        case .select(let node): node.span
        case .values(let node): node.span
        case .table(let node): node.span
        case .setOperation(let node): node.span
        case .nested(let node): node.span
        }
    }
}

public struct SetOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable {
        case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
    }
    public var op: Operator
    /// `DISTINCT` or `ALL` as written; nil means DISTINCT.
    public var quantifier: SetQuantifier?
    public var left: QueryBody
    public var right: QueryBody
    @IgnoredInEquality public var span: SourceSpan
    public init(_ op: Operator, quantifier: SetQuantifier?, left: QueryBody, right: QueryBody, span: SourceSpan) {
        self.op = op
        self.quantifier = quantifier
        self.left = left
        self.right = right
        self.span = span
    }
}

public struct Values: Hashable, Sendable {
    /// One expression per row; a row of several columns is a `RowConstructor`.
    public var rows: [Expression]
    @IgnoredInEquality public var span: SourceSpan
    public init(_ rows: [Expression], span: SourceSpan) {
        self.rows = rows
        self.span = span
    }
}

/// `SELECT [DISTINCT | ALL] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [WINDOW …]`.
public struct Select: Hashable, Sendable {
    public var quantifier: SetQuantifier?
    public var items: [SelectItem]
    /// The comma-separated FROM list (an implicit cross join); empty without FROM.
    public var from: [Relation]
    public var whereClause: Expression?
    public var groupBy: GroupBy?
    public var having: Expression?
    public var windows: [WindowDefinition]
    @IgnoredInEquality public var span: SourceSpan

    public init(
        quantifier: SetQuantifier? = nil, items: [SelectItem], from: [Relation] = [], whereClause: Expression? = nil,
        groupBy: GroupBy? = nil, having: Expression? = nil, windows: [WindowDefinition] = [], span: SourceSpan
    ) {
        self.quantifier = quantifier
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.windows = windows
        self.span = span
    }
}

public enum SelectItem: Hashable, Sendable {
    /// `expression [[AS] alias]`.
    case expression(DerivedColumn)
    /// `*`, `t.*`, `expression.* [AS (a, b)]`.
    case allColumns(AllColumns)

    public var span: SourceSpan {
        switch self {
        case .expression(let node): node.span
        case .allColumns(let node): node.span
        }
    }
}

public struct DerivedColumn: Hashable, Sendable {
    public var expression: Expression
    public var alias: Identifier?
    @IgnoredInEquality public var span: SourceSpan
    public init(_ expression: Expression, alias: Identifier? = nil, span: SourceSpan) {
        self.expression = expression
        self.alias = alias
        self.span = span
    }
}

public struct AllColumns: Hashable, Sendable {
    /// nil for a bare `*`; otherwise what precedes `.*` (a table name or a row-valued expression).
    public var qualifier: Expression?
    /// `row.* AS (a, b)`.
    public var aliases: [Identifier]
    @IgnoredInEquality public var span: SourceSpan
    public init(qualifier: Expression? = nil, aliases: [Identifier] = [], span: SourceSpan) {
        self.qualifier = qualifier
        self.aliases = aliases
        self.span = span
    }
}

/// `GROUP BY [DISTINCT | ALL] element, …`.
public struct GroupBy: Hashable, Sendable {
    public var quantifier: SetQuantifier?
    public var elements: [GroupingElement]
    @IgnoredInEquality public var span: SourceSpan
    public init(quantifier: SetQuantifier? = nil, elements: [GroupingElement], span: SourceSpan) {
        self.quantifier = quantifier
        self.elements = elements
        self.span = span
    }
}

/// One element of GROUP BY. A grouping set is a list of expressions: `a` is `[a]`, `(a, b)` is `[a, b]`, `()` is `[]`.
public enum GroupingElement: Hashable, Sendable {
    /// `a`, an ordinal `1`, `(a, b)`, `()`.
    case set([Expression])
    /// `ROLLUP (set, …)`.
    case rollup([[Expression]])
    /// `CUBE (set, …)`.
    case cube([[Expression]])
    /// `GROUPING SETS (set, …)`.
    case groupingSets([[Expression]])
}
