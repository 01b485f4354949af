/// `split_part(string, delimiter, index) → varchar`: the 1-based `index`-th piece between delimiters; NULL past the
/// last piece. An empty delimiter splits into code points. `index` below 1 fails with `Index must be greater than
/// zero`.
///
///     split_part('arn:aws:iam::123456789012:user/alice', ':', 5)    -- '123456789012'
///     split_part('a,b', ',', 3)                                     -- NULL
public enum SplitPart {
    /// Appends the piece to `output`; returns false for NULL.
    public static func evaluate(
        _ value: UnsafeRawBufferPointer, delimiter: UnsafeRawBufferPointer, index: Int64, into output: inout [UInt8]
    ) throws(FunctionError) -> Bool {
        guard index > 0 else { throw FunctionError(function: "split_part", message: "Index must be greater than zero") }
        let bytes = value.bindMemory(to: UInt8.self)
        let needle = delimiter.bindMemory(to: UInt8.self)
        if needle.isEmpty {
            guard index <= Int64(bytes.count), let start = UTF8Text.offset(bytes, advancingBy: Int(index - 1)),
                start < bytes.count, let end = UTF8Text.offset(bytes, from: start, advancingBy: 1)
            else { return false }
            output.append(contentsOf: bytes[start..<end])
            return true
        }
        var pieceStart = 0
        var piece: Int64 = 1
        while pieceStart < bytes.count, let match = UTF8Text.find(needle, in: bytes, from: pieceStart) {
            if piece == index {
                output.append(contentsOf: bytes[pieceStart..<match])
                return true
            }
            piece += 1
            pieceStart = match + needle.count
        }
        guard piece == index else { return false }
        output.append(contentsOf: bytes[pieceStart...])
        return true
    }

    public static func evaluate(_ value: String, delimiter: String, index: Int64) throws(FunctionError) -> String? {
        var output: [UInt8] = []
        let isPresent = try UTF8Text.withRawBytes(value, delimiter) { (valueBytes, delimiterBytes) throws(FunctionError) in
            try evaluate(valueBytes, delimiter: delimiterBytes, index: index, into: &output)
        }
        return isPresent ? UTF8Text.string(output) : nil
    }
}
