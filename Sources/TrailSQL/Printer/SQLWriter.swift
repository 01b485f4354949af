/// Prints the AST as canonical SQL: one line, keywords upper-case, single spaces, the parentheses the precedence table
/// needs and no others, names quoted only when they must be, strings re-escaped.
///
/// The printed text parses back to an equal AST (`parse(print(parse(sql))) == parse(sql)`); tests and the fuzzer
/// check it.
struct SQLWriter {
    private(set) var text = ""

    mutating func write(_ string: String) { text += string }

    // MARK: - Names

    /// Where a name is printed, for the few words that mean something else there when bare.
    enum NameContext {
        case plain
        /// A one-part column reference: `array[1]` and `interval - …` would read as syntax.
        case column
        /// A function name: `row(…)`, `position(…)`, `try_cast(…)` would read as special forms.
        case function
    }

    private static let specialColumnWords: Set<String> = ["array", "interval"]
    private static let specialFunctionWords: Set<String> = [
        "row", "position", "try_cast", "grouping",
    ]

    static func identifier(_ identifier: Identifier, context: NameContext = .plain) -> String {
        let value = identifier.value
        var bare = false
        if let first = value.utf8.first, first.isASCIILetter || first == UInt8(ascii: "_"),
            value.utf8.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "_") })
        {
            let lowered = identifier.normalized
            bare = !Keyword.isReservedWord(lowered)
            switch context {
            case .plain: break
            case .column: if Self.specialColumnWords.contains(lowered) { bare = false }
            case .function: if Self.specialFunctionWords.contains(lowered) { bare = false }
            }
        }
        if bare { return value }
        return "\"" + value.doublingASCII(UInt8(ascii: "\"")) + "\""
    }

    static func string(_ value: String) -> String {
        "'" + value.doublingASCII(UInt8(ascii: "'")) + "'"
    }

    mutating func name(_ identifier: Identifier, _ context: NameContext = .plain) {
        write(Self.identifier(identifier, context: context))
    }

    mutating func qualifiedName(_ name: QualifiedName, _ context: NameContext = .plain) {
        for (index, part) in name.parts.enumerated() {
            if index > 0 { write(".") }
            self.name(part, name.parts.count == 1 ? context : .plain)
        }
    }

    mutating func names(_ identifiers: [Identifier]) {
        write("(")
        for (index, identifier) in identifiers.enumerated() {
            if index > 0 { write(", ") }
            name(identifier)
        }
        write(")")
    }

    /// Writes the elements separated by `, `.
    mutating func list<T>(_ elements: [T], _ body: (inout SQLWriter, T) -> Void) {
        for (index, element) in elements.enumerated() {
            if index > 0 { write(", ") }
            body(&self, element)
        }
    }
}

extension String {
    /// `self` with every ASCII `target` byte doubled, working on UTF-8 bytes: a quote followed by a combining mark
    /// is one `Character` but still a quote to the lexer.
    public func doublingASCII(_ target: UInt8) -> String {
        guard utf8.contains(target) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            bytes.append(byte)
            if byte == target { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
