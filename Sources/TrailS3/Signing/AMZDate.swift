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
        var text = ""
        text.reserveCapacity(16)
        appendDigits(date.year, width: 4, to: &text)
        appendDigits(date.month, width: 2, to: &text)
        appendDigits(date.day, width: 2, to: &text)
        text += "T"
        appendDigits(secondOfDay / 3600, width: 2, to: &text)
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &text)
        appendDigits(secondOfDay % 60, width: 2, to: &text)
        text += "Z"
        return text
    }

    /// The credential scope's date: the first eight characters, `yyyyMMdd`.
    public static func day(of amzDate: String) -> String { String(amzDate.prefix(8)) }

    private static func appendDigits(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
