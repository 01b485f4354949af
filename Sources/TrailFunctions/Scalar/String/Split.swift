/// `split(string, delimiter [, limit]) → array(varchar)`: the pieces between occurrences of `delimiter`; with a
/// `limit`, at most `limit` pieces, the last holding the rest. Errors: `The delimiter may not be the empty string`,
/// `Limit must be positive`, `Limit is too large`.
///
///     split('a.b.c', '.')       -- ['a', 'b', 'c']
///     split('a.b.c', '.', 2)    -- ['a', 'b.c']
public enum Split {
    public static func evaluate(_ value: UnsafeRawBufferPointer, delimiter: UnsafeRawBufferPointer, limit: Int64? = nil)
        throws(FunctionError) -> [String]
    {
        let bytes = value.bindMemory(to: UInt8.self)
        let needle = delimiter.bindMemory(to: UInt8.self)
        let limit = limit ?? Int64(bytes.count) + 1
        guard limit > 0 else { throw FunctionError(function: "split", message: "Limit must be positive") }
        guard limit <= Int64(Int32.max) else { throw FunctionError(function: "split", message: "Limit is too large") }
        guard !needle.isEmpty else {
            throw FunctionError(function: "split", message: "The delimiter may not be the empty string")
        }
        var pieces: [String] = []
        var index = 0
        if limit > 1 {
            while index < bytes.count, let match = UTF8Text.find(needle, in: bytes, from: index) {
                pieces.append(String(decoding: bytes[index..<match], as: UTF8.self))
                index = match + needle.count
                if pieces.count == limit - 1 { break }
            }
        }
        pieces.append(String(decoding: bytes[index...], as: UTF8.self))
        return pieces
    }

    public static func evaluate(_ value: String, delimiter: String, limit: Int64? = nil) throws(FunctionError) -> [String] {
        try UTF8Text.withRawBytes(value, delimiter) { (valueBytes, delimiterBytes) throws(FunctionError) in
            try evaluate(valueBytes, delimiter: delimiterBytes, limit: limit)
        }
    }
}
