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
        case .array(let element): return "array(\(element))"
        case .row(let fields): return "row(" + fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ") + ")"
        case .map(let key, let value): return "map(\(key), \(value))"
        }
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
