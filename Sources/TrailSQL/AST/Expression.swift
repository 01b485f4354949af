import TrailBase

/// A scalar expression. Each case carries a node struct with named fields and the node's `span`.
///
/// Equality ignores spans (see `IgnoredInEquality`), so two expressions are equal when they say the same thing.
/// Parentheses leave no node: the printer puts back exactly the ones the precedence table needs.
public indirect enum Expression: Hashable, Sendable {
    case literal(Literal)
    /// `a`, `t.a`, `useridentity.sessioncontext.sessionissuer.arn`: a dotted chain of names, resolved later.
    case column(ColumnReference)
    /// `expression.field` on something that is not a plain name: `resources[1].arn`, `f(x).a`.
    case fieldAccess(FieldAccess)
    /// `a[1]`, `m['k']`.
    case subscripted(Subscript)
    /// `-x`, `+x`.
    case unary(UnaryOperation)
    /// `+ - * / %` and `||`.
    case binary(BinaryOperation)
    /// `= <> != < <= > >=`.
    case comparison(Comparison)
    /// `a AND b AND c`, `a OR b`: flattened, two or more terms.
    case logical(LogicalOperation)
    /// `NOT x`.
    case not(LogicalNot)
    /// `x IS [NOT] NULL`.
    case isNull(IsNull)
    /// `x IS [NOT] DISTINCT FROM y`.
    case isDistinctFrom(IsDistinctFrom)
    /// `x [NOT] BETWEEN a AND b`.
    case between(Between)
    /// `x [NOT] IN (a, b, …)`.
    case inList(InList)
    /// `x [NOT] IN (SELECT …)`.
    case inSubquery(InSubquery)
    /// `x [NOT] LIKE p [ESCAPE e]`.
    case like(Like)
    /// `x = ANY (SELECT …)`, `x > ALL (SELECT …)`.
    case quantifiedComparison(QuantifiedComparison)
    /// `EXISTS (SELECT …)`.
    case exists(Exists)
    /// `(SELECT …)` used as a value.
    case subquery(ScalarSubquery)
    /// `f(args)`, `count(*)`, `count(DISTINCT x)`, `array_agg(x ORDER BY y)`, `… FILTER (WHERE …)`, `… OVER (…)`.
    case function(FunctionCall)
    /// `CAST(x AS type)`, `TRY_CAST(x AS type)`.
    case cast(Cast)
    /// `CASE [operand] WHEN … THEN … [ELSE …] END`.
    case caseWhen(CaseExpression)
    /// `x AT TIME ZONE 'UTC'`.
    case atTimeZone(AtTimeZone)
    /// `x -> x + 1`, `(a, b) -> a + b`.
    case lambda(Lambda)
    /// `ARRAY[1, 2]`.
    case array(ArrayConstructor)
    /// `ROW(1, 'a')`, `(1, 'a')`.
    case row(RowConstructor)
    /// `current_timestamp`, `current_date`, `current_time`, `localtime`, `localtimestamp`, `current_user`, …
    case current(CurrentValue)
    /// `EXTRACT(YEAR FROM x)`.
    case extract(Extract)
    /// `position(needle IN haystack)`.
    case position(Position)
    /// `trim([BOTH | LEADING | TRAILING] [chars] FROM s)`, `trim(s)`, `trim(s, chars)`.
    case trim(Trim)

    /// The text this expression was parsed from.
    public var span: SourceSpan {
        switch self {
        case .literal(let node): node.span
        case .column(let node): node.name.span
        case .fieldAccess(let node): node.span
        case .subscripted(let node): node.span
        case .unary(let node): node.span
        case .binary(let node): node.span
        case .comparison(let node): node.span
        case .logical(let node): node.span
        case .not(let node): node.span
        case .isNull(let node): node.span
        case .isDistinctFrom(let node): node.span
        case .between(let node): node.span
        case .inList(let node): node.span
        case .inSubquery(let node): node.span
        case .like(let node): node.span
        case .quantifiedComparison(let node): node.span
        case .exists(let node): node.span
        case .subquery(let node): node.span
        case .function(let node): node.span
        case .cast(let node): node.span
        case .caseWhen(let node): node.span
        case .atTimeZone(let node): node.span
        case .lambda(let node): node.span
        case .array(let node): node.span
        case .row(let node): node.span
        case .current(let node): node.span
        case .extract(let node): node.span
        case .position(let node): node.span
        case .trim(let node): node.span
        }
    }
}

// MARK: - Names and access

public struct ColumnReference: Hashable, Sendable {
    public var name: QualifiedName
    public init(_ name: QualifiedName) { self.name = name }
}

public struct FieldAccess: Hashable, Sendable {
    public var base: Expression
    public var field: Identifier
    @IgnoredInEquality public var span: SourceSpan
    public init(base: Expression, field: Identifier, span: SourceSpan) {
        self.base = base
        self.field = field
        self.span = span
    }
}

public struct Subscript: Hashable, Sendable {
    public var base: Expression
    public var index: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(base: Expression, index: Expression, span: SourceSpan) {
        self.base = base
        self.index = index
        self.span = span
    }
}

// MARK: - Operators

public struct UnaryOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable { case plus = "+", minus = "-" }
    public var op: Operator
    public var operand: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ op: Operator, _ operand: Expression, span: SourceSpan) {
        self.op = op
        self.operand = operand
        self.span = span
    }
}

public struct BinaryOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", concatenate = "||"
    }
    public var op: Operator
    public var left: Expression
    public var right: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ op: Operator, _ left: Expression, _ right: Expression, span: SourceSpan) {
        self.op = op
        self.left = left
        self.right = right
        self.span = span
    }
}

public struct Comparison: Hashable, Sendable {
    /// `!=` is read as `.notEqual` and printed as `<>`.
    public enum Operator: String, Hashable, Sendable {
        case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }
    public var op: Operator
    public var left: Expression
    public var right: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ op: Operator, _ left: Expression, _ right: Expression, span: SourceSpan) {
        self.op = op
        self.left = left
        self.right = right
        self.span = span
    }
}

public struct LogicalOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable { case and = "AND", or = "OR" }
    public var op: Operator
    /// Two or more terms; a term is never itself a `LogicalOperation` with the same operator (the parser flattens).
    public var terms: [Expression]
    @IgnoredInEquality public var span: SourceSpan
    public init(_ op: Operator, _ terms: [Expression], span: SourceSpan) {
        self.op = op
        self.terms = terms
        self.span = span
    }
}

public struct LogicalNot: Hashable, Sendable {
    public var operand: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, span: SourceSpan) {
        self.operand = operand
        self.span = span
    }
}

// MARK: - Predicates

public struct IsNull: Hashable, Sendable {
    public var operand: Expression
    public var isNegated: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, isNegated: Bool, span: SourceSpan) {
        self.operand = operand
        self.isNegated = isNegated
        self.span = span
    }
}

public struct IsDistinctFrom: Hashable, Sendable {
    public var left: Expression
    public var right: Expression
    public var isNegated: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ left: Expression, _ right: Expression, isNegated: Bool, span: SourceSpan) {
        self.left = left
        self.right = right
        self.isNegated = isNegated
        self.span = span
    }
}

public struct Between: Hashable, Sendable {
    public var operand: Expression
    public var lower: Expression
    public var upper: Expression
    public var isNegated: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, lower: Expression, upper: Expression, isNegated: Bool, span: SourceSpan) {
        self.operand = operand
        self.lower = lower
        self.upper = upper
        self.isNegated = isNegated
        self.span = span
    }
}

public struct InList: Hashable, Sendable {
    public var operand: Expression
    public var list: [Expression]
    public var isNegated: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, list: [Expression], isNegated: Bool, span: SourceSpan) {
        self.operand = operand
        self.list = list
        self.isNegated = isNegated
        self.span = span
    }
}

public struct InSubquery: Hashable, Sendable {
    public var operand: Expression
    public var query: Query
    public var isNegated: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, query: Query, isNegated: Bool, span: SourceSpan) {
        self.operand = operand
        self.query = query
        self.isNegated = isNegated
        self.span = span
    }
}

public struct Like: Hashable, Sendable {
    public var operand: Expression
    public var pattern: Expression
    public var escape: Expression?
    public var isNegated: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, pattern: Expression, escape: Expression?, isNegated: Bool, span: SourceSpan) {
        self.operand = operand
        self.pattern = pattern
        self.escape = escape
        self.isNegated = isNegated
        self.span = span
    }
}

public struct QuantifiedComparison: Hashable, Sendable {
    public enum Quantifier: String, Hashable, Sendable { case all = "ALL", any = "ANY", some = "SOME" }
    public var op: Comparison.Operator
    public var quantifier: Quantifier
    public var left: Expression
    public var query: Query
    @IgnoredInEquality public var span: SourceSpan
    public init(
        _ op: Comparison.Operator, _ quantifier: Quantifier, _ left: Expression, query: Query, span: SourceSpan
    ) {
        self.op = op
        self.quantifier = quantifier
        self.left = left
        self.query = query
        self.span = span
    }
}

public struct Exists: Hashable, Sendable {
    public var query: Query
    @IgnoredInEquality public var span: SourceSpan
    public init(_ query: Query, span: SourceSpan) {
        self.query = query
        self.span = span
    }
}

public struct ScalarSubquery: Hashable, Sendable {
    public var query: Query
    @IgnoredInEquality public var span: SourceSpan
    public init(_ query: Query, span: SourceSpan) {
        self.query = query
        self.span = span
    }
}

// MARK: - Calls and special forms

/// A function call, aggregate or window function.
///
/// `substring(s FROM a FOR b)` is read as `substring(s, a, b)` and `GROUPING(a, b)` as a call named `grouping`.
public struct FunctionCall: Hashable, Sendable {
    public enum NullTreatment: String, Hashable, Sendable { case ignore = "IGNORE NULLS", respect = "RESPECT NULLS" }

    public var name: QualifiedName
    public var arguments: [Expression]
    /// `count(*)`: no arguments, and the `*` written.
    public var isStar: Bool
    /// `DISTINCT` or `ALL` before the arguments.
    public var quantifier: SetQuantifier?
    /// `array_agg(x ORDER BY y)`.
    public var orderBy: [SortItem]
    /// `FILTER (WHERE …)`.
    public var filter: Expression?
    /// `IGNORE NULLS` / `RESPECT NULLS` before `OVER`.
    public var nullTreatment: NullTreatment?
    /// `OVER w` or `OVER (…)`.
    public var window: WindowReference?
    @IgnoredInEquality public var span: SourceSpan

    public init(
        name: QualifiedName, arguments: [Expression], isStar: Bool = false, quantifier: SetQuantifier? = nil,
        orderBy: [SortItem] = [], filter: Expression? = nil, nullTreatment: NullTreatment? = nil,
        window: WindowReference? = nil, span: SourceSpan
    ) {
        self.name = name
        self.arguments = arguments
        self.isStar = isStar
        self.quantifier = quantifier
        self.orderBy = orderBy
        self.filter = filter
        self.nullTreatment = nullTreatment
        self.window = window
        self.span = span
    }
}

public struct Cast: Hashable, Sendable {
    public var operand: Expression
    public var type: DataType
    /// `TRY_CAST`: NULL instead of an error when the value does not convert.
    public var isTry: Bool
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, as type: DataType, isTry: Bool, span: SourceSpan) {
        self.operand = operand
        self.type = type
        self.isTry = isTry
        self.span = span
    }
}

public struct CaseExpression: Hashable, Sendable {
    public struct WhenClause: Hashable, Sendable {
        public var condition: Expression
        public var result: Expression
        @IgnoredInEquality public var span: SourceSpan
        public init(condition: Expression, result: Expression, span: SourceSpan) {
            self.condition = condition
            self.result = result
            self.span = span
        }
    }
    /// `CASE operand WHEN value …` (simple form); nil for `CASE WHEN condition …` (searched form).
    public var operand: Expression?
    public var whenClauses: [WhenClause]
    public var elseResult: Expression?
    @IgnoredInEquality public var span: SourceSpan
    public init(operand: Expression?, whenClauses: [WhenClause], elseResult: Expression?, span: SourceSpan) {
        self.operand = operand
        self.whenClauses = whenClauses
        self.elseResult = elseResult
        self.span = span
    }
}

public struct AtTimeZone: Hashable, Sendable {
    public var operand: Expression
    /// A string literal (`'UTC'`, `'Asia/Tokyo'`) or an interval literal (`INTERVAL '9' HOUR`).
    public var zone: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ operand: Expression, zone: Expression, span: SourceSpan) {
        self.operand = operand
        self.zone = zone
        self.span = span
    }
}

public struct Lambda: Hashable, Sendable {
    public var parameters: [Identifier]
    public var body: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(parameters: [Identifier], body: Expression, span: SourceSpan) {
        self.parameters = parameters
        self.body = body
        self.span = span
    }
}

public struct ArrayConstructor: Hashable, Sendable {
    public var elements: [Expression]
    @IgnoredInEquality public var span: SourceSpan
    public init(_ elements: [Expression], span: SourceSpan) {
        self.elements = elements
        self.span = span
    }
}

public struct RowConstructor: Hashable, Sendable {
    public var elements: [Expression]
    @IgnoredInEquality public var span: SourceSpan
    public init(_ elements: [Expression], span: SourceSpan) {
        self.elements = elements
        self.span = span
    }
}

/// A niladic special value written without parentheses (`current_timestamp`) or with a precision
/// (`current_timestamp(3)`).
public struct CurrentValue: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case date = "CURRENT_DATE", time = "CURRENT_TIME", timestamp = "CURRENT_TIMESTAMP"
        case localTime = "LOCALTIME", localTimestamp = "LOCALTIMESTAMP"
        case user = "CURRENT_USER", catalog = "CURRENT_CATALOG", schema = "CURRENT_SCHEMA", path = "CURRENT_PATH"

        /// Whether `(precision)` may follow.
        public var acceptsPrecision: Bool {
            switch self {
            case .time, .timestamp, .localTime, .localTimestamp: true
            default: false
            }
        }
    }
    public var kind: Kind
    public var precision: Int?
    @IgnoredInEquality public var span: SourceSpan
    public init(_ kind: Kind, precision: Int? = nil, span: SourceSpan) {
        self.kind = kind
        self.precision = precision
        self.span = span
    }
}

public struct Extract: Hashable, Sendable {
    /// `YEAR`, `MONTH`, `DAY_OF_WEEK`, `DOW`, `TIMEZONE_HOUR`, … as written (checked by the analyzer).
    public var field: Identifier
    public var source: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ field: Identifier, from source: Expression, span: SourceSpan) {
        self.field = field
        self.source = source
        self.span = span
    }
}

public struct Position: Hashable, Sendable {
    public var needle: Expression
    public var haystack: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ needle: Expression, in haystack: Expression, span: SourceSpan) {
        self.needle = needle
        self.haystack = haystack
        self.span = span
    }
}

public struct Trim: Hashable, Sendable {
    public enum Specification: String, Hashable, Sendable {
        case both = "BOTH", leading = "LEADING", trailing = "TRAILING"
    }
    /// `BOTH` when not written (`trim(s)`, `trim(s, chars)`).
    public var specification: Specification
    /// The characters to remove; nil for white space.
    public var characters: Expression?
    public var source: Expression
    @IgnoredInEquality public var span: SourceSpan
    public init(_ specification: Specification, characters: Expression?, from source: Expression, span: SourceSpan) {
        self.specification = specification
        self.characters = characters
        self.source = source
        self.span = span
    }
}
