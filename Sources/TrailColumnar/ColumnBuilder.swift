/// Appends values row by row and produces a `Column`. One class for every shape so that decoders can hold a
/// tree of builders without existentials; the `kind` decides which storage is used.
public final class ColumnBuilder {
    public enum Kind: Sendable {
        case varchar
        case row
        case array
        case map
        case int64
        case double
        case boolean
    }

    public let type: LogicalType
    public let kind: Kind
    // PERF: each builder belongs to one worker's decoder, so the runtime's dynamic exclusivity check on every
    // append (swift_beginAccess, AccessSet::insert and a TLS lookup) guards nothing; it was 3.3% of a cold Q3.
    @exclusivity(unchecked) public var validity = Bitmap()
    // varchar
    @exclusivity(unchecked) public var bytes: [UInt8] = []
    @exclusivity(unchecked) public var offsets: [UInt32] = [0]
    // int64 / double / boolean
    @exclusivity(unchecked) public var ints: [Int64] = []
    @exclusivity(unchecked) public var doubles: [Double] = []
    @exclusivity(unchecked) public var bools: [Bool] = []
    // row: one child per field; array: one child for the elements
    public let children: [ColumnBuilder]
    private let fields: [Field]

    public init(type: LogicalType) {
        self.type = type
        switch type {
        case .row(let fields):
            kind = .row
            self.fields = fields
            children = fields.map { ColumnBuilder(type: $0.type) }
        case .array(let element):
            kind = .array
            fields = []
            children = [ColumnBuilder(type: element)]
        case .map(let key, let value):
            kind = .map
            fields = []
            children = [ColumnBuilder(type: key), ColumnBuilder(type: value)]
        default:
            // Every scalar of the CloudTrail table is varchar (Athena's DDL); JSON text is varchar too.
            switch type.storage {
            case .int64: kind = .int64
            case .double: kind = .double
            case .boolean: kind = .boolean
            default: kind = .varchar
            }
            fields = []
            children = []
        }
    }

    public var count: Int { validity.count }

    /// Ends a varchar row whose bytes were appended to `bytes`.
    @inlinable
    public func commitString() {
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        validity.append(true)
    }

    /// Appends NULL. For a row, children get NULLs too so that every child stays aligned with the row.
    public func appendNull() {
        switch kind {
        case .varchar:
            offsets.append(offsets[offsets.count - 1])
        case .row:
            for child in children { child.appendNull() }
        case .array, .map:
            offsets.append(offsets[offsets.count - 1])
        case .int64: ints.append(0)
        case .double: doubles.append(0)
        case .boolean: bools.append(false)
        }
        validity.append(false)
    }

    /// Ends a row whose children were each appended exactly once.
    public func commitRow() {
        validity.append(true)
    }

    /// Ends an array (or map) row whose elements (entries) were appended to `children[0]` (and `children[1]`).
    public func commitArray() {
        offsets.append(UInt32(truncatingIfNeeded: children[0].count))
        validity.append(true)
    }

    public func appendString(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        commitString()
    }

    /// Appends `text` as `count` rows of a varchar column (`count` NULLs when `text` is nil): a run of rows that
    /// share one value, such as a file's partition values.
    public func appendString(_ text: String?, repeating count: Int) {
        guard count > 0 else { return }
        guard var utf8 = text else {
            for _ in 0..<count { appendNull() }
            return
        }
        utf8.withUTF8 { text in
            bytes.reserveCapacity(bytes.count + text.count * count)
            for _ in 0..<count {
                bytes.append(contentsOf: text)
                commitString()
            }
        }
    }

    /// Drops every row from `rows` on (used to undo a partly decoded record).
    public func truncate(to rows: Int) {
        guard rows < count else { return }
        switch kind {
        case .varchar:
            offsets.removeLast(offsets.count - rows - 1)
            bytes.removeLast(bytes.count - Int(offsets[rows]))
        case .row:
            for child in children { child.truncate(to: rows) }
        case .array, .map:
            offsets.removeLast(offsets.count - rows - 1)
            for child in children { child.truncate(to: Int(offsets[rows])) }
        case .int64: ints.removeLast(ints.count - rows)
        case .double: doubles.removeLast(doubles.count - rows)
        case .boolean: bools.removeLast(bools.count - rows)
        }
        validity.truncate(to: rows)
    }

    /// Builds the column and resets the builder for the next batch.
    public func finish() -> Column {
        defer {
            validity = Bitmap()
            bytes = []
            offsets = [0]
            ints = []
            doubles = []
            bools = []
        }
        switch kind {
        case .varchar:
            return .varchar(VarcharColumn(offsets: offsets, bytes: bytes, validity: validity))
        case .row:
            return .row(RowColumn(fields: fields, children: children.map { $0.finish() }, validity: validity))
        case .array:
            return .array(ArrayColumn(offsets: offsets, element: children[0].finish(), validity: validity))
        case .map:
            return .map(MapColumn(offsets: offsets, keys: children[0].finish(), values: children[1].finish(), validity: validity))
        case .int64: return .int64(FixedColumn(values: ints, validity: validity))
        case .double: return .double(FixedColumn(values: doubles, validity: validity))
        case .boolean: return .boolean(FixedColumn(values: bools, validity: validity))
        }
    }
}
