/// `chr(n) → varchar` and `codepoint(string) → integer`: between a code point and the one-character string holding
/// it. Errors: `Not a valid Unicode code point: n` (negative, above U+10FFFF, or a surrogate) and `Input string must
/// be a single character string`.
///
///     chr(65)             -- 'A'
///     codepoint('é')      -- 233
public enum Chr {
    public static func evaluate(_ codePoint: Int64, into output: inout [UInt8]) throws(FunctionError) {
        guard codePoint >= 0, codePoint <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(codePoint)) else {
            throw FunctionError(function: "chr", message: "Not a valid Unicode code point: \(codePoint)")
        }
        output.append(contentsOf: String(scalar).utf8)
    }

    public static func evaluate(_ codePoint: Int64) throws(FunctionError) -> String {
        var output: [UInt8] = []
        try evaluate(codePoint, into: &output)
        return UTF8Text.string(output)
    }

    public static func codepoint(_ value: UnsafeRawBufferPointer) throws(FunctionError) -> Int64 {
        try codepoint(String(decoding: value.bindMemory(to: UInt8.self), as: UTF8.self))
    }

    public static func codepoint(_ value: String) throws(FunctionError) -> Int64 {
        let scalars = value.unicodeScalars
        guard scalars.count == 1 else {
            throw FunctionError(function: "codepoint", message: "Input string must be a single character string")
        }
        return Int64(scalars.first!.value)
    }
}
