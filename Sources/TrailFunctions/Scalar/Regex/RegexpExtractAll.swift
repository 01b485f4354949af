/// `regexp_extract_all(string, pattern [, group]) → array(varchar)`: every match, or its capturing group `group`.
///
/// Matches do not overlap; after an empty match the search resumes one code point later. A group that did not take
/// part in a match gives a NULL element. Group errors as `regexp_extract`.
///
///     regexp_extract_all('1a 2b 14m', '\d+')                       -- ['1', '2', '14']
///     regexp_extract_all('1a 2b 14m', '(\d+)([a-z]+)', 2)          -- ['a', 'b', 'm']
public enum RegexpExtractAll {
    public static func evaluate(_ value: UnsafeRawBufferPointer, _ regex: CompiledRegex, group: Int64 = 0) throws(FunctionError)
        -> [String?]
    {
        try evaluate(subjectString(value), regex, group: group)
    }

    public static func evaluate(_ value: String, _ regex: CompiledRegex, group: Int64 = 0) throws(FunctionError) -> [String?] {
        let group = try regex.validate(group: group, function: "regexp_extract_all")
        return value.matches(of: regex.regex).map { match in match.output[group].range.map { String(value[$0]) } }
    }
}
