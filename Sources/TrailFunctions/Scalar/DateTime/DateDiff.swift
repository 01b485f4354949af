import TrailBase
/// `date_diff(unit, x1, x2) → bigint`: `x2 - x1` in whole units, truncated toward zero, in `x1`'s zone.
///
/// Fixed-length units divide the millisecond difference. Months (and quarters = months / 3) and years count whole
/// calendar periods the way Joda-Time does: `2024-01-31` → `2024-02-29` is one month (the end of a shorter month
/// counts as the same day), `2024-01-31` → `2024-02-28` is zero.
///
///     date_diff('day', from_iso8601_timestamp('2024-01-01T00:00:00Z'), from_iso8601_timestamp('2024-01-03T12:00:00Z')) -- 2
///     date_diff('month', timestamp '2024-01-31 00:00', timestamp '2024-02-29 00:00')                                 -- 1
public enum DateDiff {
    public static func evaluate(_ unit: DateTimeUnit, _ first: Timestamp, _ second: Timestamp) -> Int64 {
        let offset = Int64(first.zone?.offsetMinutes ?? 0) * 60_000
        let start = first.epochMillis + offset
        let end = second.epochMillis + (first.zone == nil ? 0 : offset)
        if let size = unit.fixedMillis { return (end - start) / size }
        switch unit {
        case .month: return monthDifference(end, start)
        case .quarter: return monthDifference(end, start) / 3
        default: return yearDifference(end, start)
        }
    }

    /// Whole months from `subtrahend` to `minuend` (local milliseconds).
    static func monthDifference(_ minuend: Int64, _ subtrahend: Int64) -> Int64 {
        if minuend < subtrahend { return -monthDifference(subtrahend, minuend) }
        let later = Timestamp.Fields(localMillis: minuend)
        var earlier = Timestamp.Fields(localMillis: subtrahend)
        var difference = Int64(later.date.year - earlier.date.year) * 12 + Int64(later.date.month - earlier.date.month)
        var earlierMillis = subtrahend
        let laterMonthLength = CivilDate.daysInMonth(year: later.date.year, month: later.date.month)
        if later.date.day == laterMonthLength, earlier.date.day > later.date.day {
            // The later instant is on the last day of a shorter month: compare as if the earlier day were that day.
            earlierMillis -= Int64(earlier.date.day - later.date.day) * 86_400_000
            earlier = Timestamp.Fields(localMillis: earlierMillis)
        }
        let laterRemainder = minuend - Timestamp.localMillis(CivilDate(year: later.date.year, month: later.date.month, day: 1))
        let earlierRemainder = earlierMillis - Timestamp.localMillis(CivilDate(year: earlier.date.year, month: earlier.date.month, day: 1))
        if laterRemainder < earlierRemainder { difference -= 1 }
        return difference
    }

    /// Whole years from `subtrahend` to `minuend`, balancing 29 February as Joda-Time does.
    static func yearDifference(_ minuend: Int64, _ subtrahend: Int64) -> Int64 {
        if minuend < subtrahend { return -yearDifference(subtrahend, minuend) }
        let laterYear = Timestamp.Fields(localMillis: minuend).date.year
        let earlierYear = Timestamp.Fields(localMillis: subtrahend).date.year
        var laterRemainder = minuend - Timestamp.localMillis(CivilDate(year: laterYear, month: 1, day: 1))
        var earlierRemainder = subtrahend - Timestamp.localMillis(CivilDate(year: earlierYear, month: 1, day: 1))
        let february29: Int64 = (31 + 28) * 86_400_000
        if earlierRemainder >= february29 && CivilDate.isLeapYear(earlierYear) {
            if !CivilDate.isLeapYear(laterYear) { earlierRemainder -= 86_400_000 }
        } else if laterRemainder >= february29 && CivilDate.isLeapYear(laterYear) {
            if !CivilDate.isLeapYear(earlierYear) { laterRemainder -= 86_400_000 }
        }
        var difference = Int64(laterYear - earlierYear)
        if laterRemainder < earlierRemainder { difference -= 1 }
        return difference
    }
}
