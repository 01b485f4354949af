import TrailBase

/// Turns SQL text into tokens, on demand, over its UTF-8 bytes.
///
/// The lexer never throws: text that is no token becomes an `.error` token, and the parser throws that error when it
/// reaches it. This lets the parser re-read raw text where the grammar needs it (an event data store id after FROM
/// may contain `-` or start with `$`) without tripping over an error the tokens there would have raised.
struct Lexer {
    let bytes: [UInt8]
    /// The byte where the next token (or the white space before it) starts.
    var offset = 0

    init(_ sql: String) { bytes = Array(sql.utf8) }

    // MARK: - Tokens

    mutating func next() -> Token {
        if let error = skipTrivia() { return error }
        let count = bytes.count
        guard offset < count else { return Token(kind: .end, span: SourceSpan(count, count)) }
        let start = offset
        let byte = bytes[start]
        if byte.isASCIILetter || byte == UInt8(ascii: "_") {
            let lower = byte | 0x20
            if lower == UInt8(ascii: "u"), peekByte(start + 1) == UInt8(ascii: "&"), peekByte(start + 2) == quote {
                return quoted(from: start, contentStart: start + 3, unicode: true)
            }
            if lower == UInt8(ascii: "x"), peekByte(start + 1) == quote { return binaryString(from: start) }
            return word(from: start)
        }
        if byte.isASCIIDigit || (byte == UInt8(ascii: ".") && (peekByte(start + 1)?.isASCIIDigit ?? false)) {
            return number(from: start)
        }
        switch byte {
        case quote: return quoted(from: start, contentStart: start + 1, unicode: false)
        case doubleQuote: return quotedIdentifier(from: start)
        default: return symbol(from: start)
        }
    }

    private static let quoteByte = UInt8(ascii: "'")
    private var quote: UInt8 { Self.quoteByte }
    private var doubleQuote: UInt8 { UInt8(ascii: "\"") }

    private func peekByte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "_")
    }

    private mutating func word(from start: Int) -> Token {
        var end = start + 1
        while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
        offset = end
        var keyword: Keyword?
        if end - start <= Keyword.longest {
            var lowered: [UInt8] = []
            lowered.reserveCapacity(end - start)
            for index in start..<end { lowered.append(bytes[index].asciiLowercased) }
            keyword = Keyword.lookup(String(decoding: lowered, as: UTF8.self))
        }
        return Token(kind: .word(text(start, end), keyword), span: SourceSpan(start, end))
    }

    // MARK: Numbers

    /// Trino's number and digit-identifier rules, longest match first; on a tie a number wins.
    private mutating func number(from start: Int) -> Token {
        let integer = integerLength(at: start)
        let decimal = decimalLength(at: start)
        let double = doubleLength(at: start)
        let digitWord = digitIdentifierLength(at: start)
        let longest = max(integer, decimal, double, digitWord)
        let end = start + longest
        offset = end
        let text = text(start, end)
        if longest == integer { return Token(kind: .number(text, .integer), span: SourceSpan(start, end)) }
        if longest == decimal { return Token(kind: .number(text, .decimal), span: SourceSpan(start, end)) }
        if longest == double { return Token(kind: .number(text, .double), span: SourceSpan(start, end)) }
        return Token(kind: .word(text, nil), span: SourceSpan(start, end))
    }

    /// Length of `DIGIT ('_'? DIGIT)*` at `index`, or 0.
    private func digitsWithSeparators(at index: Int, accept: (UInt8) -> Bool = { $0.isASCIIDigit }) -> Int {
        guard let first = peekByte(index), accept(first) else { return 0 }
        var end = index + 1
        while let next = peekByte(end) {
            if accept(next) {
                end += 1
            } else if next == UInt8(ascii: "_"), let after = peekByte(end + 1), accept(after) {
                end += 2
            } else {
                break
            }
        }
        return end - index
    }

    private func integerLength(at start: Int) -> Int {
        var best = digitsWithSeparators(at: start)
        if bytes[start] == UInt8(ascii: "0"), let marker = peekByte(start + 1) {
            let accept: (UInt8) -> Bool
            switch marker | 0x20 {
            case UInt8(ascii: "x"): accept = { $0.isASCIIDigit || ($0 | 0x20) &- 0x61 < 6 }
            case UInt8(ascii: "o"): accept = { $0 &- 0x30 < 8 }
            case UInt8(ascii: "b"): accept = { $0 == 0x30 || $0 == 0x31 }
            default: return best
            }
            // ('_'? digit)+ after the marker.
            var end = start + 2
            var digits = 0
            while let next = peekByte(end) {
                if accept(next) {
                    end += 1
                    digits += 1
                } else if next == UInt8(ascii: "_"), let after = peekByte(end + 1), accept(after) {
                    end += 2
                    digits += 1
                } else {
                    break
                }
            }
            if digits > 0 { best = max(best, end - start) }
        }
        return best
    }

    private func decimalLength(at start: Int) -> Int {
        let whole = digitsWithSeparators(at: start)
        if whole > 0 {
            guard peekByte(start + whole) == UInt8(ascii: ".") else { return 0 }
            return whole + 1 + digitsWithSeparators(at: start + whole + 1)
        }
        guard bytes[start] == UInt8(ascii: ".") else { return 0 }
        let fraction = digitsWithSeparators(at: start + 1)
        return fraction > 0 ? 1 + fraction : 0
    }

    private func plainDigits(at index: Int) -> Int {
        var end = index
        while let next = peekByte(end), next.isASCIIDigit { end += 1 }
        return end - index
    }

    private func exponentLength(at index: Int) -> Int {
        guard let e = peekByte(index), e | 0x20 == UInt8(ascii: "e") else { return 0 }
        var end = index + 1
        if let sign = peekByte(end), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { end += 1 }
        let digits = plainDigits(at: end)
        return digits > 0 ? end + digits - index : 0
    }

    private func doubleLength(at start: Int) -> Int {
        var end = start
        let whole = plainDigits(at: start)
        if whole > 0 {
            end += whole
            if peekByte(end) == UInt8(ascii: ".") { end += 1 + plainDigits(at: end + 1) }
        } else {
            guard bytes[start] == UInt8(ascii: ".") else { return 0 }
            let fraction = plainDigits(at: start + 1)
            guard fraction > 0 else { return 0 }
            end += 1 + fraction
        }
        let exponent = exponentLength(at: end)
        return exponent > 0 ? end + exponent - start : 0
    }

    private func digitIdentifierLength(at start: Int) -> Int {
        guard bytes[start].isASCIIDigit else { return 0 }
        var end = start + 1
        while let next = peekByte(end), Self.isWordByte(next) { end += 1 }
        return end - start >= 2 ? end - start : 0
    }

    // MARK: Quoted text

    /// `'…'` or `U&'…'` with `''` for a quote.
    private mutating func quoted(from start: Int, contentStart: Int, unicode: Bool) -> Token {
        var content: [UInt8] = []
        var index = contentStart
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                if peekByte(index + 1) == quote {
                    content.append(quote)
                    index += 2
                    continue
                }
                offset = index + 1
                let value = String(decoding: content, as: UTF8.self)
                return Token(kind: unicode ? .unicodeString(value) : .string(value), span: SourceSpan(start, offset))
            }
            content.append(byte)
            index += 1
        }
        offset = bytes.count
        let error = QueryError(
            .unterminatedString, "this string literal has no closing quote", at: SourceSpan(start, contentStart),
            help: "close it with '; a quote inside a string is written twice: 'it''s'")
        return Token(kind: .error(ParseFailure(error)), span: SourceSpan(start, bytes.count))
    }

    private mutating func binaryString(from start: Int) -> Token {
        var index = start + 2
        while index < bytes.count, bytes[index] != quote { index += 1 }
        guard index < bytes.count else {
            offset = bytes.count
            let error = QueryError(
                .unterminatedString, "this binary literal has no closing quote", at: SourceSpan(start, start + 2),
                help: "close it with ': X'CAFE'")
            return Token(kind: .error(ParseFailure(error)), span: SourceSpan(start, bytes.count))
        }
        offset = index + 1
        return Token(kind: .binaryString(text(start + 2, index)), span: SourceSpan(start, offset))
    }

    private mutating func quotedIdentifier(from start: Int) -> Token {
        var content: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == doubleQuote {
                if peekByte(index + 1) == doubleQuote {
                    content.append(doubleQuote)
                    index += 2
                    continue
                }
                offset = index + 1
                let span = SourceSpan(start, offset)
                if content.isEmpty {
                    let error = QueryError(
                        .emptyIdentifier, "a quoted name cannot be empty", at: span,
                        help: "for an empty string, use single quotes: ''")
                    return Token(kind: .error(ParseFailure(error)), span: span)
                }
                return Token(kind: .quotedIdentifier(String(decoding: content, as: UTF8.self)), span: span)
            }
            content.append(byte)
            index += 1
        }
        offset = bytes.count
        let error = QueryError(
            .unterminatedQuotedIdentifier, "this quoted name has no closing double quote",
            at: SourceSpan(start, start + 1),
            help: "close it with \"; in SQL, 'single quotes' make a string, \"double quotes\" a name")
        return Token(kind: .error(ParseFailure(error)), span: SourceSpan(start, bytes.count))
    }

    // MARK: Symbols

    private mutating func symbol(from start: Int) -> Token {
        let byte = bytes[start]
        let next = peekByte(start + 1)
        func make(_ symbol: Token.Symbol, _ length: Int) -> Token {
            offset = start + length
            return Token(kind: .symbol(symbol), span: SourceSpan(start, start + length))
        }
        switch byte {
        case UInt8(ascii: "("): return make(.leftParen, 1)
        case UInt8(ascii: ")"): return make(.rightParen, 1)
        case UInt8(ascii: "["): return make(.leftBracket, 1)
        case UInt8(ascii: "]"): return make(.rightBracket, 1)
        case UInt8(ascii: ","): return make(.comma, 1)
        case UInt8(ascii: "."): return make(.dot, 1)
        case UInt8(ascii: ";"): return make(.semicolon, 1)
        case UInt8(ascii: "+"): return make(.plus, 1)
        case UInt8(ascii: "-"): return next == UInt8(ascii: ">") ? make(.arrow, 2) : make(.minus, 1)
        case UInt8(ascii: "*"): return make(.star, 1)
        case UInt8(ascii: "/"): return make(.slash, 1)
        case UInt8(ascii: "%"): return make(.percent, 1)
        case UInt8(ascii: "?"): return make(.question, 1)
        case UInt8(ascii: ":"): return make(.colon, 1)
        case UInt8(ascii: "|") where next == UInt8(ascii: "|"): return make(.concat, 2)
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { return make(.doubleEqual, 2) }
            return next == UInt8(ascii: ">") ? make(.fatArrow, 2) : make(.equal, 1)
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { return make(.lessOrEqual, 2) }
            return next == UInt8(ascii: ">") ? make(.notEqual, 2) : make(.less, 1)
        case UInt8(ascii: ">"): return next == UInt8(ascii: "=") ? make(.greaterOrEqual, 2) : make(.greater, 1)
        case UInt8(ascii: "!") where next == UInt8(ascii: "="): return make(.bangEqual, 2)
        default: return unexpectedCharacter(at: start)
        }
    }

    private mutating func unexpectedCharacter(at start: Int) -> Token {
        let length = Self.scalarLength(leadByte: bytes[start])
        let end = min(start + length, bytes.count)
        offset = end
        let character = text(start, end)
        let scalar = character.unicodeScalars.first.map(\.value) ?? 0
        var help: String?
        switch scalar {
        case 0x24: help = "a name containing '$' must be double-quoted, like \"$path\""
        case 0x21: help = "write NOT for negation, and <> or != for inequality"
        case 0x26: help = "combine conditions with AND"
        case 0x7C: help = "combine conditions with OR (|| joins strings)"
        case 0x7B, 0x7D: help = "braces are not SQL; a CloudWatch Logs filter pattern goes to `trailsql filter`"
        case 0x23: help = "SQL comments start with -- or /*"
        case 0x60:
            help = "queries quote names with double quotes (\"name\"); backquotes are only for Athena DDL"
        case 0x2018, 0x2019, 0x201C, 0x201D:
            help = "typographic quotes are not SQL quotes: 'single quotes' make a string, \"double quotes\" a name"
        case 0xFF01...0xFF5E:
            let ascii = Character(Unicode.Scalar(UInt8(scalar - 0xFEE0)))
            help = "'\(character)' is a full-width character; use the ASCII '\(ascii)'"
        case 0x80...:
            var nameEnd = end
            while nameEnd < bytes.count, bytes[nameEnd] >= 0x80 || Self.isWordByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = text(start, nameEnd)
            help = "unquoted names are ASCII letters, digits and '_'; double-quote any other name: \"\(name)\""
        default: break
        }
        let shown = scalar < 0x20 || scalar == 0x7F ? "U+\(String(scalar, radix: 16, uppercase: true))" : character
        let error = QueryError(
            .unexpectedCharacter, "unexpected character '\(shown)'", at: SourceSpan(start, end), help: help)
        return Token(kind: .error(ParseFailure(error)), span: SourceSpan(start, end))
    }

    private static func scalarLength(leadByte: UInt8) -> Int {
        switch leadByte {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    // MARK: Trivia

    /// Skips white space and comments; returns an error token for a comment that never ends.
    private mutating func skipTrivia() -> Token? {
        let count = bytes.count
        while offset < count {
            let byte = bytes[offset]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                offset += 1
            case UInt8(ascii: "-") where peekByte(offset + 1) == UInt8(ascii: "-"):
                offset += 2
                while offset < count, bytes[offset] != 0x0A { offset += 1 }
            case UInt8(ascii: "/") where peekByte(offset + 1) == UInt8(ascii: "*"):
                let start = offset
                offset += 2
                while offset < count, !(bytes[offset] == UInt8(ascii: "*") && peekByte(offset + 1) == UInt8(ascii: "/"))
                {
                    offset += 1
                }
                guard offset < count else {
                    let error = QueryError(
                        .unterminatedComment, "this comment has no closing */", at: SourceSpan(start, start + 2),
                        help: "close it with */")
                    return Token(kind: .error(ParseFailure(error)), span: SourceSpan(start, count))
                }
                offset += 2
            case 0xC2 where peekByte(offset + 1) == 0xA0:  // U+00A0 no-break space
                offset += 2
            case 0xE3 where peekByte(offset + 1) == 0x80 && peekByte(offset + 2) == 0x80:  // U+3000 ideographic space
                offset += 3
            case 0xEF where peekByte(offset + 1) == 0xBB && peekByte(offset + 2) == 0xBF:  // U+FEFF byte order mark
                offset += 3
            case 0xE2
            where peekByte(offset + 1) == 0x80 && (peekByte(offset + 2).map { $0 <= 0x8A || $0 == 0xAF } ?? false):
                offset += 3  // U+2000…U+200A, U+202F
            default:
                return nil
            }
        }
        return nil
    }

    // MARK: - Event data store ids

    /// Reads a CloudTrail Lake event data store id at `start` and moves past it: segments of letters, digits and `_`
    /// joined by single `-` (`EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE`, a UUID), or a `$NAME` placeholder. Returns nil,
    /// and moves nothing, when the text there is not one (a plain name has no `-`).
    mutating func eventDataStoreID(at start: Int) -> Token? {
        var end = start
        if peekByte(start) == UInt8(ascii: "$") {
            end += 1
            while let next = peekByte(end), Self.isWordByte(next) { end += 1 }
            guard end > start + 1 else { return nil }
        } else {
            while let next = peekByte(end), Self.isWordByte(next) { end += 1 }
            guard end > start else { return nil }
            var segments = 1
            while peekByte(end) == UInt8(ascii: "-"), let after = peekByte(end + 1), Self.isWordByte(after) {
                end += 1
                while let next = peekByte(end), Self.isWordByte(next) { end += 1 }
                segments += 1
            }
            guard segments > 1 else { return nil }
        }
        offset = end
        return Token(kind: .eventDataStore(text(start, end)), span: SourceSpan(start, end))
    }
}
