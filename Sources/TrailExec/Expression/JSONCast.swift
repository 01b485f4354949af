import TrailBase
import TrailColumnar
import TrailFunctions
import TrailJSON

/// CAST between JSON text and SQL values: `CAST(json_parse(x) AS array(varchar))`, `map(varchar, json)`,
/// `CAST(x AS json)`. Also CloudTrail Lake's map view of the request documents.
enum JSONCast {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The value of JSON `text` as `type` (Trino's JSON casts: objects to maps or rows by field name, arrays to
    /// arrays or rows by position, scalars by their text).
    ///
    /// `nestedAsText` keeps an object or array where a varchar is wanted as its JSON text (Lake's map view); CAST
    /// fails there, as Trino does.
    static func value(fromJSON text: [UInt8], as type: LogicalType, nestedAsText: Bool = true) throws -> Value {
        try text.withUnsafeBytes { bytes throws -> Value in
            var cursor = JSONCursor(bytes)
            let result = try read(&cursor, as: type, nestedAsText: nestedAsText)
            guard cursor.peek() == 0 else { throw Failure(description: "Cannot cast to \(type): trailing characters") }
            return result
        }
    }

    static func read(_ cursor: inout JSONCursor, as type: LogicalType, nestedAsText: Bool) throws -> Value {
        let kind = cursor.peekKind()
        if kind == .null {
            try skip(&cursor)
            return .null
        }
        switch type {
        case .array(let element):
            guard kind == .array else { throw Failure(description: "Cannot cast to \(type): not a JSON array") }
            var items: [Value] = []
            var failure: Error?
            try run { () throws(JSONError) in
                try cursor.forEachElement { (_, inner) throws(JSONError) in
                    // A failed read may stop inside the value: skip it whole from its start.
                    let start = inner
                    do { items.append(try read(&inner, as: element, nestedAsText: nestedAsText)) } catch {
                        failure = failure ?? error
                        inner = start
                        try inner.skipValue()
                    }
                }
            }
            if let failure { throw failure }
            return .array(items)
        case .map(let keyType, let valueType):
            guard kind == .object else { throw Failure(description: "Cannot cast to \(type): not a JSON object") }
            var keys: [Value] = []
            var values: [Value] = []
            var failure: Error?
            try run { () throws(JSONError) in
                try cursor.forEachMember { (key, inner) throws(JSONError) in
                    var name: [UInt8] = []
                    inner.appendUnescaped(key, to: &name)
                    let start = inner
                    do {
                        keys.append(try scalar(.bytes(name), as: keyType))
                        values.append(try read(&inner, as: valueType, nestedAsText: nestedAsText))
                    } catch {
                        failure = failure ?? error
                        inner = start
                        try inner.skipValue()
                    }
                }
            }
            if let failure { throw failure }
            return .map(keys: keys, values: values)
        case .row(let fields):
            var items = [Value](repeating: .null, count: fields.count)
            var failure: Error?
            if kind == .object {
                try run { () throws(JSONError) in
                    try cursor.forEachMember { (key, inner) throws(JSONError) in
                        var name: [UInt8] = []
                        inner.appendUnescaped(key, to: &name)
                        let lower = String(decoding: name, as: UTF8.self).lowercased()
                        if let index = fields.firstIndex(where: { $0.name == lower }) {
                            let start = inner
                            do { items[index] = try read(&inner, as: fields[index].type, nestedAsText: nestedAsText) } catch {
                                failure = failure ?? error
                                inner = start
                                try inner.skipValue()
                            }
                        } else {
                            try inner.skipValue()
                        }
                    }
                }
            } else if kind == .array {
                try run { () throws(JSONError) in
                    try cursor.forEachElement { (index, inner) throws(JSONError) in
                        if index < fields.count {
                            let start = inner
                            do { items[index] = try read(&inner, as: fields[index].type, nestedAsText: nestedAsText) } catch {
                                failure = failure ?? error
                                inner = start
                                try inner.skipValue()
                            }
                        } else {
                            try inner.skipValue()
                        }
                    }
                }
            } else {
                throw Failure(description: "Cannot cast to \(type): not a JSON object or array")
            }
            if let failure { throw failure }
            return .row(items)
        case .json:
            var output: [UInt8] = []
            guard JSONTextWriter.writeValue(&cursor, into: &output) else { throw Failure(description: "invalid JSON") }
            return .bytes(output)
        default:
            // A scalar: its text (strings unescaped), then cast like varchar.
            var textValue: [UInt8] = []
            switch kind {
            case .string:
                try run { () throws(JSONError) in
                    let token = try cursor.scanString()
                    cursor.appendUnescaped(token, to: &textValue)
                }
                if type == .boolean || type.isNumeric {
                    // Trino refuses strings for numbers/booleans except via varchar parsing rules; accept the text.
                }
            case .object, .array:
                if type == .varchar && nestedAsText {
                    // Trino's CAST(json AS varchar) fails for objects; Lake's map view keeps nested values as text.
                    var output: [UInt8] = []
                    _ = JSONTextWriter.writeValue(&cursor, into: &output)
                    return .bytes(output)
                }
                throw Failure(description: "Cannot cast JSON \(kind == .object ? "object" : "array") to \(type)")
            default:
                let start = cursor.position
                try skip(&cursor)
                textValue = Array(UnsafeRawBufferPointer(rebasing: cursor.buffer[start..<cursor.position]))
            }
            return try scalar(.bytes(textValue), as: type)
        }
    }

    static func scalar(_ text: Value, as type: LogicalType) throws -> Value {
        guard let bytes = text.bytes else { return .null }
        let string = String(decoding: bytes, as: UTF8.self)
        switch type {
        case .varchar, .unknown: return text
        case .bigint, .integer:
            if let value = Int64(string) { return .int(value) }
            if let value = Double(string), let exact = Int64(exactly: value.rounded()) { return .int(exact) }
            throw Failure(description: "Cannot cast '\(string)' to \(type.description.uppercased())")
        case .double:
            guard let value = Double(string) else { throw Failure(description: "Cannot cast '\(string)' to DOUBLE") }
            return .double(value)
        case .boolean:
            switch string {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: throw Failure(description: "Cannot cast '\(string)' to BOOLEAN")
            }
        default:
            throw Failure(description: "Cannot cast JSON to \(type)")
        }
    }

    static func skip(_ cursor: inout JSONCursor) throws {
        try run { () throws(JSONError) in try cursor.skipValue() }
    }

    static func run(_ body: () throws(JSONError) -> Void) throws {
        do throws(JSONError) {
            try body()
        } catch {
            throw Failure(description: "invalid JSON: \(error)")
        }
    }
}
