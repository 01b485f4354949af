/// `regexp_count(string, pattern) → bigint`: how many non-overlapping matches the string holds.
///
///     regexp_count('1a 2b 14m', '\s*[a-z]+\s*')                    -- 3
public enum RegexpCount {
    public static func evaluate(_ value: UnsafeRawBufferPointer, _ regex: CompiledRegex) -> Int64 {
        evaluate(subjectString(value), regex)
    }

    public static func evaluate(_ value: String, _ regex: CompiledRegex) -> Int64 {
        var count: Int64 = 0
        for _ in value.matches(of: regex.regex) { count += 1 }
        return count
    }
}
