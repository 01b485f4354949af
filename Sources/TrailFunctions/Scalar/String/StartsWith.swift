/// `starts_with(string, prefix) → boolean`: whether `string` begins with `prefix` (byte comparison, no Unicode
/// normalisation; an empty prefix is always a prefix).
///
///     starts_with('DescribeInstances', 'Describe')   -- true
public enum StartsWith {
    public static func evaluate(_ value: UnsafeRawBufferPointer, _ prefix: UnsafeRawBufferPointer) -> Bool {
        value.count >= prefix.count && value.prefix(prefix.count).elementsEqual(prefix)
    }

    public static func evaluate(_ value: String, _ prefix: String) -> Bool { value.utf8.starts(with: prefix.utf8) }
}
