import TrailColumnar

/// Encodes the values of some columns at one row as bytes that are equal exactly when the values are equal
/// (NULLs equal to each other, as GROUP BY and DISTINCT treat them). The bytes key hash tables of aggregation,
/// DISTINCT, joins and set operations.
///
// PERF: one reusable buffer per operator; a dictionary lookup hashes it in place, so only new keys allocate.
enum KeyEncoder {
    static func append(_ column: Column, _ type: LogicalType, row: Int, to key: inout [UInt8]) {
        switch column {
        case .varchar(let c):
            guard c.validity[row] else { key.append(0); return }
            c.withBytes(at: row) { appendText($0, to: &key) }
        case .int64(let c):
            guard c.validity[row] else { key.append(0); return }
            key.append(1)
            // Timestamps with time zone are equal by instant, whatever the zone.
            appendInt(type == .timestampWithTimeZone ? PackedTimestamp.millis(c.values[row]) : c.values[row], to: &key)
        case .double(let c):
            guard c.validity[row] else { key.append(0); return }
            key.append(1)
            var value = c.values[row]
            if value == 0 { value = 0 }  // -0.0 groups with 0.0
            if value.isNaN { value = .nan }
            appendInt(Int64(bitPattern: value.bitPattern), to: &key)
        case .boolean(let c):
            key.append(c.validity[row] ? (c.values[row] ? 2 : 1) : 0)
        default:
            appendValue(column.value(at: row), type, to: &key)
        }
    }

    static func appendValue(_ value: Value, _ type: LogicalType, to key: inout [UInt8]) {
        switch value {
        case .null: key.append(0)
        case .boolean(let flag): key.append(flag ? 2 : 1)
        case .int(let number):
            key.append(1)
            appendInt(type == .timestampWithTimeZone ? PackedTimestamp.millis(number) : number, to: &key)
        case .double(let number):
            key.append(1)
            appendInt(Int64(bitPattern: (number == 0 ? 0 : number).bitPattern), to: &key)
        case .bytes(let bytes):
            key.append(1)
            appendInt(Int64(bytes.count), to: &key)
            key.append(contentsOf: bytes)
        case .array(let items):
            key.append(1)
            appendInt(Int64(items.count), to: &key)
            for item in items { appendValue(item, type.elementType ?? .unknown, to: &key) }
        case .row(let items):
            key.append(1)
            let fields = type.rowFields ?? []
            for (index, item) in items.enumerated() {
                appendValue(item, index < fields.count ? fields[index].type : .unknown, to: &key)
            }
        case .map(let keys, let values):
            key.append(1)
            appendInt(Int64(keys.count), to: &key)
            // Order-independent: sort the encoded entries.
            var entries: [[UInt8]] = []
            for (k, v) in zip(keys, values) {
                var entry: [UInt8] = []
                appendValue(k, .unknown, to: &entry)
                appendValue(v, .unknown, to: &entry)
                entries.append(entry)
            }
            for entry in entries.sorted(by: { ValueOrder.compareBytes($0, $1) < 0 }) { key.append(contentsOf: entry) }
        }
    }

    /// A non-NULL varchar value: a 1, its length, its bytes (a NULL is a single 0).
    @inline(__always)
    static func appendText(_ bytes: UnsafeRawBufferPointer, to key: inout [UInt8]) {
        key.append(1)
        appendInt(Int64(bytes.count), to: &key)
        key.append(contentsOf: bytes)
    }

    @inline(__always)
    static func appendInt(_ value: Int64, to key: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { key.append(contentsOf: $0) }
    }
}
