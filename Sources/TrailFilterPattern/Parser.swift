import TrailBase

/// Parses pattern text into `FilterPatternSyntax`: one pass over the UTF-8 bytes, no separate token list.
///
/// The grammar (see Docs/FilterPatterns.md):
/// ```
/// pattern   := ws* ( json | regex | terms | ε ) ws*
/// json      := '{' or '}'
/// or        := and ( '||' and )*
/// and       := primary ( '&&' primary )*
/// primary   := '(' or ')' | selector test
/// selector  := '$' '.' first rest*      first := name | '*' | bracket      rest := '.' (name | '*' | bracket) | bracket
/// bracket   := '[' ( digits | '*' | quoted-key ) ']'
/// test      := ( '=' | '!=' | '<' | '<=' | '>' | '>=' ) value | IS (NULL | TRUE | FALSE) | NOT EXISTS
/// value     := '"' chars '"' | '%' regex '%' | unquoted
/// terms     := ( ( '?' | '-' )? ( '"' chars '"' | word ) )+
/// ```
struct Parser {
    /// CloudWatch's limit on a filter pattern's length, in characters (PutMetricFilter `filterPattern`: at most 1024).
    static let maxPatternLength = 1024
    /// Deepest parenthesis nesting accepted (bounds the parser's recursion).
    static let maxDepth = 64
    /// AWS: "You can only use up to one wildcard selector in a property selector, and up to three wildcard selectors
    /// in a filter pattern with compound expressions."
    static let maxWildcardsPerSelector = 1
    static let maxWildcardsPerPattern = 3
    /// AWS: "There is a limit of 2 regex for each filter pattern when creating a delimited or JSON filter pattern."
    static let maxRegexesPerJSONPattern = 2

    let bytes: [UInt8]
    var index = 0
    var depth = 0
    var wildcards = 0
    var regexes = 0
    var warnings: [FilterPatternWarning] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    // MARK: helpers

    var atEnd: Bool { index >= bytes.count }
    var current: UInt8 { index < bytes.count ? bytes[index] : 0 }

    func peek(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index].isPatternWhitespace { index += 1 }
    }

    /// A short, printable description of the token at the cursor, for messages.
    func describeToken(at position: Int) -> (String, SourceSpan) {
        guard position < bytes.count else { return ("end of pattern", SourceSpan(bytes.count, bytes.count)) }
        let byte = bytes[position]
        if byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte >= 0x80 {
            var end = position
            while end < bytes.count, end - position < 40,
                bytes[end].isASCIIAlphanumeric || bytes[end] == UInt8(ascii: "_") || bytes[end] >= 0x80
            {
                end += 1
            }
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return ("'\(String(decoding: bytes[position..<end], as: UTF8.self))'", SourceSpan(position, end))
        }
        if byte < 0x20 || byte == 0x7F { return ("control character 0x\(String(byte, radix: 16))", SourceSpan(position, position + 1)) }
        var end = position + 1
        let two = position + 1 < bytes.count ? [byte, bytes[position + 1]] : [byte]
        if two == Array("&&".utf8) || two == Array("||".utf8) || two == Array("!=".utf8) || two == Array("<=".utf8)
            || two == Array(">=".utf8) || two == Array("==".utf8)
        {
            end = position + 2
        }
        return ("'\(String(decoding: bytes[position..<end], as: UTF8.self))'", SourceSpan(position, end))
    }

    func unexpected(at position: Int, expected: String, help: String? = nil) -> FilterPatternError {
        if position >= bytes.count {
            return FilterPatternError(
                code: .unexpectedEnd, message: "unexpected end of pattern; expected \(expected)",
                span: SourceSpan(bytes.count, bytes.count), help: help)
        }
        let (what, span) = describeToken(at: position)
        return .unexpected(what, at: span, expected: expected, help: help)
    }

    // MARK: entry

    mutating func parse() throws(FilterPatternError) -> FilterPatternSyntax {
        if bytes.count > Self.maxPatternLength {
            // The limit counts characters (Unicode scalars), so only long byte strings need counting.
            var scalars = 0
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                scalars += 1
                if scalars > Self.maxPatternLength {
                    throw FilterPatternError(
                        code: .quotaExceeded,
                        message: "pattern is longer than \(Self.maxPatternLength) characters, the most CloudWatch Logs accepts",
                        span: SourceSpan(offset, bytes.count), help: "split it into several filters")
                }
            }
        }
        skipWhitespace()
        guard !atEnd else { return .matchAll }
        switch current {
        case UInt8(ascii: "{"):
            let open = index
            index += 1
            let condition = try parseOr()
            skipWhitespace()
            guard current == UInt8(ascii: "}") else {
                if atEnd {
                    throw FilterPatternError(
                        code: .unexpectedEnd, message: "JSON pattern is not closed; expected '}'",
                        span: SourceSpan(open, open + 1), help: "add '}' at the end of the pattern")
                }
                throw afterCondition()
            }
            index += 1
            skipWhitespace()
            guard atEnd else {
                throw FilterPatternError(
                    code: .trailingInput, message: "unexpected text after the end of the JSON pattern",
                    span: SourceSpan(index, bytes.count),
                    help: "a JSON pattern is a single { … }; combine conditions inside it with && and ||")
            }
            return .json(condition)
        case UInt8(ascii: "["):
            throw FilterPatternError(
                code: .unsupported,
                message: "space-delimited patterns ([field, …]) are not supported for CloudTrail events",
                span: SourceSpan(index, bytes.count),
                help: "CloudTrail events are JSON, not space-separated fields: use a JSON pattern such as "
                    + "{ $.eventName = ConsoleLogin }, or quote the text to search for it: \"[…]\"")
        case UInt8(ascii: "%"):
            let regex = try parseRegexToken()
            skipWhitespace()
            guard atEnd else {
                throw FilterPatternError(
                    code: .trailingInput, message: "unexpected text after the regular expression",
                    span: SourceSpan(index, bytes.count),
                    help: "a %regex% pattern must be the whole pattern; use | inside it for alternatives")
            }
            return .regex(regex.syntax)
        default:
            return try parseTerms()
        }
    }

    /// The error for what follows a complete condition when it is not `&&`, `||`, `)` or `}`.
    func afterCondition() -> FilterPatternError {
        if current == UInt8(ascii: ")") {
            return FilterPatternError(
                code: .unbalancedParens, message: "unmatched ')'", span: SourceSpan(index, index + 1),
                help: "remove it, or add the matching '('")
        }
        if current == UInt8(ascii: "&") || current == UInt8(ascii: "|") {
            return unexpected(at: index, expected: "'&&' or '||'", help: "the logical operators are written && and ||")
        }
        return unexpected(at: index, expected: "'&&', '||' or '}'", help: "join conditions with && or ||")
    }

    // MARK: terms

    mutating func parseTerms() throws(FilterPatternError) -> FilterPatternSyntax {
        var terms: [FilterTerm] = []
        var spans: [SourceSpan] = []
        while true {
            skipWhitespace()
            if atEnd { break }
            let start = index
            var mode = FilterTerm.Mode.required
            if current == UInt8(ascii: "?") || current == UInt8(ascii: "-") {
                // `-term` / `?term`; a space may follow the sign (AWS's older examples write `"ERROR" - "Exiting"`).
                let sign = current
                var next = index + 1
                while next < bytes.count, bytes[next].isPatternWhitespace { next += 1 }
                guard next < bytes.count else {
                    throw FilterPatternError(
                        code: .unexpectedEnd, message: "expected a term after '\(Character(Unicode.Scalar(sign)))'",
                        span: SourceSpan(index, index + 1),
                        help: sign == UInt8(ascii: "-")
                            ? "write -term to exclude events containing term" : "write ?term for an optional term")
                }
                mode = sign == UInt8(ascii: "?") ? .optional : .excluded
                index = next
            }
            let text: String
            if current == UInt8(ascii: "\"") {
                text = try parseQuotedText()
            } else {
                let wordStart = index
                while index < bytes.count, !bytes[index].isPatternWhitespace {
                    if bytes[index] == UInt8(ascii: "\"") {
                        throw FilterPatternError(
                            code: .unexpectedToken, message: "unexpected '\"' inside an unquoted term",
                            span: SourceSpan(index, index + 1),
                            help: "quote the whole term: \"…\" (write \\\" for a quote inside it)")
                    }
                    index += 1
                }
                let word = bytes[wordStart..<index]
                if word.count >= 2, word.first == UInt8(ascii: "%"), word.last == UInt8(ascii: "%") {
                    throw FilterPatternError(
                        code: .unsupported, message: "a %regex% cannot be combined with terms",
                        span: SourceSpan(wordStart, index),
                        help: "a regex pattern must be the whole pattern (or a value in a JSON pattern: { $.field = %…% })")
                }
                text = String(decoding: word, as: UTF8.self)
            }
            terms.append(FilterTerm(text, mode: mode))
            spans.append(SourceSpan(start, index))
        }
        if terms.count == 1, terms[0].mode == .required, terms[0].text.utf8.allSatisfy(\.isPatternWhitespace) {
            return .matchAll
        }
        let hasOptional = terms.contains { $0.mode == .optional }
        let hasOther = terms.contains { $0.mode != .optional }
        if hasOptional, hasOther {
            for (term, span) in zip(terms, spans) where term.mode == .optional {
                warnings.append(FilterPatternWarning(
                    code: "W_FILTER_OPTIONAL_TERM_IGNORED",
                    message: "?\(Printer.term(term.text)) is ignored: optional terms have no effect next to other terms",
                    span: span,
                    help: "AWS: \"If you combine '?' with other filter patterns, all question mark terms will be ignored\""))
            }
        }
        return .terms(terms)
    }

    /// A `"…"` string at the cursor: `\"` and `\\` are escapes, any other backslash is kept as written.
    mutating func parseQuotedText() throws(FilterPatternError) -> String {
        var output: [UInt8] = []
        try scanQuoted { byte, escaped in
            if escaped && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") { output.append(UInt8(ascii: "\\")) }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Walks a string quoted with the byte at the cursor, calling `body(byte, escaped)` for each content byte.
    mutating func scanQuoted(_ body: (UInt8, Bool) -> Void) throws(FilterPatternError) {
        let open = index
        let quote = bytes[index]
        index += 1
        while true {
            guard index < bytes.count else {
                throw FilterPatternError(
                    code: .unterminatedString, message: "unterminated string",
                    span: SourceSpan(open, bytes.count),
                    help: "close it with \(Character(Unicode.Scalar(quote))); write \\\(Character(Unicode.Scalar(quote))) for a quote inside it")
            }
            let byte = bytes[index]
            if byte == quote {
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                body(bytes[index + 1], true)
                index += 2
                continue
            }
            body(byte, false)
            index += 1
        }
    }

    // MARK: JSON conditions

    mutating func parseOr() throws(FilterPatternError) -> JSONCondition {
        var operands = [try parseAnd()]
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "|"), peek(1) == UInt8(ascii: "|") else { break }
            index += 2
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands.flatMap { if case .or(let inner) = $0 { inner } else { [$0] } })
    }

    mutating func parseAnd() throws(FilterPatternError) -> JSONCondition {
        var operands = [try parsePrimary()]
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "&"), peek(1) == UInt8(ascii: "&") else { break }
            index += 2
            operands.append(try parsePrimary())
        }
        return operands.count == 1
            ? operands[0] : .and(operands.flatMap { if case .and(let inner) = $0 { inner } else { [$0] } })
    }

    mutating func parsePrimary() throws(FilterPatternError) -> JSONCondition {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "("):
            let open = index
            depth += 1
            guard depth <= Self.maxDepth else {
                throw FilterPatternError(
                    code: .quotaExceeded, message: "parentheses nested deeper than \(Self.maxDepth) levels",
                    span: SourceSpan(open, open + 1), help: "remove redundant parentheses")
            }
            index += 1
            let inner = try parseOr()
            skipWhitespace()
            guard current == UInt8(ascii: ")") else {
                if atEnd || current == UInt8(ascii: "}") {
                    throw FilterPatternError(
                        code: .unbalancedParens, message: "unclosed '('", span: SourceSpan(open, open + 1),
                        help: "add the matching ')'")
                }
                throw unexpected(at: index, expected: "')', '&&' or '||'", help: "join conditions with && or ||")
            }
            index += 1
            depth -= 1
            return inner
        case UInt8(ascii: ")"):
            throw FilterPatternError(
                code: .unbalancedParens, message: "unexpected ')'; expected a condition", span: SourceSpan(index, index + 1),
                help: "remove it, or write a condition such as $.eventName = ConsoleLogin before it")
        case UInt8(ascii: "$"):
            let selector = try parseSelector()
            let test = try parseTest(selector: selector)
            return .test(selector.selector, test)
        default:
            if current.isASCIILetter || current == UInt8(ascii: "_") || current == UInt8(ascii: ".") {
                var end = index
                while end < bytes.count, bytes[end].isSelectorNameByte || bytes[end] == UInt8(ascii: ".") { end += 1 }
                let name = String(decoding: bytes[index..<end], as: UTF8.self)
                let suggestion = name.hasPrefix(".") ? "$\(name)" : "$.\(name)"
                throw FilterPatternError(
                    code: .badSelector, message: "property selectors start with '$.'", span: SourceSpan(index, end),
                    help: "write \(suggestion)")
            }
            throw unexpected(at: index, expected: "a condition such as $.field = value", help: nil)
        }
    }

    // MARK: selectors

    struct ParsedSelector {
        var selector: PropertySelector
        var span: SourceSpan
    }

    mutating func parseSelector() throws(FilterPatternError) -> ParsedSelector {
        let start = index
        index += 1  // $
        guard current == UInt8(ascii: ".") else {
            let help = current == UInt8(ascii: "[")
                ? "a selector starts with a property: $.name[0] (events are objects, not arrays)"
                : "write $.name"
            throw FilterPatternError(
                code: .badSelector, message: "expected '.' after '$'", span: SourceSpan(start, index + 1), help: help)
        }
        index += 1
        var components: [PropertySelector.Component] = []
        // The first component: a name, `*`, or a bracketed key.
        try parseDotComponent(into: &components, selectorStart: start)
        while true {
            switch current {
            case UInt8(ascii: "."):
                index += 1
                try parseDotComponent(into: &components, selectorStart: start)
            case UInt8(ascii: "["):
                try parseBracket(into: &components, selectorStart: start, allowIndex: true)
            default:
                let span = SourceSpan(start, index)
                // A selector ends at whitespace, an operator or a closing bracket; anything else is a bad name byte.
                if !atEnd, !current.isPatternWhitespace, !current.endsSelector {
                    let (what, badSpan) = describeToken(at: index)
                    throw FilterPatternError(
                        code: .badSelector, message: "\(what) cannot appear in a property name",
                        span: SourceSpan(index, badSpan.end),
                        help: "property names are letters, digits, '_' and '-'; write other keys in brackets: $.['key']")
                }
                let selector = PropertySelector(components)
                let count = selector.wildcardCount
                if count > Self.maxWildcardsPerSelector {
                    throw FilterPatternError(
                        code: .quotaExceeded, message: "a property selector can use at most one wildcard",
                        span: span, help: "CloudWatch Logs allows one wildcard selector per property selector")
                }
                wildcards += count
                if wildcards > Self.maxWildcardsPerPattern {
                    throw FilterPatternError(
                        code: .quotaExceeded, message: "a filter pattern can use at most three wildcard selectors",
                        span: span, help: "CloudWatch Logs allows three wildcard selectors per filter pattern")
                }
                return ParsedSelector(selector: selector, span: span)
            }
        }
    }

    /// After a `.`: a name, `*`, or `['key']` (AWS writes `$.['cluster.name']`).
    mutating func parseDotComponent(into components: inout [PropertySelector.Component], selectorStart: Int) throws(FilterPatternError) {
        if current == UInt8(ascii: "*") {
            index += 1
            components.append(.wildcard)
            return
        }
        if current == UInt8(ascii: "[") {
            try parseBracket(into: &components, selectorStart: selectorStart, allowIndex: false)
            return
        }
        let nameStart = index
        while index < bytes.count, bytes[index].isSelectorNameByte { index += 1 }
        guard index > nameStart else {
            let (what, span) = describeToken(at: index)
            throw FilterPatternError(
                code: .badSelector,
                message: atEnd ? "expected a property name after '.'" : "expected a property name after '.', found \(what)",
                span: SourceSpan(selectorStart, max(span.end, index + 1)),
                help: "property names are letters, digits, '_' and '-'; write other keys in brackets: $.['key']")
        }
        components.append(.key(String(decoding: bytes[nameStart..<index], as: UTF8.self)))
    }

    /// `[N]`, `[*]`, `['key']` or `["key"]`; the cursor is at `[`.
    mutating func parseBracket(
        into components: inout [PropertySelector.Component], selectorStart: Int, allowIndex: Bool
    ) throws(FilterPatternError) {
        let open = index
        index += 1
        switch current {
        case UInt8(ascii: "*"):
            index += 1
            components.append(.wildcard)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            var key: [UInt8] = []
            let quoteStart = index
            do {
                try scanQuoted { byte, escaped in
                    if escaped, byte != UInt8(ascii: "'"), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                        key.append(UInt8(ascii: "\\"))
                    }
                    key.append(byte)
                }
            } catch {
                throw FilterPatternError(
                    code: .unterminatedString, message: "unterminated key in selector", span: SourceSpan(quoteStart, bytes.count),
                    help: "close the key with \(Character(Unicode.Scalar(bytes[quoteStart])))]")
            }
            components.append(.key(String(decoding: key, as: UTF8.self)))
        case 0x30...0x39 where allowIndex:
            var value = 0
            while current.isASCIIDigit {
                value = value * 10 + Int(current - 0x30)
                index += 1
                if value > 1_000_000_000 {
                    throw FilterPatternError(
                        code: .badSelector, message: "array index too large", span: SourceSpan(open, index), help: nil)
                }
            }
            components.append(.index(value))
        default:
            let help = allowIndex
                ? "write [0] for an array element, [*] for every element, or ['key'] for a key with special characters"
                : "write $.['key'] for a key with special characters, or $.name[0] for an array element"
            throw FilterPatternError(
                code: .badSelector,
                message: atEnd ? "unterminated '[' in selector" : "expected an index, '*' or a quoted key after '['",
                span: SourceSpan(open, min(index + 1, bytes.count)), help: help)
        }
        guard current == UInt8(ascii: "]") else {
            throw FilterPatternError(
                code: .badSelector, message: "expected ']' in selector", span: SourceSpan(open, min(index + 1, max(bytes.count, open + 1))),
                help: "close the bracket: [0], [*] or ['key']")
        }
        index += 1
    }

    // MARK: tests and values

    mutating func parseTest(selector: ParsedSelector) throws(FilterPatternError) -> JSONTest {
        skipWhitespace()
        let opStart = index
        let op: ComparisonOperator
        switch current {
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") {
                throw FilterPatternError(
                    code: .unexpectedToken, message: "unexpected '=='", span: SourceSpan(index, index + 2),
                    help: "equality is written with a single '='")
            }
            op = .equal
            index += 1
        case UInt8(ascii: "!"):
            guard peek(1) == UInt8(ascii: "=") else {
                throw FilterPatternError(
                    code: .unexpectedToken, message: "unexpected '!'", span: SourceSpan(index, index + 1),
                    help: "inequality is written '!='; there is no '!' negation in filter patterns")
            }
            op = .notEqual
            index += 2
        case UInt8(ascii: "<"):
            op = peek(1) == UInt8(ascii: "=") ? .lessOrEqual : .less
            index += op == .less ? 1 : 2
        case UInt8(ascii: ">"):
            op = peek(1) == UInt8(ascii: "=") ? .greaterOrEqual : .greater
            index += op == .greater ? 1 : 2
        default:
            if current.isASCIILetter {
                return try parseKeywordTest()
            }
            throw unexpected(at: index, expected: "an operator (=, !=, <, <=, >, >=, IS, NOT EXISTS) after \(selector.selector)")
        }
        let opSpan = SourceSpan(opStart, index)
        skipWhitespace()
        let valueStart = index
        let value = try parseValue(after: op, opSpan: opSpan)
        let valueSpan = SourceSpan(valueStart, index)
        if !op.isEquality {
            guard case .number = value else {
                throw FilterPatternError(
                    code: .expectedNumber, message: "'\(op)' compares numbers, but \(value) is not a number",
                    span: valueSpan, help: "use = or != for strings, wildcards and regexes; write numbers unquoted: \(op) 400")
            }
        }
        if case .string(let text) = value, op.isEquality, let literal = text.literalText,
            bytes[valueStart] != UInt8(ascii: "\""), ["true", "false", "null"].contains(literal.lowercased())
        {
            let keyword = literal.uppercased()
            warnings.append(FilterPatternWarning(
                code: "W_FILTER_KEYWORD_AS_STRING",
                message: "\(selector.selector) \(op) \(literal) compares with the string \"\(literal)\"; it never matches a JSON \(keyword == "NULL" ? "null" : "boolean")",
                span: SourceSpan(opStart, index),
                help: "a JSON boolean or null is matched with IS TRUE, IS FALSE or IS NULL"))
        }
        return .compare(op, value)
    }

    /// `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS` (keywords in any case); `EXISTS` and `IS NOT` are rejected.
    mutating func parseKeywordTest() throws(FilterPatternError) -> JSONTest {
        func word(_ parser: inout Parser) -> (String, SourceSpan) {
            parser.skipWhitespace()
            let start = parser.index
            while parser.index < parser.bytes.count, parser.bytes[parser.index].isASCIILetter { parser.index += 1 }
            return (String(decoding: parser.bytes[start..<parser.index], as: UTF8.self).uppercased(), SourceSpan(start, parser.index))
        }
        let (first, firstSpan) = word(&self)
        switch first {
        case "IS":
            let (second, secondSpan) = word(&self)
            switch second {
            case "NULL": return .isNull
            case "TRUE": return .isTrue
            case "FALSE": return .isFalse
            case "NOT":
                throw FilterPatternError(
                    code: .unsupported, message: "IS NOT is not supported by CloudWatch Logs",
                    span: SourceSpan(firstSpan.start, secondSpan.end),
                    help: "use != with a value, IS TRUE / IS FALSE, or NOT EXISTS for a missing field")
            default:
                throw unexpected(at: secondSpan.start, expected: "NULL, TRUE or FALSE after IS")
            }
        case "NOT":
            let (second, secondSpan) = word(&self)
            guard second == "EXISTS" else { throw unexpected(at: secondSpan.start, expected: "EXISTS after NOT") }
            return .notExists
        case "EXISTS":
            throw FilterPatternError(
                code: .unsupported, message: "EXISTS is not supported by CloudWatch Logs", span: firstSpan,
                help: "to match a field with any string or number value write $.field = *; NOT EXISTS is supported")
        default:
            throw FilterPatternError(
                code: .unexpectedToken, message: "unexpected '\(String(decoding: bytes[firstSpan.start..<firstSpan.end], as: UTF8.self))'; expected an operator",
                span: firstSpan, help: "write =, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS")
        }
    }

    mutating func parseValue(after op: ComparisonOperator, opSpan: SourceSpan) throws(FilterPatternError) -> ComparisonValue {
        switch current {
        case UInt8(ascii: "\""):
            var parts: [TextPattern.Part] = []
            var literal: [UInt8] = []
            try scanQuoted { byte, escaped in
                if byte == UInt8(ascii: "*"), !escaped {
                    parts.append(.literal(String(decoding: literal, as: UTF8.self)))
                    literal.removeAll()
                    parts.append(.wildcard)
                    return
                }
                if escaped, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "*") {
                    literal.append(UInt8(ascii: "\\"))
                }
                literal.append(byte)
            }
            parts.append(.literal(String(decoding: literal, as: UTF8.self)))
            return .string(TextPattern(parts: parts))
        case UInt8(ascii: "%"):
            let regex = try parseRegexToken()
            regexes += 1
            if regexes > Self.maxRegexesPerJSONPattern {
                throw FilterPatternError(
                    code: .quotaExceeded, message: "a JSON filter pattern can use at most two regular expressions",
                    span: regex.span, help: "CloudWatch Logs allows 2 regexes per JSON or space-delimited pattern")
            }
            return .regex(regex.syntax)
        default:
            let start = index
            var parts: [TextPattern.Part] = []
            var literal: [UInt8] = []
            var escapedAny = false
            while index < bytes.count, bytes[index].isUnquotedValueByte {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, !bytes[index + 1].isPatternWhitespace {
                    escapedAny = true
                    literal.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "*") {
                    parts.append(.literal(String(decoding: literal, as: UTF8.self)))
                    literal.removeAll()
                    parts.append(.wildcard)
                } else {
                    literal.append(byte)
                }
                index += 1
            }
            guard index > start else {
                let expected = "a value after '\(op)' (a string, a number, * or %regex%)"
                if atEnd || current == UInt8(ascii: "}") || current == UInt8(ascii: ")") || current == UInt8(ascii: "&")
                    || current == UInt8(ascii: "|")
                {
                    throw FilterPatternError(
                        code: .expectedValue, message: "expected \(expected)",
                        span: atEnd ? SourceSpan(opSpan.start, opSpan.end) : SourceSpan(index, index + 1),
                        help: "write for example \(opSpan.count == 1 && op == .equal ? "= ConsoleLogin" : "\(op) 400") or \(op) \"text with spaces\"")
                }
                throw unexpected(at: index, expected: expected, help: "quote values that contain special characters: \"…\"")
            }
            if !escapedAny, parts.isEmpty, let number = Self.number(bytes[start..<index]) {
                return .number(number)
            }
            parts.append(.literal(String(decoding: literal, as: UTF8.self)))
            return .string(TextPattern(parts: parts))
        }
    }

    /// `[+-]? digits ( '.' digits )? ( [eE] [+-]? digits )?` as a number, or nil.
    static func number(_ text: ArraySlice<UInt8>) -> NumberLiteral? {
        var index = text.startIndex
        let end = text.endIndex
        if index < end, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < end, text[index].isASCIIDigit { index += 1 }
        guard index > digitsStart else { return nil }
        if index < end, text[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end, text[index].isASCIIDigit { index += 1 }
            guard index > fractionStart else { return nil }
        }
        if index < end, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < end, text[index].isASCIIDigit { index += 1 }
            guard index > exponentStart else { return nil }
        }
        guard index == end else { return nil }
        let string = String(decoding: text, as: UTF8.self)
        guard let value = NumberParsing.double(text) else { return nil }
        return NumberLiteral(text: string, value: value)
    }

    struct ParsedRegex {
        var syntax: RegexSyntax
        var span: SourceSpan
    }

    /// `%…%` at the cursor, validated by compiling it.
    mutating func parseRegexToken() throws(FilterPatternError) -> ParsedRegex {
        let open = index
        index += 1
        let contentStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "%") { index += 1 }
        guard index < bytes.count else {
            throw FilterPatternError(
                code: .unterminatedRegex, message: "unterminated regular expression", span: SourceSpan(open, bytes.count),
                help: "close it with '%'; write \\x25 for a literal percent sign")
        }
        let content = bytes[contentStart..<index]
        index += 1
        _ = try CompiledRegex(source: content, offset: contentStart)
        return ParsedRegex(
            syntax: RegexSyntax(source: String(decoding: content, as: UTF8.self)), span: SourceSpan(open, index))
    }
}

extension UInt8 {
    /// Whitespace between tokens: space, tab, newline, carriage return.
    @inline(__always) var isPatternWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }

    /// Bytes that may follow a selector (the start of a test or the end of a condition).
    @inline(__always) var endsSelector: Bool {
        switch self {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ")"),
            UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "|"):
            return true
        default:
            return false
        }
    }

    /// Bytes of an unquoted value: anything but whitespace, control characters and the pattern's punctuation.
    @inline(__always) var isUnquotedValueByte: Bool {
        if self < 0x21 || self == 0x7F { return false }
        switch self {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "%"):
            return false
        default:
            return true
        }
    }
}
