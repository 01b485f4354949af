import TrailJSON

/// `json_size(json, json_path) → bigint`: the number of members or elements of the value the path selects; 0 for a
/// scalar (including `null`); NULL when the path is missing or the JSON is invalid.
///
///     json_size('{"x": {"a": 1, "b": 2}}', '$.x')   -- 2
///     json_size('{"x": [1, 2, 3]}', '$.x')          -- 3
///     json_size('{"x": {"a": 1, "b": 2}}', '$.x.a') -- 0
public enum JSONSize {
    public static func evaluate(_ json: UnsafeRawBufferPointer, _ path: JSONPathExpression) -> Int64? {
        var cursor = JSONCursor(json)
        guard path.locate(in: &cursor) else { return nil }
        var count: Int64 = 0
        do throws(JSONError) {
            switch cursor.peekKind() {
            case .object:
                try cursor.forEachMember { (_, inner) throws(JSONError) in
                    count += 1
                    try inner.skipValue()
                }
            case .array:
                try cursor.forEachElement { (_, inner) throws(JSONError) in
                    count += 1
                    try inner.skipValue()
                }
            case .missing:
                return nil
            default:
                try cursor.skipValue()
            }
        } catch {
            return nil
        }
        return count
    }

    public static func evaluate(_ json: String, _ path: JSONPathExpression) -> Int64? {
        var json = json
        return json.withUTF8 { evaluate(UnsafeRawBufferPointer($0), path) }
    }
}
