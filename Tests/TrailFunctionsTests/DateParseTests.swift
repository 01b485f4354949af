import Testing
import TrailFunctions

// Cases from trino.io/docs/current/functions/datetime.html (MySQL date functions) and Trino's
// DateTimeFunctions.dateParse/createDateTimeFormatter. Expected values were checked against Joda-Time 2.10 driven the
// way Trino drives it (DateTimeFormatterBuilder from the specifiers, withZoneUTC().parseMillis).

@Suite("date_parse")
struct DateParseTests {
    @Test("date_parse reads MySQL specifiers as Trino's Joda-Time parser does", arguments: [
        // The documentation's example.
        ("2022/10/20/05", "%Y/%m/%d/%H", "2022-10-20 05:00:00.000"),
        ("2024-01-02 03:04:05", "%Y-%m-%d %H:%i:%s", "2024-01-02 03:04:05.000"),
        // %f takes 1–9 digits and truncates to milliseconds.
        ("2024-01-02 03:04:05.123456", "%Y-%m-%d %H:%i:%s.%f", "2024-01-02 03:04:05.123"),
        // Names match full or short, as written, upper or lower case.
        ("Jan 2, 2024 3:04 PM", "%b %e, %Y %l:%i %p", "2024-01-02 15:04:00.000"),
        ("JAN 2, 2024 3:04 pm", "%b %e, %Y %l:%i %p", "2024-01-02 15:04:00.000"),
        ("02/January/2024", "%d/%M/%Y", "2024-01-02 00:00:00.000"),
        ("Tuesday 02 Jan 2024", "%W %d %b %Y", "2024-01-02 00:00:00.000"),
        // Each number takes at most its field's width, so adjacent fields split; fewer digits are fine.
        ("20240102", "%Y%m%d", "2024-01-02 00:00:00.000"),
        ("2024-1-2 3:4:5", "%Y-%m-%d %H:%i:%s", "2024-01-02 03:04:05.000"),
        ("1/2/2024 3:04", "%c/%e/%Y %k:%i", "2024-01-02 03:04:00.000"),
        // %y pivots on 2020: 70 → 1970, 69 → 2069.
        ("70-01-01", "%y-%m-%d", "1970-01-01 00:00:00.000"),
        ("69-12-31", "%y-%m-%d", "2069-12-31 00:00:00.000"),
        ("24-1-2", "%y-%m-%d", "2024-01-02 00:00:00.000"),
        // A weekday moves the date within its ISO week.
        ("Fri 2024-01-01", "%a %Y-%m-%d", "2024-01-05 00:00:00.000"),
        ("2024-060", "%Y-%j", "2024-02-29 00:00:00.000"),
        // ISO week year and week: the Monday of that week.
        ("2024-10", "%x-%v", "2024-03-04 00:00:00.000"),
        // Missing fields: 1970-01-01, but year 2000 when the largest field is a month or a day.
        ("10/20", "%m/%d", "2000-10-20 00:00:00.000"),
        ("05:06", "%H:%i", "1970-01-01 05:06:00.000"),
        ("23:59:58", "%T", "1970-01-01 23:59:58.000"),
        ("03:04:05 PM", "%r", "1970-01-01 15:04:05.000"),
        ("12:30:00 AM", "%r", "1970-01-01 00:30:00.000"),
        ("12:00 PM", "%h:%i %p", "1970-01-01 12:00:00.000"),
        ("12:00 AM", "%I:%i %p", "1970-01-01 00:00:00.000"),
        // %% is a percent sign; any other %c is the literal c; literals match ignoring case.
        ("%2024", "%%%Y", "2024-01-01 00:00:00.000"),
        ("q2024", "%q%Y", "2024-01-01 00:00:00.000"),
        ("2024-01-02T03:04:05Z", "%Y-%m-%dT%H:%i:%sZ", "2024-01-02 03:04:05.000"),
        ("2024-01-02t03:04:05z", "%Y-%m-%dT%H:%i:%sZ", "2024-01-02 03:04:05.000"),
    ])
    func parses(text: String, format: String, expected: String) throws {
        let value = try DateParse.evaluate(text, format)
        #expect(value.description == expected)
        #expect(value.zone == nil)
    }

    @Test("date_parse fails with Joda-Time's messages, as Trino reports them", arguments: [
        ("2024-13-01 00:00:00", "%Y-%m-%d %H:%i:%s",
         #"Cannot parse "2024-13-01 00:00:00": Value 13 for monthOfYear must be in the range [1,12]"#),
        ("2023-02-29 00:00:00", "%Y-%m-%d %H:%i:%s",
         #"Cannot parse "2023-02-29 00:00:00": Value 29 for dayOfMonth must be in the range [1,28]"#),
        ("2024-02-30 00:00:00", "%Y-%m-%d %H:%i:%s",
         #"Cannot parse "2024-02-30 00:00:00": Value 30 for dayOfMonth must be in the range [1,29]"#),
        ("2024-01-02 24:00:00", "%Y-%m-%d %H:%i:%s",
         #"Cannot parse "2024-01-02 24:00:00": Value 24 for hourOfDay must be in the range [0,23]"#),
        ("2024-01-02 23:60:00", "%Y-%m-%d %H:%i:%s",
         #"Cannot parse "2024-01-02 23:60:00": Value 60 for minuteOfHour must be in the range [0,59]"#),
        ("13:00 PM", "%h:%i %p", #"Cannot parse "13:00 PM": Value 13 for clockhourOfHalfday must be in the range [1,12]"#),
        ("2023-366", "%Y-%j", #"Cannot parse "2023-366": Value 366 for dayOfYear must be in the range [1,365]"#),
        ("x", "%Y", #"Invalid format: "x""#),
        ("2024-01-02", "%Y-%m-%d %H:%i:%s", #"Invalid format: "2024-01-02" is too short"#),
        ("2024-01-02 03:04:05 extra", "%Y-%m-%d %H:%i:%s", #"Invalid format: "2024-01-02 03:04:05 extra" is malformed at " extra""#),
        ("2024-01-02 03:04:05.1234567891", "%Y-%m-%d %H:%i:%s.%f",
         #"Invalid format: "2024-01-02 03:04:05.1234567891" is malformed at "1""#),
        ("Sept 2024", "%b %Y", #"Invalid format: "Sept 2024" is malformed at "t 2024""#),
        ("", "", "Both printing and parsing not supported"),
        ("2024", "%", "Both printing and parsing not supported"),
    ])
    func errors(text: String, format: String, message: String) {
        #expect(throws: FunctionError(function: "date_parse", message: message)) { try DateParse.evaluate(text, format) }
    }

    @Test("date_parse rejects the specifiers Trino does not support", arguments: ["D", "U", "u", "V", "w", "X"])
    func unsupported(specifier: String) {
        #expect(throws: FunctionError(function: "date_parse", message: "%\(specifier) not supported in date format string")) {
            try DateParse.evaluate("2024", "%Y %\(specifier)")
        }
    }

    @Test("a compiled format parses bytes")
    func compiledBytes() throws {
        let format = try DateParse.compile("%Y-%m-%d %H:%i:%s")
        let values = try ["2024-01-02 03:04:05", "1999-12-31 23:59:59"].map { text throws in
            try Array(text.utf8).withUnsafeBytes { bytes throws in try DateParse.evaluate(bytes, format) }
        }
        #expect(values.map(\.epochMillis) == [1_704_164_645_000, 946_684_799_000])
    }
}
