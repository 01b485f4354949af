import TrailColumnar

/// A plan-wide name for a column produced by some plan node (Trino's "symbol"). Expressions refer to columns by
/// id, so nodes can grow their outputs (the scan registers each column path as the analyzer meets it) without
/// renumbering anything above them. The executor turns ids into positions once per operator.
public typealias ColumnID = Int

/// A resolved, typed expression. Built by the analyzer from the AST; evaluated column-at-a-time by TrailExec.
public indirect enum BoundExpression: Hashable, Sendable {
    /// A column of the input (an id while planning; a position once the executor resolved it).
    case column(ColumnID, LogicalType)
    case literal(Value, LogicalType)
    /// Field `index` of a row value.
    case field(BoundExpression, index: Int, LogicalType)
    /// A scalar function or operator; arguments already coerced to the function's parameter types.
    case call(ScalarFunction, [BoundExpression], LogicalType)
    /// Three-valued AND / OR over two or more terms.
    case and([BoundExpression])
    case or([BoundExpression])
    case not(BoundExpression)
    case isNull(BoundExpression, negated: Bool)
    case cast(BoundExpression, to: LogicalType, isTry: Bool)
    /// Searched CASE (simple CASE is rewritten to it): branches evaluate only on the rows that reach them.
    case caseWhen([WhenThen], otherwise: BoundExpression?, LogicalType)
    /// COALESCE: each argument evaluates only on rows still NULL.
    case coalesce([BoundExpression], LogicalType)
    case inList(BoundExpression, [BoundExpression], negated: Bool)
    /// The value of an uncorrelated scalar subquery (`subqueries[index]` of the plan).
    case scalarSubquery(index: Int, LogicalType)
    /// `value [NOT] IN (subquery)`.
    case inSubquery(BoundExpression, index: Int, negated: Bool)
    case exists(index: Int, negated: Bool)

    public var type: LogicalType {
        switch self {
        case .column(_, let type), .literal(_, let type), .field(_, _, let type), .call(_, _, let type),
             .caseWhen(_, _, let type), .coalesce(_, let type), .scalarSubquery(_, let type):
            return type
        case .cast(_, let type, _): return type
        case .and, .or, .not, .isNull, .inList, .inSubquery, .exists: return .boolean
        }
    }

    public var children: [BoundExpression] {
        switch self {
        case .column, .literal, .scalarSubquery, .exists: return []
        case .field(let base, _, _): return [base]
        case .call(_, let arguments, _): return arguments
        case .and(let terms), .or(let terms): return terms
        case .not(let operand), .isNull(let operand, _), .cast(let operand, _, _): return [operand]
        case .caseWhen(let branches, let otherwise, _):
            return branches.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case .coalesce(let arguments, _): return arguments
        case .inList(let operand, let list, _): return [operand] + list
        case .inSubquery(let operand, _, _): return [operand]
        }
    }

    /// The expression with `transform` applied bottom-up to every node.
    public func rewritten(_ transform: (BoundExpression) throws -> BoundExpression?) rethrows -> BoundExpression {
        if let replaced = try transform(self) { return replaced }
        switch self {
        case .column, .literal, .scalarSubquery, .exists: return self
        case .field(let base, let index, let type): return .field(try base.rewritten(transform), index: index, type)
        case .call(let function, let arguments, let type):
            return .call(function, try arguments.map { try $0.rewritten(transform) }, type)
        case .and(let terms): return .and(try terms.map { try $0.rewritten(transform) })
        case .or(let terms): return .or(try terms.map { try $0.rewritten(transform) })
        case .not(let operand): return .not(try operand.rewritten(transform))
        case .isNull(let operand, let negated): return .isNull(try operand.rewritten(transform), negated: negated)
        case .cast(let operand, let type, let isTry): return .cast(try operand.rewritten(transform), to: type, isTry: isTry)
        case .caseWhen(let branches, let otherwise, let type):
            return .caseWhen(
                try branches.map { WhenThen(condition: try $0.condition.rewritten(transform), result: try $0.result.rewritten(transform)) },
                otherwise: try otherwise?.rewritten(transform), type)
        case .coalesce(let arguments, let type): return .coalesce(try arguments.map { try $0.rewritten(transform) }, type)
        case .inList(let operand, let list, let negated):
            return .inList(try operand.rewritten(transform), try list.map { try $0.rewritten(transform) }, negated: negated)
        case .inSubquery(let operand, let index, let negated):
            return .inSubquery(try operand.rewritten(transform), index: index, negated: negated)
        }
    }

    /// `column = 'text'` (either side) or `column IN ('a', 'b', …)`: the column and the texts it must equal; nil
    /// for anything else (NOT IN, a literal that is not text, an expression of the column). Text needles and the
    /// partition folders a query names both start from it.
    public var equalityTexts: (column: ColumnID, texts: [[UInt8]])? {
        switch self {
        case .call(.equal, let arguments, _) where arguments.count == 2:
            for (column, literal) in [(arguments[0], arguments[1]), (arguments[1], arguments[0])] {
                if case .column(let id, _) = column, case .literal(.bytes(let bytes), _) = literal { return (id, [bytes]) }
            }
            return nil
        case .inList(.column(let id, _), let list, negated: false):
            var texts: [[UInt8]] = []
            for item in list {
                guard case .literal(.bytes(let bytes), _) = item else { return nil }
                texts.append(bytes)
            }
            return texts.isEmpty ? nil : (id, texts)
        default:
            return nil
        }
    }

    /// Every column id the expression reads.
    public var columnIDs: Set<ColumnID> {
        var ids: Set<ColumnID> = []
        func visit(_ expression: BoundExpression) {
            if case .column(let id, _) = expression { ids.insert(id) }
            for child in expression.children { visit(child) }
        }
        visit(self)
        return ids
    }

    /// True when the expression reads no column and no subquery (it can be folded to a constant).
    public var isConstant: Bool {
        switch self {
        case .column, .scalarSubquery, .inSubquery, .exists: return false
        case .call(let function, _, _) where !function.isDeterministic: return false
        default: return children.allSatisfy(\.isConstant)
        }
    }

    public var literalValue: Value? {
        if case .literal(let value, _) = self { return value }
        return nil
    }
}

public struct WhenThen: Hashable, Sendable {
    public var condition: BoundExpression
    public var result: BoundExpression
    public init(condition: BoundExpression, result: BoundExpression) {
        self.condition = condition
        self.result = result
    }
}

/// One ORDER BY key.
public struct SortKey: Hashable, Sendable {
    public var expression: BoundExpression
    public var ascending: Bool
    /// Trino's default: NULLS LAST whatever the direction.
    public var nullsFirst: Bool

    public init(expression: BoundExpression, ascending: Bool, nullsFirst: Bool) {
        self.expression = expression
        self.ascending = ascending
        self.nullsFirst = nullsFirst
    }
}
