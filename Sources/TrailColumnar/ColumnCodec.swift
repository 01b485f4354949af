/// The cache's compact binary form of a column: raw little-endian arrays (validity words, offsets, values),
/// children recursively; a varchar column whose values repeat goes in dictionary form (`VarcharDictionary`).
/// Reading it back is a few copies — no parsing — and, for a dictionary, one copy per row.
///
/// Types are not stored: the reader is told what type to expect (the column's path fixes it) and rejects bytes
/// whose shape disagrees, as it rejects any truncated or overlong input.
public enum ColumnCodec {
    enum Tag: UInt8 {
        case varchar = 1, int64, double, boolean, row, array, map, varcharDictionary
    }

    public struct DecodeError: Error, Sendable {
        public var message: String
    }

    public static func encode(_ column: Column, into out: inout [UInt8]) {
        switch column {
        case .varchar(let c):
            if let dictionary = VarcharDictionary.build(c), dictionary.encodedSize < (c.count + 1) * 4 + 8 + c.bytes.count {
                header(.varcharDictionary, c.validity, into: &out)
                dictionary.encode(into: &out)
                return
            }
            header(.varchar, c.validity, into: &out)
            appendRaw(c.offsets, into: &out)
            append(UInt64(c.bytes.count), into: &out)
            out += c.bytes
        case .int64(let c):
            header(.int64, c.validity, into: &out)
            appendRaw(c.values, into: &out)
        case .double(let c):
            header(.double, c.validity, into: &out)
            appendRaw(c.values, into: &out)
        case .boolean(let c):
            header(.boolean, c.validity, into: &out)
            out += c.values.map { $0 ? 1 : 0 }
        case .row(let c):
            header(.row, c.validity, into: &out)
            append(UInt64(c.children.count), into: &out)
            for child in c.children { encode(child, into: &out) }
        case .array(let c):
            header(.array, c.validity, into: &out)
            appendRaw(c.offsets, into: &out)
            encode(c.element, into: &out)
        case .map(let c):
            header(.map, c.validity, into: &out)
            appendRaw(c.offsets, into: &out)
            encode(c.keys, into: &out)
            encode(c.values, into: &out)
        }
    }

    /// Decodes one column of type `type` from `bytes` at `offset`, advancing it.
    public static func decode(_ bytes: UnsafeRawBufferPointer, at offset: inout Int, as type: LogicalType) throws(DecodeError) -> Column {
        var reader = Reader(bytes: bytes, offset: offset)
        let column = try reader.column(type)
        offset = reader.offset
        return column
    }

    private static func header(_ tag: Tag, _ validity: Bitmap, into out: inout [UInt8]) {
        out.append(tag.rawValue)
        append(UInt64(validity.count), into: &out)
        appendRaw(validity.words, into: &out)
    }

    private static func append(_ value: UInt64, into out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    private static func appendRaw<T>(_ values: [T], into out: inout [UInt8]) {
        values.withUnsafeBytes { out += $0 }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        mutating func column(_ type: LogicalType) throws(DecodeError) -> Column {
            let tag = try byte()
            let count = try length()
            let validity = try bitmap(count)
            switch (Tag(rawValue: tag), type) {
            case (.varchar?, _):
                let offsets: [UInt32] = try array(count + 1)
                let byteCount = try length()
                let data: [UInt8] = try array(byteCount)
                guard offsets.first == 0, offsets.last.map({ Int($0) == byteCount }) == true,
                      zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw DecodeError(message: "bad varchar offsets") }
                return .varchar(VarcharColumn(offsets: offsets, bytes: data, validity: validity))
            case (.varcharDictionary?, _):
                return .varchar(try expandDictionary(count, validity: validity))
            case (.int64?, _):
                return .int64(FixedColumn(values: try array(count), validity: validity))
            case (.double?, _):
                return .double(FixedColumn(values: try array(count), validity: validity))
            case (.boolean?, _):
                let raw: [UInt8] = try array(count)
                return .boolean(FixedColumn(values: raw.map { $0 != 0 }, validity: validity))
            case (.row?, .row(let fields)):
                guard try length() == fields.count else { throw DecodeError(message: "row shape differs") }
                var children: [Column] = []
                for field in fields {
                    let child = try column(field.type)
                    guard child.count == count else { throw DecodeError(message: "row child length differs") }
                    children.append(child)
                }
                return .row(RowColumn(fields: fields, children: children, validity: validity))
            case (.array?, .array(let element)):
                let offsets: [UInt32] = try checkedOffsets(count)
                let elements = try column(element)
                guard elements.count == Int(offsets[count]) else { throw DecodeError(message: "array length differs") }
                return .array(ArrayColumn(offsets: offsets, element: elements, validity: validity))
            case (.map?, .map(let keyType, let valueType)):
                let offsets: [UInt32] = try checkedOffsets(count)
                let keys = try column(keyType)
                let values = try column(valueType)
                guard keys.count == Int(offsets[count]), values.count == keys.count else { throw DecodeError(message: "map length differs") }
                return .map(MapColumn(offsets: offsets, keys: keys, values: values, validity: validity))
            default:
                throw DecodeError(message: "column kind \(tag) does not fit \(type)")
            }
        }

        mutating func checkedOffsets(_ count: Int) throws(DecodeError) -> [UInt32] {
            let offsets: [UInt32] = try array(count + 1)
            guard offsets.first == 0, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw DecodeError(message: "bad offsets")
            }
            return offsets
        }

        mutating func byte() throws(DecodeError) -> UInt8 {
            guard offset < bytes.count else { throw DecodeError(message: "truncated") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func length() throws(DecodeError) -> Int {
            guard offset + 8 <= bytes.count else { throw DecodeError(message: "truncated") }
            let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
            guard value < 1 << 40 else { throw DecodeError(message: "implausible length") }
            return Int(value)
        }

        mutating func bitmap(_ count: Int) throws(DecodeError) -> Bitmap {
            var bitmap = Bitmap()
            bitmap.words = try array((count + 63) >> 6)
            bitmap.count = count
            return bitmap
        }

        mutating func array<T>(_ count: Int) throws(DecodeError) -> [T] {
            let size = count * MemoryLayout<T>.stride
            guard count >= 0, size <= bytes.count - offset else { throw DecodeError(message: "truncated") }
            if count == 0 { return [] }
            let start = bytes.baseAddress! + offset
            offset += size
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: start, byteCount: size)
                initialized = count
            }
        }
    }
}
