/// `regexp_extract(string, pattern [, group]) → varchar`: the first match, or its capturing group `group`.
///
/// NULL when nothing matches or the group did not take part in the match. Errors (raised even without a match):
/// `Group cannot be negative`, `Pattern has 1 groups. Cannot access group 2`.
///
///     regexp_extract('1a 2b 14m', '\d+')                           -- '1'
///     regexp_extract('1a 2b 14m', '(\d+)([a-z]+)', 2)              -- 'a'
///     regexp_extract(userAgent, 'aws-cli/([0-9.]+)', 1)            -- '2.15.30'
public enum RegexpExtract {
    /// Appends the result to `output`; returns false for NULL (nothing appended).
    public static func evaluate(
        _ value: UnsafeRawBufferPointer, _ regex: CompiledRegex, group: Int64 = 0, into output: inout [UInt8]
    ) throws(FunctionError) -> Bool {
        try evaluate(subject: subjectString(value), regex, group: group, into: &output)
    }

    static func evaluate(subject: String, _ regex: CompiledRegex, group: Int64, into output: inout [UInt8])
        throws(FunctionError) -> Bool
    {
        let group = try regex.validate(group: group, function: "regexp_extract")
        guard let match = subject.firstMatch(of: regex.regex), let range = match.output[group].range else { return false }
        output.append(contentsOf: subject.utf8[range])
        return true
    }

    /// Convenience for tests and constant folding.
    public static func evaluate(_ value: String, _ regex: CompiledRegex, group: Int64 = 0) throws(FunctionError) -> String? {
        var output: [UInt8] = []
        let isPresent = try evaluate(subject: value, regex, group: group, into: &output)
        return isPresent ? String(decoding: output, as: UTF8.self) : nil
    }
}
