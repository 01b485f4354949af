/// A SQL type as Athena (Trino) names it. The CloudTrail table uses varchar, row and array; the SQL engine adds
/// the rest.
public indirect enum LogicalType: Hashable, Sendable, CustomStringConvertible {
    case varchar
    case boolean
    case bigint
    case integer
    case double
    case date
    case timestamp
    case timestampWithTimeZone
    case json
    /// `interval day to second`, stored as milliseconds.
    case intervalDayToSecond
    /// `interval year to month`, stored as months.
    case intervalYearToMonth
    /// The type of a bare NULL literal; coerces to every other type.
    case unknown
    case array(LogicalType)
    case row([Field])
    case map(LogicalType, LogicalType)

    /// Trino's spelling, as `describe` and `typeof` print it.
    public var description: String {
        switch self {
        case .varchar: return "varchar"
        case .boolean: return "boolean"
        case .bigint: return "bigint"
        case .integer: return "integer"
        case .double: return "double"
        case .date: return "date"
        case .timestamp: return "timestamp(3)"
        case .timestampWithTimeZone: return "timestamp(3) with time zone"
        case .json: return "json"
        case .intervalDayToSecond: return "interval day to second"
        case .intervalYearToMonth: return "interval year to month"
        case .unknown: return "unknown"
        case .array(let element): return "array(\(element))"
        case .row(let fields): return "row(" + fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ") + ")"
        case .map(let key, let value): return "map(\(key), \(value))"
        }
    }
}

extension LogicalType {
    /// How values of this type are stored in a `Column`.
    public enum Storage: Sendable { case varchar, int64, double, boolean, row, array, map }

    public var storage: Storage {
        switch self {
        case .varchar, .json: return .varchar
        case .bigint, .integer, .date, .timestamp, .timestampWithTimeZone, .intervalDayToSecond, .intervalYearToMonth,
             .unknown:
            return .int64
        case .double: return .double
        case .boolean: return .boolean
        case .row: return .row
        case .array: return .array
        case .map: return .map
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .bigint, .integer, .double: return true
        default: return false
        }
    }

    public var isInteger: Bool { self == .bigint || self == .integer }

    public var rowFields: [Field]? {
        if case .row(let fields) = self { return fields }
        return nil
    }

    public var elementType: LogicalType? {
        if case .array(let element) = self { return element }
        return nil
    }
}

/// A named, typed member of a row or a schema.
public struct Field: Hashable, Sendable {
    /// Lower-case name, as Athena exposes it.
    public var name: String
    public var type: LogicalType

    public init(_ name: String, _ type: LogicalType) {
        self.name = name
        self.type = type
    }
}
