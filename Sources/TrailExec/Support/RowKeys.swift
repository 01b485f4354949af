import TrailBase
import TrailColumnar

#if canImport(Glibc)
import Glibc
#endif

/// The keys of every row of a batch, each encoded exactly as `KeyEncoder.append` encodes one row's, back to back
/// in one arena. Hash aggregation, DISTINCT, DISTINCT aggregates, joins and set operations probe their tables with
/// these.
///
// PERF: a key column is destructured and its arrays borrowed once per batch, then written row after row (a
// length pass, then a write pass); per-row `KeyEncoder.append` switched on the column and retained its arrays for
// every row and column. Warm over 1 M cached events: SELECT DISTINCT of two varchars 0.71 → 0.39 s, GROUP BY two
// varchars 0.55 → 0.42 s, a join on one 0.77 → 0.65 s.
struct RowKeys {
    /// The keys back to back; row `r`'s is `bytes[starts[r]..<starts[r + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Each row's length, then where its next column is written.
    private var cursor: [Int] = []

    /// Encodes rows `0..<count` of `columns`.
    mutating func encode(_ columns: [Column], _ types: [LogicalType], count: Int) {
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        bytes.removeAll(keepingCapacity: true)
        guard columns.allSatisfy(\.isFlat) else {
            // Rows, arrays and maps: their values are encoded one by one anyway.
            var key: [UInt8] = []
            for row in 0..<count {
                key.removeAll(keepingCapacity: true)
                for (column, type) in zip(columns, types) { KeyEncoder.append(column, type, row: row, to: &key) }
                bytes.append(contentsOf: key)
                starts.append(bytes.count)
            }
            return
        }
        cursor.removeAll(keepingCapacity: true)
        cursor.append(contentsOf: repeatElement(0, count: count))
        cursor.withUnsafeMutableBufferPointer { length in
            for column in columns { RowKeys.addLengths(column, to: length) }
        }
        var total = 0
        for row in 0..<count {
            let length = cursor[row]
            cursor[row] = total
            total += length
            starts.append(total)
        }
        bytes.append(contentsOf: repeatElement(0, count: total))
        bytes.withUnsafeMutableBytes { out in
            cursor.withUnsafeMutableBufferPointer { at in
                for (column, type) in zip(columns, types) { RowKeys.write(column, type, to: out, at: at) }
            }
        }
    }

    /// Calls `body` with row `r`'s key for every row, in order.
    @inline(__always)
    func forEach(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { raw in
            starts.withUnsafeBufferPointer { starts in
                for row in 0..<(starts.count - 1) {
                    body(row, UnsafeRawBufferPointer(rebasing: raw[starts[row]..<starts[row + 1]]))
                }
            }
        }
    }

    /// Appends row `row`'s key to `key`.
    func append(_ row: Int, to key: inout [UInt8]) {
        key.append(contentsOf: bytes[starts[row]..<starts[row + 1]])
    }

    private static func addLengths(_ column: Column, to length: UnsafeMutableBufferPointer<Int>) {
        switch column {
        case .varchar(let c):
            c.offsets.withUnsafeBufferPointer { offsets in
                c.validity.words.withUnsafeBufferPointer { valid in
                    for row in length.indices {
                        length[row] += isSet(valid, row) ? 9 + Int(offsets[row + 1] &- offsets[row]) : 1
                    }
                }
            }
        case .int64(let c): addFixedLengths(c.validity, to: length)
        case .double(let c): addFixedLengths(c.validity, to: length)
        default:  // boolean
            for row in length.indices { length[row] += 1 }
        }
    }

    private static func addFixedLengths(_ validity: Bitmap, to length: UnsafeMutableBufferPointer<Int>) {
        validity.words.withUnsafeBufferPointer { valid in
            for row in length.indices { length[row] += isSet(valid, row) ? 9 : 1 }
        }
    }

    /// Writes `column`'s part of each row's key at `at[row]`, moving `at[row]` past it.
    private static func write(_ column: Column, _ type: LogicalType, to out: UnsafeMutableRawBufferPointer,
                              at: UnsafeMutableBufferPointer<Int>) {
        let base = out.baseAddress!
        switch column {
        case .varchar(let c):
            c.offsets.withUnsafeBufferPointer { offsets in
                c.bytes.withUnsafeBytes { text in
                    c.validity.words.withUnsafeBufferPointer { valid in
                        for row in at.indices {
                            let position = at[row]
                            guard isSet(valid, row) else {
                                base.storeBytes(of: 0, toByteOffset: position, as: UInt8.self)
                                at[row] = position + 1
                                continue
                            }
                            // As `KeyEncoder.appendText`: 1, the length, the bytes.
                            let start = Int(offsets[row]), length = Int(offsets[row + 1]) - start
                            base.storeBytes(of: 1, toByteOffset: position, as: UInt8.self)
                            base.storeBytes(of: Int64(length).littleEndian, toByteOffset: position + 1, as: Int64.self)
                            if length > 0 { memcpy(base + position + 9, text.baseAddress! + start, length) }
                            at[row] = position + 9 + length
                        }
                    }
                }
            }
        case .int64(let c):
            let instant = type == .timestampWithTimeZone
            writeFixed(c, to: base, at: at) { KeyEncoder.bits($0, instant: instant) }
        case .double(let c):
            writeFixed(c, to: base, at: at) { KeyEncoder.bits($0) }
        case .boolean(let c):
            for row in at.indices {
                base.storeBytes(of: KeyEncoder.booleanByte(c.validity[row], c.values[row]), toByteOffset: at[row], as: UInt8.self)
                at[row] += 1
            }
        default:
            preconditionFailure("RowKeys.write: not a flat column")
        }
    }

    @inline(__always)
    private static func writeFixed<Element>(_ c: FixedColumn<Element>, to base: UnsafeMutableRawPointer,
                                            at: UnsafeMutableBufferPointer<Int>, _ bits: (Element) -> Int64) {
        c.values.withUnsafeBufferPointer { values in
            c.validity.words.withUnsafeBufferPointer { valid in
                for row in at.indices {
                    let position = at[row]
                    if isSet(valid, row) {
                        base.storeBytes(of: 1, toByteOffset: position, as: UInt8.self)
                        base.storeBytes(of: bits(values[row]).littleEndian, toByteOffset: position + 1, as: Int64.self)
                        at[row] = position + 9
                    } else {
                        base.storeBytes(of: 0, toByteOffset: position, as: UInt8.self)
                        at[row] = position + 1
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func isSet(_ words: UnsafeBufferPointer<UInt64>, _ row: Int) -> Bool {
        words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }
}

extension Column {
    /// A column whose values are scalars (no rows, arrays or maps).
    var isFlat: Bool {
        switch self {
        case .varchar, .int64, .double, .boolean: return true
        default: return false
        }
    }
}
