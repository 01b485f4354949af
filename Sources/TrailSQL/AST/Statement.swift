import TrailBase

/// One statement of `trailsql query`: a query, `EXPLAIN [ANALYZE] …`, or `DESCRIBE t` / `SHOW COLUMNS FROM t`.
public indirect enum Statement: Hashable, Sendable {
    case query(Query)
    case explain(Explain)
    case describe(Describe)

    public var span: SourceSpan {
        switch self {
        case .query(let node): node.span
        case .explain(let node): node.span
        case .describe(let node): node.span
        }
    }

    /// The query at the heart of the statement (the explained one for EXPLAIN); nil for DESCRIBE.
    public var query: Query? {
        switch self {
        case .query(let query): query
        case .explain(let explain): explain.statement.query
        case .describe: nil
        }
    }
}

/// `EXPLAIN [(option, …)] statement`, `EXPLAIN ANALYZE [VERBOSE] statement`.
public struct Explain: Hashable, Sendable {
    public enum Option: Hashable, Sendable {
        /// `FORMAT TEXT | GRAPHVIZ | JSON`, upper-cased.
        case format(String)
        /// `TYPE LOGICAL | DISTRIBUTED | VALIDATE | IO`, upper-cased.
        case type(String)
    }
    public var isAnalyze: Bool
    public var isVerbose: Bool
    public var options: [Option]
    public var statement: Statement
    @IgnoredInEquality public var span: SourceSpan

    public init(
        isAnalyze: Bool, isVerbose: Bool = false, options: [Option] = [], statement: Statement, span: SourceSpan
    ) {
        self.isAnalyze = isAnalyze
        self.isVerbose = isVerbose
        self.options = options
        self.statement = statement
        self.span = span
    }
}

/// `DESCRIBE t`, `DESC t`, `SHOW COLUMNS FROM | IN t [LIKE 'pattern' [ESCAPE 'e']]`.
public struct Describe: Hashable, Sendable {
    public var table: TableReference
    public var pattern: String?
    public var escape: String?
    @IgnoredInEquality public var span: SourceSpan

    public init(table: TableReference, pattern: String? = nil, escape: String? = nil, span: SourceSpan) {
        self.table = table
        self.pattern = pattern
        self.escape = escape
        self.span = span
    }
}
