import TrailColumnar
import TrailFunctions
import TrailJSON

/// `json_extract_scalar(column, path)` read from a record member's raw JSON value (`JSONPathPushdown`), with the
/// answer the function gives on the varchar the decoder would have made of that value (`RecordProjector`):
/// - an object or array becomes compact text, which holds the same members as the raw bytes, so the path is
///   followed in place;
/// - a string becomes its unescaped content, which the function parses as JSON text: the same is done here;
/// - a number or boolean becomes its literal text, which a path with steps cannot enter, and JSON null is NULL.
enum PushedJSONPath {
    static func append(_ cursor: JSONCursor, _ path: JSONPathExpression, to builder: ColumnBuilder) {
        var cursor = cursor
        switch cursor.peekKind() {
        case .object, .array:
            if JSONExtractScalar.evaluate(at: &cursor, path, into: &builder.bytes) { builder.commitString() } else { builder.appendNull() }
        case .string:
            var text: [UInt8] = []
            guard let token = try? cursor.scanString() else { return builder.appendNull() }
            cursor.appendUnescaped(token, to: &text)
            let found = text.withUnsafeBytes { JSONExtractScalar.evaluate($0, path, into: &builder.bytes) }
            if found { builder.commitString() } else { builder.appendNull() }
        case .number, .true, .false, .null, .missing:
            builder.appendNull()
        }
    }
}
