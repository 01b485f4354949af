import TrailBase
/// `date_add(unit, value, x)`: `x` plus `value` units, in wall-clock time. Adding months, quarters or years keeps the
/// day of month, clamped to the target month's length (`2024-01-31` + 1 month = `2024-02-29`), as Joda-Time does.
///
///     date_add('day', 1, from_iso8601_timestamp('2024-01-31T00:00:00Z'))   -- 2024-02-01 00:00:00.000 UTC
///     date_add('month', 1, timestamp '2024-01-31 12:00:00')                -- 2024-02-29 12:00:00.000
public enum DateAdd {
    public static func evaluate(_ unit: DateTimeUnit, _ amount: Int64, _ value: Timestamp) throws(FunctionError) -> Timestamp {
        let local = value.localMillis
        if let size = unit.fixedMillis {
            let (product, productOverflow) = amount.multipliedReportingOverflow(by: size)
            let (sum, sumOverflow) = local.addingReportingOverflow(product)
            guard !productOverflow, !sumOverflow else { throw overflow() }
            return value.withLocalMillis(sum)
        }
        let months: Int64
        switch unit {
        case .month: months = amount
        case .quarter: months = amount.multipliedReportingOverflow(by: 3).partialValue
        default: months = amount.multipliedReportingOverflow(by: 12).partialValue
        }
        guard abs(months) < 12 * 300_000_000 else { throw overflow() }
        return value.withLocalMillis(addMonths(local, months))
    }

    static func overflow() -> FunctionError { FunctionError(function: "date_add", message: "Value out of range") }

    /// Adds calendar months to local milliseconds, clamping the day of month.
    static func addMonths(_ local: Int64, _ months: Int64) -> Int64 {
        let fields = Timestamp.Fields(localMillis: local)
        let timeOfDay = local - Int64(fields.dayNumber) * 86_400_000
        let monthIndex = Int64(fields.date.year) * 12 + Int64(fields.date.month - 1) + months
        let year = Int(floorDivide(monthIndex, 12))
        let month = Int(floorModulo(monthIndex, 12)) + 1
        let day = min(fields.date.day, CivilDate.daysInMonth(year: year, month: month))
        return Int64(CivilDate(year: year, month: month, day: day).dayNumber) * 86_400_000 + timeOfDay
    }
}
