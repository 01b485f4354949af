/// Operator precedence, lowest first: the one table both the parser and the printer use (Trino's grammar order).
///
///     OR < AND < NOT < predicates (= <> < <= > >= IS BETWEEN IN LIKE) < || < + - < * / % < unary - +
///        < AT TIME ZONE < postfix ([] and .field) < primary
///
/// Binary operators are left-associative. A predicate's operands are value expressions (`||` and tighter), so
/// predicates do not chain: `a = b = c` is an error, as in Trino.
enum Precedence: Int, Comparable, Sendable {
    case lowest, or, and, not, predicate, concatenation, additive, multiplicative, unary, atTimeZone, postfix, primary

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The next tighter level (the minimum for a left-associative operator's right operand).
    var next: Precedence { Precedence(rawValue: rawValue + 1) ?? .primary }
}

extension BinaryOperation.Operator {
    var precedence: Precedence {
        switch self {
        case .concatenate: .concatenation
        case .add, .subtract: .additive
        case .multiply, .divide, .modulo: .multiplicative
        }
    }
}

extension Expression {
    /// How tightly the expression binds when printed: an operand that binds less tightly than its place requires
    /// gets parentheses.
    var precedence: Precedence {
        switch self {
        case .logical(let node): node.op == .or ? .or : .and
        case .not: .not
        case .comparison, .isNull, .isDistinctFrom, .between, .inList, .inSubquery, .like, .quantifiedComparison:
            .predicate
        case .binary(let node): node.op.precedence
        case .unary: .unary
        case .literal(let literal):
            // `-5` reads back as a unary minus applied to 5 where something binds tighter than unary minus.
            if case .number(let number) = literal.value, number.isNegative { .unary } else { .primary }
        case .atTimeZone: .atTimeZone
        case .subscripted, .fieldAccess: .postfix
        case .lambda: .lowest
        case .column, .exists, .subquery, .function, .cast, .caseWhen, .array, .row, .current, .extract, .position,
            .trim:
            .primary
        }
    }
}
