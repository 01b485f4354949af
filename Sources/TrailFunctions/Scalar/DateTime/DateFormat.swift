import TrailBase
/// `date_format(x, format) → varchar`: MySQL-style specifiers as Trino maps them onto Joda-Time fields.
///
/// Supported: `%a %b %c %d %e %f %H %h %I %i %j %k %l %M %m %p %r %S %s %T %v %W %x %Y %y %%`; any other `%c` prints
/// `c`. `%D %U %u %V %w %X` fail with `%D not supported in date format string`, as in Trino. Names are English.
///
///     date_format(from_iso8601_timestamp('2024-01-02T15:04:05.123Z'), '%Y-%m-%d %h:%i:%s %p')  -- '2024-01-02 03:04:05 PM'
public enum DateFormat {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    public static func evaluate(_ value: Timestamp, _ format: String) throws(FunctionError) -> String {
        let fields = value.fields
        let weekday = CivilDate.dayOfWeek(dayNumber: fields.dayNumber)
        let clockHour = fields.hour % 12 == 0 ? 12 : fields.hour % 12
        var output = ""
        var iterator = format.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard let specifier = iterator.next() else { break }
            switch specifier {
            case "a": output += weekdays[weekday - 1].prefix(3)
            case "b": output += months[fields.date.month - 1].prefix(3)
            case "c": output += String(fields.date.month)
            case "d": output += pad2(fields.date.day)
            case "e": output += String(fields.date.day)
            case "f": output += pad3(fields.millisecond) + "000"
            case "H": output += pad2(fields.hour)
            case "h", "I": output += pad2(clockHour)
            case "i": output += pad2(fields.minute)
            case "j": output += pad3(fields.date.dayOfYear)
            case "k": output += String(fields.hour)
            case "l": output += String(clockHour)
            case "M": output += months[fields.date.month - 1]
            case "m": output += pad2(fields.date.month)
            case "p": output += fields.hour < 12 ? "AM" : "PM"
            case "r": output += pad2(clockHour) + ":" + pad2(fields.minute) + ":" + pad2(fields.second) + (fields.hour < 12 ? " AM" : " PM")
            case "S", "s": output += pad2(fields.second)
            case "T": output += pad2(fields.hour) + ":" + pad2(fields.minute) + ":" + pad2(fields.second)
            case "v": output += pad2(DateTimeField.isoWeek(dayNumber: fields.dayNumber).week)
            case "W": output += weekdays[weekday - 1]
            case "x": output += padYear(DateTimeField.isoWeek(dayNumber: fields.dayNumber).year)
            case "Y": output += padYear(fields.date.year)
            case "y": output += pad2(((fields.date.year % 100) + 100) % 100)
            case "D", "U", "u", "V", "w", "X":
                throw FunctionError(function: "date_format", message: "%\(specifier) not supported in date format string")
            default: output.unicodeScalars.append(specifier)
            }
        }
        return output
    }

    static func padYear(_ year: Int) -> String {
        let digits = String(abs(year))
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
