/// `regexp_replace(string, pattern [, replacement]) → varchar`: every match replaced (removed without a
/// replacement).
///
/// In the replacement, `$n` is capturing group `n` (the longest number that names an existing group: with 10 groups
/// `$10` is group 10, with 9 it is group 1 then `0`), `${name}` a named group, and `\` quotes the next character
/// (`\$`, `\\`). Errors, as Trino words them and raised only once something matches: `Illegal replacement sequence: …`
/// for a trailing `$` or `\`, `$` before a non-digit, `unknown group 2`, `unknown group { name }`.
///
///     regexp_replace('1a 2b 14m', '\d+[ab] ')                       -- '14m'
///     regexp_replace('1a 2b 14m', '(\d+)([ab]) ', '3c$2 ')          -- '3ca 3cb 14m'
public enum RegexpReplace {
    /// Appends the result to `output` (never NULL for non-NULL inputs).
    public static func evaluate(
        _ value: UnsafeRawBufferPointer, _ regex: CompiledRegex, replacement: String = "", into output: inout [UInt8]
    ) throws(FunctionError) {
        try evaluate(subject: subjectString(value), regex, replacement: replacement, into: &output)
    }

    static func evaluate(subject: String, _ regex: CompiledRegex, replacement: String, into output: inout [UInt8])
        throws(FunctionError)
    {
        var replacementScalars: [Unicode.Scalar]?
        var copiedUpTo = subject.startIndex
        for match in subject.matches(of: regex.regex) {
            output.append(contentsOf: subject.utf8[copiedUpTo..<match.range.lowerBound])
            if replacementScalars == nil { replacementScalars = Array(replacement.unicodeScalars) }
            try regex.appendReplacement(
                replacementScalars!, replacementText: replacement, match: match, in: subject, to: &output,
                function: "regexp_replace")
            copiedUpTo = match.range.upperBound
        }
        output.append(contentsOf: subject.utf8[copiedUpTo...])
    }

    /// Convenience for tests and constant folding.
    public static func evaluate(_ value: String, _ regex: CompiledRegex, replacement: String = "") throws(FunctionError) -> String {
        var output: [UInt8] = []
        try evaluate(subject: value, regex, replacement: replacement, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
