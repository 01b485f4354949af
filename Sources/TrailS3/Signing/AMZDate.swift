import TrailBase

/// The `x-amz-date` form of a time, `yyyyMMdd'T'HHmmss'Z'` in UTC, written by hand: signing runs per request and
/// needs no calendar, locale or formatter.
///
///     AMZDate.string(epochSeconds: 1_440_938_160)   // "20150830T123600Z"
public enum AMZDate {
    public static func string(epochSeconds: Int64) -> String {
        let secondsPerDay: Int64 = 86_400
        let date = CivilDate(dayNumber: Int(floorDivide(epochSeconds, secondsPerDay)))
        let secondOfDay = Int(floorModulo(epochSeconds, secondsPerDay))
        // A year outside 0–9999 does not fit the form (and no AWS service would take it): it keeps its last four
        // digits, without a sign.
        return String(unsafeUninitializedCapacity: 16) { text in
            func put(_ value: Int, width: Int, at offset: Int) {
                var value = abs(value)
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(date.year, width: 4, at: 0)
            put(date.month, width: 2, at: 4)
            put(date.day, width: 2, at: 6)
            text[8] = UInt8(ascii: "T")
            put(secondOfDay / 3600, width: 2, at: 9)
            put(secondOfDay / 60 % 60, width: 2, at: 11)
            put(secondOfDay % 60, width: 2, at: 13)
            text[15] = UInt8(ascii: "Z")
            return 16
        }
    }

    /// The time of an `x-amz-date` string (`20150830T123600Z`), or nil if it is not exactly that form.
    public static func epochSeconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte.isASCIIDigit else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        return CivilDate.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The credential scope's date: the first eight characters, `yyyyMMdd`.
    public static func day(of amzDate: String) -> String { String(amzDate.prefix(8)) }
}
