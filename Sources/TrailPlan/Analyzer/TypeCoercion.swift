import TrailColumnar

/// Trino's implicit coercions: integer → bigint → double, date → timestamp → timestamp with time zone, NULL
/// (unknown) to anything, element-wise for arrays and maps. varchar never converts implicitly.
public enum TypeCoercion {
    public static func canCoerce(_ from: LogicalType, to: LogicalType) -> Bool {
        if from == to || from == .unknown { return true }
        switch (from, to) {
        case (.integer, .bigint), (.integer, .double), (.bigint, .double): return true
        case (.date, .timestamp), (.date, .timestampWithTimeZone), (.timestamp, .timestampWithTimeZone): return true
        case (.array(let a), .array(let b)): return canCoerce(a, to: b)
        case (.map(let ak, let av), .map(let bk, let bv)): return canCoerce(ak, to: bk) && canCoerce(av, to: bv)
        case (.row(let a), .row(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { canCoerce($0.type, to: $1.type) }
        default: return false
        }
    }

    /// The type both can be coerced to, if any.
    public static func commonType(_ a: LogicalType, _ b: LogicalType) -> LogicalType? {
        if canCoerce(a, to: b) { return b }
        if canCoerce(b, to: a) { return a }
        switch (a, b) {
        case (.array(let x), .array(let y)): return commonType(x, y).map { .array($0) }
        case (.map(let xk, let xv), .map(let yk, let yv)):
            guard let key = commonType(xk, yk), let value = commonType(xv, yv) else { return nil }
            return .map(key, value)
        default: return nil
        }
    }

    /// `expression` as `type` (a cast when the types differ; a typed NULL for a bare NULL).
    public static func coerce(_ expression: BoundExpression, to type: LogicalType) -> BoundExpression {
        if expression.type == type { return expression }
        if case .literal(.null, _) = expression { return .literal(.null, type) }
        return .cast(expression, to: type, isTry: false)
    }
}

extension LogicalType {
    /// Types with an order (`<`, ORDER BY, min/max).
    public var isOrderable: Bool {
        switch self {
        case .map, .json: return false
        case .array(let element): return element.isOrderable
        case .row(let fields): return fields.allSatisfy { $0.type.isOrderable }
        default: return true
        }
    }

    /// Types with equality (`=`, GROUP BY, DISTINCT, joins).
    public var isComparable: Bool {
        switch self {
        case .json: return false
        case .array(let element): return element.isComparable
        case .row(let fields): return fields.allSatisfy { $0.type.isComparable }
        case .map(let key, let value): return key.isComparable && value.isComparable
        default: return true
        }
    }

    public var isDateTime: Bool { self == .date || self == .timestamp || self == .timestampWithTimeZone }
    public var isInterval: Bool { self == .intervalDayToSecond || self == .intervalYearToMonth }
}
