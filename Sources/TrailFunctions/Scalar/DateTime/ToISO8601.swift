import TrailBase
/// `to_iso8601(x) → varchar`: ISO 8601 text as Trino formats it.
///
///     to_iso8601(from_iso8601_timestamp('2024-01-02T03:04:05Z'))   -- '2024-01-02T03:04:05.000Z'
///     to_iso8601(timestamp '2024-01-02 03:04:05')                  -- '2024-01-02T03:04:05.000'
///     to_iso8601(date '2024-01-02')                                -- '2024-01-02'
public enum ToISO8601 {
    public static func evaluate(_ value: Timestamp) -> String {
        let local = value.fields
        let text = formatDate(local.date) + "T" + pad2(local.hour) + ":" + pad2(local.minute) + ":" + pad2(local.second)
            + "." + pad3(local.millisecond)
        guard let zone = value.zone else { return text }
        return text + zone.offsetString(zulu: true)
    }

    /// A date given as days since 1970-01-01.
    public static func evaluate(dayNumber: Int) -> String { formatDate(CivilDate(dayNumber: dayNumber)) }
}
