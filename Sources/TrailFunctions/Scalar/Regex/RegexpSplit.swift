/// `regexp_split(string, pattern) → array(varchar)`: the pieces between matches, keeping leading, trailing and
/// consecutive empty pieces.
///
///     regexp_split('1a 2b 14m', '\s*[a-z]+\s*')                    -- ['1', '2', '14', '']
///     regexp_split('abcd', '')                                     -- ['', 'a', 'b', 'c', 'd', '']
public enum RegexpSplit {
    public static func evaluate(_ value: UnsafeRawBufferPointer, _ regex: CompiledRegex) -> [String] {
        evaluate(subjectString(value), regex)
    }

    public static func evaluate(_ value: String, _ regex: CompiledRegex) -> [String] {
        var pieces: [String] = []
        var pieceStart = value.startIndex
        for match in value.matches(of: regex.regex) {
            pieces.append(String(value[pieceStart..<match.range.lowerBound]))
            pieceStart = match.range.upperBound
        }
        pieces.append(String(value[pieceStart...]))
        return pieces
    }
}
