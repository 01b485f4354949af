import Testing
import TrailFunctions

// format_datetime and parse_datetime use Joda-Time patterns (trino.io/docs/current/functions/datetime.html, "Java
// date functions"; Trino's FormatDateTime and DateTimeFunctions.parseDatetime). Expected values were checked against
// Joda-Time 2.10 called the way Trino calls it (forPattern, English locale, withOffsetParsed for parsing).

private let afternoon = Timestamp(epochMillis: 1_704_207_845_123, zone: nil)  // 2024-01-02 15:04:05.123
private let tokyo = TimeZoneOffset(offsetMinutes: 540)

@Suite("format_datetime and parse_datetime")
struct JodaFormatTests {
    @Test("format_datetime prints every pattern letter as Joda-Time does", arguments: [
        ("yyyy-MM-dd'T'HH:mm", "2024-01-02T15:04"),
        ("EEEE, MMMM d, yyyy", "Tuesday, January 2, 2024"),
        ("E EEE EEEE e", "Tue Tue Tuesday 2"),
        ("M MM MMM MMMM", "1 01 Jan January"),
        ("d dd ddd D DDD", "2 02 002 2 002"),
        ("H HH h hh k K a", "15 15 3 03 15 3 PM"),
        ("S SS SSS SSSS SSSSSS", "1 12 123 1230 123000"),
        ("yy y yyy yyyyy Y YY", "24 2024 2024 02024 2024 24"),
        ("x xx xxxx w ww", "2024 24 2024 1 01"),
        ("G C", "AD 20"),
        ("yyyy/MM/dd", "2024/01/02"),
        ("'Z' yyyy", "Z 2024"),
        ("HH 'o''clock'", "15 o'clock"),
        ("''yyyy''", "'2024'"),
        ("日本 yyyy", "日本 2024"),
    ])
    func formats(pattern: String, expected: String) throws {
        #expect(try FormatDateTime.evaluate(afternoon, pattern) == expected)
    }

    @Test("format_datetime at midnight, at a week-year boundary and before year 1")
    func edges() throws {
        let midnight = Timestamp(epochMillis: 1_704_153_600_000, zone: nil)  // 2024-01-02 00:00
        #expect(try FormatDateTime.evaluate(midnight, "H HH h hh k kk K a") == "0 00 12 12 24 24 0 AM")
        let newYearsEve = Timestamp(epochMillis: 1_735_603_200_000, zone: nil)  // 2024-12-31: ISO week 1 of 2025
        #expect(try FormatDateTime.evaluate(newYearsEve, "xxxx-ww-e yyyy") == "2025-01-2 2024")
        let twoBC = Timestamp(epochMillis: -62_198_755_200_000, zone: nil)  // proleptic year -1 = 2 BC
        #expect(try FormatDateTime.evaluate(twoBC, "G yyyy YYYY") == "BC -0001 0002")
        let tenthOfASecond = Timestamp(epochMillis: 1_704_164_645_100, zone: nil)
        #expect(try FormatDateTime.evaluate(tenthOfASecond, "S SS SSS SSSS") == "1 10 100 1000")
    }

    @Test("format_datetime prints offsets and fixed zones", arguments: [
        (1_704_207_845_123, 0, "yyyy-MM-dd HH:mm:ss.SSS Z", "2024-01-02 15:04:05.123 +0000"),
        (1_704_207_845_123, 0, "yyyy-MM-dd HH:mm:ss.SSS ZZ", "2024-01-02 15:04:05.123 +00:00"),
        (1_704_207_845_123, 0, "ZZZ", "UTC"),
        (1_704_207_845_123, 0, "z zzzz", "UTC Coordinated Universal Time"),
        (1_704_164_645_000, 540, "EEE, d MMM yyyy h:mm a ZZ", "Tue, 2 Jan 2024 12:04 PM +09:00"),
        (1_704_164_645_000, 540, "ZZZ z zzzz Z", "+09:00 +09:00 +09:00 +0900"),
        (1_704_164_645_000, -330, "yyyy-MM-dd HH:mm Z ZZ", "2024-01-01 21:34 -0530 -05:30"),
    ] as [(Int64, Int, String, String)])
    func formatsZones(millis: Int64, offset: Int, pattern: String, expected: String) throws {
        let value = Timestamp(epochMillis: millis, zone: TimeZoneOffset(offsetMinutes: offset))
        #expect(try FormatDateTime.evaluate(value, pattern) == expected)
    }

    @Test("format_datetime fails as Trino does", arguments: [
        ("yyyy-MM-dd Z", "format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not contain TZ information"),
        ("z", "format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not contain TZ information"),
        ("yyyy-MM-ddTHH", "Illegal pattern component: T"),
        ("'quoted' ''o''clock''", "Illegal pattern component: o"),
        ("q", "Illegal pattern component: q"),
        ("", "Invalid pattern specification"),
        ("'", "Both printing and parsing not supported"),
    ])
    func formatErrors(pattern: String, message: String) {
        #expect(throws: FunctionError(function: "format_datetime", message: message)) {
            try FormatDateTime.evaluate(afternoon, pattern)
        }
    }

    @Test("parse_datetime reads Joda-Time patterns; the zone comes from the text, else the session", arguments: [
        ("2024-01-02 03:04:05", "yyyy-MM-dd HH:mm:ss", "2024-01-02 03:04:05.000 UTC"),
        ("2024-01-02T03:04:05.123+0900", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-01-02 03:04:05.123 +09:00"),
        ("02/Jan/2024:03:04:05 -0700", "dd/MMM/yyyy:HH:mm:ss Z", "2024-01-02 03:04:05.000 -07:00"),
        ("2024-01-02T03:04:05+09:00", "yyyy-MM-dd'T'HH:mm:ssZZ", "2024-01-02 03:04:05.000 +09:00"),
        ("2024-01-02T03:04:05+05", "yyyy-MM-dd'T'HH:mm:ssZ", "2024-01-02 03:04:05.000 +05:00"),
        ("2024-01-02T03:04:05Z", "yyyy-MM-dd'T'HH:mm:ssZ", "2024-01-02 03:04:05.000 UTC"),
        ("2024-01-02T03:04:05+00:00", "yyyy-MM-dd'T'HH:mm:ssZZ", "2024-01-02 03:04:05.000 UTC"),
        ("2024-01-02 Etc/UTC", "yyyy-MM-dd ZZZ", "2024-01-02 00:00:00.000 UTC"),
        ("2024-01-02 GMT", "yyyy-MM-dd z", "2024-01-02 00:00:00.000 UTC"),
        ("Tue, 2 Jan 2024 3:04 PM", "EEE, d MMM yyyy h:mm a", "2024-01-02 15:04:00.000 UTC"),
        ("tuesday JANUARY 02 2024", "EEEE MMMM dd yyyy", "2024-01-02 00:00:00.000 UTC"),
        ("t2024", "'T'yyyy", "2024-01-01 00:00:00.000 UTC"),
        ("20240102", "yyyyMMdd", "2024-01-02 00:00:00.000 UTC"),
        ("2024-01-02", "yy-MM-dd", "2024-01-02 00:00:00.000 UTC"),
        ("2024 060", "yyyy DDD", "2024-02-29 00:00:00.000 UTC"),
        ("2024 10 3", "xxxx ww e", "2024-03-06 00:00:00.000 UTC"),
        ("02-29", "MM-dd", "2000-02-29 00:00:00.000 UTC"),
        ("10", "HH", "1970-01-01 10:00:00.000 UTC"),
        ("2024-01-02 12:30 AM", "yyyy-MM-dd hh:mm a", "2024-01-02 00:30:00.000 UTC"),
        ("2024-01-02 24:30", "yyyy-MM-dd kk:mm", "2024-01-02 00:30:00.000 UTC"),
        ("2024-01-02 03:04:05.1", "yyyy-MM-dd HH:mm:ss.S", "2024-01-02 03:04:05.100 UTC"),
        ("2024-01-02 03:04:05.123456", "yyyy-MM-dd HH:mm:ss.SSSSSS", "2024-01-02 03:04:05.123 UTC"),
    ])
    func parses(text: String, pattern: String, expected: String) throws {
        #expect(try ParseDateTime.evaluate(text, pattern, currentYear: 2026).description == expected)
    }

    @Test("yy pivots on the current year minus 30, as Joda-Time's DateTimeFormat does", arguments: [
        (2026, "24-01-02", "2024-01-02 00:00:00.000 UTC"),
        (2026, "45-01-02", "2045-01-02 00:00:00.000 UTC"),
        (2026, "46-01-02", "1946-01-02 00:00:00.000 UTC"),
        (2040, "46-01-02", "2046-01-02 00:00:00.000 UTC"),
    ])
    func twoDigitYears(currentYear: Int, text: String, expected: String) throws {
        #expect(try ParseDateTime.evaluate(text, "yy-MM-dd", currentYear: currentYear).description == expected)
    }

    @Test("parse_datetime without an offset uses the session zone")
    func sessionZone() throws {
        let value = try ParseDateTime.evaluate("2024-01-02 12:04:05", "yyyy-MM-dd HH:mm:ss", sessionZone: tokyo, currentYear: 2026)
        #expect(value.description == "2024-01-02 12:04:05.000 +09:00")
        #expect(value.epochMillis == 1_704_164_645_000)
    }

    @Test("parse_datetime fails with Joda-Time's and Trino's messages", arguments: [
        ("2024-02-30", "yyyy-MM-dd", #"Cannot parse "2024-02-30": Value 30 for dayOfMonth must be in the range [1,29]"#),
        ("2024-13-01", "yyyy-MM-dd", #"Cannot parse "2024-13-01": Value 13 for monthOfYear must be in the range [1,12]"#),
        ("999999999", "yyyyyyyyy", #"Cannot parse "999999999": Value 999999999 for year must be in the range [-292275055,292278994]"#),
        ("9999999999", "yyyyyyyyyy", #"For input string: "9999999999""#),
        ("x", "yyyy", #"Invalid format: "x""#),
        ("", "yyyy", #"Invalid format: """#),
        ("2024-01-02 03", "yyyy-MM-dd HH:mm", #"Invalid format: "2024-01-02 03" is too short"#),
        ("2024-01-02T03:04:05+5", "yyyy-MM-dd'T'HH:mm:ssZ", #"Invalid format: "2024-01-02T03:04:05+5" is malformed at "5""#),
        ("2024-01-02T03:04:05+24:00", "yyyy-MM-dd'T'HH:mm:ssZ", #"Invalid format: "2024-01-02T03:04:05+24:00" is malformed at "24:00""#),
        ("2024-01-02", "T", "Illegal pattern component: T"),
        ("2024-01-02", "", "Invalid pattern specification"),
        // Joda accepts these; Trino cannot store the result (zone keys stop at ±14:00; instants need 52 bits).
        ("2024-01-02T03:04:05+15:00", "yyyy-MM-dd'T'HH:mm:ssZ", "Time zone not supported: +15:00"),
        ("2024-01-02T03:04:05+05:30:15", "yyyy-MM-dd'T'HH:mm:ssZ", "Time zone not supported: +05:30:15"),
        ("92024", "yyyy", "Millis overflow: 2841829747200000"),
        // Named zones need a time-zone database (trailsql has none).
        ("2024-01-02 America/New_York", "yyyy-MM-dd ZZZ",
         "Time zone not supported: 'America/New_York' (trailsql supports only UTC and fixed ±hh:mm offsets)"),
        ("2024-01-02 PST", "yyyy-MM-dd z", "Time zone not supported: 'PST' (trailsql supports only UTC and fixed ±hh:mm offsets)"),
    ])
    func parseErrors(text: String, pattern: String, message: String) {
        #expect(throws: FunctionError(function: "parse_datetime", message: message)) {
            try ParseDateTime.evaluate(text, pattern, currentYear: 2026)
        }
    }

    @Test("a compiled pattern formats and parses many values")
    func compiled() throws {
        let pattern = try JodaDateTimeFormat(pattern: "yyyy-MM-dd HH:mm:ss ZZ", function: "parse_datetime")
        let value = try pattern.parse("2024-01-02 12:04:05 +09:00", currentYear: 2026)
        #expect(value == Timestamp(epochMillis: 1_704_164_645_000, zone: tokyo))
        #expect(try pattern.format(value) == "2024-01-02 12:04:05 +09:00")
        let bytes = Array("2024-01-02 03:04:05 Z".utf8)
        let utc = try bytes.withUnsafeBytes { raw throws in try pattern.parse(raw, currentYear: 2026) }
        #expect(utc == Timestamp(epochMillis: 1_704_164_645_000, zone: .utc))
    }
}
