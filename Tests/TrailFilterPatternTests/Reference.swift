import Foundation
@testable import TrailFilterPattern

// An independent, deliberately simple evaluator of the JSON-pattern semantics: a recursive JSON parser into a tree
// (keeping numbers' text), and a direct walk of the syntax tree. It shares no code with the compiled matcher
// (no JSONCursor, no JSONPathSet, no Glob) except the regex engine, and is used to cross-check it on real events.

indirect enum RefJSON: Sendable {
    case null, bool(Bool), number(String), string([UInt8]), array([RefJSON]), object([(String, RefJSON)])

    /// The last member with this key (duplicate keys: the last one wins).
    func member(_ key: String) -> RefJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }
}

struct RefParser {
    let bytes: [UInt8]
    var index = 0

    static func parse(_ bytes: [UInt8]) -> RefJSON? {
        var parser = RefParser(bytes: bytes)
        return parser.value()
    }

    mutating func ws() { while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 } }

    mutating func value() -> RefJSON? {
        ws()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(String, RefJSON)] = []
            ws()
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object([]) }
            while true {
                ws()
                guard let key = string() else { return nil }
                ws()
                guard bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = value() else { return nil }
                members.append((String(decoding: key, as: UTF8.self), value))
                ws()
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                return nil
            }
        case UInt8(ascii: "["):
            index += 1
            var elements: [RefJSON] = []
            ws()
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array([]) }
            while true {
                guard let value = value() else { return nil }
                elements.append(value)
                ws()
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
                return nil
            }
        case UInt8(ascii: "\""):
            return string().map { .string($0) }
        case UInt8(ascii: "t"): index += 4; return .bool(true)
        case UInt8(ascii: "f"): index += 5; return .bool(false)
        case UInt8(ascii: "n"): index += 4; return .null
        default:
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            return .number(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }

    mutating func hex4() -> UInt32 {
        let text = String(decoding: bytes[index..<index + 4], as: UTF8.self)
        index += 4
        return UInt32(text, radix: 16)!
    }

    mutating func string() -> [UInt8]? {
        guard bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        var scalars = ""
        while bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") {
                let kind = bytes[index + 1]
                index += 2
                switch kind {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "u"):
                    var value = hex4()
                    if (0xD800..<0xDC00).contains(value) {
                        if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            let save = index
                            index += 2
                            let low = hex4()
                            if (0xDC00..<0xE000).contains(low) {
                                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                index = save
                                value = 0xFFFD
                            }
                        } else {
                            value = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(value) {
                        value = 0xFFFD
                    }
                    scalars.unicodeScalars.append(Unicode.Scalar(value)!)
                default: scalars.unicodeScalars.append(Unicode.Scalar(kind))
                }
                continue
            }
            // Copy one UTF-8 sequence as is.
            let start = index
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            scalars += String(decoding: bytes[start..<index], as: UTF8.self)
        }
        index += 1
        return Array(scalars.utf8)
    }
}

enum RefEval {
    static func select(_ components: ArraySlice<PropertySelector.Component>, in value: RefJSON) -> [RefJSON] {
        guard let first = components.first else { return [value] }
        let rest = components.dropFirst()
        switch (first, value) {
        case (.key(let key), .object):
            return value.member(key).map { select(rest, in: $0) } ?? []
        case (.index(let index), .array(let elements)):
            return index < elements.count ? select(rest, in: elements[index]) : []
        case (.wildcard, .object(let members)):
            return members.flatMap { select(rest, in: $0.1) }
        case (.wildcard, .array(let elements)):
            return elements.flatMap { select(rest, in: $0) }
        default:
            return []
        }
    }

    /// `*` globbing by dynamic programming (independent of `Glob`).
    static func glob(_ parts: [TextPattern.Part], _ text: [UInt8]) -> Bool {
        var tokens: [UInt8?] = []  // nil = wildcard
        for part in parts {
            switch part {
            case .wildcard: tokens.append(nil)
            case .literal(let literal): tokens += Array(literal.utf8).map { Optional($0) }
            }
        }
        var row = [Bool](repeating: false, count: text.count + 1)
        row[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: text.count + 1)
            if let byte = token {
                for position in 0..<text.count where row[position] && text[position] == byte { next[position + 1] = true }
            } else {
                var reachable = false
                for position in 0...text.count {
                    reachable = reachable || row[position]
                    next[position] = reachable
                }
            }
            row = next
        }
        return row[text.count]
    }

    static func textMatches(_ value: ComparisonValue, _ text: [UInt8]) -> Bool {
        switch value {
        case .string(let pattern): return glob(pattern.parts, text)
        case .number(let number): return Array(number.text.utf8) == text
        case .regex(let regex):
            let compiled = try! CompiledRegex(source: Array(regex.source.utf8)[...], offset: 0)
            return text.withUnsafeBufferPointer { compiled.matches($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, $0.count) }
        }
    }

    static func test(_ test: JSONTest, _ value: RefJSON) -> Bool {
        switch (test, value) {
        case (.isNull, .null): return true
        case (.isTrue, .bool(true)): return true
        case (.isFalse, .bool(false)): return true
        case (.compare(let op, let literal), .string(let text)):
            guard op.isEquality else { return false }
            return textMatches(literal, text) == (op == .equal)
        case (.compare(let op, let literal), .number(let text)):
            if case .number(let number) = literal {
                let value = Double(text)!
                switch op {
                case .equal: return value == number.value
                case .notEqual: return value != number.value
                case .less: return value < number.value
                case .lessOrEqual: return value <= number.value
                case .greater: return value > number.value
                case .greaterOrEqual: return value >= number.value
                }
            }
            guard op.isEquality else { return false }
            return textMatches(literal, Array(text.utf8)) == (op == .equal)
        default:
            return false
        }
    }

    static func evaluate(_ condition: JSONCondition, _ event: RefJSON) -> Bool {
        switch condition {
        case .and(let operands): return operands.allSatisfy { evaluate($0, event) }
        case .or(let operands): return operands.contains { evaluate($0, event) }
        case .test(let selector, .notExists): return select(selector.components[...], in: event).isEmpty
        case .test(let selector, let test): return select(selector.components[...], in: event).contains { self.test(test, $0) }
        }
    }
}
