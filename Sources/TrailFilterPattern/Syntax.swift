import TrailBase

/// The parsed form of a CloudWatch Logs filter pattern, before compilation.
///
/// Equality ignores how the pattern was spelled (whitespace, redundant parentheses, quotes around plain words):
/// `description` prints one canonical spelling, and parsing that spelling gives back an equal value.
public enum FilterPatternSyntax: Hashable, Sendable, CustomStringConvertible {
    /// The empty pattern, or `""` / `" "`: every event matches.
    case matchAll
    /// Terms searched in the event's raw text: `ERROR`, `"two words"`, `?ERROR ?WARN`, `ERROR -Exiting`.
    case terms([FilterTerm])
    /// A standalone `%regex%` searched in the event's raw text.
    case regex(RegexSyntax)
    /// A JSON pattern `{ … }` evaluated on the event's fields.
    case json(JSONCondition)

    public var description: String {
        switch self {
        case .matchAll: return "\"\""
        case .terms(let terms): return terms.map(\.description).joined(separator: " ")
        case .regex(let regex): return regex.description
        case .json(let condition): return "{ \(condition) }"
        }
    }
}

/// One term of a text pattern.
public struct FilterTerm: Hashable, Sendable, CustomStringConvertible {
    public enum Mode: Hashable, Sendable {
        /// Plain term: must occur.
        case required
        /// `?term`: at least one of the optional terms must occur (ignored when mixed with other terms, as documented).
        case optional
        /// `-term`: must not occur.
        case excluded
    }

    public var mode: Mode
    /// The text searched for, exactly (case-sensitive, as UTF-8 bytes).
    public var text: String

    public init(_ text: String, mode: Mode = .required) {
        self.text = text
        self.mode = mode
    }

    public var description: String {
        let prefix: String
        switch mode {
        case .required: prefix = ""
        case .optional: prefix = "?"
        case .excluded: prefix = "-"
        }
        return prefix + Printer.term(text)
    }
}

/// The boolean expression inside `{ … }`. `&&` binds tighter than `||`; parentheses only group.
public indirect enum JSONCondition: Hashable, Sendable, CustomStringConvertible {
    case and([JSONCondition])
    case or([JSONCondition])
    case test(PropertySelector, JSONTest)

    public var description: String { Printer.condition(self, parentIsAnd: false) }
}

/// What a condition checks about the value(s) a selector designates.
public enum JSONTest: Hashable, Sendable, CustomStringConvertible {
    case compare(ComparisonOperator, ComparisonValue)
    /// `IS NULL`: the field exists and is JSON `null`.
    case isNull
    /// `IS TRUE`: the field is the JSON boolean `true`.
    case isTrue
    /// `IS FALSE`: the field is the JSON boolean `false`.
    case isFalse
    /// `NOT EXISTS`: the selector designates no value at all (a `null` value exists).
    case notExists

    public var description: String {
        switch self {
        case .compare(let op, let value): return "\(op) \(value)"
        case .isNull: return "IS NULL"
        case .isTrue: return "IS TRUE"
        case .isFalse: return "IS FALSE"
        case .notExists: return "NOT EXISTS"
        }
    }
}

public enum ComparisonOperator: String, Hashable, Sendable, CustomStringConvertible, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    public var description: String { rawValue }
    /// `=` and `!=` apply to strings and numbers; the others to numbers only.
    public var isEquality: Bool { self == .equal || self == .notEqual }
}

/// The right-hand side of a comparison.
public enum ComparisonValue: Hashable, Sendable, CustomStringConvertible {
    /// A string, quoted or not, possibly with `*` wildcards (`AccessDenied*`, `"*.8xlarge"`).
    case string(TextPattern)
    /// An unquoted number (`400`, `-1.5E-2`, `+1000`): compared numerically with JSON numbers.
    case number(NumberLiteral)
    /// `%regex%`: searched in the value's text.
    case regex(RegexSyntax)

    public var description: String {
        switch self {
        case .string(let text): return text.description
        case .number(let number): return number.text
        case .regex(let regex): return regex.description
        }
    }
}

/// A string value: literal pieces and `*` wildcards (a literal `*` is written `\*`).
public struct TextPattern: Hashable, Sendable, CustomStringConvertible {
    public enum Part: Hashable, Sendable {
        case literal(String)
        case wildcard
    }

    /// Normalised: no empty literals, no two adjacent literals, no two adjacent wildcards.
    public private(set) var parts: [Part]

    public init(parts: [Part]) {
        var normalised: [Part] = []
        for part in parts {
            switch (part, normalised.last) {
            case (.literal(let text), _) where text.isEmpty: continue
            case (.literal(let text), .literal(let previous)?): normalised[normalised.count - 1] = .literal(previous + text)
            case (.wildcard, .wildcard?): continue
            default: normalised.append(part)
            }
        }
        self.parts = normalised
    }

    public init(literal: String) { self.init(parts: [.literal(literal)]) }

    public var hasWildcard: Bool { parts.contains(.wildcard) }

    /// The literal text when there is no wildcard.
    public var literalText: String? {
        if parts.isEmpty { return "" }
        if parts.count == 1, case .literal(let text) = parts[0] { return text }
        return nil
    }

    public var description: String { Printer.quoted(self) }
}

/// An unquoted number, kept as written (for printing and for comparing with strings) and as a `Double`.
public struct NumberLiteral: Hashable, Sendable {
    public var text: String
    public var value: Double

    public init(text: String, value: Double) {
        self.text = text
        self.value = value
    }
}

/// A `%regex%` as written (without the percent signs); it was validated when parsed.
public struct RegexSyntax: Hashable, Sendable, CustomStringConvertible {
    public var source: String

    public init(source: String) { self.source = source }

    public var description: String { "%\(source)%" }
}

/// A property selector: `$.a.b[0]`, `$.['cluster.name']`, `$.a[*].b`, `$.*`.
public struct PropertySelector: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        /// An object member, by exact (case-sensitive) key.
        case key(String)
        /// An array element, zero-based.
        case index(Int)
        /// `*` / `[*]`: every member of an object or every element of an array.
        case wildcard
    }

    public var components: [Component]

    public init(_ components: [Component]) { self.components = components }

    public var wildcardCount: Int { components.count { $0 == .wildcard } }

    public var description: String { Printer.selector(self) }
}

/// The canonical spelling of every syntax node.
enum Printer {
    static func condition(_ condition: JSONCondition, parentIsAnd: Bool) -> String {
        switch condition {
        case .test(let selector, let test): return "\(selector) \(test)"
        case .and(let operands): return operands.map { self.condition($0, parentIsAnd: true) }.joined(separator: " && ")
        case .or(let operands):
            let text = operands.map { self.condition($0, parentIsAnd: false) }.joined(separator: " || ")
            return parentIsAnd ? "(\(text))" : text
        }
    }

    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { $0.isSelectorNameByte }
    }

    static func selector(_ selector: PropertySelector) -> String {
        var text = "$"
        for (position, component) in selector.components.enumerated() {
            switch component {
            case .key(let key) where isPlainKey(key): text += ".\(key)"
            case .key(let key):
                var escaped = ""
                for scalar in key.unicodeScalars {
                    if scalar == "'" || scalar == "\\" { escaped.append("\\") }
                    escaped.unicodeScalars.append(scalar)
                }
                text += (position == 0 ? ".['" : "['") + escaped + "']"
            case .index(let index): text += "[\(index)]"
            case .wildcard: text += position == 0 ? ".*" : "[*]"
            }
        }
        return text
    }

    /// Words of letters, digits and `_` print bare; anything else is quoted, as the AWS documentation requires.
    static func term(_ text: String) -> String {
        if !text.isEmpty, text.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "_") }) { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { quoted.append("\\") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    /// Strings always print quoted, so that `"400"` (a string) and `400` (a number) stay distinct.
    static func quoted(_ pattern: TextPattern) -> String {
        var text = "\""
        for part in pattern.parts {
            switch part {
            case .wildcard: text += "*"
            case .literal(let literal):
                for scalar in literal.unicodeScalars {
                    if scalar == "\"" || scalar == "\\" || scalar == "*" { text.append("\\") }
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}

extension UInt8 {
    @inline(__always) var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
    /// Bytes of an unbracketed selector name: letters, digits, `_` and `-` (AWS: "alphanumeric strings that support
    /// hyphen and underscore characters").
    @inline(__always) var isSelectorNameByte: Bool {
        isASCIIAlphanumeric || self == UInt8(ascii: "_") || self == UInt8(ascii: "-")
    }
}
