import TrailBase
import TrailJSON

/// A CloudWatch Logs filter pattern, parsed once and compiled for matching CloudTrail events.
///
/// ```swift
/// let pattern = try FilterPattern(parsing: #"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#)
/// var values: [JSONValueRef] = []
/// let hit = try pattern.matches(&cursor, values: &values)   // cursor at a record's `{`; consumes the record
/// ```
/// Text patterns (`ERROR`, `"two words"`, `?A ?B`, `-term`) and standalone `%regex%` search the event's raw JSON
/// text, as CloudWatch Logs does with the message it receives; JSON patterns evaluate the event's fields, found in one
/// pass over the record by `paths`. Semantics and their AWS sources: Docs/FilterPatterns.md.
public struct FilterPattern: Sendable, CustomStringConvertible {
    /// What kind of pattern this is (the evaluation strategy).
    public enum Kind: Sendable, Equatable {
        case matchAll, terms, regex, json
    }

    /// The text this pattern was parsed from.
    public let text: String
    /// The syntax tree; `syntax.description` is the canonical spelling.
    public let syntax: FilterPatternSyntax
    public let kind: Kind
    /// The JSON paths a JSON pattern reads (empty for the other kinds): extract them with `paths.extract`, or let
    /// `matches(_:values:)` do it. Keys are matched exactly (case-sensitive), as CloudWatch does.
    public let paths: JSONPathSet
    /// Byte strings that every event this pattern matches contains: in its raw text, or (for JSON patterns) in a
    /// string spelled with `\u` escapes once unescaped; longest first. Empty when there is none to rely on.
    /// `mayMatch(_:)` applies this rule; an engine can use it to skip records, or whole files, with `memchr`.
    public let requiredLiterals: [[UInt8]]
    /// Groups of byte strings of which every matching event contains at least one (in the same sense): the
    /// alternatives of `$.eventName = A || $.eventName = B || …`. Checking one costs a pass per alternative, so
    /// `mayMatch` uses them only on large texts (a whole file), where that is cheaper than parsing.
    public let requiredAlternatives: [[[UInt8]]]
    /// Legal constructs that probably do not do what was meant (see `FilterPatternWarning`).
    public let warnings: [FilterPatternWarning]

    /// Required literals that hold without the `\u` caveat (text patterns search the raw text themselves).
    private let requiredLiteralsAreRaw: Bool
    private let termProgram: TermProgram
    private let regex: CompiledRegex?
    private let json: JSONProgram?

    /// Parses and compiles `text`. Never traps: any input either compiles or throws an error pointing into it.
    public init(parsing text: String) throws(FilterPatternError) {
        var parser = Parser(text)
        let syntax = try parser.parse()
        self.text = text
        self.syntax = syntax
        self.warnings = parser.warnings
        var termProgram = TermProgram()
        var regex: CompiledRegex?
        var json: JSONProgram?
        var clauses: [[[UInt8]]] = []
        var raw = false
        switch syntax {
        case .matchAll:
            kind = .matchAll
        case .terms(let terms):
            kind = .terms
            termProgram = TermProgram(terms)
            clauses = RequiredLiterals.of(termProgram)
            raw = true
        case .regex(let source):
            kind = .regex
            regex = try CompiledRegex(source: Array(source.source.utf8)[...], offset: 1)
        case .json(let condition):
            kind = .json
            let program = JSONProgram(condition)
            json = program
            clauses = RequiredLiterals.of(condition)
        }
        self.termProgram = termProgram
        self.regex = regex
        self.json = json
        self.paths = JSONPathSet(json?.paths ?? [], caseInsensitiveKeys: false)
        let longestFirst: ([UInt8], [UInt8]) -> Bool = {
            $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1)
        }
        self.requiredLiterals = clauses.filter { $0.count == 1 }.map { $0[0] }.sorted(by: longestFirst)
        self.requiredAlternatives = clauses.filter { $0.count > 1 }.map { $0.sorted(by: longestFirst) }
            .sorted { $0.count < $1.count }
        self.requiredLiteralsAreRaw = raw
    }

    /// The canonical spelling of the pattern (parsing it gives an equal `syntax`).
    public var description: String { syntax.description }

    // MARK: matching

    /// Whether the event whose bytes are `record` matches.
    ///
    /// JSON patterns read the record with the cursor (whitespace around it is allowed) and throw on malformed JSON or
    /// on text after the value. Text patterns search exactly these bytes, as the message CloudWatch would receive
    /// (so `record` may be any text, and should not carry whitespace that is not part of the event); they never throw.
    public func matches(record: UnsafeRawBufferPointer) throws(JSONError) -> Bool {
        switch kind {
        case .matchAll:
            return true
        case .terms:
            return termProgram.matches(record)
        case .regex:
            guard let base = record.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { regex!.matches($0.baseAddress!, 0) }
            }
            return regex!.matches(base, record.count)
        case .json:
            var cursor = JSONCursor(record)
            var values: [JSONValueRef] = []
            let result = try matches(&cursor, values: &values)
            cursor.skipWhitespace()
            if !cursor.isAtEnd { throw JSONError(.trailingContent, at: cursor.position, byte: cursor.current) }
            return result
        }
    }

    /// Whether the record at the cursor (at its `{`, possibly after whitespace) matches; the cursor ends after the
    /// record. `values` is caller-owned scratch reused across records, so a record costs no allocation (except to
    /// unescape very long escaped strings, and only for patterns that compare them).
    public func matches(_ cursor: inout JSONCursor, values: inout [JSONValueRef]) throws(JSONError) -> Bool {
        switch kind {
        case .matchAll:
            try cursor.skipValue()
            return true
        case .terms, .regex:
            _ = cursor.peek()
            let start = cursor.position
            try cursor.skipValue()
            let text = UnsafeRawBufferPointer(start: cursor.base + start, count: cursor.position - start)
            if kind == .terms { return termProgram.matches(text) }
            return regex!.matches(cursor.base + start, cursor.position - start)
        case .json:
            try paths.extract(&cursor, into: &values)
            return try json!.evaluate(values, cursor.buffer)
        }
    }

    /// Convenience for tests and tools: matches one event given as JSON text.
    public func matches(json event: String) throws(JSONError) -> Bool {
        let bytes = Array(event.utf8)
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(JSONError) in try matches(record: buffer) } }
        return try result.get()
    }

    /// False only when no event contained in `text` can match: a required literal (or every alternative of a group)
    /// occurs neither in the raw text nor, for JSON patterns, in a string of it spelled with `\u` escapes. `text`
    /// may be one record or many (a whole file): false is exact ("none of them can match"), true promises nothing.
    public func mayMatch(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        let raw = requiredLiteralsAreRaw
        func occurs(_ literal: [UInt8]) -> Bool {
            literal.withUnsafeBufferPointer { literal in
                if Bytes.find(literal.baseAddress!, literal.count, in: base, text.count) != nil { return true }
                // A text pattern searches the raw text itself; a JSON value may be spelled with \u escapes.
                return !raw && Bytes.escapedStringsContain(literal, in: base, text.count)
            }
        }
        for literal in requiredLiterals where !occurs(literal) { return false }
        if text.count >= Self.alternativesThreshold {
            for group in requiredAlternatives where !group.contains(where: occurs) { return false }
        }
        return true
    }

    /// Texts from this size up are checked against `requiredAlternatives` too (one pass per alternative costs less
    /// than parsing the text).
    public static let alternativesThreshold = 64 << 10
}

/// Text patterns compiled: byte strings searched in the raw event text.
struct TermProgram: Sendable {
    var required: [[UInt8]] = []
    var optional: [[UInt8]] = []
    var excluded: [[UInt8]] = []

    init() {}

    init(_ terms: [FilterTerm]) {
        for term in terms {
            let bytes = Array(term.text.utf8)
            switch term.mode {
            case .required: required.append(bytes)
            case .optional: optional.append(bytes)
            case .excluded: excluded.append(bytes)
            }
        }
        // AWS: "If you combine '?' with other filter patterns, all question mark terms will be ignored."
        if !required.isEmpty || !excluded.isEmpty { optional = [] }
    }

    /// A blank term (empty or whitespace only) occurs in every event: AWS documents `" "` as "match everything".
    static func occurs(_ term: [UInt8], in text: UnsafeRawBufferPointer) -> Bool {
        if term.allSatisfy(\.isPatternWhitespace) { return true }
        return term.withUnsafeBytes { firstRange(of: $0, in: text) != nil }
    }

    func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        for term in required where !Self.occurs(term, in: text) { return false }
        for term in excluded where Self.occurs(term, in: text) { return false }
        if !optional.isEmpty {
            return optional.contains { Self.occurs($0, in: text) }
        }
        return true
    }
}

/// Which literals every match must contain, as clauses: each clause is a set of byte strings of which every matching
/// event contains at least one (see `FilterPattern.requiredLiterals` and `requiredAlternatives`).
enum RequiredLiterals {
    /// Clauses with more alternatives than this are dropped (checking them would cost more than parsing).
    static let maxAlternatives = 32

    /// A literal can be relied on only if its bytes have no short JSON escape (`\" \\ \/ \b \f \n \r \t`): then the
    /// only other spelling of the same value in an event is with `\u`, which `mayMatch` checks for.
    static func usable(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x2F }
    }

    static func of(_ terms: TermProgram) -> [[[UInt8]]] {
        let blank: ([UInt8]) -> Bool = { $0.allSatisfy(\.isPatternWhitespace) }  // blank terms always occur
        var clauses = terms.required.filter { !blank($0) }.map { [$0] }
        if !terms.optional.isEmpty, !terms.optional.contains(where: blank) {
            clauses.append(simplified(terms.optional))
        }
        return clauses.filter { !$0.isEmpty && $0.count <= maxAlternatives }
    }

    static func of(_ condition: JSONCondition) -> [[[UInt8]]] {
        var unique: [[[UInt8]]] = []
        for clause in clauses(condition) where !unique.contains(clause) { unique.append(clause) }
        return unique
    }

    private static func clauses(_ condition: JSONCondition) -> [[[UInt8]]] {
        switch condition {
        case .and(let operands):
            return operands.flatMap(clauses)
        case .or(let operands):
            // Each operand implies its own strongest clause, so the disjunction implies their union.
            var alternatives: [[UInt8]] = []
            for operand in operands {
                // The strongest: fewest alternatives, then the longest shortest alternative (rarer in text).
                let best = clauses(operand).min {
                    $0.count != $1.count ? $0.count < $1.count : ($0.map(\.count).min() ?? 0) > ($1.map(\.count).min() ?? 0)
                }
                guard let best else { return [] }
                alternatives += best
            }
            let clause = simplified(alternatives)
            return clause.count <= maxAlternatives ? [clause] : []
        case .test(_, .compare(.equal, .string(let text))):
            if let literal = text.literalText {
                let bytes = Array(literal.utf8)
                return usable(bytes) ? [[bytes]] : []
            }
            return Glob(text).pieces.filter(usable).max { $0.count < $1.count }.map { [[$0]] } ?? []
        case .test:
            return []
        }
    }

    /// Without duplicates, and without strings that contain another alternative (that one occurs whenever they do).
    private static func simplified(_ alternatives: [[UInt8]]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for candidate in alternatives.sorted(by: { $0.count < $1.count }) {
            let implied = result.contains { shorter in
                candidate.withUnsafeBufferPointer { c in
                    shorter.withUnsafeBufferPointer { s in Bytes.find(s.baseAddress!, s.count, in: c.baseAddress!, c.count) != nil }
                }
            }
            if !implied { result.append(candidate) }
        }
        return result
    }
}
