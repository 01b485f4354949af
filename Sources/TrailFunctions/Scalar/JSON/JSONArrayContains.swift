import TrailJSON

/// `json_array_contains(json, value) → boolean`: whether a top-level element of the JSON array equals `value`.
///
/// Types must match as Trino's streaming check does: a bigint needle matches only integer tokens within 64 bits
/// (`[1.0]` does not contain `1`), a double needle only fractional/exponent tokens (`[1]` does not contain `1.0`;
/// a non-finite needle is false), a varchar needle only strings, a boolean only `true`/`false`. Nested elements are
/// not searched. NULL when the text is not an array or is invalid before a match (the scan stops at the first match).
///
///     json_array_contains('[1, 2, 3]', 2)   -- true
public enum JSONArrayContains {
    public enum Needle: Sendable, Equatable {
        case varchar(String)
        case bigint(Int64)
        case double(Double)
        case boolean(Bool)
    }

    public static func evaluate(_ json: UnsafeRawBufferPointer, _ needle: Needle) -> Bool? {
        if case .double(let value) = needle, !value.isFinite { return false }
        var cursor = JSONCursor(json)
        guard cursor.peekKind() == .array else { return nil }
        var found = false
        var needleBytes: [UInt8] = []
        if case .varchar(let string) = needle { needleBytes = Array(string.utf8) }
        do throws(JSONError) {
            try cursor.forEachElement { (_, inner) throws(JSONError) in
                let start = inner.position
                let kind = inner.peekKind()
                switch (kind, needle) {
                case (.string, .varchar):
                    let token = try inner.scanString()
                    if needleBytes.withUnsafeBytes({ inner.stringEquals(token, $0) }) { found = true }
                case (.number, .bigint(let value)):
                    try inner.skipNumber()
                    let text = String(decoding: UnsafeBufferPointer(start: inner.base + start, count: inner.position - start), as: UTF8.self)
                    if let parsed = Int64(text), parsed == value { found = true }
                case (.number, .double(let value)):
                    try inner.skipNumber()
                    let token = UnsafeBufferPointer(start: inner.base + start, count: inner.position - start)
                    let isFloat = token.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }
                    if isFloat, let parsed = Double(String(decoding: token, as: UTF8.self)), parsed.isFinite, parsed == value {
                        found = true
                    }
                case (.true, .boolean(let value)):
                    try inner.skipValue()
                    if value { found = true }
                case (.false, .boolean(let value)):
                    try inner.skipValue()
                    if !value { found = true }
                default:
                    try inner.skipValue()
                }
                if found { throw JSONError(.unexpectedEnd, at: inner.position) }  // stop at the first match
            }
        } catch {
            return found ? true : nil
        }
        return false
    }

    public static func evaluate(_ json: String, _ needle: Needle) -> Bool? {
        var json = json
        return json.withUTF8 { evaluate(UnsafeRawBufferPointer($0), needle) }
    }
}
