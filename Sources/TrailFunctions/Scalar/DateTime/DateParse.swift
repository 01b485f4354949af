/// `date_parse(string, format) → timestamp(3)`: parses with MySQL-style specifiers the way Trino does, by building a
/// Joda-Time parser from them (`DateTimeFunctions.createDateTimeFormatter`) and parsing in UTC.
///
/// Specifiers: `%Y` year (up to 4 digits, signed), `%y` two-digit year (70 → 1970, 69 → 2069), `%m`/`%c` month,
/// `%d`/`%e` day, `%j` day of year, `%H`/`%k` hour (0–23), `%h`/`%I`/`%l` hour (1–12) with `%p` AM/PM, `%i` minutes,
/// `%s`/`%S` seconds, `%f` fraction (1–9 digits, truncated to milliseconds), `%T` = `%H:%i:%s`, `%r` =
/// `%h:%i:%s %p`, `%b`/`%M` month name and `%a`/`%W` weekday name (each accepts the short or full English name),
/// `%v` ISO week and `%x` ISO week year, `%%` a percent sign; any other `%c` is the literal `c`. Numbers take up to
/// their field's width, so `%Y%m%d` reads `20240102`. `%D %U %u %V %w %X` fail with `%D not supported in date format
/// string`. Missing fields default to 1970-01-01 00:00:00.000, except that the year defaults to 2000 when the
/// largest field is a month or a day (Joda-Time's rule). Bad input fails with Joda-Time's words, which Trino passes
/// on: `Invalid format: "x" is malformed at "x"`, `Cannot parse "2024-02-30": Value 30 for dayOfMonth must be in the
/// range [1,29]`.
///
///     date_parse('2022/10/20/05', '%Y/%m/%d/%H')                          -- 2022-10-20 05:00:00.000
///     date_parse('2024-01-02 03:04:05.123456', '%Y-%m-%d %H:%i:%s.%f')    -- 2024-01-02 03:04:05.123
///     date_parse('Jan 2, 2024 3:04 PM', '%b %e, %Y %l:%i %p')             -- 2024-01-02 15:04:00.000
public enum DateParse {
    /// Compiles `format` once (for a constant format argument).
    public static func compile(_ format: String) throws(FunctionError) -> JodaDateTimeFormat {
        typealias Element = JodaDateTimeFormat.Element
        var elements: [Element] = []
        func literal(_ text: String) { elements.append(.literal(Array(text.utf8))) }
        var iterator = format.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "%" else {
                literal(String(scalar))
                continue
            }
            guard let specifier = iterator.next() else { break }
            switch specifier {
            case "a": elements.append(.text(.dayOfWeek, long: false))
            case "b": elements.append(.text(.monthOfYear, long: false))
            case "c": elements.append(.number(.monthOfYear, minDigits: 1, maxDigits: 2, signed: false))
            case "d": elements.append(.number(.dayOfMonth, minDigits: 2, maxDigits: 2, signed: false))
            case "e": elements.append(.number(.dayOfMonth, minDigits: 1, maxDigits: 2, signed: false))
            case "f": elements.append(.fraction(minDigits: 6, maxDigits: 9))
            case "H": elements.append(.number(.hourOfDay, minDigits: 2, maxDigits: 2, signed: false))
            case "h", "I": elements.append(.number(.clockhourOfHalfday, minDigits: 2, maxDigits: 2, signed: false))
            case "i": elements.append(.number(.minuteOfHour, minDigits: 2, maxDigits: 2, signed: false))
            case "j": elements.append(.number(.dayOfYear, minDigits: 3, maxDigits: 3, signed: false))
            case "k": elements.append(.number(.hourOfDay, minDigits: 1, maxDigits: 2, signed: false))
            case "l": elements.append(.number(.clockhourOfHalfday, minDigits: 1, maxDigits: 2, signed: false))
            case "M": elements.append(.text(.monthOfYear, long: true))
            case "m": elements.append(.number(.monthOfYear, minDigits: 2, maxDigits: 2, signed: false))
            case "p": elements.append(.text(.halfdayOfDay, long: false))
            case "r":
                elements.append(.number(.clockhourOfHalfday, minDigits: 2, maxDigits: 2, signed: false))
                literal(":")
                elements.append(.number(.minuteOfHour, minDigits: 2, maxDigits: 2, signed: false))
                literal(":")
                elements.append(.number(.secondOfMinute, minDigits: 2, maxDigits: 2, signed: false))
                literal(" ")
                elements.append(.text(.halfdayOfDay, long: false))
            case "S", "s": elements.append(.number(.secondOfMinute, minDigits: 2, maxDigits: 2, signed: false))
            case "T":
                elements.append(.number(.hourOfDay, minDigits: 2, maxDigits: 2, signed: false))
                literal(":")
                elements.append(.number(.minuteOfHour, minDigits: 2, maxDigits: 2, signed: false))
                literal(":")
                elements.append(.number(.secondOfMinute, minDigits: 2, maxDigits: 2, signed: false))
            case "v": elements.append(.number(.weekOfWeekyear, minDigits: 2, maxDigits: 2, signed: false))
            case "x": elements.append(.number(.weekyear, minDigits: 4, maxDigits: 4, signed: true))
            case "W": elements.append(.text(.dayOfWeek, long: true))
            case "Y": elements.append(.number(.year, minDigits: 4, maxDigits: 4, signed: true))
            case "y": elements.append(.twoDigitYear(.year, pivot: 2020, lenient: false))
            case "D", "U", "u", "V", "w", "X":
                throw FunctionError(function: "date_parse", message: "%\(specifier) not supported in date format string")
            default: literal(String(specifier))  // "%%" and any other "%c": the character itself
            }
        }
        guard !elements.isEmpty else {
            throw FunctionError(function: "date_parse", message: "Both printing and parsing not supported")
        }
        return JodaDateTimeFormat(elements: elements, function: "date_parse", specifiesZone: false)
    }

    public static func evaluate(_ text: UnsafeRawBufferPointer, _ format: JodaDateTimeFormat) throws(FunctionError) -> Timestamp {
        try format.parseLocal(text, currentYear: 2020)  // %y has a fixed pivot; the year is unused
    }

    public static func evaluate(_ text: String, _ format: String) throws(FunctionError) -> Timestamp {
        let compiled = try compile(format)
        return try Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(FunctionError) -> Timestamp in
            try evaluate(UnsafeRawBufferPointer(buffer), compiled)
        }
    }
}
