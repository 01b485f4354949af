/// The unit argument of `date_trunc`, `date_add` and `date_diff` (case-insensitive, as Trino accepts it).
///
///     try DateTimeUnit(parsing: "Hour", function: "date_trunc")   // .hour
public enum DateTimeUnit: String, Sendable, CaseIterable {
    case millisecond, second, minute, hour, day, week, month, quarter, year

    /// `isDate`: the argument is a DATE, which Trino truncates, adds to and subtracts only in whole days or more.
    public init(parsing text: String, function: String, isDate: Bool = false) throws(FunctionError) {
        let name = text.lowercased()
        guard let unit = DateTimeUnit(rawValue: name) else {
            throw FunctionError(function: function, message: "'\(name)' is not a valid \(isDate ? "DATE" : "Timestamp") field")
        }
        if isDate && unit.fixedMillis.map({ $0 < 86_400_000 }) == true {
            throw FunctionError(function: function, message: "'\(name)' is not a valid DATE field")
        }
        self = unit
    }

    /// Length in milliseconds of the units that have a fixed length in a fixed-offset zone.
    var fixedMillis: Int64? {
        switch self {
        case .millisecond: return 1
        case .second: return 1000
        case .minute: return 60_000
        case .hour: return 3_600_000
        case .day: return 86_400_000
        case .week: return 604_800_000
        case .month, .quarter, .year: return nil
        }
    }
}
