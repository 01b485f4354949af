import TrailJSON

/// `json_array_length(json) → bigint`: the number of elements of a JSON array; NULL when the text is not an array or
/// is invalid.
///
///     json_array_length('[1, 2, 3]')   -- 3
public enum JSONArrayLength {
    public static func evaluate(_ json: UnsafeRawBufferPointer) -> Int64? {
        var cursor = JSONCursor(json)
        guard cursor.peekKind() == .array else { return nil }
        var count: Int64 = 0
        do throws(JSONError) {
            try cursor.forEachElement { (_, inner) throws(JSONError) in
                count += 1
                try inner.skipValue()
            }
        } catch {
            return nil
        }
        return count
    }

    public static func evaluate(_ json: String) -> Int64? {
        var json = json
        return json.withUTF8 { evaluate(UnsafeRawBufferPointer($0)) }
    }
}
