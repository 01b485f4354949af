/// A Trino regular expression (Java pattern syntax) compiled once for Swift's standard-library `Regex`, matching on
/// Unicode code points (not grapheme clusters), with `\b` on simple `\w`/`\W` transitions as Java and Joni do.
///
/// Java-only syntax is translated: `\cX` and octal `\0nnn` become `\x{…}`, `\pL` becomes `\p{L}`, `\Q…\E` is
/// quoted character by character, a `]` first in a class is literal, and `$` (without any `(?m)` in the pattern)
/// becomes `\Z` so it also matches before a final line terminator. What cannot be translated fails with a clear
/// message: lookbehind (`(?<=…)`, `(?<!…)`, unsupported by Swift's engine), Java-only properties
/// (`\p{javaLowerCase}`), Unicode blocks (`\p{InGreek}`), the `(?u)` and `(?d)` flags (unsupported by Trino too),
/// and escapes Java does not define (`\y`, `\K`, `\g`).
///
/// Known differences: patterns using `\b` or `\B` match on grapheme clusters (see `init`); `.` also excludes `\r`, U+2028 and U+2029 (Trino excludes only `\n`); matching from a start
/// position (`regexp_position` with `start > 1`) sees that position as the subject start for `^`, `\A` and `\b`.
///
///     let regex = try CompiledRegex(javaPattern: "aws-cli/([0-9.]+)")
///     regex.groupCount   // 1
public struct CompiledRegex: @unchecked Sendable {
    // `Regex` is an immutable value whose lazily built program is initialised thread-safely, but it does not
    // declare `Sendable`; hence the unchecked conformance.
    let regex: Regex<AnyRegexOutput>
    /// The pattern as written (Java syntax).
    public let pattern: String
    /// Capturing groups, named ones included, as Java numbers them.
    public let groupCount: Int
    /// Named groups and their numbers.
    public let groupNames: [String: Int]

    public init(javaPattern: String, function: String = "regexp_like") throws(FunctionError) {
        var translator = JavaPatternTranslator(pattern: javaPattern, function: function)
        let translated = try translator.translate()
        do {
            // Swift 6.3's simple word boundaries treat digits as non-word characters under code-point semantics
            // (`\b\d+\b` never matches), so patterns with `\b` or `\B` match on grapheme clusters, where the
            // boundary is right; the two differ only around combining marks and `\r\n`.
            let semantics: RegexSemanticLevel = translator.usesWordBoundary ? .graphemeCluster : .unicodeScalar
            regex = try Regex<AnyRegexOutput>(translated).matchingSemantics(semantics).wordBoundaryKind(.simple)
        } catch {
            throw FunctionError(function: function, message: "Invalid regular expression '\(javaPattern)': \(error)")
        }
        pattern = javaPattern
        groupCount = translator.groupCount
        groupNames = translator.groupNames
    }

    /// Trino's check on a group argument.
    func validate(group: Int64, function: String) throws(FunctionError) -> Int {
        if group < 0 { throw FunctionError(function: function, message: "Group cannot be negative") }
        if group > Int64(groupCount) {
            throw FunctionError(function: function, message: "Pattern has \(groupCount) groups. Cannot access group \(group)")
        }
        return Int(group)
    }
}

/// Rewrites Java regex syntax into the syntax Swift's `Regex` parses, counting groups on the way.
struct JavaPatternTranslator {
    let scalars: [Unicode.Scalar]
    let pattern: String
    let function: String
    var position = 0
    var output = ""
    var groupCount = 0
    var groupNames: [String: Int] = [:]
    var classDepth = 0
    var usesWordBoundary = false

    init(pattern: String, function: String) {
        self.pattern = pattern
        self.scalars = Array(pattern.unicodeScalars)
        self.function = function
    }

    func failure(_ message: String) -> FunctionError {
        FunctionError(function: function, message: "Invalid regular expression '\(pattern)': \(message)")
    }

    /// Escapes Java defines (besides non-letters, which always quote themselves).
    static let javaEscapeLetters = Set("tnrfaedDsSwWhHvVRXbBAGZzpPkNxu".unicodeScalars)

    mutating func translate() throws(FunctionError) -> String {
        let hasMultilineFlag = Self.hasMultilineFlag(scalars)
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "\\":
                try translateEscape()
            case "[":
                output.unicodeScalars.append("[")
                classDepth += 1
                if position < scalars.count, scalars[position] == "^" {
                    output.unicodeScalars.append("^")
                    position += 1
                }
                if position < scalars.count, scalars[position] == "]" {
                    output += "\\]"
                    position += 1
                }
            case "]" where classDepth > 0:
                classDepth -= 1
                output.unicodeScalars.append("]")
            case "-" where classDepth > 0, "~" where classDepth > 0:
                // Swift reads `--` and `~~` in a class as set operators; Java reads a range or literals.
                output.unicodeScalars.append(scalar)
                if position < scalars.count, scalars[position] == scalar {
                    output += "\\" + String(scalar)
                    position += 1
                }
            case "$" where classDepth == 0 && !hasMultilineFlag:
                output += "\\Z"
            case "(" where classDepth == 0:
                try translateGroupOpening()
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    mutating func translateGroupOpening() throws(FunctionError) {
        output.unicodeScalars.append("(")
        guard position < scalars.count, scalars[position] == "?" else {
            groupCount += 1
            return
        }
        let next = position + 1 < scalars.count ? scalars[position + 1] : nil
        let afterNext = position + 2 < scalars.count ? scalars[position + 2] : nil
        if next == "<" && (afterNext == "=" || afterNext == "!") {
            throw failure("lookbehind is not supported")
        }
        if next == "<" {
            var end = position + 2
            var name = ""
            while end < scalars.count, scalars[end] != ">" {
                name.unicodeScalars.append(scalars[end])
                end += 1
            }
            groupCount += 1
            if groupNames[name] != nil { throw failure("named capturing group <\(name)> is already defined") }
            groupNames[name] = groupCount
            return
        }
        // Inline flags: `(?idmsux-idmsux)` or `(?flags:…)`.
        var index = position + 1
        while index < scalars.count, scalars[index].properties.isAlphabetic || scalars[index] == "-" {
            if scalars[index] == "u" || scalars[index] == "d" {
                throw failure("the (?\(scalars[index])) flag is not supported")
            }
            index += 1
        }
    }

    mutating func translateEscape() throws(FunctionError) {
        guard position < scalars.count else {
            throw failure("unexpected end of pattern after '\\'")
        }
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "Q":
            // Quote up to `\E` (or the end) character by character.
            while position < scalars.count {
                if scalars[position] == "\\", position + 1 < scalars.count, scalars[position + 1] == "E" {
                    position += 2
                    return
                }
                appendLiteral(scalars[position])
                position += 1
            }
        case "E":
            return  // a stray `\E` is ignored by Java
        case "c":
            guard position < scalars.count else { throw failure("illegal control escape sequence") }
            let control = scalars[position].value ^ 0x40
            position += 1
            appendCodePoint(control)
        case "0":
            var value: UInt32 = 0
            var digits = 0
            while digits < 3, position < scalars.count, let digit = octalValue(scalars[position]) {
                if digits == 2 && value > 0o37 { break }  // Java: \0mnn needs m <= 3
                value = value * 8 + digit
                digits += 1
                position += 1
            }
            guard digits > 0 else { throw failure("illegal octal escape sequence") }
            appendCodePoint(value)
        case "b", "B":
            usesWordBoundary = true
            output += "\\" + String(scalar)
        case "p", "P":
            if position < scalars.count, scalars[position] != "{" {
                output += "\\" + String(scalar) + "{" + String(scalars[position]) + "}"
                position += 1
            } else {
                output += "\\" + String(scalar)
            }
        default:
            if scalar.properties.isAlphabetic && scalar.isASCII && !Self.javaEscapeLetters.contains(scalar) {
                throw failure("illegal/unsupported escape sequence '\\\(scalar)'")
            }
            output += "\\" + String(scalar)
        }
    }

    func octalValue(_ scalar: Unicode.Scalar) -> UInt32? {
        scalar.value >= 0x30 && scalar.value <= 0x37 ? scalar.value - 0x30 : nil
    }

    mutating func appendCodePoint(_ value: UInt32) {
        output += "\\x{" + String(value, radix: 16) + "}"
    }

    mutating func appendLiteral(_ scalar: Unicode.Scalar) {
        if scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
            appendCodePoint(scalar.value)  // punctuation, space and controls: unambiguous in and out of classes
        } else {
            output.unicodeScalars.append(scalar)
        }
    }

    /// Whether any inline flag group mentions `m`, after which `$` keeps Swift's (line-end) meaning.
    static func hasMultilineFlag(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "(", scalars[index + 1] == "?" {
                var flagIndex = index + 2
                while flagIndex < scalars.count, scalars[flagIndex].properties.isAlphabetic || scalars[flagIndex] == "-" {
                    if scalars[flagIndex] == "m" { return true }
                    flagIndex += 1
                }
            }
            index += 1
        }
        return false
    }
}

extension CompiledRegex {
    /// Appends one replacement for `match` (Trino's rules: `$n` takes the longest group number that exists, `${name}`
    /// a named group, `\c` the character `c`; a group that did not take part adds nothing).
    func appendReplacement(
        _ replacement: [Unicode.Scalar], replacementText: String, match: Regex<AnyRegexOutput>.Match, in subject: String,
        to output: inout [UInt8], function: String
    ) throws(FunctionError) {
        func illegal(_ detail: String? = nil) -> FunctionError {
            FunctionError(function: function, message: "Illegal replacement sequence: " + (detail ?? replacementText))
        }
        func appendGroup(_ group: Int) {
            if let range = match.output[group].range { output.append(contentsOf: subject.utf8[range]) }
        }
        var index = 0
        while index < replacement.count {
            let scalar = replacement[index]
            index += 1
            if scalar == "$" {
                guard index < replacement.count else { throw illegal() }
                if replacement[index] == "{" {
                    var name = ""
                    index += 1
                    while index < replacement.count, replacement[index] != "}" {
                        name.unicodeScalars.append(replacement[index])
                        index += 1
                    }
                    index += 1
                    guard let group = groupNames[name] else { throw illegal("unknown group { \(name) }") }
                    appendGroup(group)
                } else {
                    let digit = replacement[index]
                    guard digit.value >= 0x30 && digit.value <= 0x39 else { throw illegal() }
                    var group = Int(digit.value - 0x30)
                    guard group <= groupCount else { throw illegal("unknown group \(group)") }
                    index += 1
                    while index < replacement.count, replacement[index].value >= 0x30 && replacement[index].value <= 0x39 {
                        let longer = group * 10 + Int(replacement[index].value - 0x30)
                        if longer > groupCount { break }
                        group = longer
                        index += 1
                    }
                    appendGroup(group)
                }
            } else {
                var literal = scalar
                if scalar == "\\" {
                    guard index < replacement.count else { throw illegal() }
                    literal = replacement[index]
                    index += 1
                }
                output.append(contentsOf: String(literal).utf8)
            }
        }
    }
}

/// Decodes a varchar value for matching; invalid UTF-8 is repaired with U+FFFD.
@inline(__always) func subjectString(_ value: UnsafeRawBufferPointer) -> String {
    String(decoding: value.bindMemory(to: UInt8.self), as: UTF8.self)
}
