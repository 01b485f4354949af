import TrailColumnar
import TrailFunctions

/// What every expression of one query sees: the query's start time (`now()` is the same for every row, as in
/// Trino) and the results of its uncorrelated subqueries.
public struct EvaluationContext: Sendable {
    /// Epoch milliseconds when the query started.
    public var startMillis: Int64
    public var subqueries: [SubqueryResult]

    public init(startMillis: Int64, subqueries: [SubqueryResult] = []) {
        self.startMillis = startMillis
        self.subqueries = subqueries
    }
}

/// The value of a subquery, computed before the query that uses it.
public enum SubqueryResult: Sendable {
    case scalar(Value)
    /// IN: the keys of the non-NULL values, and whether a NULL was among them (three-valued IN).
    case values(Set<[UInt8]>, hasNull: Bool)
    case exists(Bool)
}

/// Conversions between the engine's Int64 date-time storage and TrailFunctions' `Timestamp`.
enum DateTimeValues {
    static func timestamp(_ raw: Int64, _ type: LogicalType) -> Timestamp {
        switch type {
        case .timestampWithTimeZone:
            let offset = PackedTimestamp.offsetMinutes(raw)
            return Timestamp(epochMillis: PackedTimestamp.millis(raw), zone: TimeZoneOffset(offsetMinutes: offset))
        case .date:
            return Timestamp(epochMillis: raw * 86_400_000, zone: nil)
        default:
            return Timestamp(epochMillis: raw, zone: nil)
        }
    }

    static func raw(_ value: Timestamp, as type: LogicalType) -> Int64 {
        switch type {
        case .timestampWithTimeZone:
            let zone = value.zone ?? .utc
            return PackedTimestamp.pack(millis: value.epochMillis, offsetMinutes: zone.offsetMinutes)
        case .date:
            return floorDivide(value.localMillis, 86_400_000)
        default:
            return value.zone == nil ? value.epochMillis : value.localMillis
        }
    }
}

import TrailBase
