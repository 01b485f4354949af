import TrailBase

/// Trino's text forms of dates and timestamps, for `TIMESTAMP '…'` / `DATE '…'` literals and casts between varchar
/// and the date-time types: `yyyy-MM-dd[ HH:mm[:ss[.fff…]]][ zone]` (a space, not `T`, as Trino requires; the
/// fraction is truncated to milliseconds).
public enum TimestampText {
    /// Parses a timestamp. `zone` is the zone written after the time (nil when there is none).
    public static func parse(_ text: String, function: String = "CAST") throws(FunctionError) -> (localMillis: Int64, zone: TimeZoneOffset?) {
        let bytes = Array(text.utf8)
        var position = 0
        func invalid() -> FunctionError {
            FunctionError(function: function, message: "Value cannot be cast to timestamp: \(text)")
        }
        func skipSpaces() { while position < bytes.count, bytes[position] == 0x20 { position += 1 } }
        func number(minDigits: Int, maxDigits: Int) throws(FunctionError) -> Int {
            var value = 0
            var digits = 0
            while position < bytes.count, digits < maxDigits, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                value = value * 10 + Int(bytes[position] - 0x30)
                position += 1
                digits += 1
            }
            guard digits >= minDigits else { throw invalid() }
            return value
        }
        func expect(_ byte: UInt8) throws(FunctionError) {
            guard position < bytes.count, bytes[position] == byte else { throw invalid() }
            position += 1
        }
        skipSpaces()
        let year = try number(minDigits: 4, maxDigits: 6)
        try expect(UInt8(ascii: "-"))
        let month = try number(minDigits: 1, maxDigits: 2)
        try expect(UInt8(ascii: "-"))
        let day = try number(minDigits: 1, maxDigits: 2)
        guard (1...12).contains(month), (1...CivilDate.daysInMonth(year: year, month: month)).contains(day) else {
            throw invalid()
        }
        var hour = 0, minute = 0, second = 0, millisecond = 0
        var zone: TimeZoneOffset?
        if position < bytes.count, bytes[position] == 0x20 {
            skipSpaces()
            if position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                hour = try number(minDigits: 1, maxDigits: 2)
                try expect(UInt8(ascii: ":"))
                minute = try number(minDigits: 1, maxDigits: 2)
                if position < bytes.count, bytes[position] == UInt8(ascii: ":") {
                    position += 1
                    second = try number(minDigits: 1, maxDigits: 2)
                    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                        position += 1
                        var scale = 100
                        var digits = 0
                        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                            if scale > 0 { millisecond += Int(bytes[position] - 0x30) * scale }
                            scale /= 10
                            position += 1
                            digits += 1
                        }
                        guard digits > 0, digits <= 12 else { throw invalid() }
                    }
                }
                guard hour < 24, minute < 60, second < 60 else { throw invalid() }
                skipSpaces()
            }
            if position < bytes.count {
                let rest = String(decoding: bytes[position...], as: UTF8.self)
                zone = try TimeZoneOffset(parsing: rest.trimmingSpaces, function: function)
                position = bytes.count
            }
        }
        guard position == bytes.count else { throw invalid() }
        let millis = Timestamp.localMillis(CivilDate(year: year, month: month, day: day), hour: hour, minute: minute,
                                           second: second, millisecond: millisecond)
        return (millis, zone)
    }

    /// Parses `yyyy-MM-dd` (days since 1970-01-01).
    public static func parseDate(_ text: String, function: String = "CAST") throws(FunctionError) -> Int {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count >= 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else {
            throw FunctionError(function: function, message: "Value cannot be cast to date: \(text)")
        }
        return CivilDate(year: year, month: month, day: day).dayNumber
    }

    /// `yyyy-MM-dd`.
    public static func formatDate(dayNumber: Int) -> String { TrailFunctions.formatDate(CivilDate(dayNumber: dayNumber)) }
}
