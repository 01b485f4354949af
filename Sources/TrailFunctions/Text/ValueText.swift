import TrailColumnar

/// Values as Athena (the Trino CLI) prints them: `{arn=…, accountid=…}` rows, `[a, b]` arrays, `{k=v}` maps,
/// `2024-01-02 03:04:05.000 UTC` timestamps, Java's double formatting, NULL as the caller chooses.
public enum ValueText {
    public static func render(_ value: Value, _ type: LogicalType, null: String = "NULL") -> String {
        switch value {
        case .null: return null
        case .boolean(let flag): return flag ? "true" : "false"
        case .double(let number): return JSONTextWriter.javaDoubleString(number)
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .int(let number):
            switch type {
            case .date: return TimestampText.formatDate(dayNumber: Int(number))
            case .timestamp, .timestampWithTimeZone: return DateTimeValues.timestamp(number, type).description
            case .intervalDayToSecond: return intervalDayToSecond(number)
            case .intervalYearToMonth: return intervalYearToMonth(number)
            default: return String(number)
            }
        case .array(let items):
            let element = type.elementType ?? .unknown
            return "[" + items.map { render($0, element, null: "null") }.joined(separator: ", ") + "]"
        case .row(let items):
            let fields = type.rowFields ?? []
            return "{" + items.enumerated().map { index, item in
                let field = index < fields.count ? fields[index] : Field("field\(index)", .unknown)
                return field.name + "=" + render(item, field.type, null: "null")
            }.joined(separator: ", ") + "}"
        case .map(let keys, let values):
            guard case .map(let keyType, let valueType) = type else { return "{}" }
            return "{" + zip(keys, values).map { render($0, keyType, null: "null") + "=" + render($1, valueType, null: "null") }
                .joined(separator: ", ") + "}"
        }
    }

    /// `1 02:03:04.005` (Trino's day-to-second format).
    public static func intervalDayToSecond(_ millis: Int64) -> String {
        let sign = millis < 0 ? "-" : ""
        var rest = millis.magnitude
        let ms = rest % 1000; rest /= 1000
        let seconds = rest % 60; rest /= 60
        let minutes = rest % 60; rest /= 60
        let hours = rest % 24
        let days = rest / 24
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let three = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(sign)\(days) \(two(hours)):\(two(minutes)):\(two(seconds)).\(three)"
    }

    /// `1-2` (years-months).
    public static func intervalYearToMonth(_ months: Int64) -> String {
        let sign = months < 0 ? "-" : ""
        return "\(sign)\(months.magnitude / 12)-\(months.magnitude % 12)"
    }
}
