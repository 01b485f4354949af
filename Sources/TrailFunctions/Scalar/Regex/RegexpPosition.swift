/// `regexp_position(string, pattern [, start [, occurrence]]) → integer`: the 1-based code-point index of the
/// `occurrence`-th match at or after code point `start`, or -1.
///
/// Errors: `start position cannot be smaller than 1`, `occurrence cannot be smaller than 1`. A `start` past the end
/// gives -1.
///
///     regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b')          -- 8
///     regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 5)       -- 8
///     regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12)      -- 19
///     regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12, 2)   -- 31
///     regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12, 3)   -- -1
public enum RegexpPosition {
    public static func evaluate(
        _ value: UnsafeRawBufferPointer, _ regex: CompiledRegex, start: Int64 = 1, occurrence: Int64 = 1
    ) throws(FunctionError) -> Int64 {
        try evaluate(subjectString(value), regex, start: start, occurrence: occurrence)
    }

    public static func evaluate(_ value: String, _ regex: CompiledRegex, start: Int64 = 1, occurrence: Int64 = 1)
        throws(FunctionError) -> Int64
    {
        if start < 1 { throw FunctionError(function: "regexp_position", message: "start position cannot be smaller than 1") }
        if occurrence < 1 {
            throw FunctionError(function: "regexp_position", message: "occurrence cannot be smaller than 1")
        }
        let scalars = value.unicodeScalars
        guard start <= Int64(scalars.count) else { return -1 }
        let startIndex = scalars.index(scalars.startIndex, offsetBy: Int(start - 1))
        var seen: Int64 = 0
        for match in value[startIndex...].matches(of: regex.regex) {
            seen += 1
            if seen == occurrence { return Int64(scalars.distance(from: scalars.startIndex, to: match.range.lowerBound)) + 1 }
        }
        return -1
    }
}
