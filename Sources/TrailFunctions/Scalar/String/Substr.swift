/// `substr(string, start [, length]) → varchar` (also `substring`): code points from the 1-based `start`; a negative
/// `start` counts from the end (-1 is the last code point); `start` 0, a `length` of 0 or less, or a start outside
/// the string give `''`. A `length` running past the end stops at the end.
///
///     substr('DescribeInstances', 9)        -- 'Instances'
///     substr('DescribeInstances', 1, 8)     -- 'Describe'
///     substr('DescribeInstances', -9, 4)    -- 'Inst'
public enum Substr {
    public static func evaluate(_ value: UnsafeRawBufferPointer, start: Int64, length: Int64 = .max, into output: inout [UInt8]) {
        let bytes = value.bindMemory(to: UInt8.self)
        guard start != 0, length > 0, !bytes.isEmpty else { return }
        let startByte: Int
        if start > 0 {
            guard start <= Int64(bytes.count), let offset = UTF8Text.offset(bytes, advancingBy: Int(start - 1)),
                offset < bytes.count
            else { return }
            startByte = offset
        } else {
            let count = Int64(UTF8Text.codePointCount(bytes))
            guard count + start >= 0 else { return }
            startByte = UTF8Text.offset(bytes, advancingBy: Int(count + start))!
        }
        let clampedLength = Int(min(length, Int64(bytes.count)))
        let endByte = UTF8Text.offset(bytes, from: startByte, advancingBy: clampedLength) ?? bytes.count
        output.append(contentsOf: bytes[startByte..<endByte])
    }

    public static func evaluate(_ value: String, start: Int64, length: Int64 = .max) -> String {
        var output: [UInt8] = []
        Array(value.utf8).withUnsafeBytes { evaluate($0, start: start, length: length, into: &output) }
        return UTF8Text.string(output)
    }
}
