import TrailBase
/// `date_trunc(unit, x)`: `x` truncated to the start of the unit, in its own zone's wall-clock time (weeks start on
/// Monday, quarters in January, April, July and October).
///
///     date_trunc('hour', from_iso8601_timestamp('2024-01-02T03:04:05.678Z'))   -- 2024-01-02 03:00:00.000 UTC
///     date_trunc('week', timestamp '2024-01-04 10:00:00')                      -- 2024-01-01 00:00:00.000
public enum DateTrunc {
    public static func evaluate(_ unit: DateTimeUnit, _ value: Timestamp) -> Timestamp {
        let local = value.localMillis
        let fields = value.fields
        let truncated: Int64
        switch unit {
        case .millisecond, .second, .minute, .hour, .day:
            let size = unit.fixedMillis!
            truncated = floorDivide(local, size) * size
        case .week:
            let monday = fields.dayNumber - (CivilDate.dayOfWeek(dayNumber: fields.dayNumber) - 1)
            truncated = Int64(monday) * 86_400_000
        case .month:
            truncated = Timestamp.localMillis(CivilDate(year: fields.date.year, month: fields.date.month, day: 1))
        case .quarter:
            let month = (fields.date.month - 1) / 3 * 3 + 1
            truncated = Timestamp.localMillis(CivilDate(year: fields.date.year, month: month, day: 1))
        case .year:
            truncated = Timestamp.localMillis(CivilDate(year: fields.date.year, month: 1, day: 1))
        }
        return value.withLocalMillis(truncated)
    }
}
