import TrailColumnar

/// Which CASTs Trino allows between the types trailsql has (the executor implements exactly these).
public enum Casts {
    public static func isSupported(from: LogicalType, to: LogicalType) -> Bool {
        if from == to || from == .unknown { return true }
        switch (from, to) {
        case (.varchar, _) where to != .intervalDayToSecond && to != .intervalYearToMonth && !isNested(to): return true
        case (_, .varchar) where !isNested(from) && from != .json: return true
        case (.json, .varchar): return true
        case (.json, .array), (.json, .map), (.json, .row): return true
        case (.array, .json), (.map, .json), (.row, .json): return true
        case (_, .json) where !isNested(from): return true
        case (.json, _): return true
        case (.bigint, _), (.integer, _), (.double, _), (.boolean, _):
            return to.isNumeric || to == .boolean
        case (.date, .timestamp), (.date, .timestampWithTimeZone), (.timestamp, .date), (.timestamp, .timestampWithTimeZone),
             (.timestampWithTimeZone, .date), (.timestampWithTimeZone, .timestamp):
            return true
        case (.array(let a), .array(let b)): return isSupported(from: a, to: b)
        case (.map(let ak, let av), .map(let bk, let bv)): return isSupported(from: ak, to: bk) && isSupported(from: av, to: bv)
        case (.row(let a), .row(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { isSupported(from: $0.type, to: $1.type) }
        default: return false
        }
    }

    static func isNested(_ type: LogicalType) -> Bool {
        switch type {
        case .array, .map, .row: return true
        default: return false
        }
    }
}
