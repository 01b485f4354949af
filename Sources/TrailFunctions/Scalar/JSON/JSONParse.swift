import TrailJSON

/// `json_parse(varchar) → json` and `json_format(json) → varchar`: Trino's canonical JSON text.
///
/// Canonical form, as Trino's sorted Jackson mapper writes it: compact, object keys sorted (by UTF-16 code units, as
/// Java compares strings), a repeated key keeps its last value, strings re-escaped and numbers written as
/// `JSONTextWriter` does. Invalid input throws `Cannot convert value to JSON: '<input>'`. Because a `json` value is
/// held as its canonical text, `json_format` is the identity on what `json_parse` returns.
///
///     json_parse('{"b": 1, "a": [true, null, 1.50]}')   -- {"a":[true,null,1.5],"b":1}
public enum JSONParse {
    indirect enum Node {
        case scalar([UInt8])  // already serialized
        case array([Node])
        case object([(key: [UInt8], value: Node)])
    }

    public static func evaluate(_ text: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(FunctionError) {
        var cursor = JSONCursor(text)
        let failure = FunctionError(
            function: "json_parse", message: "Cannot convert value to JSON: '\(String(decoding: text, as: UTF8.self))'")
        do throws(JSONError) {
            var probe = cursor
            try probe.skipValue()
            let node = try read(&cursor)
            // Trino reads one more token after the value: the end, or any well-formed token, is accepted.
            let next = cursor.peek()
            if next != 0, next != UInt8(ascii: "{"), next != UInt8(ascii: "[") {
                var rest = cursor
                try rest.skipValue()
            }
            write(node, into: &output)
        } catch {
            throw failure
        }
    }

    public static func evaluate(_ text: String) throws(FunctionError) -> String {
        var text = text
        var output: [UInt8] = []
        let result: Result<Void, FunctionError> = text.withUTF8 { buffer in
            do throws(FunctionError) {
                try evaluate(UnsafeRawBufferPointer(buffer), into: &output)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return String(decoding: output, as: UTF8.self)
    }

    /// `json_format(json)`: the JSON text of a `json` value (its canonical text).
    public static func format(_ json: String) -> String { json }

    static func read(_ cursor: inout JSONCursor) throws(JSONError) -> Node {
        switch cursor.peekKind() {
        case .object:
            var members: [(key: [UInt8], value: Node)] = []
            try cursor.forEachMember { (key, inner) throws(JSONError) in
                var name: [UInt8] = []
                inner.appendUnescaped(key, to: &name)
                let value = try read(&inner)
                if let existing = members.firstIndex(where: { $0.key == name }) {
                    members[existing].value = value
                } else {
                    members.append((name, value))
                }
            }
            members.sort { utf16Less($0.key, $1.key) }
            return .object(members)
        case .array:
            var elements: [Node] = []
            try cursor.forEachElement { (_, inner) throws(JSONError) in elements.append(try read(&inner)) }
            return .array(elements)
        default:
            var output: [UInt8] = []
            try JSONTextWriter.write(&cursor, into: &output)
            return .scalar(output)
        }
    }

    static func utf16Less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        String(decoding: a, as: UTF8.self).utf16.lexicographicallyPrecedes(String(decoding: b, as: UTF8.self).utf16)
    }

    static func write(_ node: Node, into output: inout [UInt8]) {
        switch node {
        case .scalar(let bytes): output.append(contentsOf: bytes)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONTextWriter.appendQuoted(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
