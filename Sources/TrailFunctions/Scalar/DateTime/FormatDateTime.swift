/// `format_datetime(timestamp, format) → varchar`: formats with a Joda-Time pattern, as Trino does
/// (`DateTimeFormat.forPattern(format).print(…)` in the value's zone, English names). See `JodaDateTimeFormat` for
/// the pattern letters. For a `timestamp` without zone, Trino refuses an unquoted `z` or `Z` before reading the
/// pattern; a bad pattern fails with Joda's message (`Illegal pattern component: T`).
///
///     format_datetime(from_iso8601_timestamp('2024-01-02T15:04:05.123Z'), 'yyyy-MM-dd HH:mm:ss.SSS Z')
///                                                                    -- '2024-01-02 15:04:05.123 +0000'
///     format_datetime(from_iso8601_timestamp('2024-01-02T15:04:05+09:00'), 'EEE, d MMM yyyy h:mm a ZZ')
///                                                                    -- 'Tue, 2 Jan 2024 3:04 PM +09:00'
///     format_datetime(timestamp '2024-01-02 03:04:05', 'yyyy-MM-dd''T''HH:mm')   -- '2024-01-02T03:04'
public enum FormatDateTime {
    public static func evaluate(_ value: Timestamp, _ format: String) throws(FunctionError) -> String {
        if value.zone == nil && JodaDateTimeFormat.specifiesZone(format) {
            throw FunctionError(
                function: "format_datetime",
                message: "format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not contain TZ information")
        }
        return try JodaDateTimeFormat(pattern: format, function: "format_datetime").format(value)
    }
}
