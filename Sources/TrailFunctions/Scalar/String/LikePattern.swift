/// A compiled SQL `LIKE` pattern (`%` any sequence, `_` exactly one character, optional `ESCAPE`), matched against the
/// whole UTF-8 value, case-sensitively, as Trino does. Compile once per query; `matches` does not allocate.
///
/// Patterns that are a literal, `lit%`, `%lit` or `%lit%` take byte fast paths (equality, prefix, suffix, substring);
/// others run a backtracking matcher over code points. Errors are Trino's: `Escape string must be a single
/// character` and `Escape character must be followed by '%', '_' or the escape character`.
///
///     let pattern = try LikePattern(compiling: "Describe%")
///     pattern.matches("DescribeInstances")   // true
public struct LikePattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal([UInt8])
        case anyCharacter
        case anySequence
    }

    enum Shape: Sendable, Hashable {
        case equals([UInt8]), prefix([UInt8]), suffix([UInt8]), contains([UInt8]), general
    }

    let tokens: [Token]
    let shape: Shape

    public init(compiling pattern: String, escape: String? = nil) throws(FunctionError) {
        var escapeScalar: Unicode.Scalar?
        if let escape {
            let scalars = Array(escape.unicodeScalars)
            guard scalars.count == 1 else {
                throw FunctionError(function: "like", message: "Escape string must be a single character")
            }
            escapeScalar = scalars[0]
        }
        var tokens: [Token] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = []
        }
        var escaped = false
        for scalar in pattern.unicodeScalars {
            if escaped {
                guard scalar == "%" || scalar == "_" || scalar == escapeScalar else {
                    throw FunctionError(
                        function: "like", message: "Escape character must be followed by '%', '_' or the escape character")
                }
                literal.append(contentsOf: String(scalar).utf8)
                escaped = false
            } else if scalar == escapeScalar {
                escaped = true
            } else if scalar == "%" {
                flush()
                if tokens.last != .anySequence { tokens.append(.anySequence) }
            } else if scalar == "_" {
                flush()
                tokens.append(.anyCharacter)
            } else {
                literal.append(contentsOf: String(scalar).utf8)
            }
        }
        if escaped {
            throw FunctionError(function: "like", message: "Escape character must be followed by '%', '_' or the escape character")
        }
        flush()
        self.tokens = tokens
        shape = Self.shape(of: tokens)
    }

    static func shape(of tokens: [Token]) -> Shape {
        func literal(_ token: Token) -> [UInt8]? {
            if case .literal(let text) = token { return text }
            return nil
        }
        let isSequence = tokens.map { $0 == .anySequence }
        switch tokens.count {
        case 0: return .equals([])
        case 1: return isSequence[0] ? .contains([]) : literal(tokens[0]).map(Shape.equals) ?? .general
        case 2:
            if let text = literal(tokens[0]), isSequence[1] { return .prefix(text) }
            if isSequence[0], let text = literal(tokens[1]) { return .suffix(text) }
            return .general
        case 3:
            if isSequence[0], isSequence[2], let text = literal(tokens[1]) { return .contains(text) }
            return .general
        default: return .general
        }
    }

    public func matches(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }

    public func matches(_ value: UnsafeRawBufferPointer) -> Bool {
        let bytes = value.bindMemory(to: UInt8.self)
        switch shape {
        case .equals(let text): return bytes.elementsEqual(text)
        case .prefix(let text): return bytes.count >= text.count && bytes.prefix(text.count).elementsEqual(text)
        case .suffix(let text): return bytes.count >= text.count && bytes.suffix(text.count).elementsEqual(text)
        case .contains(let text): return Self.find(text, in: bytes, from: 0) != nil
        case .general: return matchGeneral(bytes)
        }
    }

    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        if needle.isEmpty { return start }
        guard haystack.count - start >= needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Length of the UTF-8 sequence starting with `byte` (1 for stray continuation bytes).
    @inline(__always) static func sequenceLength(_ byte: UInt8) -> Int {
        byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    /// Iterative wildcard matching with single-point backtracking to the last `%`.
    func matchGeneral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var tokenIndex = 0
        var position = 0
        var starToken = -1
        var starPosition = 0
        while true {
            if tokenIndex == tokens.count && position == bytes.count { return true }
            var advanced = false
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .anySequence:
                    starToken = tokenIndex
                    starPosition = position
                    tokenIndex += 1
                    continue
                case .anyCharacter:
                    if position < bytes.count {
                        position = min(bytes.count, position + Self.sequenceLength(bytes[position]))
                        tokenIndex += 1
                        advanced = true
                    }
                case .literal(let text):
                    if bytes.count - position >= text.count,
                        UnsafeBufferPointer(rebasing: bytes[position..<(position + text.count)]).elementsEqual(text)
                    {
                        position += text.count
                        tokenIndex += 1
                        advanced = true
                    }
                }
            }
            if advanced { continue }
            // Mismatch: let the last `%` absorb one more character, or fail.
            guard starToken >= 0, starPosition < bytes.count else { return false }
            starPosition = min(bytes.count, starPosition + Self.sequenceLength(bytes[starPosition]))
            position = starPosition
            tokenIndex = starToken + 1
        }
    }
}
