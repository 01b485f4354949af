import TrailJSON

/// `json_extract(json, json_path) → json`: the JSON text of the value the path selects, re-serialized compactly as
/// Trino does (see `JSONTextWriter`: strings re-escaped, fractional numbers in Java's double form).
///
/// NULL when the path is missing or the JSON is invalid up to and including the selected value. JSON `null` is the
/// text `null` (not SQL NULL).
///
///     json_extract('{"a":"é"}', '$.a')                 -- "é"
///     json_extract('{"a": {"b": [1, 2]}}', '$.a')      -- {"b":[1,2]}
public enum JSONExtract {
    /// Appends the result to `output`; returns false for NULL.
    public static func evaluate(_ json: UnsafeRawBufferPointer, _ path: JSONPathExpression, into output: inout [UInt8]) -> Bool {
        var cursor = JSONCursor(json)
        guard path.locate(in: &cursor) else { return false }
        let mark = output.count
        guard JSONTextWriter.writeValue(&cursor, into: &output) else {
            output.removeSubrange(mark...)
            return false
        }
        if path.steps.isEmpty, !JSONExtractScalar.isRootEnd(cursor), output[mark] == UInt8(ascii: "-") || (output[mark] >= 0x30 && output[mark] <= 0x39) {
            output.removeSubrange(mark...)
            return false
        }
        return true
    }

    public static func evaluate(_ json: String, _ path: JSONPathExpression) -> String? {
        var json = json
        var output: [UInt8] = []
        let isPresent = json.withUTF8 { evaluate(UnsafeRawBufferPointer($0), path, into: &output) }
        return isPresent ? String(decoding: output, as: UTF8.self) : nil
    }
}
