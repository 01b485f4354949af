/// `reverse(string) → varchar`: the code points in reverse order (a combining accent moves before its letter, as in
/// Trino).
///
///     reverse('abc')   -- 'cba'
public enum Reverse {
    public static func evaluate(_ value: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let bytes = value.bindMemory(to: UInt8.self)
        output.reserveCapacity(output.count + bytes.count)
        var end = bytes.count
        while end > 0 {
            var lead = end - 1
            while lead > 0, !UTF8Text.isLeadByte(bytes[lead]) { lead -= 1 }
            output.append(contentsOf: bytes[lead..<end])
            end = lead
        }
    }

    public static func evaluate(_ value: String) -> String {
        var output: [UInt8] = []
        Array(value.utf8).withUnsafeBytes { evaluate($0, into: &output) }
        return UTF8Text.string(output)
    }
}
