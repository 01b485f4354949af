/// `from_unixtime(unixtime [, zone | hours, minutes]) → timestamp(3) with time zone` and `to_unixtime(x) → double`.
///
/// Seconds are rounded to the nearest millisecond (Java's `Math.round`, halves up). The zone defaults to the session
/// zone; only UTC and fixed offsets are supported (see `TimeZoneOffset`).
///
///     from_unixtime(1704164645)                -- 2024-01-02 03:04:05.000 UTC
///     from_unixtime(1704164645, '+09:00')      -- 2024-01-02 12:04:05.000 +09:00
///     to_unixtime(from_unixtime(1.5))          -- 1.5
public enum FromUnixtime {
    public static func evaluate(_ unixtime: Double, zone: TimeZoneOffset = .utc) -> Timestamp {
        let scaled = unixtime * 1000
        // Java Math.round: floor(x + 0.5), saturating at the Int64 range; NaN → 0.
        let millis: Int64
        if scaled.isNaN {
            millis = 0
        } else if scaled >= 9.223372036854775807e18 {
            millis = .max
        } else if scaled <= -9.223372036854775808e18 {
            millis = .min
        } else {
            millis = Int64((scaled + 0.5).rounded(.down))
        }
        return Timestamp(epochMillis: millis, zone: zone)
    }

    public static func evaluate(_ unixtime: Double, zone: String) throws(FunctionError) -> Timestamp {
        evaluate(unixtime, zone: try TimeZoneOffset(parsing: zone, function: "from_unixtime"))
    }

    /// `from_unixtime(unixtime, hours, minutes)`.
    public static func evaluate(_ unixtime: Double, hours: Int64, minutes: Int64) throws(FunctionError) -> Timestamp {
        let offset = hours * 60 + minutes
        guard abs(offset) <= 14 * 60 else {
            throw FunctionError(function: "from_unixtime", message: "Invalid offset minutes \(offset)")
        }
        return evaluate(unixtime, zone: TimeZoneOffset(offsetMinutes: Int(offset)))
    }

    /// `to_unixtime(timestamp with time zone)`: seconds since the epoch.
    public static func toUnixtime(_ value: Timestamp) -> Double { Double(value.epochMillis) / 1000 }
}
