/// `lpad(string, size, padstring)` and `rpad(…)` → varchar: the string padded on the left or right to `size` code
/// points with repetitions of `padstring` (the last one cut short), or cut to its first `size` code points when
/// longer. Errors: `Target length must be in the range [0..2147483647]`, `Padding string must not be empty`.
///
///     lpad('7', 3, '0')        -- '007'
///     rpad('ab', 5, 'xy')      -- 'abxyx'
///     lpad('abcdef', 3, '0')   -- 'abc'
public enum Pad {
    public enum Side: Sendable { case left, right }

    public static func evaluate(
        _ value: UnsafeRawBufferPointer, size: Int64, padding: UnsafeRawBufferPointer, side: Side, into output: inout [UInt8]
    ) throws(FunctionError) {
        let function = side == .left ? "lpad" : "rpad"
        guard size >= 0 && size <= Int64(Int32.max) else {
            throw FunctionError(function: function, message: "Target length must be in the range [0..2147483647]")
        }
        let padBytes = padding.bindMemory(to: UInt8.self)
        guard !padBytes.isEmpty else { throw FunctionError(function: function, message: "Padding string must not be empty") }
        let bytes = value.bindMemory(to: UInt8.self)
        let length = UTF8Text.codePointCount(bytes)
        let target = Int(size)
        if length >= target {
            output.append(contentsOf: bytes[..<(UTF8Text.offset(bytes, advancingBy: target) ?? bytes.count)])
            return
        }
        if side == .right { output.append(contentsOf: bytes) }
        var missing = target - length
        let padLength = UTF8Text.codePointCount(padBytes)
        while missing >= padLength {
            output.append(contentsOf: padBytes)
            missing -= padLength
        }
        output.append(contentsOf: padBytes[..<(UTF8Text.offset(padBytes, advancingBy: missing) ?? padBytes.count)])
        if side == .left { output.append(contentsOf: bytes) }
    }

    public static func evaluate(_ value: String, size: Int64, padding: String, side: Side) throws(FunctionError) -> String {
        var output: [UInt8] = []
        try UTF8Text.withRawBytes(value, padding) { (valueBytes, padBytes) throws(FunctionError) in
            try evaluate(valueBytes, size: size, padding: padBytes, side: side, into: &output)
        }
        return UTF8Text.string(output)
    }
}
