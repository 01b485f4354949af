/// `regexp_like(string, pattern) → boolean`: whether the pattern matches anywhere in the string (use `^…$` to
/// match the whole value).
///
///     regexp_like('1a 2b 14m', '\d+b')                          -- true
///     regexp_like(eventName, '^(Create|RunInstances)')          -- true for 'CreateBucket'
public enum RegexpLike {
    public static func evaluate(_ value: UnsafeRawBufferPointer, _ regex: CompiledRegex) -> Bool {
        evaluate(subjectString(value), regex)
    }

    public static func evaluate(_ value: String, _ regex: CompiledRegex) -> Bool {
        value.contains(regex.regex)
    }
}
