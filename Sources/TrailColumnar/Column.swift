/// A column of values for a batch of rows. NULLs are recorded in each column's validity bitmap.
public indirect enum Column: Sendable {
    case varchar(VarcharColumn)
    case row(RowColumn)
    case array(ArrayColumn)
    case map(MapColumn)
    /// bigint, integer, date (days), timestamp (millis), timestamp with time zone (packed, see `PackedTimestamp`),
    /// intervals (millis or months); the schema's `LogicalType` says which.
    case int64(FixedColumn<Int64>)
    case double(FixedColumn<Double>)
    case boolean(FixedColumn<Bool>)

    public var count: Int {
        switch self {
        case .int64(let column): return column.values.count
        case .double(let column): return column.values.count
        case .boolean(let column): return column.values.count
        case .varchar(let column): return column.count
        case .row(let column): return column.validity.count
        case .array(let column): return column.validity.count
        case .map(let column): return column.validity.count
        }
    }

    public func isNull(_ row: Int) -> Bool {
        switch self {
        case .int64(let column): return !column.validity[row]
        case .double(let column): return !column.validity[row]
        case .boolean(let column): return !column.validity[row]
        case .varchar(let column): return !column.validity[row]
        case .row(let column): return !column.validity[row]
        case .array(let column): return !column.validity[row]
        case .map(let column): return !column.validity[row]
        }
    }
}

/// Fixed-width values (integers, doubles, booleans) with a validity bitmap; a NULL slot holds a zero value.
public struct FixedColumn<Element: Sendable>: Sendable {
    public var values: [Element]
    public var validity: Bitmap

    public init(values: [Element], validity: Bitmap) {
        self.values = values
        self.validity = validity
    }
}

/// UTF-8 strings stored back to back: row `i` is `bytes[offsets[i]..<offsets[i+1]]`.
public struct VarcharColumn: Sendable {
    public var offsets: [UInt32]
    public var bytes: [UInt8]
    public var validity: Bitmap

    public init(offsets: [UInt32] = [0], bytes: [UInt8] = [], validity: Bitmap = Bitmap()) {
        self.offsets = offsets
        self.bytes = bytes
        self.validity = validity
    }

    public var count: Int { validity.count }

    /// The bytes of row `row` (empty for NULL).
    @inlinable
    public func withBytes<R>(at row: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = Int(offsets[row]), end = Int(offsets[row + 1])
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Row `row` as a String, or nil for NULL. For output and tests, not for the hot path.
    public func string(at row: Int) -> String? {
        guard validity[row] else { return nil }
        return String(decoding: bytes[Int(offsets[row])..<Int(offsets[row + 1])], as: UTF8.self)
    }
}

/// A row (struct) per row of the batch: one child column per field.
public struct RowColumn: Sendable {
    public var fields: [Field]
    public var children: [Column]
    public var validity: Bitmap

    public init(fields: [Field], children: [Column], validity: Bitmap) {
        self.fields = fields
        self.children = children
        self.validity = validity
    }
}

/// A variable-length array per row: row `i` holds `element[offsets[i]..<offsets[i+1]]`.
public struct ArrayColumn: Sendable {
    public var offsets: [UInt32]
    public var element: Column
    public var validity: Bitmap

    public init(offsets: [UInt32], element: Column, validity: Bitmap) {
        self.offsets = offsets
        self.element = element
        self.validity = validity
    }
}

/// A map per row: row `i` holds the entries `keys[offsets[i]..<offsets[i+1]]` → `values[…]`.
public struct MapColumn: Sendable {
    public var offsets: [UInt32]
    public var keys: Column
    public var values: Column
    public var validity: Bitmap

    public init(offsets: [UInt32], keys: Column, values: Column, validity: Bitmap) {
        self.offsets = offsets
        self.keys = keys
        self.values = values
        self.validity = validity
    }
}

/// A set of equally long columns: the unit of work between operators.
public struct Batch: Sendable {
    public var schema: [Field]
    public var columns: [Column]
    public var count: Int

    public init(schema: [Field], columns: [Column], count: Int) {
        precondition(schema.count == columns.count, "a batch needs one column per field")
        self.schema = schema
        self.columns = columns
        self.count = count
    }

    /// The column named `name` (case-insensitive, as Athena resolves names).
    public func column(named name: String) -> Column? {
        let lower = name.lowercased()
        return schema.firstIndex { $0.name == lower }.map { columns[$0] }
    }
}
