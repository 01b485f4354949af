/// `length(string) → bigint`: the number of Unicode code points (not bytes, not grapheme clusters).
///
///     length('naïve')        -- 5
///     length('e\u0301')      -- 2 (a letter and a combining accent)
public enum Length {
    public static func evaluate(_ value: UnsafeRawBufferPointer) -> Int64 {
        Int64(UTF8Text.codePointCount(value.bindMemory(to: UInt8.self)))
    }

    public static func evaluate(_ value: String) -> Int64 { Int64(value.unicodeScalars.count) }
}
