import TrailBase
/// A fixed UTC offset, the only kind of time zone trailsql supports without a time-zone database.
///
/// `offsetMinutes == 0` prints as `UTC` (Trino prints `Z` and `+00:00` offsets as `UTC` too).
public struct TimeZoneOffset: Sendable, Hashable, CustomStringConvertible {
    public var offsetMinutes: Int

    public static let utc = TimeZoneOffset(offsetMinutes: 0)

    public init(offsetMinutes: Int) { self.offsetMinutes = offsetMinutes }

    /// Parses `UTC`, `Z`, `+hh:mm`, `-hh:mm`, `+hhmm`, `+hh` (Trino's zone strings for fixed offsets). Named zones
    /// need a time-zone database, which trailsql does not carry, so they are rejected with a clear message.
    public init(parsing text: String, function: String) throws(FunctionError) {
        let upper = text.uppercased()
        if upper == "UTC" || upper == "Z" || upper == "GMT" || upper == "UT" || upper == "ZULU" || upper == "UCT" {
            self = .utc
            return
        }
        let bytes = Array(text.utf8)
        func unsupported() -> FunctionError {
            FunctionError(
                function: function,
                message: "Time zone not supported: '\(text)' (trailsql supports only UTC and fixed ±hh:mm offsets)")
        }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { throw unsupported() }
        let digits = bytes.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw unsupported()
        }
        let numbers = digits.map { Int($0 - 0x30) }
        let hours = numbers[0] * 10 + numbers[1]
        let minutes = numbers.count == 4 ? numbers[2] * 10 + numbers[3] : 0
        guard hours <= 14, minutes < 60 else {
            throw FunctionError(function: function, message: "Invalid time zone offset: '\(text)'")
        }
        offsetMinutes = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
    }

    /// `UTC` or `+09:00` (Trino's zone id).
    public var description: String {
        if offsetMinutes == 0 { return "UTC" }
        return offsetString(zulu: false)
    }

    /// `+09:00`, or `Z` for zero when `zulu`.
    public func offsetString(zulu: Bool) -> String {
        if offsetMinutes == 0 && zulu { return "Z" }
        let magnitude = abs(offsetMinutes)
        return (offsetMinutes < 0 ? "-" : "+") + pad2(magnitude / 60) + ":" + pad2(magnitude % 60)
    }
}

/// A Trino `timestamp(3)` or `timestamp(3) with time zone` value.
///
/// Representation: `epochMillis` is the instant in UTC milliseconds since 1970-01-01 for a value with a zone, and the
/// local date-time read as if it were UTC for a value without one (Trino's own split). `zone == nil` means
/// `timestamp(3)` (no time zone). Millisecond precision is what Athena's CloudTrail functions produce
/// (`from_iso8601_timestamp`, `from_unixtime`, `parse_datetime`, `date_parse`).
///
///     Timestamp(epochMillis: 1_704_164_645_000, zone: .utc).description   // "2024-01-02 03:04:05.000 UTC"
public struct Timestamp: Sendable, Hashable, CustomStringConvertible {
    public var epochMillis: Int64
    public var zone: TimeZoneOffset?

    public init(epochMillis: Int64, zone: TimeZoneOffset?) {
        self.epochMillis = epochMillis
        self.zone = zone
    }

    /// Milliseconds of the local wall-clock time (the instant shifted by the zone's offset).
    public var localMillis: Int64 { epochMillis + Int64(zone?.offsetMinutes ?? 0) * 60_000 }

    /// Builds a value from local wall-clock milliseconds in this value's zone.
    public func withLocalMillis(_ local: Int64) -> Timestamp {
        Timestamp(epochMillis: local - Int64(zone?.offsetMinutes ?? 0) * 60_000, zone: zone)
    }

    /// The local calendar fields.
    public var fields: Fields { Fields(localMillis: localMillis) }

    public struct Fields: Sendable, Hashable {
        public var date: CivilDate
        public var dayNumber: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var millisecond: Int

        public init(localMillis: Int64) {
            let days = floorDivide(localMillis, 86_400_000)
            let inDay = Int(localMillis - days * 86_400_000)
            dayNumber = Int(days)
            date = CivilDate(dayNumber: dayNumber)
            hour = inDay / 3_600_000
            minute = inDay / 60_000 % 60
            second = inDay / 1000 % 60
            millisecond = inDay % 1000
        }
    }

    /// Local milliseconds of a calendar date-time.
    public static func localMillis(_ date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) -> Int64 {
        Int64(date.dayNumber) * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000
            + Int64(millisecond)
    }

    /// How Trino's CLI prints the value: `2024-01-02 03:04:05.000 UTC`, `2024-01-02 12:04:05.000 +09:00`, or without
    /// a zone `2024-01-02 03:04:05.000`.
    public var description: String {
        let local = fields
        let text = formatDate(local.date) + " " + pad2(local.hour) + ":" + pad2(local.minute) + ":" + pad2(local.second) + "."
            + pad3(local.millisecond)
        guard let zone else { return text }
        return text + " " + zone.description
    }
}

func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
func pad3(_ value: Int) -> String { value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }

/// `yyyy-MM-dd`, with Java's rendering of years outside 0…9999 (`+10000`, `-0001`).
func formatDate(_ date: CivilDate) -> String {
    let year: String
    if date.year > 9999 {
        year = "+\(date.year)"
    } else if date.year < 0 {
        let magnitude = String(-date.year)
        year = "-" + String(repeating: "0", count: max(0, 4 - magnitude.count)) + magnitude
    } else {
        let digits = String(date.year)
        year = String(repeating: "0", count: 4 - digits.count) + digits
    }
    return year + "-" + pad2(date.month) + "-" + pad2(date.day)
}
