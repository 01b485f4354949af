import TrailColumnar

/// Encodes the values of some columns at one row as bytes that are equal exactly when the values are equal
/// (NULLs equal to each other, as GROUP BY and DISTINCT treat them). The bytes key hash tables of aggregation,
/// DISTINCT, joins and set operations; `RowKeys` writes the same bytes for a whole batch at once.
enum KeyEncoder {
    static func append(_ column: Column, _ type: LogicalType, row: Int, to key: inout [UInt8]) {
        switch column {
        case .varchar(let c):
            guard c.validity[row] else { key.append(0); return }
            c.withBytes(at: row) { appendText($0, to: &key) }
        case .int64(let c):
            guard c.validity[row] else { key.append(0); return }
            key.append(1)
            appendInt(bits(c.values[row], instant: type == .timestampWithTimeZone), to: &key)
        case .double(let c):
            guard c.validity[row] else { key.append(0); return }
            key.append(1)
            appendInt(bits(c.values[row]), to: &key)
        case .boolean(let c):
            key.append(booleanByte(c.validity[row], c.values[row]))
        default:
            appendValue(column.value(at: row), type, to: &key)
        }
    }

    /// The 8 bytes of a non-NULL bigint-backed value; with `instant` (timestamps with time zone), its instant, so
    /// that one instant is one key whatever the zone.
    @inline(__always)
    static func bits(_ value: Int64, instant: Bool) -> Int64 {
        instant ? PackedTimestamp.millis(value) : value
    }

    /// The 8 bytes of a non-NULL double: -0.0 groups with 0.0, and every NaN with every other.
    @inline(__always)
    static func bits(_ value: Double) -> Int64 {
        Int64(bitPattern: (value == 0 ? 0 : value.isNaN ? .nan : value).bitPattern)
    }

    /// A boolean's one byte: 0 NULL, 1 false, 2 true.
    @inline(__always)
    static func booleanByte(_ valid: Bool, _ value: Bool) -> UInt8 {
        valid ? (value ? 2 : 1) : 0
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
            appendInt(bits(number), to: &key)
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
