/// `trim(string [, characters])`, `ltrim(…)`, `rtrim(…)` → varchar: the string without leading and/or trailing
/// whitespace (Java's `Character.isWhitespace`: spaces and separators except no-break spaces, `\t \n \v \f \r`,
/// U+001C…U+001F), or without any of the given code points.
///
///     trim('  alice  ')            -- 'alice'
///     rtrim('bucket///', '/')      -- 'bucket'
///     ltrim('xxyabcxx', 'xy')      -- 'abcxx'
public enum Trim {
    public enum Side: Sendable { case both, leading, trailing }

    public static func evaluate(
        _ value: UnsafeRawBufferPointer, side: Side = .both, characters: [Unicode.Scalar]? = nil, into output: inout [UInt8]
    ) {
        let bytes = value.bindMemory(to: UInt8.self)
        let shouldTrim: (Unicode.Scalar) -> Bool =
            characters.map { set in { set.contains($0) } } ?? isWhitespace
        var start = 0
        var end = bytes.count
        var decoder = UTF8()
        if side != .trailing {
            while start < end {
                let length = sequenceLength(bytes[start])
                guard let scalar = decode(bytes, start, length, &decoder), shouldTrim(scalar) else { break }
                start += length
            }
        }
        if side != .leading {
            while end > start {
                var lead = end - 1
                while lead > start, !UTF8Text.isLeadByte(bytes[lead]) { lead -= 1 }
                guard let scalar = decode(bytes, lead, end - lead, &decoder), shouldTrim(scalar) else { break }
                end = lead
            }
        }
        output.append(contentsOf: bytes[start..<end])
    }

    public static func evaluate(_ value: String, side: Side = .both, characters: String? = nil) -> String {
        var output: [UInt8] = []
        Array(value.utf8).withUnsafeBytes { evaluate($0, side: side, characters: characters.map { Array($0.unicodeScalars) }, into: &output) }
        return UTF8Text.string(output)
    }

    static func sequenceLength(_ byte: UInt8) -> Int { byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4 }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int, _ decoder: inout UTF8) -> Unicode.Scalar? {
        guard start + length <= bytes.count else { return nil }
        var iterator = bytes[start..<(start + length)].makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Java's `Character.isWhitespace`.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x1F, 0x20: return true
        case 0xA0, 0x2007, 0x202F: return false
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
