/// One SQL value, for constants, parameters, group keys of rare shapes and output rendering — never the per-row
/// representation inside operators (those work on `Column`s). Its `LogicalType` travels beside it.
public indirect enum Value: Hashable, Sendable {
    case null
    case boolean(Bool)
    /// bigint, integer, date (days), timestamp (millis), timestamp with time zone (packed), intervals.
    case int(Int64)
    case double(Double)
    /// varchar and json text, as UTF-8.
    case bytes([UInt8])
    case array([Value])
    case row([Value])
    case map(keys: [Value], values: [Value])

    public static func string(_ text: String) -> Value { .bytes(Array(text.utf8)) }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var int: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var double: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }

    public var bool: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    public var bytes: [UInt8]? {
        if case .bytes(let value) = self { return value }
        return nil
    }

    /// The text of a varchar value (nil for anything else).
    public var string: String? {
        if case .bytes(let value) = self { return String(decoding: value, as: UTF8.self) }
        return nil
    }
}

/// `timestamp(3) with time zone` in one Int64, as Trino packs it: UTC millis in the high 52 bits and the zone's
/// offset in minutes (+2048) in the low 12. Ordering on the packed value is not instant order; compare `millis`.
public enum PackedTimestamp {
    @inlinable
    public static func pack(millis: Int64, offsetMinutes: Int) -> Int64 {
        millis &<< 12 | Int64(offsetMinutes + 2048)
    }

    @inlinable
    public static func millis(_ packed: Int64) -> Int64 { packed >> 12 }

    @inlinable
    public static func offsetMinutes(_ packed: Int64) -> Int { Int(packed & 0xFFF) - 2048 }
}
