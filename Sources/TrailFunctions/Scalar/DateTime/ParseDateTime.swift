/// `parse_datetime(string, format) → timestamp(3) with time zone`: parses with a Joda-Time pattern, as Trino does
/// (`DateTimeFormat.forPattern(format).withOffsetParsed().parseDateTime(…)`). See `JodaDateTimeFormat` for the
/// pattern letters and parsing rules. The zone is the one parsed (`Z`/`ZZ` offsets, `ZZZ`/`z` UTC names) or else
/// `sessionZone`; a zero offset is UTC. `currentYear` is the year the query runs in: Joda reads `yy` within
/// [currentYear − 80, currentYear + 19].
///
///     parse_datetime('2024-01-02 03:04:05', 'yyyy-MM-dd HH:mm:ss')           -- 2024-01-02 03:04:05.000 UTC
///     parse_datetime('2024-01-02T03:04:05.123+0900', 'yyyy-MM-dd''T''HH:mm:ss.SSSZ')
///                                                                          -- 2024-01-02 03:04:05.123 +09:00
///     parse_datetime('02/Jan/2024:03:04:05 -0700', 'dd/MMM/yyyy:HH:mm:ss Z')  -- 2024-01-02 03:04:05.000 -07:00
public enum ParseDateTime {
    public static func evaluate(_ text: String, _ format: String, sessionZone: TimeZoneOffset = .utc, currentYear: Int)
        throws(FunctionError) -> Timestamp
    {
        try JodaDateTimeFormat(pattern: format, function: "parse_datetime")
            .parse(text, sessionZone: sessionZone, currentYear: currentYear)
    }
}
