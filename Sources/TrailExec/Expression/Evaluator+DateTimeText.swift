import TrailBase
import TrailColumnar
import TrailFunctions
import TrailPlan

extension ExpressionEvaluator {
    /// date_parse (MySQL format → timestamp), parse_datetime (Joda pattern → timestamp with time zone) and
    /// format_datetime (timestamp → text with a Joda pattern).
    func dateTimeText(_ function: ScalarFunction, _ args: [Value], _ types: [LogicalType], _ type: LogicalType) throws -> Value {
        let text = args[0].string ?? ""
        let format = args[1].string ?? ""
        switch function {
        case .dateParse:
            return .int(DateTimeValues.raw(try DateParse.evaluate(text, format), as: .timestamp))
        case .parseDatetime:
            // Joda fills a missing year from the current one (the query's start, in UTC).
            let year = CivilDate(dayNumber: Int(floorDivide(context.startMillis, 86_400_000))).year
            let value = try ParseDateTime.evaluate(text, format, currentYear: year)
            return .int(DateTimeValues.raw(value, as: .timestampWithTimeZone))
        default:
            let value = DateTimeValues.timestamp(args[0].int ?? 0, types[0])
            return .string(try FormatDateTime.evaluate(value, format))
        }
    }
}
