/// `replace(string, search [, replace]) → varchar`: every non-overlapping occurrence of `search`, left to right,
/// replaced (removed without `replace`). An empty `search` inserts `replace` before every code point and at the end.
///
///     replace('GetObject', 'Get', 'Put')    -- 'PutObject'
///     replace('a-b-c', '-')                 -- 'abc'
///     replace('abc', '', '.')               -- '.a.b.c.'
public enum Replace {
    public static func evaluate(
        _ value: UnsafeRawBufferPointer, search: UnsafeRawBufferPointer, replacement: UnsafeRawBufferPointer,
        into output: inout [UInt8]
    ) {
        let bytes = value.bindMemory(to: UInt8.self)
        let needle = search.bindMemory(to: UInt8.self)
        let insert = replacement.bindMemory(to: UInt8.self)
        output.reserveCapacity(output.count + bytes.count)
        if needle.isEmpty {
            output.append(contentsOf: insert)
            for byte in bytes.indices {
                output.append(bytes[byte])
                let isLastOfCodePoint = byte + 1 == bytes.count || UTF8Text.isLeadByte(bytes[byte + 1])
                if isLastOfCodePoint { output.append(contentsOf: insert) }
            }
            return
        }
        var index = 0
        while let match = UTF8Text.find(needle, in: bytes, from: index) {
            output.append(contentsOf: bytes[index..<match])
            output.append(contentsOf: insert)
            index = match + needle.count
        }
        output.append(contentsOf: bytes[index...])
    }

    public static func evaluate(_ value: String, search: String, replacement: String = "") -> String {
        var output: [UInt8] = []
        Array(value.utf8).withUnsafeBytes { valueBytes in
            Array(search.utf8).withUnsafeBytes { searchBytes in
                Array(replacement.utf8).withUnsafeBytes { replacementBytes in
                    evaluate(valueBytes, search: searchBytes, replacement: replacementBytes, into: &output)
                }
            }
        }
        return UTF8Text.string(output)
    }
}
