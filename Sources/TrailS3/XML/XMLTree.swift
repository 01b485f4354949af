/// A small XML reader for the documents S3 and STS answer with (ListBucketResult, Error, AssumeRoleResponse):
/// elements, text, entities and CDATA. Attributes, comments, processing instructions and DOCTYPE are skipped.
/// Namespace prefixes are dropped from names (`<s3:Key>` is `Key`).
///
/// Not a validating parser: it builds what it can and reports the byte offset where the input stops making
/// sense, so a garbled response says where it went wrong.
public struct XMLElement: Sendable, Equatable {
    public var name: String
    /// The element's own text (character data directly inside it, entities decoded), not its children's.
    public var text: String
    public var children: [XMLElement]

    public init(name: String, text: String = "", children: [XMLElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child named `name`.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child named `name`, in document order.
    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    public func text(of name: String) -> String? { child(name)?.text }

    /// Follows a path of child names: `element.find("Credentials", "AccessKeyId")`.
    public func find(_ path: String...) -> XMLElement? {
        var element = self
        for name in path {
            guard let next = element.child(name) else { return nil }
            element = next
        }
        return element
    }
}

public struct XMLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { "malformed XML at byte \(offset): \(message)" }
}

public enum XMLTree {
    /// Parses a whole document into its root element.
    public static func parse(_ bytes: [UInt8]) throws(XMLError) -> XMLElement {
        var reader = Reader(bytes: bytes)
        return try reader.document()
    }

    public static func parse(_ text: String) throws(XMLError) -> XMLElement { try parse(Array(text.utf8)) }

    struct Reader {
        let bytes: [UInt8]
        var position = 0
        /// Open elements: name and collected text/children.
        var stack: [XMLElement] = []
        var textBytes: [[UInt8]] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        func fail(_ message: String) -> XMLError { XMLError(message: message, offset: position) }

        mutating func document() throws(XMLError) -> XMLElement {
            var root: XMLElement?
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "<") {
                    if let element = try markup() {
                        if stack.isEmpty {
                            if root != nil { throw fail("a second root element") }
                            root = element
                        }
                    }
                } else {
                    try characterData()
                }
            }
            if let open = stack.last { throw fail("<\(open.name)> is not closed") }
            guard let root else { throw fail("no element") }
            return root
        }

        /// Reads one `<…>` construct. Returns an element when one was completed at the top level.
        mutating func markup() throws(XMLError) -> XMLElement? {
            if starts(with: "<!--") {
                try skip(past: "-->")
                return nil
            }
            if starts(with: "<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>")
                appendText(Array(bytes[start..<position - 3]))
                return nil
            }
            if starts(with: "<?") || starts(with: "<!") {
                try skip(past: ">")
                return nil
            }
            if starts(with: "</") {
                position += 2
                let name = readName()
                try skip(past: ">")
                guard var element = stack.popLast() else { throw fail("</\(name)> closes nothing") }
                guard element.name == name else { throw fail("</\(name)> closes <\(element.name)>") }
                element.text = decodeEntities(textBytes.removeLast())
                if stack.isEmpty { return element }
                stack[stack.count - 1].children.append(element)
                return nil
            }
            position += 1
            let name = readName()
            if name.isEmpty { throw fail("an element without a name") }
            // Attributes are skipped (quoted values may hold '>').
            var selfClosing = false
            while true {
                guard position < bytes.count else { throw fail("<\(name) is not finished") }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    position += 1
                    while position < bytes.count && bytes[position] != byte { position += 1 }
                    guard position < bytes.count else { throw fail("an attribute value is not closed") }
                } else if byte == UInt8(ascii: ">") {
                    selfClosing = position > 0 && bytes[position - 1] == UInt8(ascii: "/")
                    position += 1
                    break
                }
                position += 1
            }
            let element = XMLElement(name: name)
            if selfClosing {
                if stack.isEmpty { return element }
                stack[stack.count - 1].children.append(element)
                return nil
            }
            stack.append(element)
            textBytes.append([])
            return nil
        }

        mutating func characterData() throws(XMLError) {
            let start = position
            while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
            if stack.isEmpty {
                // Only whitespace may stand outside the root.
                if bytes[start..<position].contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) {
                    position = start
                    throw fail("text outside the root element")
                }
                return
            }
            appendRaw(bytes[start..<position])
        }

        /// CDATA is literal: escape the characters entity decoding would touch, so one decoding pass serves both.
        mutating func appendText(_ literal: [UInt8]) {
            var escaped: [UInt8] = []
            for byte in literal {
                if byte == UInt8(ascii: "&") { escaped.append(contentsOf: Array("&amp;".utf8)) } else { escaped.append(byte) }
            }
            appendRaw(escaped[...])
        }

        mutating func appendRaw(_ slice: ArraySlice<UInt8>) {
            guard !textBytes.isEmpty else { return }
            textBytes[textBytes.count - 1].append(contentsOf: slice)
        }

        mutating func readName() -> String {
            var localStart = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    break
                }
                if byte == UInt8(ascii: ":") { localStart = position + 1 }
                position += 1
            }
            return String(decoding: bytes[localStart..<position], as: UTF8.self)
        }

        func starts(with prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            let pointer = prefix.utf8Start
            for offset in 0..<count where bytes[position + offset] != pointer[offset] { return false }
            return true
        }

        mutating func skip(past terminator: StaticString) throws(XMLError) {
            let start = position
            while position < bytes.count {
                if starts(with: terminator) {
                    position += terminator.utf8CodeUnitCount
                    return
                }
                position += 1
            }
            position = start
            throw fail("'\(terminator)' expected")
        }

        /// `&amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;`; an unknown entity is kept as written.
        func decodeEntities(_ raw: [UInt8]) -> String {
            guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var index = 0
            while index < raw.count {
                let byte = raw[index]
                guard byte == UInt8(ascii: "&"), let end = raw[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                    out.append(byte)
                    index += 1
                    continue
                }
                let entity = String(decoding: raw[(index + 1)..<end], as: UTF8.self)
                var scalar: Unicode.Scalar?
                switch entity {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                        scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if entity.hasPrefix("#") {
                        scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                    }
                }
                if let scalar {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index = end + 1
                } else {
                    out.append(byte)
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
