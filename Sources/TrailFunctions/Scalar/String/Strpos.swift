/// `strpos(string, substring [, instance]) → bigint`: the 1-based code-point position of the `instance`-th
/// occurrence (a negative `instance` counts occurrences from the end), or 0. An empty substring is at position 1.
/// Occurrences may overlap. `instance` 0 fails with `'instance' must be a positive or negative number.`
///
///     strpos('arn:aws:iam::123456789012:user/alice', ':')       -- 4
///     strpos('arn:aws:iam::123456789012:user/alice', ':', -1)   -- 26
public enum Strpos {
    public static func evaluate(_ value: UnsafeRawBufferPointer, _ substring: UnsafeRawBufferPointer, instance: Int64 = 1)
        throws(FunctionError) -> Int64
    {
        guard instance != 0 else {
            throw FunctionError(function: "strpos", message: "'instance' must be a positive or negative number.")
        }
        let haystack = value.bindMemory(to: UInt8.self)
        let needle = substring.bindMemory(to: UInt8.self)
        if needle.isEmpty { return 1 }
        var found: Int64 = 0
        if instance > 0 {
            var index = -1
            while found < instance {
                guard let next = UTF8Text.find(needle, in: haystack, from: index + 1) else { return 0 }
                index = next
                found += 1
            }
            return Int64(UTF8Text.codePointCount(haystack, 0..<index)) + 1
        }
        var index = haystack.count
        while found < -instance {
            guard index > 0, let previous = UTF8Text.findLast(needle, in: haystack, atOrBefore: index - 1) else { return 0 }
            index = previous
            found += 1
        }
        return Int64(UTF8Text.codePointCount(haystack, 0..<index)) + 1
    }

    public static func evaluate(_ value: String, _ substring: String, instance: Int64 = 1) throws(FunctionError) -> Int64 {
        try UTF8Text.withRawBytes(value, substring) { (haystack, needle) throws(FunctionError) in
            try evaluate(haystack, needle, instance: instance)
        }
    }
}
