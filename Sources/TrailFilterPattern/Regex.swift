import TrailBase

/// CloudWatch Logs' regex subset, parsed and compiled to a small NFA that is simulated without backtracking.
///
/// The subset (AWS, "Supported regular expressions (regex) syntax"): letters, digits, the symbols `: _ # = @ / ; , -`
/// (and the space, which AWS's own examples use), the operators `^ $ ? [ ] { } | \ * + .`, the escapes `\d \D \s \S
/// \w \W \xhh` and `\` before an operator or symbol. No parentheses (so `|` only separates whole alternatives), no
/// multi-byte characters. Matching is a search (the regex may match anywhere) unless anchored with `^` / `$`.
///
/// Work is bounded: a match costs O(text scalars × NFA states), and the NFA has at most `maxStates` states, so no
/// pattern can make matching slow (there is no backtracking to blow up).
struct CompiledRegex: Sendable, Hashable {
    /// One position of a branch: a character class read once, optionally, or any number of times; or an anchor.
    struct Item: Sendable, Hashable {
        enum Kind: UInt8, Sendable { case one, optional, star, assertStart, assertEnd }
        var kind: Kind
        var set: CharacterSet128
    }

    /// All branches' items, each branch followed by its accepting state (`kind` ignored, `isAccept` set).
    private(set) var items: [Item] = []
    /// For each state: whether it is a branch's accepting state.
    private(set) var isAccept: [Bool] = []
    /// The first state of each branch.
    private(set) var branchStarts: [Int] = []
    /// The bytes a match can start with at a position other than 0; `startByte` when that is a single byte.
    private(set) var startSet = CharacterSet128.all
    private(set) var startByte: UInt8?

    /// When every alternative is a plain string (`%AUTHORIZED%`, `%AccessDenied|UnauthorizedOperation%`): those
    /// strings, searched with memchr+memcmp instead of running the NFA.
    private(set) var literals: [[UInt8]]?

    static let maxStates = 2_000

    /// A regex that matches nothing (no alternatives).
    static let neverMatches = CompiledRegex()

    private init() {
        startSet = CharacterSet128()
    }

    var stateCount: Int { items.count }

    /// Parses `source` (the text between the percent signs); `offset` is its byte offset in the pattern, for errors.
    init(source: ArraySlice<UInt8>, offset: Int) throws(FilterPatternError) {
        var parser = RegexParser(bytes: source, base: offset)
        let branches = try parser.parse()
        for branch in branches {
            branchStarts.append(items.count)
            for item in branch {
                items.append(item)
                isAccept.append(false)
            }
            items.append(Item(kind: .one, set: CharacterSet128()))
            isAccept.append(true)
            if items.count > Self.maxStates {
                throw FilterPatternError(
                    code: .quotaExceeded, message: "regular expression too large (more than \(Self.maxStates) states)",
                    span: SourceSpan(offset - 1, source.endIndex - source.startIndex + offset + 1),
                    help: "use smaller repetition counts in {m,n}")
            }
        }
        startSet = computeStartSet()
        startByte = startSet.matchesNonASCII ? nil : startSet.singleByte
        var literals: [[UInt8]] = []
        for (index, start) in branchStarts.enumerated() {
            let end = index + 1 < branchStarts.count ? branchStarts[index + 1] - 1 : items.count - 1
            var literal: [UInt8] = []
            for item in items[start..<end] {
                guard item.kind == .one, !item.set.matchesNonASCII, let byte = item.set.singleByte else { break }
                literal.append(byte)
            }
            guard !literal.isEmpty, literal.count == end - start else { break }
            literals.append(literal)
        }
        if literals.count == branchStarts.count { self.literals = literals }
    }

    // MARK: matching

    /// Whether the regex matches somewhere in `count` bytes at `base` (UTF-8 text).
    func matches(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if let literals {
            for literal in literals {
                let found = literal.withUnsafeBufferPointer { Bytes.find($0.baseAddress!, $0.count, in: base, count) != nil }
                if found { return true }
            }
            return false
        }
        let states = items.count
        let words = (states + 63) >> 6
        return items.withUnsafeBufferPointer { items in
            isAccept.withUnsafeBufferPointer { accept in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words * 2) { scratch in
                    let base2 = scratch.baseAddress!
                    var current = base2
                    var next = base2 + words
                    current.update(repeating: 0, count: words)
                    var position = 0
                    while true {
                        // Add every branch's start at this position, then follow empty moves (forward only).
                        for start in branchStarts { current[start >> 6] |= 1 << UInt64(start & 63) }
                        if Self.close(current, items, accept, at: position, count: count) { return true }
                        guard position < count else { return false }
                        // Read one scalar.
                        let lead = base[position]
                        var length = 1
                        if lead >= 0xC0 {
                            length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                            length = min(length, count - position)
                        }
                        let ascii = lead < 0x80
                        next.update(repeating: 0, count: words)
                        var any = false
                        for word in 0..<words {
                            var bits = current[word]
                            while bits != 0 {
                                let state = word << 6 | bits.trailingZeroBitCount
                                bits &= bits &- 1
                                let item = items[state]
                                guard !accept[state] else { continue }
                                switch item.kind {
                                case .one, .optional, .star:
                                    let hit = ascii ? item.set.contains(lead) : item.set.matchesNonASCII
                                    guard hit else { continue }
                                    let target = item.kind == .star ? state : state + 1
                                    next[target >> 6] |= 1 << UInt64(target & 63)
                                    any = true
                                case .assertStart, .assertEnd:
                                    continue
                                }
                            }
                        }
                        position += length
                        swap(&current, &next)
                        if !any {
                            // Nothing in flight: skip to the next byte that could start a match.
                            position = skipToCandidate(base, position, count)
                        }
                    }
                }
            }
        }
    }

    /// Follows the empty moves from every state in `set` (optional and star items may be skipped; anchors hold or
    /// not at `position`). Moves only go from a state to the next one, so one forward pass is complete.
    /// Returns true when an accepting state is reached.
    @inline(__always)
    private static func close(
        _ set: UnsafeMutablePointer<UInt64>, _ items: UnsafeBufferPointer<Item>, _ accept: UnsafeBufferPointer<Bool>,
        at position: Int, count: Int
    ) -> Bool {
        var state = 0
        let states = items.count
        while state < states {
            let word = set[state >> 6]
            if word == 0 {
                state = (state | 63) + 1
                continue
            }
            if word & (1 << UInt64(state & 63)) != 0 {
                if accept[state] { return true }
                let pass: Bool
                switch items[state].kind {
                case .optional, .star: pass = true
                case .assertStart: pass = position == 0
                case .assertEnd: pass = position == count
                case .one: pass = false
                }
                if pass { set[(state + 1) >> 6] |= 1 << UInt64((state + 1) & 63) }
            }
            state += 1
        }
        return false
    }

    /// The first position at or after `position` whose byte some branch can start with (the text end if none).
    @inline(__always)
    private func skipToCandidate(_ base: UnsafePointer<UInt8>, _ position: Int, _ count: Int) -> Int {
        if let byte = startByte {
            guard position < count else { return position }
            return findByte(byte, in: UnsafeRawPointer(base + position), count: count - position).map { position + $0 } ?? count
        }
        var index = position
        while index < count {
            let byte = base[index]
            if byte < 0x80 ? startSet.contains(byte) : startSet.matchesNonASCII { return index }
            index += 1
        }
        return index
    }

    /// The bytes a match can start with at a position other than 0 (where `^` branches cannot start).
    private func computeStartSet() -> CharacterSet128 {
        var set = CharacterSet128()
        for start in branchStarts {
            var state = start
            while !isAccept[state] {
                let item = items[state]
                switch item.kind {
                case .assertStart:
                    state = -1
                case .assertEnd:
                    state += 1
                    continue
                case .one:
                    set.formUnion(item.set)
                case .optional, .star:
                    set.formUnion(item.set)
                    state += 1
                    continue
                }
                break
            }
            if state >= 0, isAccept[state] { return CharacterSet128.all }  // matches the empty string
        }
        return set
    }

}

/// A set of ASCII bytes (two 64-bit words) plus whether it matches every non-ASCII scalar (negated classes do).
struct CharacterSet128: Sendable, Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var matchesNonASCII = false

    static var all: CharacterSet128 { CharacterSet128(low: ~0, high: ~0, matchesNonASCII: true) }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 ? high & (1 << UInt64(byte - 64)) != 0 : matchesNonASCII
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    mutating func insert(_ range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    mutating func formUnion(_ other: CharacterSet128) {
        low |= other.low
        high |= other.high
        matchesNonASCII = matchesNonASCII || other.matchesNonASCII
    }

    var inverted: CharacterSet128 { CharacterSet128(low: ~low, high: ~high, matchesNonASCII: !matchesNonASCII) }

    var singleByte: UInt8? {
        if low.nonzeroBitCount + high.nonzeroBitCount != 1 { return nil }
        return low != 0 ? UInt8(low.trailingZeroBitCount) : UInt8(64 + high.trailingZeroBitCount)
    }

    static let digits: CharacterSet128 = {
        var set = CharacterSet128()
        set.insert(UInt8(ascii: "0")...UInt8(ascii: "9"))
        return set
    }()

    static let word: CharacterSet128 = {
        var set = digits
        set.insert(UInt8(ascii: "a")...UInt8(ascii: "z"))
        set.insert(UInt8(ascii: "A")...UInt8(ascii: "Z"))
        set.insert(UInt8(ascii: "_"))
        return set
    }()

    /// AWS: "Whitespace characters include the tab (\t), space ( ), and newline (\n) characters"; we add \r, \f, \v.
    static let space: CharacterSet128 = {
        var set = CharacterSet128()
        for byte: UInt8 in [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B] { set.insert(byte) }
        return set
    }()
}

/// Recursive-descent parser of the regex subset into branches of items.
struct RegexParser {
    let bytes: ArraySlice<UInt8>
    /// Offset of `bytes.startIndex` in the pattern text.
    let base: Int
    var index: Int

    init(bytes: ArraySlice<UInt8>, base: Int) {
        self.bytes = bytes
        self.base = base
        self.index = bytes.startIndex
    }

    /// Characters allowed anywhere in a regex (AWS lists them; anything else must be written `\xhh`).
    static func isAllowed(_ byte: UInt8) -> Bool {
        if byte.isASCIIAlphanumeric { return true }
        switch byte {
        case UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "#"), UInt8(ascii: "="), UInt8(ascii: "@"),
            UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: " "):
            return true
        case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    func span(_ start: Int, _ end: Int) -> SourceSpan {
        SourceSpan(start - bytes.startIndex + base, end - bytes.startIndex + base)
    }

    func error(_ message: String, _ start: Int, _ end: Int, help: String? = nil) -> FilterPatternError {
        FilterPatternError(code: .badRegex, message: message, span: span(start, max(end, start + 1)), help: help)
    }

    mutating func parse() throws(FilterPatternError) -> [[CompiledRegex.Item]] {
        guard !bytes.isEmpty else {
            throw FilterPatternError(
                code: .badRegex, message: "empty regular expression", span: SourceSpan(base - 1, base + 1),
                help: "write the regular expression between the percent signs, e.g. %Trail%")
        }
        // Check the character set first, so that the error names the character.
        for position in bytes.indices where !Self.isAllowed(bytes[position]) {
            let byte = bytes[position]
            if byte >= 0x80 {
                var end = position + 1
                while end < bytes.endIndex, bytes[end] & 0xC0 == 0x80 { end += 1 }
                throw error(
                    "multi-byte characters are not supported in a regular expression", position, end,
                    help: "CloudWatch regexes are ASCII only; match the bytes around it, or use a quoted string")
            }
            let shown = byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
            let help: String
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") {
                help = "CloudWatch regexes have no groups; use alternatives a|b on the whole expression, or \\x28 / \\x29 for a literal parenthesis"
            } else {
                help = "write it as \\x\(byte < 16 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) (CloudWatch allows only letters, digits, : _ # = @ / ; , - and the regex operators)"
            }
            throw error("character \(shown) is not allowed in a regular expression", position, position + 1, help: help)
        }
        var branches: [[CompiledRegex.Item]] = [[]]
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "|") {
                index += 1
                branches.append([])
                continue
            }
            let atomStart = index
            var atom = try parseAtom()
            // Quantifiers.
            var quantified = false
            while index < bytes.endIndex {
                let next = bytes[index]
                guard next == UInt8(ascii: "?") || next == UInt8(ascii: "*") || next == UInt8(ascii: "+")
                    || next == UInt8(ascii: "{")
                else { break }
                if quantified {
                    // A `?` after a quantifier makes it lazy: the same language, so the same result for a search.
                    if next == UInt8(ascii: "?") {
                        index += 1
                        continue
                    }
                    throw error("nested quantifier", index, index + 1, help: "remove one of the repetition operators")
                }
                guard atom.count == 1, atom[0].kind == .one else {
                    throw error("nothing to repeat before '\(Character(Unicode.Scalar(next)))'", atomStart, index + 1,
                                help: "a quantifier must follow a character, a class or '.'; write \\\(Character(Unicode.Scalar(next))) for a literal")
                }
                let set = atom[0].set
                let quantifierStart = index
                index += 1
                switch next {
                case UInt8(ascii: "?"): atom = [.init(kind: .optional, set: set)]
                case UInt8(ascii: "*"): atom = [.init(kind: .star, set: set)]
                case UInt8(ascii: "+"): atom = [.init(kind: .one, set: set), .init(kind: .star, set: set)]
                default:
                    let (low, high) = try parseBraces(from: quantifierStart)
                    atom = Array(repeating: .init(kind: .one, set: set), count: low)
                    if let high {
                        atom += Array(repeating: .init(kind: .optional, set: set), count: high - low)
                    } else {
                        atom.append(.init(kind: .star, set: set))
                    }
                }
                quantified = true
            }
            branches[branches.count - 1] += atom
            if branches.reduce(0, { $0 + $1.count }) > CompiledRegex.maxStates {
                throw FilterPatternError(
                    code: .quotaExceeded, message: "regular expression too large (more than \(CompiledRegex.maxStates) states)",
                    span: span(atomStart, index), help: "use smaller repetition counts in {m,n}")
            }
        }
        return branches
    }

    /// `{m,n}`, `{m}`, `{m,}`, `{,n}` (spaces allowed around the numbers); the cursor is after `{`.
    mutating func parseBraces(from start: Int) throws(FilterPatternError) -> (Int, Int?) {
        func skipSpaces(_ parser: inout RegexParser) {
            while parser.index < parser.bytes.endIndex, parser.bytes[parser.index] == UInt8(ascii: " ") { parser.index += 1 }
        }
        func number(_ parser: inout RegexParser) throws(FilterPatternError) -> Int? {
            skipSpaces(&parser)
            var value: Int?
            while parser.index < parser.bytes.endIndex, parser.bytes[parser.index].isASCIIDigit {
                value = (value ?? 0) * 10 + Int(parser.bytes[parser.index] - 0x30)
                if value! > CompiledRegex.maxStates {
                    throw FilterPatternError(
                        code: .quotaExceeded, message: "repetition count too large (at most \(CompiledRegex.maxStates))",
                        span: parser.span(start, parser.index + 1), help: nil)
                }
                parser.index += 1
            }
            skipSpaces(&parser)
            return value
        }
        let low = try number(&self)
        var high: Int?
        var hasComma = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ",") {
            hasComma = true
            index += 1
            high = try number(&self)
        } else {
            high = low
        }
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "}") else {
            throw error("malformed repetition; expected {m,n}, {m}, {m,} or {,n}", start, index + 1,
                        help: "write \\{ for a literal brace")
        }
        index += 1
        guard low != nil || (hasComma && high != nil) else {
            throw error("repetition without a count", start, index, help: "write {m,n}, {m}, {m,} or {,n}")
        }
        let lower = low ?? 0
        if let high, high < lower {
            throw error("repetition {\(lower),\(high)} has its maximum below its minimum", start, index,
                        help: "write {m,n} with m <= n")
        }
        return (lower, hasComma ? high : lower)
    }

    /// One atom: a literal, `.`, a class, an escape, or an anchor (as an assertion item).
    mutating func parseAtom() throws(FilterPatternError) -> [CompiledRegex.Item] {
        let byte = bytes[index]
        let start = index
        index += 1
        switch byte {
        case UInt8(ascii: "^"): return [.init(kind: .assertStart, set: CharacterSet128())]
        case UInt8(ascii: "$"): return [.init(kind: .assertEnd, set: CharacterSet128())]
        case UInt8(ascii: "."): return [.init(kind: .one, set: .all)]
        case UInt8(ascii: "["): return [.init(kind: .one, set: try parseClass(from: start))]
        case UInt8(ascii: "\\"): return [.init(kind: .one, set: try parseEscape(from: start, inClass: false))]
        case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            throw error("nothing to repeat before '\(Character(Unicode.Scalar(byte)))'", start, index,
                        help: "write \\\(Character(Unicode.Scalar(byte))) for a literal")
        case UInt8(ascii: "{"):
            throw error("nothing to repeat before '{'", start, index, help: "write \\{ for a literal brace")
        default:
            var set = CharacterSet128()
            set.insert(byte)
            return [.init(kind: .one, set: set)]
        }
    }

    /// A `\` escape; the cursor is after the backslash.
    mutating func parseEscape(from start: Int, inClass: Bool) throws(FilterPatternError) -> CharacterSet128 {
        guard index < bytes.endIndex else {
            throw error("trailing backslash in regular expression", start, index, help: "write \\\\ for a literal backslash")
        }
        let byte = bytes[index]
        index += 1
        var set = CharacterSet128()
        switch byte {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "D"): return CharacterSet128.digits.inverted
        case UInt8(ascii: "w"): return .word
        case UInt8(ascii: "W"): return CharacterSet128.word.inverted
        case UInt8(ascii: "s"): return .space
        case UInt8(ascii: "S"): return CharacterSet128.space.inverted
        case UInt8(ascii: "t"): set.insert(0x09)
        case UInt8(ascii: "n"): set.insert(0x0A)
        case UInt8(ascii: "r"): set.insert(0x0D)
        case UInt8(ascii: "x"):
            guard index + 2 <= bytes.endIndex, let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
                throw error("\\x must be followed by two hexadecimal digits", start, min(index + 2, bytes.endIndex),
                            help: "write \\x3A for ':', \\x28 for '('")
            }
            index += 2
            let value = high << 4 | low
            guard value < 0x80 else {
                throw error("\\x\(String(value, radix: 16, uppercase: true)) is not an ASCII character", start, index,
                            help: "CloudWatch regexes match ASCII characters only (\\x00 to \\x7F)")
            }
            set.insert(value)
        default:
            if byte.isASCIIAlphanumeric {
                throw error("unsupported escape \\\(Character(Unicode.Scalar(byte)))", start, index,
                            help: "CloudWatch supports \\d \\D \\s \\S \\w \\W \\xhh, and \\ before an operator")
            }
            set.insert(byte)  // \. \[ \\ \- … : the character itself
        }
        return set
    }

    /// A bracket class; the cursor is after `[`.
    mutating func parseClass(from start: Int) throws(FilterPatternError) -> CharacterSet128 {
        var set = CharacterSet128()
        var negated = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var first = true
        while true {
            guard index < bytes.endIndex else {
                throw error("unterminated character class", start, index, help: "close it with ']', or write \\[ for a literal")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "]"), !first {
                index += 1
                break
            }
            first = false
            let itemStart = index
            index += 1
            var low: UInt8
            if byte == UInt8(ascii: "\\") {
                let escaped = try parseEscape(from: itemStart, inClass: true)
                guard let single = escaped.singleByte, !escaped.matchesNonASCII else {
                    set.formUnion(escaped)  // \d, \w, \s and their negations
                    continue
                }
                low = single
            } else {
                low = byte
            }
            // A range `a-z` (a '-' before ']' is literal).
            if index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                index += 1
                var high = bytes[index]
                let highStart = index
                index += 1
                if high == UInt8(ascii: "\\") {
                    let escaped = try parseEscape(from: highStart, inClass: true)
                    guard let single = escaped.singleByte, !escaped.matchesNonASCII else {
                        throw error("a class like \\d cannot end a range", itemStart, index, help: "write the class separately: [a-z\\d]")
                    }
                    high = single
                }
                guard low <= high else {
                    throw error("range out of order in character class", itemStart, index, help: "write the lower bound first: [a-z]")
                }
                set.insert(low...high)
            } else {
                set.insert(low)
            }
        }
        return negated ? set.inverted : set
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x37
        case 0x61...0x66: return byte - 0x57
        default: return nil
        }
    }
}
