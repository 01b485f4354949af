import TrailBase

/// Something in FROM that produces rows.
public indirect enum Relation: Hashable, Sendable {
    /// A table name or a CloudTrail Lake event data store id.
    case table(TableReference)
    /// `(query)`.
    case subquery(SubqueryRelation)
    /// `UNNEST(expression, …) [WITH ORDINALITY]`.
    case unnest(Unnest)
    /// `LATERAL (query)`.
    case lateral(LateralRelation)
    /// `left [kind] JOIN right ON … | USING (…)`, `left CROSS JOIN right`.
    case join(Join)
    /// `relation [AS] alias [(column, …)]`.
    case aliased(AliasedRelation)

    public var span: SourceSpan {
        switch self {
        case .table(let node): node.span
        case .subquery(let node): node.span
        case .unnest(let node): node.span
        case .lateral(let node): node.span
        case .join(let node): node.span
        case .aliased(let node): node.span
        }
    }
}

/// A table in FROM. In trailsql any table name means the CloudTrail logs of the given sources; an event data store id
/// (`FROM edd1c4a2-…`, `FROM $EDS_ID`) marks a CloudTrail Lake query.
public struct TableReference: Hashable, Sendable {
    public enum Name: Hashable, Sendable {
        /// `cloudtrail_logs`, `"default"."my_trail"`, `awsdatacatalog.default.t`.
        case qualified(QualifiedName)
        /// A CloudTrail Lake event data store id as written (`EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE`, `$EDS_ID`).
        case eventDataStore(String)
    }
    public var name: Name
    @IgnoredInEquality public var span: SourceSpan

    public init(_ name: Name, span: SourceSpan) {
        self.name = name
        self.span = span
    }

    /// Whether this names a CloudTrail Lake event data store.
    public var isEventDataStore: Bool {
        if case .eventDataStore = name { return true }
        return false
    }
}

public struct SubqueryRelation: Hashable, Sendable {
    public var query: Query
    @IgnoredInEquality public var span: SourceSpan
    public init(_ query: Query, span: SourceSpan) {
        self.query = query
        self.span = span
    }
}

public struct LateralRelation: Hashable, Sendable {
    public var query: Query
    @IgnoredInEquality public var span: SourceSpan
    public init(_ query: Query, span: SourceSpan) {
        self.query = query
        self.span = span
    }
}

public struct Unnest: Hashable, Sendable {
    public var expressions: [Expression]
    public var withOrdinality: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ expressions: [Expression], withOrdinality: Bool, span: SourceSpan) {
        self.expressions = expressions
        self.withOrdinality = withOrdinality
        self.span = span
    }
}

public struct Join: Hashable, Sendable {
    /// `INNER JOIN` and `JOIN` are `.inner`; `LEFT [OUTER] JOIN` is `.left`, and so on.
    public enum Kind: String, Hashable, Sendable {
        case cross = "CROSS JOIN", inner = "JOIN", left = "LEFT JOIN", right = "RIGHT JOIN", full = "FULL JOIN"
    }
    public enum Criteria: Hashable, Sendable {
        case on(Expression)
        case using([Identifier])
    }
    public var kind: Kind
    public var left: Relation
    public var right: Relation
    /// nil exactly for `CROSS JOIN`.
    public var criteria: Criteria?
    @IgnoredInEquality public var span: SourceSpan

    public init(_ kind: Kind, left: Relation, right: Relation, criteria: Criteria?, span: SourceSpan) {
        self.kind = kind
        self.left = left
        self.right = right
        self.criteria = criteria
        self.span = span
    }
}

public struct AliasedRelation: Hashable, Sendable {
    public var relation: Relation
    public var alias: Identifier
    /// `AS t (a, b)`; empty when no column list was written.
    public var columns: [Identifier]
    @IgnoredInEquality public var span: SourceSpan

    public init(_ relation: Relation, alias: Identifier, columns: [Identifier] = [], span: SourceSpan) {
        self.relation = relation
        self.alias = alias
        self.columns = columns
        self.span = span
    }
}
