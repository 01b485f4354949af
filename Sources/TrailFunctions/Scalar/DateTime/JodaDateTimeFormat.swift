import TrailBase
/// A Joda-Time `DateTimeFormat` pattern compiled once: the engine behind `format_datetime` and `parse_datetime`
/// (Trino calls `DateTimeFormat.forPattern`) and `date_parse` (Trino builds the same elements from MySQL specifiers
/// with `DateTimeFormatterBuilder`). Written from Joda-Time's documented pattern language and parsing rules; names
/// are English (Trino's default session locale).
///
/// Pattern letters: `G` era, `C` century of era, `Y` year of era, `y` year, `x` week year, `w` week of week year,
/// `e` day of week (1 = Monday), `E` day of week text, `D` day of year, `M` month (`MMM` short, `MMMM` full text),
/// `d` day of month, `a` AM/PM, `K` hour of half day (0–11), `h` clock hour of half day (1–12), `H` hour of day,
/// `k` clock hour of day (1–24), `m` minute, `s` second, `S` fraction of second, `z` zone name, `Z` offset (`+0900`),
/// `ZZ` offset with colon (`+09:00`), `ZZZ` zone id (`UTC`, `+09:00`). Text in `'quotes'` is literal, `''` is a
/// quote, any other non-letter is literal, any other letter is an error (`Illegal pattern component: T`).
///
/// Parsing follows Joda: numbers take up to their maximum digits (a year takes up to 9 unless a number follows it),
/// literals and names match case-insensitively (names full or short, as written, lower or upper case), `yy` pivots
/// on the current year − 30 (and takes any other digit count as a full year), missing fields come from
/// 1970-01-01T00:00 (year 2000 when the largest parsed field is a month, week or day), fields are set from the
/// largest to the smallest, and a value out of range fails with Joda's message (`Cannot parse "…": Value 13 for
/// monthOfYear must be in the range [1,12]`); unparsed text fails with `Invalid format: "…" is malformed at "…"`.
///
/// Zones: fixed offsets and UTC only. Named zones (`America/New_York`, `PST`) need a time-zone database, which
/// trailsql does not carry, so parsing one is an error; printing `z`/`zzzz` gives `UTC`/`Coordinated Universal Time`
/// or the offset id (`+09:00`), as Joda does for fixed zones.
public struct JodaDateTimeFormat: Sendable {
    enum Field: Sendable {
        case era, centuryOfEra, yearOfEra, year, weekyear, weekOfWeekyear, dayOfWeek, dayOfYear, monthOfYear
        case dayOfMonth, halfdayOfDay, hourOfHalfday, clockhourOfHalfday, hourOfDay, clockhourOfDay, minuteOfHour
        case secondOfMinute, millisOfSecond
    }

    enum Element: Sendable {
        case literal([UInt8])
        case number(Field, minDigits: Int, maxDigits: Int, signed: Bool)
        /// `yy`: prints two digits; parses two digits around `pivot` (nil: the current year − 30). A lenient parse
        /// takes any other digit count, or a sign, as the full year.
        case twoDigitYear(Field, pivot: Int?, lenient: Bool)
        case fraction(minDigits: Int, maxDigits: Int)
        case text(Field, long: Bool)
        case offset(separators: Bool)
        case zoneID
        case zoneName(long: Bool)
    }

    let elements: [Element]
    let function: String
    /// An unquoted `z` or `Z`, which Trino refuses for a `timestamp` without a zone.
    let specifiesZone: Bool

    init(elements: [Element], function: String, specifiesZone: Bool) {
        self.elements = elements
        self.function = function
        self.specifiesZone = specifiesZone
    }

    /// Compiles a Joda-Time pattern; `function` names the SQL function in errors.
    public init(pattern: String, function: String) throws(FunctionError) {
        guard !pattern.isEmpty else { throw FunctionError(function: function, message: "Invalid pattern specification") }
        let tokens = Self.tokens(pattern)
        var elements: [Element] = []
        for (index, token) in tokens.enumerated() {
            guard case .letters(let letter, let count) = token else {
                if case .literal(let text) = token, !text.isEmpty { elements.append(.literal(text)) }
                continue
            }
            let nextIsNumeric = index + 1 < tokens.count && tokens[index + 1].isNumeric
            switch letter {
            case UInt8(ascii: "G"): elements.append(.text(.era, long: false))
            case UInt8(ascii: "C"): elements.append(Self.decimal(.centuryOfEra, count, count))
            case UInt8(ascii: "x"), UInt8(ascii: "y"), UInt8(ascii: "Y"):
                if count == 2 {
                    let field: Field = letter == UInt8(ascii: "x") ? .weekyear : .year
                    elements.append(.twoDigitYear(field, pivot: nil, lenient: !nextIsNumeric))
                } else {
                    // Up to 9 digits ("long years"), unless a number follows.
                    let maxDigits = nextIsNumeric ? count : max(count, 9)
                    let field: Field
                    switch letter {
                    case UInt8(ascii: "x"): field = .weekyear
                    case UInt8(ascii: "y"): field = .year
                    default: field = .yearOfEra
                    }
                    elements.append(.number(field, minDigits: count, maxDigits: maxDigits, signed: field != .yearOfEra))
                }
            case UInt8(ascii: "M"):
                if count >= 3 {
                    elements.append(.text(.monthOfYear, long: count >= 4))
                } else {
                    elements.append(Self.decimal(.monthOfYear, count, 2))
                }
            case UInt8(ascii: "d"): elements.append(Self.decimal(.dayOfMonth, count, 2))
            case UInt8(ascii: "a"): elements.append(.text(.halfdayOfDay, long: false))
            case UInt8(ascii: "h"): elements.append(Self.decimal(.clockhourOfHalfday, count, 2))
            case UInt8(ascii: "H"): elements.append(Self.decimal(.hourOfDay, count, 2))
            case UInt8(ascii: "k"): elements.append(Self.decimal(.clockhourOfDay, count, 2))
            case UInt8(ascii: "K"): elements.append(Self.decimal(.hourOfHalfday, count, 2))
            case UInt8(ascii: "m"): elements.append(Self.decimal(.minuteOfHour, count, 2))
            case UInt8(ascii: "s"): elements.append(Self.decimal(.secondOfMinute, count, 2))
            case UInt8(ascii: "S"): elements.append(.fraction(minDigits: count, maxDigits: min(count, 18)))  // Joda's cap
            case UInt8(ascii: "e"): elements.append(Self.decimal(.dayOfWeek, count, 1))
            case UInt8(ascii: "E"): elements.append(.text(.dayOfWeek, long: count >= 4))
            case UInt8(ascii: "D"): elements.append(Self.decimal(.dayOfYear, count, 3))
            case UInt8(ascii: "w"): elements.append(Self.decimal(.weekOfWeekyear, count, 2))
            case UInt8(ascii: "z"): elements.append(.zoneName(long: count >= 4))
            case UInt8(ascii: "Z"): elements.append(count <= 2 ? .offset(separators: count == 2) : .zoneID)
            default:
                let component = String(repeating: String(UnicodeScalar(letter)), count: count)
                throw FunctionError(function: function, message: "Illegal pattern component: \(component)")
            }
        }
        guard !elements.isEmpty else {
            throw FunctionError(function: function, message: "Both printing and parsing not supported")
        }
        self.init(elements: elements, function: function, specifiesZone: Self.specifiesZone(pattern))
    }

    static func decimal(_ field: Field, _ minDigits: Int, _ maxDigits: Int) -> Element {
        .number(field, minDigits: minDigits, maxDigits: max(minDigits, maxDigits), signed: false)
    }

    enum Token {
        case letters(UInt8, Int)
        case literal([UInt8])

        /// Joda's look-ahead test: a numeric field right after a year limits the year's digits.
        var isNumeric: Bool {
            guard case .letters(let letter, let count) = self else { return false }
            if letter == UInt8(ascii: "M") { return count <= 2 }
            return "cCxyYdhHmsSeDFwWkK".utf8.contains(letter)
        }
    }

    /// Splits a pattern into runs of one ASCII letter and literal text (quotes removed, `''` kept as `'`).
    static func tokens(_ pattern: String) -> [Token] {
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.isASCII, UInt8(scalar.value).isASCIILetter {
                var count = 1
                while index + count < scalars.count, scalars[index + count] == scalar { count += 1 }
                tokens.append(.letters(UInt8(scalar.value), count))
                index += count
                continue
            }
            var text: [UInt8] = []
            var quoted = false
            while index < scalars.count {
                let character = scalars[index]
                if character == "'" {
                    if index + 1 < scalars.count, scalars[index + 1] == "'" {
                        index += 1
                        text.append(UInt8(ascii: "'"))
                    } else {
                        quoted.toggle()
                    }
                } else if !quoted, character.isASCII, UInt8(character.value).isASCIILetter {
                    break
                } else {
                    text.append(contentsOf: String(character).utf8)
                }
                index += 1
            }
            tokens.append(.literal(text))
        }
        return tokens
    }

    /// Trino's check for `format_datetime(timestamp, …)`: an unquoted `z` or `Z` anywhere in the pattern.
    static func specifiesZone(_ pattern: String) -> Bool {
        var quoted = false
        for byte in pattern.utf8 {
            if quoted {
                if byte == UInt8(ascii: "'") { quoted = false }
                continue
            }
            if byte == UInt8(ascii: "z") || byte == UInt8(ascii: "Z") { return true }
            if byte == UInt8(ascii: "'") { quoted = true }
        }
        return false
    }
}

// MARK: - Printing

extension JodaDateTimeFormat {
    /// Formats `value` in its own zone (a `timestamp` without zone prints its wall-clock fields; a pattern with `z`
    /// or `Z` is then refused, as in Trino).
    public func format(_ value: Timestamp) throws(FunctionError) -> String {
        if value.zone == nil && specifiesZone {
            throw FunctionError(
                function: function,
                message: "format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not contain TZ information")
        }
        let fields = value.fields
        let zone = value.zone ?? .utc
        var output: [UInt8] = []
        output.reserveCapacity(32)
        for element in elements {
            switch element {
            case .literal(let bytes):
                output.append(contentsOf: bytes)
            case .number(let field, let minDigits, _, _):
                Self.appendPadded(Self.value(of: field, fields), minDigits: minDigits, to: &output)
            case .twoDigitYear(let field, _, _):
                Self.appendPadded(abs(Self.value(of: field, fields)) % 100, minDigits: 2, to: &output)
            case .fraction(let minDigits, let maxDigits):
                Self.appendFraction(fields.millisecond, minDigits: minDigits, maxDigits: maxDigits, to: &output)
            case .text(let field, let long):
                let name = Self.names(field)[Self.value(of: field, fields) - Self.firstValue(field)]
                output.append(contentsOf: (long ? name : Self.shortName(field, name)).utf8)
            case .offset(let separators):
                let magnitude = abs(zone.offsetMinutes)
                output.append(zone.offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                Self.appendPadded(magnitude / 60, minDigits: 2, to: &output)
                if separators { output.append(UInt8(ascii: ":")) }
                Self.appendPadded(magnitude % 60, minDigits: 2, to: &output)
            case .zoneID:
                output.append(contentsOf: zone.description.utf8)
            case .zoneName(let long):
                let name = zone.offsetMinutes == 0 ? (long ? "Coordinated Universal Time" : "UTC") : zone.description
                output.append(contentsOf: name.utf8)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func value(of field: Field, _ fields: Timestamp.Fields) -> Int {
        let year = fields.date.year
        let yearOfEra = year > 0 ? year : 1 - year
        switch field {
        case .era: return year > 0 ? 1 : 0
        case .centuryOfEra: return yearOfEra / 100
        case .yearOfEra: return yearOfEra
        case .year: return year
        case .weekyear: return DateTimeField.isoWeek(dayNumber: fields.dayNumber).year
        case .weekOfWeekyear: return DateTimeField.isoWeek(dayNumber: fields.dayNumber).week
        case .dayOfWeek: return CivilDate.dayOfWeek(dayNumber: fields.dayNumber)
        case .dayOfYear: return fields.date.dayOfYear
        case .monthOfYear: return fields.date.month
        case .dayOfMonth: return fields.date.day
        case .halfdayOfDay: return fields.hour / 12
        case .hourOfHalfday: return fields.hour % 12
        case .clockhourOfHalfday: return fields.hour % 12 == 0 ? 12 : fields.hour % 12
        case .hourOfDay: return fields.hour
        case .clockhourOfDay: return fields.hour == 0 ? 24 : fields.hour
        case .minuteOfHour: return fields.minute
        case .secondOfMinute: return fields.second
        case .millisOfSecond: return fields.millisecond
        }
    }

    /// Java's `FormatUtils.appendPaddedInteger`: a `-` sign, then the magnitude padded with zeros to `minDigits`.
    static func appendPadded(_ value: Int, minDigits: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        let digits = String(value.magnitude).utf8
        if digits.count < minDigits {
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minDigits - digits.count))
        }
        output.append(contentsOf: digits)
    }

    /// Joda's fraction printer: the millisecond fraction scaled to `maxDigits` digits (truncated), trailing zeros
    /// trimmed down to `minDigits`; a zero fraction prints `minDigits` zeros.
    static func appendFraction(_ millisecond: Int, minDigits: Int, maxDigits: Int, to output: inout [UInt8]) {
        if millisecond == 0 {
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, minDigits)))
            return
        }
        var digits = maxDigits
        var scalar: Int64
        while true {
            scalar = 1
            if (1...18).contains(digits) { for _ in 0..<digits { scalar *= 10 } }
            if (1000 &* scalar) / scalar == 1000 { break }
            digits -= 1  // 1000 × 10^digits would overflow
        }
        let text = Array(String(Int64(millisecond) * scalar / 1000).utf8)
        var minimum = minDigits
        var length = text.count
        while length < digits {
            output.append(UInt8(ascii: "0"))
            minimum -= 1
            digits -= 1
        }
        while minimum < digits, length > 1, text[length - 1] == UInt8(ascii: "0") {
            digits -= 1
            length -= 1
        }
        output.append(contentsOf: text[..<length])
    }

    static func names(_ field: Field) -> [String] {
        switch field {
        case .monthOfYear: return DateFormat.months
        case .dayOfWeek: return DateFormat.weekdays
        case .halfdayOfDay: return ["AM", "PM"]
        default: return ["BC", "AD"]
        }
    }

    static func firstValue(_ field: Field) -> Int { field == .monthOfYear || field == .dayOfWeek ? 1 : 0 }

    static func shortName(_ field: Field, _ name: String) -> String {
        field == .monthOfYear || field == .dayOfWeek ? String(name.prefix(3)) : name
    }
}

// MARK: - Parsing

extension JodaDateTimeFormat {
    /// Parses `text` into a `timestamp(3) with time zone` (`parse_datetime`): the zone is the parsed offset (`Z`,
    /// `ZZ`) or zone (`ZZZ`, `z`), else `sessionZone`. `currentYear` is the year the query runs in; Joda pivots
    /// two-digit years (`yy`) on `currentYear - 30`.
    public func parse(_ text: UnsafeRawBufferPointer, sessionZone: TimeZoneOffset = .utc, currentYear: Int)
        throws(FunctionError) -> Timestamp
    {
        let input = text.bindMemory(to: UInt8.self)
        let parsed = try parseFields(input, currentYear: currentYear)
        let zone: TimeZoneOffset
        if let offsetMillis = parsed.offsetMillis {
            guard offsetMillis % 60_000 == 0, abs(offsetMillis) <= 14 * 3_600_000 else {
                throw FunctionError(function: function, message: "Time zone not supported: \(Self.offsetID(offsetMillis))")
            }
            zone = TimeZoneOffset(offsetMinutes: offsetMillis / 60_000)
        } else {
            zone = parsed.isUTCZone ? .utc : sessionZone
        }
        let (utc, overflow) = parsed.localMillis.subtractingReportingOverflow(Int64(zone.offsetMinutes) * 60_000)
        // Trino packs the instant into 52 bits next to the zone key.
        guard !overflow, (utc << 12) >> 12 == utc else {
            throw FunctionError(function: function, message: "Millis overflow: \(utc)")
        }
        return Timestamp(epochMillis: utc, zone: zone)
    }

    public func parse(_ text: String, sessionZone: TimeZoneOffset = .utc, currentYear: Int)
        throws(FunctionError) -> Timestamp
    {
        try Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(FunctionError) -> Timestamp in
            try parse(UnsafeRawBufferPointer(buffer), sessionZone: sessionZone, currentYear: currentYear)
        }
    }

    /// Parses `text` as wall-clock time in UTC, giving a `timestamp(3)` without zone (`date_parse`).
    func parseLocal(_ text: UnsafeRawBufferPointer, currentYear: Int) throws(FunctionError) -> Timestamp {
        let parsed = try parseFields(text.bindMemory(to: UInt8.self), currentYear: currentYear)
        return Timestamp(epochMillis: parsed.localMillis - Int64(parsed.offsetMillis ?? 0), zone: nil)
    }

    /// Joda's id of a fixed offset: `+05:30`, `+05:30:15`, `+05:30:15.500`.
    static func offsetID(_ offsetMillis: Int) -> String {
        let magnitude = abs(offsetMillis)
        var text = (offsetMillis < 0 ? "-" : "+") + pad2(magnitude / 3_600_000) + ":" + pad2(magnitude / 60_000 % 60)
        if magnitude % 60_000 != 0 { text += ":" + pad2(magnitude / 1000 % 60) }
        if magnitude % 1000 != 0 { text += "." + pad3(magnitude % 1000) }
        return text
    }

    struct ParsedFields {
        var localMillis: Int64
        var offsetMillis: Int?
        var isUTCZone: Bool
    }

    struct SavedField {
        var field: Field
        var value: Int
    }

    func parseFields(_ input: UnsafeBufferPointer<UInt8>, currentYear: Int) throws(FunctionError) -> ParsedFields {
        var saved: [SavedField] = []
        saved.reserveCapacity(elements.count + 1)
        var offsetMillis: Int?
        var isUTCZone = false
        var position = 0
        for element in elements {
            let next: Int?
            switch element {
            case .literal(let bytes):
                next = Self.matchLiteral(bytes, input, position)
            case .number(let field, _, let maxDigits, let signed):
                next = try parseNumber(input, position, maxDigits: maxDigits, signed: signed).map {
                    saved.append(SavedField(field: field, value: $0.value))
                    return $0.end
                }
            case .twoDigitYear(let field, let pivot, let lenient):
                next = try parseTwoDigitYear(input, position, pivot: pivot ?? currentYear - 30, lenient: lenient).map {
                    saved.append(SavedField(field: field, value: $0.value))
                    return $0.end
                }
            case .fraction(_, let maxDigits):
                next = Self.parseFraction(input, position, maxDigits: maxDigits).map {
                    saved.append(SavedField(field: .millisOfSecond, value: $0.value))
                    return $0.end
                }
            case .text(let field, _):
                next = Self.parseText(field, input, position).map {
                    saved.append(SavedField(field: field, value: $0.value))
                    return $0.end
                }
            case .offset:
                next = Self.parseOffset(input, &position).map {
                    offsetMillis = $0
                    return position
                }
            case .zoneID:
                next = try parseZone(input, position, names: Self.utcZoneIDs, others: [])
                if next != nil { isUTCZone = true }
            case .zoneName:
                next = try parseZone(input, position, names: ["UT", "UTC", "GMT"], others: Self.namedZoneAbbreviations)
                if next != nil { isUTCZone = true }
            }
            guard let next else { throw formatError(input, at: position) }
            position = next
        }
        guard position >= input.count else { throw formatError(input, at: position) }
        return ParsedFields(localMillis: try computeMillis(saved, input), offsetMillis: offsetMillis, isUTCZone: isUTCZone)
    }

    func formatError(_ input: UnsafeBufferPointer<UInt8>, at position: Int) -> FunctionError {
        ISO8601Parser(text: String(decoding: input, as: UTF8.self), function: function).formatError(at: position)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Literal text, matched ignoring ASCII case (Joda compares characters ignoring case).
    static func matchLiteral(_ literal: [UInt8], _ input: UnsafeBufferPointer<UInt8>, _ position: Int) -> Int? {
        guard position + literal.count <= input.count else { return nil }
        for (offset, byte) in literal.enumerated() where input[position + offset].asciiLowercased != byte.asciiLowercased {
            return nil
        }
        return position + literal.count
    }

    /// Up to `maxDigits` digits, after a sign when `signed` (the sign does not count as a digit).
    func parseNumber(_ input: UnsafeBufferPointer<UInt8>, _ position: Int, maxDigits: Int, signed: Bool)
        throws(FunctionError) -> (value: Int, end: Int)?
    {
        var limit = min(maxDigits, input.count - position)
        var length = 0
        var hasSign = false
        while length < limit {
            let byte = input[position + length]
            if length == 0, signed, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                guard length + 1 < limit, Self.isDigit(input[position + 1]) else { break }
                hasSign = true
                length += 1
                limit = min(limit + 1, input.count - position)
                continue
            }
            guard Self.isDigit(byte) else { break }
            length += 1
        }
        guard length > 0 else { return nil }
        let value = try integer(input, (hasSign ? position + 1 : position)..<position + length,
                                negative: hasSign && input[position] == UInt8(ascii: "-"))
        return (value, position + length)
    }

    /// The digits as a Java `int` (Joda uses `Integer.parseInt` for long runs, which rejects overflow).
    func integer(_ input: UnsafeBufferPointer<UInt8>, _ digits: Range<Int>, negative: Bool) throws(FunctionError) -> Int {
        var value = 0
        for index in digits {
            value = value * 10 + Int(input[index] - 0x30)
            if value > Int(Int32.max) + 1 { break }
        }
        if negative { value = -value }
        guard value >= Int(Int32.min), value <= Int(Int32.max) else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: input[digits]), as: UTF8.self)
            throw FunctionError(function: function, message: "For input string: \"\(negative ? "-" : "")\(text)\"")
        }
        return value
    }

    /// Joda's two-digit year: exactly two digits map into [pivot − 50, pivot + 49]; when lenient, a sign or any
    /// other number of digits is the year itself.
    func parseTwoDigitYear(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, pivot: Int, lenient: Bool)
        throws(FunctionError) -> (value: Int, end: Int)?
    {
        var position = start
        if lenient {
            var limit = input.count - position
            var length = 0
            var hasSign = false
            var negative = false
            while length < limit {
                let byte = input[position + length]
                if length == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                    hasSign = true
                    negative = byte == UInt8(ascii: "-")
                    if negative {
                        length += 1
                    } else {
                        position += 1
                        limit -= 1
                    }
                    continue
                }
                guard Self.isDigit(byte) else { break }
                length += 1
            }
            let digitStart = negative ? position + 1 : position
            guard position + length > digitStart else { return nil }
            if hasSign || length != 2 {
                return (try integer(input, digitStart..<position + length, negative: negative), position + length)
            }
        } else {
            guard input.count - position >= 2 else { return nil }
        }
        guard Self.isDigit(input[position]), Self.isDigit(input[position + 1]) else { return nil }
        var year = Int(input[position] - 0x30) * 10 + Int(input[position + 1] - 0x30)
        let low = pivot - 50
        let lowTwoDigits = low >= 0 ? low % 100 : 99 + (low + 1) % 100
        year += low + (year < lowTwoDigits ? 100 : 0) - lowTwoDigits
        return (year, position + 2)
    }

    /// Up to `maxDigits` digits of a fraction of a second, truncated to milliseconds.
    static func parseFraction(_ input: UnsafeBufferPointer<UInt8>, _ position: Int, maxDigits: Int)
        -> (value: Int, end: Int)?
    {
        let limit = min(maxDigits, input.count - position)
        var length = 0
        var millis = 0
        var scale = 100
        while length < limit, isDigit(input[position + length]) {
            millis += Int(input[position + length] - 0x30) * scale
            scale /= 10
            length += 1
        }
        return length == 0 ? nil : (millis, position + length)
    }

    /// The longest month, weekday, AM/PM or era name at `position`, full or short, as written, lower or upper case.
    static func parseText(_ field: Field, _ input: UnsafeBufferPointer<UInt8>, _ position: Int) -> (value: Int, end: Int)? {
        let candidates = textCandidates(field)
        let longest = candidates.reduce(0) { max($0, $1.text.count) }
        var end = min(input.count, position + longest)
        while end > position {
            let slice = input[position..<end]
            if let match = candidates.first(where: { $0.text.count == slice.count && $0.text.elementsEqual(slice) }) {
                return (match.value, end)
            }
            end -= 1
        }
        return nil
    }

    static let monthCandidates = makeCandidates(.monthOfYear)
    static let weekdayCandidates = makeCandidates(.dayOfWeek)
    static let halfdayCandidates = makeCandidates(.halfdayOfDay)
    static let eraCandidates = makeCandidates(.era)

    static func textCandidates(_ field: Field) -> [(text: [UInt8], value: Int)] {
        switch field {
        case .monthOfYear: return monthCandidates
        case .dayOfWeek: return weekdayCandidates
        case .halfdayOfDay: return halfdayCandidates
        default: return eraCandidates
        }
    }

    static func makeCandidates(_ field: Field) -> [(text: [UInt8], value: Int)] {
        var candidates: [(text: [UInt8], value: Int)] = []
        for (index, name) in names(field).enumerated() {
            for form in [shortName(field, name), name] {
                for variant in [form, form.lowercased(), form.uppercased()] {
                    candidates.append((Array(variant.utf8), index + firstValue(field)))
                }
            }
        }
        return candidates
    }

    /// Joda's offset parser: `Z` (any case) or a sign, two-digit hours (≤ 23), then optionally minutes, seconds and
    /// milliseconds, all with separators (`+09:00`) or all without (`+0900`). Returns the offset in milliseconds and
    /// advances `position`, or nil with `position` at the failure.
    static func parseOffset(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Int? {
        if position < input.count, input[position] | 0x20 == UInt8(ascii: "z") {
            position += 1
            return 0
        }
        func digitCount(_ start: Int, _ maximum: Int) -> Int {
            var count = 0
            while count < maximum, start + count < input.count, isDigit(input[start + count]) { count += 1 }
            return count
        }
        func twoDigits(_ start: Int) -> Int { Int(input[start] - 0x30) * 10 + Int(input[start + 1] - 0x30) }
        guard input.count - position > 1 else { return nil }
        let sign = input[position]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        position += 1
        guard digitCount(position, 2) == 2 else { return nil }
        let hours = twoDigits(position)
        guard hours <= 23 else { return nil }
        var offset = hours * 3_600_000
        position += 2
        parse: do {
            guard position < input.count else { break parse }
            let separators: Bool
            if input[position] == UInt8(ascii: ":") {
                separators = true
                position += 1
            } else if isDigit(input[position]) {
                separators = false
            } else {
                break parse
            }
            var count = digitCount(position, 2)
            if count == 0 && !separators { break parse }
            guard count == 2 else { return nil }
            let minutes = twoDigits(position)
            guard minutes <= 59 else { return nil }
            offset += minutes * 60_000
            position += 2
            guard position < input.count else { break parse }
            if separators {
                guard input[position] == UInt8(ascii: ":") else { break parse }
                position += 1
            }
            count = digitCount(position, 2)
            if count == 0 && !separators { break parse }
            guard count == 2 else { return nil }
            let seconds = twoDigits(position)
            guard seconds <= 59 else { return nil }
            offset += seconds * 1000
            position += 2
            guard position < input.count else { break parse }
            if separators {
                guard input[position] == UInt8(ascii: ".") || input[position] == UInt8(ascii: ",") else { break parse }
                position += 1
            }
            count = digitCount(position, 3)
            if count == 0 && !separators { break parse }
            guard count >= 1 else { return nil }
            var scale = 100
            for _ in 0..<count {
                offset += Int(input[position] - 0x30) * scale
                scale /= 10
                position += 1
            }
        }
        return sign == UInt8(ascii: "-") ? -offset : offset
    }

    /// Zone ids that Trino treats as UTC (Joda's `ZZZ` parses any tz database id; only these need no database).
    static let utcZoneIDs = [
        "UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Universal", "Zulu", "Etc/UTC", "Etc/UCT",
        "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich", "Etc/Universal", "Etc/Zulu",
    ]

    /// Joda's default zone abbreviations for `z` that name a zone with daylight saving time.
    static let namedZoneAbbreviations = ["EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"]

    /// The longest of `names` at `position` (case-sensitive, as Joda matches ids). A name in `others`, or a
    /// region id (`America/New_York`), is a named zone trailsql cannot represent; anything else fails to parse.
    func parseZone(_ input: UnsafeBufferPointer<UInt8>, _ position: Int, names: [String], others: [String])
        throws(FunctionError) -> Int?
    {
        func matches(_ name: String) -> Bool {
            let bytes = name.utf8
            return position + bytes.count <= input.count && input[position..<position + bytes.count].elementsEqual(bytes)
        }
        let best = names.filter(matches).max { $0.utf8.count < $1.utf8.count }
        let other = others.filter(matches).max { $0.utf8.count < $1.utf8.count }
        if let best, best.utf8.count >= other?.utf8.count ?? 0 { return position + best.utf8.count }
        var end = position
        while end < input.count,
            input[end].isASCIILetter || input[end].isASCIIDigit || "/_+-".utf8.contains(input[end])
        {
            end += 1
        }
        let word = input[position..<end]
        let isRegionID = word.first.map { $0 &- UInt8(ascii: "A") < 26 } == true && word.contains(UInt8(ascii: "/"))
        guard other != nil || isRegionID else { return nil }
        let name = other ?? String(decoding: UnsafeBufferPointer(rebasing: word), as: UTF8.self)
        throw FunctionError(
            function: function,
            message: "Time zone not supported: '\(name)' (trailsql supports only UTC and fixed ±hh:mm offsets)")
    }
}

// MARK: - Setting fields (Joda's DateTimeParserBucket.computeMillis)

extension JodaDateTimeFormat.Field {
    /// Joda's name of the field, used in range errors.
    var name: String {
        switch self {
        case .era: return "era"
        case .centuryOfEra: return "centuryOfEra"
        case .yearOfEra: return "yearOfEra"
        case .year: return "year"
        case .weekyear: return "weekyear"
        case .weekOfWeekyear: return "weekOfWeekyear"
        case .dayOfWeek: return "dayOfWeek"
        case .dayOfYear: return "dayOfYear"
        case .monthOfYear: return "monthOfYear"
        case .dayOfMonth: return "dayOfMonth"
        case .halfdayOfDay: return "halfdayOfDay"
        case .hourOfHalfday: return "hourOfHalfday"
        case .clockhourOfHalfday: return "clockhourOfHalfday"
        case .hourOfDay: return "hourOfDay"
        case .clockhourOfDay: return "clockhourOfDay"
        case .minuteOfHour: return "minuteOfHour"
        case .secondOfMinute: return "secondOfMinute"
        case .millisOfSecond: return "millisOfSecond"
        }
    }

    static let yearMillis: Int64 = 31_556_952_000  // Joda's average year
    static let monthMillis: Int64 = 2_629_746_000
    static let none = Int64.max  // no range, or an unsupported duration (eras): sorts first

    /// Joda sets saved fields in order of their range (largest first, none first), then of their unit.
    var order: (range: Int64, unit: Int64) {
        switch self {
        case .era: return (Self.none, Self.none)
        case .centuryOfEra: return (Self.none, 100 * Self.yearMillis)
        case .yearOfEra, .year, .weekyear: return (Self.none, Self.yearMillis)
        case .monthOfYear: return (Self.yearMillis, Self.monthMillis)
        case .weekOfWeekyear: return (Self.yearMillis, 604_800_000)
        case .dayOfYear: return (Self.yearMillis, 86_400_000)
        case .dayOfMonth: return (Self.monthMillis, 86_400_000)
        case .dayOfWeek: return (604_800_000, 86_400_000)
        case .halfdayOfDay: return (86_400_000, 43_200_000)
        case .hourOfDay, .clockhourOfDay: return (86_400_000, 3_600_000)
        case .hourOfHalfday, .clockhourOfHalfday: return (43_200_000, 3_600_000)
        case .minuteOfHour: return (3_600_000, 60_000)
        case .secondOfMinute: return (60_000, 1000)
        case .millisOfSecond: return (1000, 1)
        }
    }
}

extension JodaDateTimeFormat {
    static let minimumYear = -292_275_054
    static let maximumYear = 292_278_993
    /// Joda's parser sets the year with `setExtended`, which allows one more year at each end.
    static let parsedYearBounds = (low: -292_275_055, high: 292_278_994)

    /// Sets the saved fields on 1970-01-01T00:00 (year 2000 first when the largest field is a month, week or day),
    /// largest first, rounding each down to its unit (so a week year lands on its first Monday); then sets them all
    /// again so that later fields cannot undo earlier ones, rounding only the last.
    func computeMillis(_ saved: [SavedField], _ input: UnsafeBufferPointer<UInt8>) throws(FunctionError) -> Int64 {
        var fields = Array(saved.enumerated()).sorted { a, b in
            let (orderA, orderB) = (a.element.field.order, b.element.field.order)
            if orderA.range != orderB.range { return orderA.range > orderB.range }
            if orderA.unit != orderB.unit { return orderA.unit > orderB.unit }
            return a.offset < b.offset
        }.map(\.element)
        if let first = fields.first, (86_400_000...Field.monthMillis).contains(first.field.order.unit) {
            fields.insert(SavedField(field: .year, value: 2000), at: 0)
        }
        var millis: Int64 = 0
        for field in fields {
            millis = try roundFloor(field.field, try set(field.field, field.value, millis, input), input)
        }
        for (index, field) in fields.enumerated() {
            millis = try set(field.field, field.value, millis, input)
            if index == fields.count - 1 { millis = try roundFloor(field.field, millis, input) }
        }
        return millis
    }

    /// Joda's `DateTimeField.roundFloor`: the start of the field's unit containing `millis`.
    func roundFloor(_ field: Field, _ millis: Int64, _ input: UnsafeBufferPointer<UInt8>) throws(FunctionError) -> Int64 {
        let day = Int(floorDivide(millis, 86_400_000))
        let date = CivilDate(dayNumber: day)
        func floor(_ unit: Int64) -> Int64 { floorDivide(millis, unit) * unit }
        switch field {
        case .era:
            // Joda floors AD to 0001-01-01; BC has no start (Long.MIN_VALUE): keep the year's start instead.
            return try compose(CivilDate(year: date.year > 0 ? 1 : date.year, month: 1, day: 1).dayNumber, 0)
        case .centuryOfEra:
            let yearOfEra = (date.year > 0 ? date.year : 1 - date.year) / 100 * 100
            let yearStart = try compose(CivilDate(year: date.year, month: 1, day: 1).dayNumber, 0)
            return try set(.yearOfEra, yearOfEra, yearStart, input)
        case .year, .yearOfEra: return try compose(CivilDate(year: date.year, month: 1, day: 1).dayNumber, 0)
        case .weekyear:
            let week = DateTimeField.isoWeek(dayNumber: day).week
            return try compose(day - (CivilDate.dayOfWeek(dayNumber: day) - 1) - (week - 1) * 7, 0)
        case .monthOfYear: return try compose(CivilDate(year: date.year, month: date.month, day: 1).dayNumber, 0)
        case .weekOfWeekyear: return try compose(day - (CivilDate.dayOfWeek(dayNumber: day) - 1), 0)
        case .dayOfYear, .dayOfMonth, .dayOfWeek: return floor(86_400_000)
        case .halfdayOfDay: return floor(43_200_000)
        case .hourOfDay, .clockhourOfDay, .hourOfHalfday, .clockhourOfHalfday: return floor(3_600_000)
        case .minuteOfHour: return floor(60_000)
        case .secondOfMinute: return floor(1000)
        case .millisOfSecond: return millis
        }
    }

    /// Joda's `DateTimeField.set` for one field of local milliseconds.
    func set(_ field: Field, _ value: Int, _ millis: Int64, _ input: UnsafeBufferPointer<UInt8>)
        throws(FunctionError) -> Int64
    {
        func check(_ low: Int, _ high: Int, reported: Int? = nil, name: String? = nil) throws(FunctionError) {
            let shown = reported ?? value
            guard shown >= low, shown <= high else {
                throw ISO8601Parser(text: String(decoding: input, as: UTF8.self), function: function)
                    .rangeError(shown, name ?? field.name, low, high)
            }
        }
        let day = floorDivide(millis, 86_400_000)
        let timeOfDay = millis - day * 86_400_000
        let date = CivilDate(dayNumber: Int(day))
        func on(_ newDate: CivilDate) throws(FunctionError) -> Int64 { try compose(newDate.dayNumber, timeOfDay) }
        /// The same month and day in another year or month (29 February becomes the 28th, 31 May → 30 June…).
        func with(year: Int, month: Int) throws(FunctionError) -> Int64 {
            try on(CivilDate(year: year, month: month, day: min(date.day, CivilDate.daysInMonth(year: year, month: month))))
        }
        func withYear(_ year: Int) throws(FunctionError) -> Int64 { try with(year: year, month: date.month) }
        func plusDays(_ days: Int) throws(FunctionError) -> Int64 { try compose(Int(day) + days, timeOfDay) }
        func plusMillis(_ amount: Int, _ unit: Int64) -> Int64 { millis + Int64(amount) * unit }
        let hour = Int(timeOfDay / 3_600_000)
        switch field {
        case .era:
            try check(0, 1)
            return (date.year > 0 ? 1 : 0) == value ? millis : try withYear(-date.year)
        case .year:
            try check(Self.parsedYearBounds.low, Self.parsedYearBounds.high)
            return try withYear(value)
        case .yearOfEra:
            try check(1, Self.maximumYear)
            return try withYear(date.year <= 0 ? 1 - value : value)
        case .centuryOfEra:
            try check(0, Self.maximumYear / 100)
            let yearOfEra = value * 100 + (date.year > 0 ? date.year : 1 - date.year) % 100
            try check(1, Self.maximumYear, reported: yearOfEra, name: "yearOfEra")
            return try withYear(date.year <= 0 ? 1 - yearOfEra : yearOfEra)
        case .weekyear:
            try check(Self.minimumYear, Self.maximumYear, reported: abs(value))
            let current = DateTimeField.isoWeek(dayNumber: Int(day))
            if current.year == value { return millis }
            let week = min(current.week, ISO8601Parser.isoWeeksInYear(value))
            let january4 = CivilDate(year: value, month: 1, day: 4).dayNumber
            let week1Monday = january4 - (CivilDate.dayOfWeek(dayNumber: january4) - 1)
            return try compose(week1Monday + (week - 1) * 7 + CivilDate.dayOfWeek(dayNumber: Int(day)) - 1, timeOfDay)
        case .weekOfWeekyear:
            let current = DateTimeField.isoWeek(dayNumber: Int(day))
            try check(1, value > 52 ? ISO8601Parser.isoWeeksInYear(current.year) : 52)
            return try plusDays((value - current.week) * 7)
        case .monthOfYear:
            try check(1, 12)
            return try with(year: date.year, month: value)
        case .dayOfYear:
            let daysInYear = CivilDate.isLeapYear(date.year) ? 366 : 365
            try check(1, value > 365 || value < 1 ? daysInYear : 365)
            return try plusDays(value - date.dayOfYear)
        case .dayOfMonth:
            try check(1, value > 28 || value < 1 ? CivilDate.daysInMonth(year: date.year, month: date.month) : 28)
            return try plusDays(value - date.day)
        case .dayOfWeek:
            try check(1, 7)
            return try plusDays(value - CivilDate.dayOfWeek(dayNumber: Int(day)))
        case .halfdayOfDay:
            try check(0, 1)
            return plusMillis(value - hour / 12, 43_200_000)
        case .hourOfDay:
            try check(0, 23)
            return plusMillis(value - hour, 3_600_000)
        case .clockhourOfDay:
            try check(1, 24)
            return plusMillis(value % 24 - hour, 3_600_000)
        case .hourOfHalfday:
            try check(0, 11)
            return plusMillis(value - hour % 12, 3_600_000)
        case .clockhourOfHalfday:
            try check(1, 12)
            return plusMillis(value % 12 - hour % 12, 3_600_000)
        case .minuteOfHour:
            try check(0, 59)
            return plusMillis(value - Int(timeOfDay / 60_000 % 60), 60_000)
        case .secondOfMinute:
            try check(0, 59)
            return plusMillis(value - Int(timeOfDay / 1000 % 60), 1000)
        case .millisOfSecond:
            try check(0, 999)
            return plusMillis(value - Int(timeOfDay % 1000), 1)
        }
    }

    /// Local milliseconds of a day and time of day; days beyond Joda's year range overflow 64 bits.
    func compose(_ dayNumber: Int, _ timeOfDay: Int64) throws(FunctionError) -> Int64 {
        let (dayMillis, productOverflow) = Int64(dayNumber).multipliedReportingOverflow(by: 86_400_000)
        let (sum, sumOverflow) = dayMillis.addingReportingOverflow(timeOfDay)
        guard !productOverflow, !sumOverflow else { throw FunctionError(function: function, message: "Millis overflow") }
        return sum
    }
}
