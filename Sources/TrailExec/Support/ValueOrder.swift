import TrailColumnar

/// Total order and equality of values of one type, as Trino orders them (timestamps with time zone by instant,
/// strings by UTF-8 bytes = code points, arrays and rows element by element, NULL handled by the caller).
enum ValueOrder {
    static func compare(_ a: Value, _ b: Value, _ type: LogicalType) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.int(let x), .int(let y)):
            if type == .timestampWithTimeZone {
                let mx = PackedTimestamp.millis(x), my = PackedTimestamp.millis(y)
                return mx < my ? -1 : mx > my ? 1 : 0
            }
            return x < y ? -1 : x > y ? 1 : 0
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : x.isNaN ? 1 : -1 }
            return x < y ? -1 : x > y ? 1 : 0
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.bytes(let x), .bytes(let y)): return compareBytes(x, y)
        case (.array(let x), .array(let y)):
            let element = type.elementType ?? .unknown
            for (u, v) in zip(x, y) {
                let c = compare(u, v, element)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : x.count > y.count ? 1 : 0
        case (.row(let x), .row(let y)):
            let fields = type.rowFields ?? []
            for index in 0..<min(x.count, y.count) {
                let c = compare(x[index], y[index], index < fields.count ? fields[index].type : .unknown)
                if c != 0 { return c }
            }
            return 0
        case (.map(let xk, let xv), .map(let yk, let yv)):
            // Maps have no order; equality only (same entries in any order).
            if xk.count != yk.count { return xk.count < yk.count ? -1 : 1 }
            for (key, value) in zip(xk, xv) {
                guard let index = yk.firstIndex(of: key), yv[index] == value else { return 1 }
            }
            return 0
        default:
            return 0
        }
    }

    static func compareBytes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        let count = min(x.count, y.count)
        let c = x.withUnsafeBytes { xp in y.withUnsafeBytes { yp in count == 0 ? 0 : memcmp(xp.baseAddress!, yp.baseAddress!, count) } }
        if c != 0 { return c < 0 ? -1 : 1 }
        return x.count < y.count ? -1 : x.count > y.count ? 1 : 0
    }

    /// SQL equality of non-NULL values: nil when it is unknown (a NULL inside an array or row).
    static func equal(_ a: Value, _ b: Value, _ type: LogicalType) -> Bool? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            var unknown = false
            for (u, v) in zip(x, y) {
                guard let e = equal(u, v, type.elementType ?? .unknown) else { unknown = true; continue }
                if !e { return false }
            }
            return unknown ? nil : true
        case (.row(let x), .row(let y)):
            let fields = type.rowFields ?? []
            var unknown = false
            for index in 0..<min(x.count, y.count) {
                guard let e = equal(x[index], y[index], index < fields.count ? fields[index].type : .unknown) else {
                    unknown = true
                    continue
                }
                if !e { return false }
            }
            return unknown ? nil : true
        default:
            return compare(a, b, type) == 0
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
