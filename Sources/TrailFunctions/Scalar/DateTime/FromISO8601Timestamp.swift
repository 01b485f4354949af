import TrailBase
/// `from_iso8601_timestamp(string) → timestamp(3) with time zone` and `from_iso8601_date(string) → date`.
///
/// Accepts what Trino's (Joda-Time's) ISO parser accepts: `yyyy[-MM[-dd]]`, ordinal `yyyy-DDD` and week `yyyy-Www[-e]`
/// dates; then optionally `T` with `HH[:mm[:ss]]`, a fraction (`.` or `,`, up to 9 digits, truncated to
/// milliseconds) on the last unit, and an offset `Z`, `±HH`, `±HH:mm` or `±HHmm`; or a time alone (`T03:04`, on
/// 1970-01-01). Fields may have fewer digits (`2024-1-2`). Without an offset the session zone applies. A parsed `Z`
/// or zero offset gives zone UTC, any other offset a fixed zone. Errors use Joda's words, which Trino passes on:
/// `Invalid format: "x"`, `… is malformed at "…"`, `… is too short`, and
/// `Cannot parse "2024-13-01": Value 13 for monthOfYear must be in the range [1,12]`.
///
///     from_iso8601_timestamp('2024-01-02T03:04:05Z')        -- 2024-01-02 03:04:05.000 UTC
///     from_iso8601_timestamp('2020-05-11T11:15:05.123+09:00') -- 2020-05-11 11:15:05.123 +09:00
///     from_iso8601_date('2020-05-11')                       -- 2020-05-11
public enum FromISO8601Timestamp {
    public static func evaluate(_ text: String, sessionZone: TimeZoneOffset = .utc) throws(FunctionError) -> Timestamp {
        var parser = ISO8601Parser(text: text, function: "from_iso8601_timestamp")
        return try parser.parseTimestamp(sessionZone: sessionZone)
    }

    /// `from_iso8601_date`: the date as days since 1970-01-01.
    public static func evaluateDate(_ text: String) throws(FunctionError) -> Int {
        var parser = ISO8601Parser(text: text, function: "from_iso8601_date")
        return try parser.parseDateOnly()
    }
}

struct ISO8601Parser {
    let text: String
    let bytes: [UInt8]
    let function: String
    var position = 0

    init(text: String, function: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.function = function
    }

    /// Joda's `FormatUtils.createErrorMessage`, positions counted in UTF-16 units as Java does.
    func formatError(at bytePosition: Int) -> FunctionError {
        let utf16 = Array(text.utf16)
        let errorPosition = String(decoding: bytes[..<min(bytePosition, bytes.count)], as: UTF8.self).utf16.count
        let sampleLength = errorPosition + 32
        let sample = utf16.count <= sampleLength + 3
            ? text : String(decoding: utf16[..<sampleLength], as: UTF16.self) + "..."
        let message: String
        if errorPosition <= 0 {
            message = "Invalid format: \"\(sample)\""
        } else if errorPosition >= utf16.count {
            message = "Invalid format: \"\(sample)\" is too short"
        } else {
            let rest = String(decoding: Array(sample.utf16)[errorPosition...], as: UTF16.self)
            message = "Invalid format: \"\(sample)\" is malformed at \"\(rest)\""
        }
        return FunctionError(function: function, message: message)
    }

    func rangeError(_ value: Int, _ field: String, _ low: Int, _ high: Int) -> FunctionError {
        FunctionError(
            function: function,
            message: "Cannot parse \"\(text)\": Value \(value) for \(field) must be in the range [\(low),\(high)]")
    }

    func peek(_ offset: Int = 0) -> UInt8 { position + offset < bytes.count ? bytes[position + offset] : 0 }
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Up to `maxDigits` digits (at least one), or nil without consuming.
    mutating func number(maxDigits: Int) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while count < maxDigits, isDigit(peek()) {
            value = value * 10 + Int(peek() - 0x30)
            position += 1
            count += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// A fraction after `.` or `,` as nanoseconds of the unit's 10⁹ scale, or nil (restoring the position).
    mutating func fraction() -> Int64? {
        guard peek() == UInt8(ascii: ".") || peek() == UInt8(ascii: ",") else { return nil }
        let start = position
        position += 1
        guard let (value, count) = number(maxDigits: 9) else {
            position = start
            return nil
        }
        var scaled = Int64(value)
        for _ in count..<9 { scaled *= 10 }
        return scaled
    }

    /// The date element; returns the day number.
    mutating func dateElement() throws(FunctionError) -> Int {
        var sign = 1
        let start = position
        if peek() == UInt8(ascii: "-") || peek() == UInt8(ascii: "+") {
            sign = peek() == UInt8(ascii: "-") ? -1 : 1
            position += 1
        }
        guard let (yearDigits, _) = number(maxDigits: 9) else {
            position = start
            throw formatError(at: position)
        }
        let year = sign * yearDigits
        guard peek() == UInt8(ascii: "-") else { return CivilDate(year: year, month: 1, day: 1).dayNumber }
        let afterYear = position
        position += 1
        if peek() == UInt8(ascii: "W") {
            position += 1
            guard let (week, _) = number(maxDigits: 2) else {
                position = afterYear
                return CivilDate(year: year, month: 1, day: 1).dayNumber
            }
            var weekday = 1
            if peek() == UInt8(ascii: "-"), isDigit(peek(1)) {
                position += 1
                weekday = number(maxDigits: 1)!.value
            }
            let weeksInYear = Self.isoWeeksInYear(year)
            guard week >= 1, week <= weeksInYear else { throw rangeError(week, "weekOfWeekyear", 1, weeksInYear) }
            guard weekday >= 1, weekday <= 7 else { throw rangeError(weekday, "dayOfWeek", 1, 7) }
            let january4 = CivilDate(year: year, month: 1, day: 4).dayNumber
            let week1Monday = january4 - (CivilDate.dayOfWeek(dayNumber: january4) - 1)
            return week1Monday + (week - 1) * 7 + weekday - 1
        }
        // Ordinal date when exactly three digits follow.
        var digitRun = 0
        while isDigit(peek(digitRun)) { digitRun += 1 }
        if digitRun == 3 {
            let dayOfYear = number(maxDigits: 3)!.value
            let maximum = CivilDate.isLeapYear(year) ? 366 : 365
            guard dayOfYear >= 1, dayOfYear <= maximum else { throw rangeError(dayOfYear, "dayOfYear", 1, maximum) }
            return CivilDate(year: year, month: 1, day: 1).dayNumber + dayOfYear - 1
        }
        guard let (month, _) = number(maxDigits: 2) else {
            position = afterYear
            return CivilDate(year: year, month: 1, day: 1).dayNumber
        }
        guard month >= 1, month <= 12 else { throw rangeError(month, "monthOfYear", 1, 12) }
        var day = 1
        if peek() == UInt8(ascii: "-"), isDigit(peek(1)) {
            position += 1
            day = number(maxDigits: 2)!.value
            let maximum = CivilDate.daysInMonth(year: year, month: month)
            guard day >= 1, day <= maximum else { throw rangeError(day, "dayOfMonth", 1, maximum) }
        }
        return CivilDate(year: year, month: month, day: day).dayNumber
    }

    static func isoWeeksInYear(_ year: Int) -> Int {
        // A year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year.
        let january1 = CivilDate.dayOfWeek(dayNumber: CivilDate(year: year, month: 1, day: 1).dayNumber)
        return january1 == 4 || (january1 == 3 && CivilDate.isLeapYear(year)) ? 53 : 52
    }

    /// `HH[:mm[:ss]][fraction]`: milliseconds of the day, or nil when no hour is present.
    mutating func timeElement() throws(FunctionError) -> Int64? {
        guard let (hour, _) = number(maxDigits: 2) else { return nil }
        guard hour <= 23 else { throw rangeError(hour, "hourOfDay", 0, 23) }
        var millis = Int64(hour) * 3_600_000
        if let nanos = fraction() { return millis + nanos * 3_600_000 / 1_000_000_000 }
        guard peek() == UInt8(ascii: ":"), isDigit(peek(1)) else { return millis }
        position += 1
        let minute = number(maxDigits: 2)!.value
        guard minute <= 59 else { throw rangeError(minute, "minuteOfHour", 0, 59) }
        millis += Int64(minute) * 60_000
        if let nanos = fraction() { return millis + nanos * 60_000 / 1_000_000_000 }
        guard peek() == UInt8(ascii: ":"), isDigit(peek(1)) else { return millis }
        position += 1
        let second = number(maxDigits: 2)!.value
        guard second <= 59 else { throw rangeError(second, "secondOfMinute", 0, 59) }
        millis += Int64(second) * 1000
        if let nanos = fraction() { millis += nanos / 1_000_000 }
        return millis
    }

    /// `Z` or `±HH[[:]mm]`: offset minutes, or nil when absent.
    mutating func offset() throws(FunctionError) -> Int? {
        if peek() == UInt8(ascii: "Z") {
            position += 1
            return 0
        }
        guard peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-"), isDigit(peek(1)) else { return nil }
        let sign = peek() == UInt8(ascii: "-") ? -1 : 1
        position += 1
        let hours = number(maxDigits: 2)!.value
        guard hours <= 23 else { throw rangeError(hours, "hourOfDay", 0, 23) }
        var minutes = 0
        if peek() == UInt8(ascii: ":"), isDigit(peek(1)) {
            position += 1
            minutes = number(maxDigits: 2)!.value
        } else if isDigit(peek()) {
            minutes = number(maxDigits: 2)!.value
        }
        guard minutes <= 59 else { throw rangeError(minutes, "minuteOfHour", 0, 59) }
        return sign * (hours * 60 + minutes)
    }

    mutating func parseTimestamp(sessionZone: TimeZoneOffset) throws(FunctionError) -> Timestamp {
        var dayNumber = 0
        var timeMillis: Int64 = 0
        var offsetMinutes: Int?
        if peek() == UInt8(ascii: "T") {
            position += 1
            guard let time = try timeElement() else { throw formatError(at: position) }
            timeMillis = time
            offsetMinutes = try offset()
        } else {
            dayNumber = try dateElement()
            if peek() == UInt8(ascii: "T") {
                position += 1
                timeMillis = try timeElement() ?? 0
                offsetMinutes = try offset()
            }
        }
        guard position == bytes.count else { throw formatError(at: position) }
        let local = Int64(dayNumber) * 86_400_000 + timeMillis
        let zone = offsetMinutes.map { TimeZoneOffset(offsetMinutes: $0) } ?? sessionZone
        return Timestamp(epochMillis: local - Int64(zone.offsetMinutes) * 60_000, zone: zone)
    }

    mutating func parseDateOnly() throws(FunctionError) -> Int {
        let day = try dateElement()
        guard position == bytes.count else { throw formatError(at: position) }
        return day
    }
}
