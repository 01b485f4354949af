import TrailBase
import Testing
import TrailFunctions

// Cases from trino.io/docs/current/functions/datetime.html (from_iso8601_*, date_trunc table, interval arithmetic,
// date_format/MySQL table), Joda-Time's ISODateTimeFormat.dateTimeParser grammar, and CloudTrail eventTime strings.

private func utc(_ text: String) throws -> Timestamp { try FromISO8601Timestamp.evaluate(text) }

private func plain(_ text: String) throws -> Timestamp {
    // A `timestamp(3)` literal: parse as UTC, then drop the zone (local = UTC wall clock).
    Timestamp(epochMillis: try utc(text).epochMillis, zone: nil)
}

@Suite("Date and time functions")
struct DateTimeFunctionsTests {
    @Test("from_iso8601_timestamp accepts Trino's ISO 8601 forms and prints as the CLI does", arguments: [
        ("2024-01-02T03:04:05Z", "2024-01-02 03:04:05.000 UTC"),
        ("2020-05-11T11:15:05.055+01:00", "2020-05-11 11:15:05.055 +01:00"),
        ("2024-01-02T03:04:05.123456789Z", "2024-01-02 03:04:05.123 UTC"),
        ("2024-01-02T03:04:05,5Z", "2024-01-02 03:04:05.500 UTC"),
        ("2024-01-02T03:04:05+00:00", "2024-01-02 03:04:05.000 UTC"),
        ("2024-01-02T03:04:05-0530", "2024-01-02 03:04:05.000 -05:30"),
        ("2024-01-02T03:04:05+09", "2024-01-02 03:04:05.000 +09:00"),
        ("2024-01-02T03:04:05", "2024-01-02 03:04:05.000 UTC"),
        ("2024-01-02T03:04", "2024-01-02 03:04:00.000 UTC"),
        ("2024-01-02T03", "2024-01-02 03:00:00.000 UTC"),
        ("2024-01-02T03.5Z", "2024-01-02 03:30:00.000 UTC"),
        ("2024-01-02T", "2024-01-02 00:00:00.000 UTC"),
        ("2024-01-02TZ", "2024-01-02 00:00:00.000 UTC"),
        ("2024-01-02", "2024-01-02 00:00:00.000 UTC"),
        ("2024-01", "2024-01-01 00:00:00.000 UTC"),
        ("2024", "2024-01-01 00:00:00.000 UTC"),
        ("2024-1-2T3:4:5Z", "2024-01-02 03:04:05.000 UTC"),
        ("2020-123", "2020-05-02 00:00:00.000 UTC"),
        ("2020-W10", "2020-03-02 00:00:00.000 UTC"),
        ("2020-W10-3", "2020-03-04 00:00:00.000 UTC"),
        ("T03:04:05Z", "1970-01-01 03:04:05.000 UTC"),
        ("2024-02-29T23:59:59.999Z", "2024-02-29 23:59:59.999 UTC"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31 23:59:59.999 UTC"),
    ])
    func fromISO8601(text: String, printed: String) throws {
        #expect(try utc(text).description == printed)
    }

    @Test("a CloudTrail eventTime parses to the right instant")
    func eventTime() throws {
        #expect(try utc("2024-01-02T03:04:05Z").epochMillis == 1_704_164_645_000)
        #expect(try utc("2024-01-02T12:04:05+09:00").epochMillis == 1_704_164_645_000)
        #expect(try FromISO8601Timestamp.evaluate("2024-01-02T03:04:05", sessionZone: TimeZoneOffset(offsetMinutes: 60)).description
            == "2024-01-02 03:04:05.000 +01:00")
    }

    @Test("from_iso8601_timestamp fails with Joda-Time's messages", arguments: [
        ("x", #"Invalid format: "x""#),
        ("", #"Invalid format: """#),
        ("2024-01-02 03:04:05", #"Invalid format: "2024-01-02 03:04:05" is malformed at " 03:04:05""#),
        ("2024-01-02T03:04:05ZZ", #"Invalid format: "2024-01-02T03:04:05ZZ" is malformed at "Z""#),
        ("2024-01-02T03:", #"Invalid format: "2024-01-02T03:" is malformed at ":""#),
        ("2024-13-01", #"Cannot parse "2024-13-01": Value 13 for monthOfYear must be in the range [1,12]"#),
        ("2023-02-29", #"Cannot parse "2023-02-29": Value 29 for dayOfMonth must be in the range [1,28]"#),
        ("2024-01-02T24:00", #"Cannot parse "2024-01-02T24:00": Value 24 for hourOfDay must be in the range [0,23]"#),
        ("2024-01-02T03:60", #"Cannot parse "2024-01-02T03:60": Value 60 for minuteOfHour must be in the range [0,59]"#),
    ])
    func fromISO8601Errors(text: String, message: String) {
        #expect(throws: FunctionError(function: "from_iso8601_timestamp", message: message)) { _ = try utc(text) }
    }

    @Test("from_iso8601_date reads dates only", arguments: [
        ("2020-05-11", "2020-05-11"), ("2020-W10", "2020-03-02"), ("2020-123", "2020-05-02"), ("2024", "2024-01-01"),
    ])
    func fromISO8601Date(text: String, expected: String) throws {
        #expect(ToISO8601.evaluate(dayNumber: try FromISO8601Timestamp.evaluateDate(text)) == expected)
    }

    @Test("from_iso8601_date rejects a time")
    func fromISO8601DateRejectsTime() {
        #expect(throws: FunctionError(function: "from_iso8601_date", message: #"Invalid format: "2020-05-11T00:00" is malformed at "T00:00""#)) {
            _ = try FromISO8601Timestamp.evaluateDate("2020-05-11T00:00")
        }
    }

    @Test("to_iso8601 prints milliseconds and Z or the offset")
    func toISO8601() throws {
        #expect(ToISO8601.evaluate(try utc("2024-01-02T03:04:05Z")) == "2024-01-02T03:04:05.000Z")
        #expect(ToISO8601.evaluate(try utc("2020-05-11T11:15:05.055+01:00")) == "2020-05-11T11:15:05.055+01:00")
        #expect(ToISO8601.evaluate(try plain("2024-01-02T03:04:05")) == "2024-01-02T03:04:05.000")
        #expect(try plain("2024-01-02T03:04:05").description == "2024-01-02 03:04:05.000")
    }

    @Test("date_trunc follows the documentation's table", arguments: [
        ("millisecond", "2001-08-22 03:04:05.321"),
        ("second", "2001-08-22 03:04:05.000"), ("minute", "2001-08-22 03:04:00.000"), ("hour", "2001-08-22 03:00:00.000"),
        ("day", "2001-08-22 00:00:00.000"), ("week", "2001-08-20 00:00:00.000"), ("month", "2001-08-01 00:00:00.000"),
        ("quarter", "2001-07-01 00:00:00.000"), ("year", "2001-01-01 00:00:00.000"), ("HOUR", "2001-08-22 03:00:00.000"),
    ])
    func dateTrunc(unit: String, expected: String) throws {
        let value = try plain("2001-08-22T03:04:05.321")
        #expect(DateTrunc.evaluate(try DateTimeUnit(parsing: unit, function: "date_trunc"), value).description == expected)
    }

    @Test("date_trunc works in the value's own zone")
    func dateTruncZone() throws {
        let value = try utc("2024-01-02T01:30:00+09:00")
        #expect(DateTrunc.evaluate(.day, value).description == "2024-01-02 00:00:00.000 +09:00")
        #expect(DateTrunc.evaluate(.hour, try utc("1969-12-31T23:59:59.999Z")).description == "1969-12-31 23:00:00.000 UTC")
    }

    @Test("an unknown unit fails with Trino's message")
    func badUnit() {
        #expect(throws: FunctionError(function: "date_add", message: "'fortnight' is not a valid Timestamp field")) {
            _ = try DateTimeUnit(parsing: "fortnight", function: "date_add")
        }
    }

    @Test("date_add adds wall-clock units and clamps month ends", arguments: [
        ("month", 1, "2012-10-31T01:00", "2012-11-30 01:00:00.000"),
        ("month", -1, "2012-10-31T01:00", "2012-09-30 01:00:00.000"),
        ("hour", 29, "2012-08-08T01:00", "2012-08-09 06:00:00.000"),
        ("hour", -29, "2012-08-08T01:00", "2012-08-06 20:00:00.000"),
        ("day", 2, "2012-08-08T00:00", "2012-08-10 00:00:00.000"),
        ("month", 1, "2024-01-31T12:00", "2024-02-29 12:00:00.000"),
        ("year", 1, "2024-02-29T00:00", "2025-02-28 00:00:00.000"),
        ("quarter", 1, "2024-11-30T00:00", "2025-02-28 00:00:00.000"),
        ("week", -1, "2024-01-03T00:00", "2023-12-27 00:00:00.000"),
        ("millisecond", 1500, "2024-01-01T00:00", "2024-01-01 00:00:01.500"),
        ("month", -13, "2024-01-15T00:00", "2022-12-15 00:00:00.000"),
    ] as [(String, Int64, String, String)])
    func dateAdd(unit: String, amount: Int64, start: String, expected: String) throws {
        let unit = try DateTimeUnit(parsing: unit, function: "date_add")
        #expect(try DateAdd.evaluate(unit, amount, try plain(start)).description == expected)
    }

    @Test("date_diff counts whole units from the first to the second value", arguments: [
        ("day", "2024-01-01T00:00", "2024-01-03T12:00", 2),
        ("day", "2024-01-03T12:00", "2024-01-01T00:00", -2),
        ("hour", "2024-01-01T00:00", "2024-01-01T05:59:59.999", 5),
        ("second", "2024-01-01T00:00", "2024-01-01T00:00:00.999", 0),
        ("week", "2024-01-01T00:00", "2024-01-15T00:00", 2),
        ("month", "2024-01-31T00:00", "2024-02-29T00:00", 1),
        ("month", "2024-01-31T00:00", "2024-02-28T00:00", 0),
        ("month", "2024-01-15T00:00", "2024-03-14T23:59", 1),
        ("month", "2024-03-14T00:00", "2024-01-15T00:00", -1),
        ("quarter", "2024-01-01T00:00", "2024-12-31T00:00", 3),
        ("year", "2024-02-29T00:00", "2025-02-28T00:00", 1),
        ("year", "2023-03-01T00:00", "2024-02-29T00:00", 0),
        ("year", "2000-06-01T00:00", "2024-05-31T00:00", 23),
    ] as [(String, String, String, Int64)])
    func dateDiff(unit: String, first: String, second: String, expected: Int64) throws {
        let unit = try DateTimeUnit(parsing: unit, function: "date_diff")
        #expect(DateDiff.evaluate(unit, try plain(first), try plain(second)) == expected)
        #expect(DateDiff.evaluate(unit, try utc(first + "Z"), try utc(second + "Z")) == expected)
    }

    @Test("field extractors read the local calendar", arguments: [
        (DateTimeField.year, 2024), (.quarter, 1), (.month, 1), (.day, 2), (.dayOfWeek, 2), (.dayOfYear, 2), (.hour, 3),
        (.minute, 4), (.second, 5), (.millisecond, 678), (.week, 1), (.yearOfWeek, 2024),
    ] as [(DateTimeField, Int64)])
    func fields(field: DateTimeField, expected: Int64) throws {
        #expect(field.extract(try utc("2024-01-02T03:04:05.678Z")) == expected)
    }

    @Test("ISO weeks at year boundaries")
    func isoWeeks() throws {
        #expect(DateTimeField.week.extract(try utc("2021-01-03T00:00Z")) == 53)
        #expect(DateTimeField.yearOfWeek.extract(try utc("2021-01-03T00:00Z")) == 2020)
        #expect(DateTimeField.week.extract(try utc("2024-12-30T00:00Z")) == 1)
        #expect(DateTimeField.dayOfWeek.extract(try utc("2024-01-07T00:00Z")) == 7)
        #expect(DateTimeField.hour.extract(try utc("2024-01-02T03:00+09:00")) == 3)
    }

    @Test("from_unixtime and to_unixtime")
    func unixtime() throws {
        #expect(FromUnixtime.evaluate(1_704_164_645).description == "2024-01-02 03:04:05.000 UTC")
        #expect(try FromUnixtime.evaluate(1_704_164_645, zone: "+09:00").description == "2024-01-02 12:04:05.000 +09:00")
        #expect(try FromUnixtime.evaluate(0, hours: -5, minutes: -30).description == "1969-12-31 18:30:00.000 -05:30")
        #expect(FromUnixtime.evaluate(1.0005).epochMillis == 1001)
        #expect(FromUnixtime.evaluate(-0.0015).epochMillis == -1)
        #expect(FromUnixtime.toUnixtime(FromUnixtime.evaluate(1.5)) == 1.5)
        #expect(FromUnixtime.toUnixtime(try utc("2024-01-02T03:04:05Z")) == 1_704_164_645)
    }

    @Test("named time zones are refused clearly")
    func namedZone() {
        #expect(throws: FunctionError(
            function: "from_unixtime",
            message: "Time zone not supported: 'Asia/Tokyo' (trailsql supports only UTC and fixed ±hh:mm offsets)")
        ) { _ = try FromUnixtime.evaluate(0, zone: "Asia/Tokyo") }
    }

    @Test("date_format prints MySQL specifiers", arguments: [
        ("%Y-%m-%d %H:%i:%s", "2024-01-02 15:04:05"),
        ("%Y-%m-%d %h:%i:%s %p", "2024-01-02 03:04:05 PM"),
        ("%a %b %e %c %y", "Tue Jan 2 1 24"),
        ("%W %M %j", "Tuesday January 002"),
        ("%f", "123000"),
        ("%T %r", "15:04:05 03:04:05 PM"),
        ("%k %l %I", "15 3 03"),
        ("%v %x %%", "01 2024 %"),
        ("100%q", "100q"),
    ])
    func dateFormat(format: String, expected: String) throws {
        #expect(try DateFormat.evaluate(try utc("2024-01-02T15:04:05.123Z"), format) == expected)
    }

    @Test("date_format rejects the specifiers Trino rejects", arguments: ["%D", "%U", "%u", "%V", "%w", "%X"])
    func dateFormatUnsupported(format: String) throws {
        let value = try utc("2024-01-02T15:04:05Z")
        #expect(throws: FunctionError(function: "date_format", message: "\(format) not supported in date format string")) {
            _ = try DateFormat.evaluate(value, format)
        }
    }

    @Test("civil-date arithmetic round-trips over four centuries")
    func civilRoundTrip() {
        for dayNumber in stride(from: -150_000, through: 150_000, by: 1) {
            let date = CivilDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            if dayNumber % 50_000 == 0 { #expect(date.day >= 1 && date.day <= 31) }
        }
        #expect(CivilDate(year: 2024, month: 1, day: 2).dayNumber == 19_724)
        #expect(CivilDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDate(dayNumber: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }
}
