import TrailBase
/// The field extractors `year`, `quarter`, `month`, `week`, `day`, `day_of_week`, `day_of_year`, `hour`, `minute`,
/// `second`, `millisecond`, `year_of_week` (and `extract(field FROM x)`), read in the value's own zone.
///
///     DateTimeField.dayOfWeek.extract(from_iso8601_timestamp('2024-01-02T03:04:05Z'))   -- 2 (Tuesday; ISO, Monday = 1)
public enum DateTimeField: String, Sendable, CaseIterable {
    case year, quarter, month, week, day, dayOfWeek = "day_of_week", dayOfYear = "day_of_year", hour, minute, second
    case millisecond, yearOfWeek = "year_of_week"

    public func extract(_ value: Timestamp) -> Int64 {
        let fields = value.fields
        switch self {
        case .year: return Int64(fields.date.year)
        case .quarter: return Int64((fields.date.month - 1) / 3 + 1)
        case .month: return Int64(fields.date.month)
        case .day: return Int64(fields.date.day)
        case .dayOfWeek: return Int64(CivilDate.dayOfWeek(dayNumber: fields.dayNumber))
        case .dayOfYear: return Int64(fields.date.dayOfYear)
        case .hour: return Int64(fields.hour)
        case .minute: return Int64(fields.minute)
        case .second: return Int64(fields.second)
        case .millisecond: return Int64(fields.millisecond)
        case .week: return Int64(Self.isoWeek(dayNumber: fields.dayNumber).week)
        case .yearOfWeek: return Int64(Self.isoWeek(dayNumber: fields.dayNumber).year)
        }
    }

    /// The ISO 8601 week-based year and week number of a day.
    static func isoWeek(dayNumber: Int) -> (year: Int, week: Int) {
        // The week belongs to the year of its Thursday.
        let thursday = dayNumber - CivilDate.dayOfWeek(dayNumber: dayNumber) + 4
        let year = CivilDate(dayNumber: thursday).year
        let week = (thursday - CivilDate(year: year, month: 1, day: 1).dayNumber) / 7 + 1
        return (year, week)
    }
}
