import TrailJSON

/// A compiled Trino JSON path (the subset `json_extract`, `json_extract_scalar` and `json_size` accept), parsed once.
///
/// Grammar, as Trino's tokenizer reads it: `$` followed by any number of `.name` (letters, digits, `_`, `:`),
/// `[name]` (letters, digits, `_`) or `["quoted"]` (only `\"` and `\\` escapes) steps. A step that reads as a 32-bit
/// integer also indexes arrays (`$.items.0` and `$.items[0]` are the same). Trino has no wildcards, no single-quoted
/// subscripts and no filters here: `$.*`, `$[*]` and `$['a']` are `Invalid JSON path: '…'`.
///
///     let path = try JSONPathExpression(parsing: "$.bucketName")
///     JSONExtractScalar.evaluate(#"{"bucketName":"b"}"#, path)   // "b"
public struct JSONPathExpression: Sendable, Hashable, CustomStringConvertible {
    /// One step: the member name as UTF-8, and the array index it denotes (nil when it is not an integer).
    public struct Step: Sendable, Hashable {
        public var name: [UInt8]
        public var index: Int?
    }

    public let text: String
    public let steps: [Step]

    public var description: String { text }

    public init(parsing text: String) throws(FunctionError) {
        self.text = text
        var steps: [Step] = []
        let scalars = Array(text.unicodeScalars)
        var position = 0
        func invalid() -> FunctionError {
            FunctionError(function: "json_path", message: "Invalid JSON path: '\(text)'")
        }
        guard position < scalars.count, scalars[position] == "$" else { throw invalid() }
        position += 1
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            var name = String.UnicodeScalarView()
            if scalar == "." {
                while position < scalars.count, Self.isUnquotedCharacter(scalars[position]) || scalars[position] == ":" {
                    name.append(scalars[position])
                    position += 1
                }
                guard !name.isEmpty else { throw invalid() }
            } else if scalar == "[" {
                if position < scalars.count, scalars[position] == "\"" {
                    position += 1
                    var closed = false
                    while position < scalars.count {
                        let next = scalars[position]
                        position += 1
                        if next == "\"" {
                            closed = true
                            break
                        }
                        if next == "\\" {
                            guard position < scalars.count, scalars[position] == "\"" || scalars[position] == "\\" else {
                                throw invalid()
                            }
                            name.append(scalars[position])
                            position += 1
                        } else {
                            name.append(next)
                        }
                    }
                    guard closed else { throw invalid() }
                } else {
                    while position < scalars.count, Self.isUnquotedCharacter(scalars[position]) {
                        name.append(scalars[position])
                        position += 1
                    }
                    guard !name.isEmpty else { throw invalid() }
                }
                guard position < scalars.count, scalars[position] == "]" else { throw invalid() }
                position += 1
            } else {
                throw invalid()
            }
            let string = String(name)
            steps.append(Step(name: Array(string.utf8), index: Self.parseJavaInt(string)))
        }
        self.steps = steps
    }

    /// Java's `Character.isLetterOrDigit` or `_`.
    static func isUnquotedCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        if scalar.isASCII { return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return false
        }
    }

    /// `Integer.parseInt`: optional sign, ASCII digits, 32-bit range.
    static func parseJavaInt(_ string: String) -> Int? {
        var bytes = Substring(string).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty, bytes.count <= 11 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        if negative { value = -value }
        guard value >= Int(Int32.min), value <= Int(Int32.max) else { return nil }
        return value
    }
}

extension JSONPathExpression {
    /// Moves `cursor` (at the start of a JSON text) to the first byte of the value the path selects.
    ///
    /// Returns false when the input is empty, the path leads nowhere (missing member, index out of range, a step into
    /// a scalar) or the JSON read before the value is invalid: Trino returns NULL for all of these. Like Trino's
    /// streaming parser, bytes after the selected value are not read.
    public func locate(in cursor: inout JSONCursor) -> Bool {
        if cursor.peekKind() == .missing { return false }
        for step in steps {
            let kind = cursor.peekKind()
            var found = false
            var stop = 0
            if kind == .object {
                step.name.withUnsafeBytes { name in
                    do throws(JSONError) {
                        try cursor.forEachMember { (key, inner) throws(JSONError) in
                            if inner.stringEquals(key, name) {
                                found = true
                                throw JSONError(.unexpectedEnd, at: inner.position)  // stop: the value is here
                            }
                            try inner.skipValue()
                        }
                    } catch {
                        stop = error.offset
                    }
                }
            } else if kind == .array, let index = step.index {
                do throws(JSONError) {
                    try cursor.forEachElement { (elementIndex, inner) throws(JSONError) in
                        if elementIndex == index {
                            found = true
                            throw JSONError(.unexpectedEnd, at: inner.position)
                        }
                        try inner.skipValue()
                    }
                } catch {
                    stop = error.offset
                }
            }
            // Not found: a scalar, a missing member, an index out of range, or invalid JSON.
            guard found else { return false }
            cursor.position = stop
        }
        return true
    }
}
