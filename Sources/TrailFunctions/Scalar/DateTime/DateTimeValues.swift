import TrailBase
import TrailColumnar

/// Conversions between the engine's Int64 date-time storage and TrailFunctions' `Timestamp`.
public enum DateTimeValues {
    public static func timestamp(_ raw: Int64, _ type: LogicalType) -> Timestamp {
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

    public static func raw(_ value: Timestamp, as type: LogicalType) -> Int64 {
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
