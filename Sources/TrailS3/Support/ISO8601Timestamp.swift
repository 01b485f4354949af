import TrailBase

/// Reads the times AWS answers with — credential expirations (STS, container, instance metadata,
/// credential_process) and S3's LastModified: `2024-05-01T12:00:00Z`, with optional fractional seconds and a `Z`
/// or `±HH:MM` offset (none means UTC).
///
/// Stricter than `from_iso8601_timestamp` (TrailFunctions), which follows Joda and accepts a date alone: an
/// expiration without a time is refused here.
enum ISO8601Timestamp {
    static func epochSeconds(_ text: String) -> Int64? { parse(text)?.seconds }

    /// Nanoseconds since the epoch (fraction kept); nil past 2262, where they no longer fit.
    static func epochNanoseconds(_ text: String) -> Int64? {
        guard let (seconds, nanoseconds) = parse(text) else { return nil }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? nil : scaled + nanoseconds
    }

    private static func parse(_ text: String) -> (seconds: Int64, nanoseconds: Int64)? {
        let bytes = Array(text.utf8)
        var position = 0

        func number(_ digits: Int) -> Int? {
            guard position + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + digits] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += digits
            return value
        }
        func expect(_ allowed: String) -> Bool {
            guard position < bytes.count, allowed.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }

        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2),
              let seconds = CivilDate.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute,
                                                   second: second)
        else { return nil }
        var nanoseconds: Int64 = 0
        if expect(".") || expect(",") {
            var scale: Int64 = 100_000_000
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                nanoseconds += Int64(bytes[position] - UInt8(ascii: "0")) * scale
                scale /= 10
                position += 1
            }
        }
        var offsetSeconds = 0
        if position < bytes.count {
            if expect("Zz") {
                // UTC
            } else if expect("+-") {
                let sign = bytes[position - 1] == UInt8(ascii: "-") ? -1 : 1
                guard let offsetHours = number(2) else { return nil }
                _ = expect(":")
                let offsetMinutes = number(2) ?? 0
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        guard position == bytes.count else { return nil }
        return (seconds - Int64(offsetSeconds), nanoseconds)
    }
}
