import TrailBase

/// A filter pattern that cannot be parsed: a stable code, the message, the span of the offending text, and a hint.
///
/// `span` holds byte offsets into the pattern text; `rendered(in:)` turns it into `line:column` and a caret line.
public struct FilterPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, documented error code (`E_FILTER_…`). Codes can be added; existing ones never change meaning.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String
    public var span: SourceSpan
    public var help: String?

    public init(code: Code, message: String, span: SourceSpan, help: String? = nil) {
        self.code = code
        self.message = message
        self.span = span
        self.help = help
    }

    public var description: String { "error[\(code)]: \(message)" }

    /// The error as a user sees it: `error[CODE]: message`, `--> line:column`, the pattern line with a caret under
    /// the offending text, and the help line when there is one.
    public func rendered(in pattern: String) -> String {
        let position = LineColumn(offset: span.start, in: pattern)
        let excerpt = pattern.caretExcerpt(for: span)
        var text = "error[\(code)]: \(message)\n --> pattern:\(position)\n  | \(excerpt.line)\n  | \(excerpt.caret)"
        if let help { text += "\n  = help: \(help)" }
        return text
    }
}

extension FilterPatternError.Code {
    /// A token that cannot appear where it is (a stray operator, `==`, a missing `&&`, …).
    public static let unexpectedToken = Self(rawValue: "E_FILTER_UNEXPECTED_TOKEN")
    /// The pattern ended where something was still required (a value after `=`, a closing `}`).
    public static let unexpectedEnd = Self(rawValue: "E_FILTER_UNEXPECTED_END")
    /// A `"…"` (or `'…'` in a selector) without its closing quote.
    public static let unterminatedString = Self(rawValue: "E_FILTER_UNTERMINATED_STRING")
    /// A property selector that is not `$.name…` with names, `[N]`, `['key']` and wildcards.
    public static let badSelector = Self(rawValue: "E_FILTER_BAD_SELECTOR")
    /// A `(` without `)` or a `)` without `(`.
    public static let unbalancedParens = Self(rawValue: "E_FILTER_UNBALANCED_PARENS")
    /// A `%regex%` that uses a construct or character outside CloudWatch's regex subset.
    public static let badRegex = Self(rawValue: "E_FILTER_BAD_REGEX")
    /// A `%regex%` without its closing `%`.
    public static let unterminatedRegex = Self(rawValue: "E_FILTER_UNTERMINATED_REGEX")
    /// A comparison without a value (`{ $.eventName = }`) or with something that is not a value.
    public static let expectedValue = Self(rawValue: "E_FILTER_EXPECTED_VALUE")
    /// `<`, `<=`, `>` or `>=` with a value that is not a number.
    public static let expectedNumber = Self(rawValue: "E_FILTER_EXPECTED_NUMBER")
    /// Text after the end of a complete pattern (`{ … } extra`).
    public static let trailingInput = Self(rawValue: "E_FILTER_TRAILING_INPUT")
    /// Syntax that CloudWatch Logs documents as unsupported (`EXISTS`, `IS NOT`), or that trailsql rejects on
    /// purpose (space-delimited `[…]` patterns, which cannot apply to JSON CloudTrail events).
    public static let unsupported = Self(rawValue: "E_FILTER_UNSUPPORTED")
    /// A documented CloudWatch quota exceeded: one wildcard per selector, three per pattern, two regexes per
    /// JSON pattern; or trailsql's own bound on pattern size.
    public static let quotaExceeded = Self(rawValue: "E_FILTER_QUOTA_EXCEEDED")
}

extension FilterPatternError {
    static func unexpected(_ what: String, at span: SourceSpan, expected: String, help: String? = nil) -> Self {
        Self(code: .unexpectedToken, message: "unexpected \(what); expected \(expected)", span: span, help: help)
    }
}

/// Something legal that probably does not do what its author meant (`$.readOnly = false` never matches the JSON
/// boolean `false`; `?` terms mixed with other terms are ignored). Parsing succeeds; the CLI prints these.
public struct FilterPatternWarning: Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var span: SourceSpan
    public var help: String?

    public init(code: String, message: String, span: SourceSpan, help: String? = nil) {
        self.code = code
        self.message = message
        self.span = span
        self.help = help
    }

    public var description: String { "warning[\(code)]: \(message)" }
}
