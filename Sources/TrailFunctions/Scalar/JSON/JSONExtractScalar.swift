import TrailJSON

/// `json_extract_scalar(json, json_path) → varchar`: the scalar the path selects, as text.
///
/// A string is unescaped, a number is returned as written, booleans as `true`/`false`. Objects, arrays, JSON `null`,
/// a missing path and invalid JSON before the value are NULL (Trino: "The value referenced by json_path must be a
/// scalar (boolean, number or string)").
///
///     json_extract_scalar('{"bucketName":"b"}', '$.bucketName')   -- 'b'
///     json_extract_scalar('[1, 2, 3]', '$[2]')                    -- '3'
public enum JSONExtractScalar {
    /// Appends the result to `output`; returns false for NULL (nothing appended).
    public static func evaluate(_ json: UnsafeRawBufferPointer, _ path: JSONPathExpression, into output: inout [UInt8]) -> Bool {
        var cursor = JSONCursor(json)
        return evaluate(at: &cursor, path, into: &output)
    }

    /// The same for the JSON text that starts at `cursor`, which may be a value inside a larger text (a record's
    /// member: what the scan does for a pushed-down path). Bytes after the selected value are not read, so with a
    /// non-empty path the result is the one the value's text alone would give.
    public static func evaluate(at cursor: inout JSONCursor, _ path: JSONPathExpression, into output: inout [UInt8]) -> Bool {
        guard path.locate(in: &cursor) else { return false }
        let start = cursor.position
        do throws(JSONError) {
            switch cursor.peekKind() {
            case .string:
                let token = try cursor.scanString()
                cursor.appendUnescaped(token, to: &output)
                return true
            case .number:
                try cursor.skipNumber()
                if path.steps.isEmpty, !JSONExtractScalar.isRootEnd(cursor) { return false }
                output.append(contentsOf: UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start))
                return true
            case .true, .false:
                try cursor.skipValue()
                output.append(contentsOf: UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start))
                return true
            case .null, .object, .array, .missing:
                return false
            }
        } catch {
            return false
        }
    }

    /// Jackson requires whitespace or the end after a number at the root.
    static func isRootEnd(_ cursor: JSONCursor) -> Bool {
        guard cursor.position < cursor.end else { return true }
        let byte = cursor.base[cursor.position]
        return byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Convenience for tests and constant folding.
    public static func evaluate(_ json: String, _ path: JSONPathExpression) -> String? {
        var json = json
        var output: [UInt8] = []
        let isPresent = json.withUTF8 { evaluate(UnsafeRawBufferPointer($0), path, into: &output) }
        return isPresent ? String(decoding: output, as: UTF8.self) : nil
    }
}
