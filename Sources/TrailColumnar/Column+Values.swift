/// Row access, gathering and concatenation for every kind of column. Operators use `take` and `concatenate`
/// (bulk copies per column kind); `value(at:)` is for output, constants and rare shapes.
extension Column {
    /// Row `row` as a `Value` (NULL as `.null`).
    public func value(at row: Int) -> Value {
        switch self {
        case .varchar(let column):
            guard column.validity[row] else { return .null }
            return .bytes(Array(column.bytes[Int(column.offsets[row])..<Int(column.offsets[row + 1])]))
        case .int64(let column): return column.validity[row] ? .int(column.values[row]) : .null
        case .double(let column): return column.validity[row] ? .double(column.values[row]) : .null
        case .boolean(let column): return column.validity[row] ? .boolean(column.values[row]) : .null
        case .row(let column):
            guard column.validity[row] else { return .null }
            return .row(column.children.map { $0.value(at: row) })
        case .array(let column):
            guard column.validity[row] else { return .null }
            return .array((Int(column.offsets[row])..<Int(column.offsets[row + 1])).map { column.element.value(at: $0) })
        case .map(let column):
            guard column.validity[row] else { return .null }
            let range = Int(column.offsets[row])..<Int(column.offsets[row + 1])
            return .map(keys: range.map { column.keys.value(at: $0) }, values: range.map { column.values.value(at: $0) })
        }
    }

    /// The rows at `indices`, in that order; an index of -1 gives NULL (outer joins).
    public func take(_ indices: [Int32]) -> Column {
        var validity = Bitmap()
        switch self {
        case .varchar(let column):
            var offsets: [UInt32] = [0]
            offsets.reserveCapacity(indices.count + 1)
            var bytes: [UInt8] = []
            for index in indices {
                if index >= 0, column.validity[Int(index)] {
                    bytes.append(contentsOf: column.bytes[Int(column.offsets[Int(index)])..<Int(column.offsets[Int(index) + 1])])
                    validity.append(true)
                } else {
                    validity.append(false)
                }
                offsets.append(UInt32(truncatingIfNeeded: bytes.count))
            }
            return .varchar(VarcharColumn(offsets: offsets, bytes: bytes, validity: validity))
        case .int64(let column): return .int64(column.take(indices, zero: 0))
        case .double(let column): return .double(column.take(indices, zero: 0))
        case .boolean(let column): return .boolean(column.take(indices, zero: false))
        case .row(let column):
            for index in indices { validity.append(index >= 0 && column.validity[Int(index)]) }
            let childIndices = indices.map { $0 >= 0 && column.validity[Int($0)] ? $0 : -1 }
            return .row(RowColumn(fields: column.fields, children: column.children.map { $0.take(childIndices) },
                                  validity: validity))
        case .array(let column):
            var offsets: [UInt32] = [0]
            var elementIndices: [Int32] = []
            for index in indices {
                if index >= 0, column.validity[Int(index)] {
                    for element in Int(column.offsets[Int(index)])..<Int(column.offsets[Int(index) + 1]) {
                        elementIndices.append(Int32(element))
                    }
                    validity.append(true)
                } else {
                    validity.append(false)
                }
                offsets.append(UInt32(elementIndices.count))
            }
            return .array(ArrayColumn(offsets: offsets, element: column.element.take(elementIndices), validity: validity))
        case .map(let column):
            var offsets: [UInt32] = [0]
            var entryIndices: [Int32] = []
            for index in indices {
                if index >= 0, column.validity[Int(index)] {
                    for entry in Int(column.offsets[Int(index)])..<Int(column.offsets[Int(index) + 1]) {
                        entryIndices.append(Int32(entry))
                    }
                    validity.append(true)
                } else {
                    validity.append(false)
                }
                offsets.append(UInt32(entryIndices.count))
            }
            return .map(MapColumn(offsets: offsets, keys: column.keys.take(entryIndices),
                                  values: column.values.take(entryIndices), validity: validity))
        }
    }

    /// The rows of `columns` one after another; all must have the same shape (`type`).
    public static func concatenate(_ columns: [Column], type: LogicalType) -> Column {
        if columns.count == 1 { return columns[0] }
        let builder = ColumnBuilder(type: type)
        for column in columns { builder.append(column) }
        return builder.finish()
    }

    /// `count` copies of `value`.
    public static func constant(_ value: Value, type: LogicalType, count: Int) -> Column {
        let builder = ColumnBuilder(type: type)
        switch (value, type.storage) {
        case (.null, _):
            for _ in 0..<count { builder.appendNull() }
        case (.int(let number), .int64):
            builder.ints = Array(repeating: number, count: count)
            builder.validity = Bitmap(repeating: true, count: count)
        case (.double(let number), .double):
            builder.doubles = Array(repeating: number, count: count)
            builder.validity = Bitmap(repeating: true, count: count)
        case (.boolean(let flag), .boolean):
            builder.bools = Array(repeating: flag, count: count)
            builder.validity = Bitmap(repeating: true, count: count)
        default:
            for _ in 0..<count { builder.append(value) }
        }
        return builder.finish()
    }
}

extension FixedColumn {
    func take(_ indices: [Int32], zero: Element) -> FixedColumn {
        var values: [Element] = []
        values.reserveCapacity(indices.count)
        var validity = Bitmap()
        for index in indices {
            if index >= 0, self.validity[Int(index)] {
                values.append(self.values[Int(index)])
                validity.append(true)
            } else {
                values.append(zero)
                validity.append(false)
            }
        }
        return FixedColumn(values: values, validity: validity)
    }
}

extension ColumnBuilder {
    /// Appends every row of `column` (same shape as the builder's type).
    public func append(_ column: Column) {
        switch (kind, column) {
        case (.varchar, .varchar(let source)):
            let base = UInt32(truncatingIfNeeded: bytes.count)
            bytes.append(contentsOf: source.bytes[Int(source.offsets[0])..<Int(source.offsets[source.count])])
            let first = source.offsets[0]
            for row in 0..<source.count {
                offsets.append(base &+ (source.offsets[row + 1] &- first))
                validity.append(source.validity[row])
            }
        case (.int64, .int64(let source)):
            ints.append(contentsOf: source.values)
            appendValidity(source.validity)
        case (.double, .double(let source)):
            doubles.append(contentsOf: source.values)
            appendValidity(source.validity)
        case (.boolean, .boolean(let source)):
            bools.append(contentsOf: source.values)
            appendValidity(source.validity)
        case (.row, .row(let source)):
            for (child, sourceChild) in zip(children, source.children) { child.append(sourceChild) }
            appendValidity(source.validity)
        case (.array, .array(let source)):
            let base = UInt32(children[0].count)
            children[0].append(source.element)
            for row in 0..<source.validity.count {
                offsets.append(base + source.offsets[row + 1] - source.offsets[0])
            }
            appendValidity(source.validity)
        case (.map, .map(let source)):
            let base = UInt32(children[0].count)
            children[0].append(source.keys)
            children[1].append(source.values)
            for row in 0..<source.validity.count {
                offsets.append(base + source.offsets[row + 1] - source.offsets[0])
            }
            appendValidity(source.validity)
        default:
            // Shapes differ (e.g. a NULL-typed column): go value by value.
            for row in 0..<column.count { append(column.value(at: row)) }
        }
    }

    private func appendValidity(_ other: Bitmap) {
        for index in 0..<other.count { validity.append(other[index]) }
    }

    /// Appends one value; a value that does not fit the builder's type is appended as NULL.
    public func append(_ value: Value) {
        switch (kind, value) {
        case (_, .null): appendNull()
        case (.varchar, .bytes(let text)):
            bytes.append(contentsOf: text)
            commitString()
        case (.int64, .int(let number)):
            ints.append(number)
            validity.append(true)
        case (.double, .double(let number)):
            doubles.append(number)
            validity.append(true)
        case (.double, .int(let number)):
            doubles.append(Double(number))
            validity.append(true)
        case (.boolean, .boolean(let flag)):
            bools.append(flag)
            validity.append(true)
        case (.row, .row(let values)):
            for (child, item) in zip(children, values) { child.append(item) }
            commitRow()
        case (.array, .array(let values)):
            for item in values { children[0].append(item) }
            commitArray()
        case (.map, .map(let keys, let values)):
            for (key, item) in zip(keys, values) {
                children[0].append(key)
                children[1].append(item)
            }
            commitArray()
        default:
            appendNull()
        }
    }
}
