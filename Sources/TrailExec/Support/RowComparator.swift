import TrailColumnar
import TrailPlan

/// Compares rows of a batch by sort keys (already evaluated into columns), with typed fast paths.
struct RowComparator {
    let columns: [Column]
    let types: [LogicalType]
    let ascending: [Bool]
    let nullsFirst: [Bool]

    init(columns: [Column], keys: [SortKey]) {
        self.columns = columns
        types = keys.map(\.expression.type)
        ascending = keys.map(\.ascending)
        nullsFirst = keys.map(\.nullsFirst)
    }

    /// Negative when row `a` sorts before row `b`.
    func compare(_ a: Int, _ b: Int) -> Int {
        for index in columns.indices {
            let column = columns[index]
            let aNull = column.isNull(a), bNull = column.isNull(b)
            if aNull || bNull {
                if aNull && bNull { continue }
                // NULLS FIRST/LAST applies whatever the direction.
                return aNull == nullsFirst[index] ? -1 : 1
            }
            var order: Int
            switch column {
            case .varchar(let c):
                let xs = Int(c.offsets[a]), xl = Int(c.offsets[a + 1]) - xs
                let ys = Int(c.offsets[b]), yl = Int(c.offsets[b + 1]) - ys
                order = c.bytes.withUnsafeBytes { bytes in
                    let common = min(xl, yl)
                    let m = common == 0 ? 0 : Int(memcmp(bytes.baseAddress! + xs, bytes.baseAddress! + ys, common))
                    return m != 0 ? m : xl - yl
                }
            case .int64(let c):
                var x = c.values[a], y = c.values[b]
                if types[index] == .timestampWithTimeZone {
                    x = PackedTimestamp.millis(x)
                    y = PackedTimestamp.millis(y)
                }
                order = x < y ? -1 : x > y ? 1 : 0
            case .double(let c):
                order = ValueOrder.compare(.double(c.values[a]), .double(c.values[b]), .double)
            case .boolean(let c):
                order = c.values[a] == c.values[b] ? 0 : (c.values[a] ? 1 : -1)
            default:
                order = ValueOrder.compare(column.value(at: a), column.value(at: b), types[index])
            }
            if order != 0 { return ascending[index] ? order : -order }
        }
        return 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
