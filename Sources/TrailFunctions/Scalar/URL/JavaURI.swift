/// The components of a URI as `java.net.URI(String)` parses it (RFC 2396 with Java's deviations: IPv6 literals,
/// empty authority before a path, empty path, `[` `]` allowed in queries and fragments). Trino's `url_extract_*`
/// functions call `new URI(url)` and return NULL on `URISyntaxException`, so this parser must accept exactly what
/// Java accepts; it was written from the grammar and Java's documented behaviour, not from Java's source.
///
/// Quirks that matter in practice (all Java's):
/// - a host that is not a valid RFC 2396 hostname (an underscore `my_bucket.example.com`, a label ending in `-`,
///   a rightmost label starting with a digit `a.1b`) makes the authority registry-based: the URI is valid, but it has
///   no host and no port;
/// - a port that does not fit in a Java `int` does the same; an empty port (`host:`) means no port;
/// - any character outside its component's set (space, `^`, `|`, `{`, `"`, `<`, a `%` not followed by two hex
///   digits) makes the whole URI invalid;
/// - non-ASCII characters are accepted where escapes are, unless they are Unicode spaces or controls.
///
/// All positions are byte offsets into the UTF-8 input; every delimiter is ASCII.
struct JavaURI {
    var scheme: Range<Int>?
    /// True for an opaque URI (`mailto:a@b`): no host, path or query.
    var isOpaque = false
    /// The host of a server-based authority (IPv6 literals keep their brackets), or nil.
    var host: Range<Int>?
    var port: Int64?
    var path: Range<Int>?
    var query: Range<Int>?
    var fragment: Range<Int>?

    fileprivate init() {}

    /// Parses `bytes`; nil when Java would throw `URISyntaxException`.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var parser = Parser(input: bytes)
        do {
            try parser.parse()
        } catch {
            return nil
        }
        self = parser.uri
    }

    /// Runs a bytes kernel over a string (test and constant-folding convenience): nil for NULL.
    static func string(_ url: String, _ kernel: (UnsafeRawBufferPointer, inout [UInt8]) -> Bool) -> String? {
        var output: [UInt8] = []
        let isPresent = Array(url.utf8).withUnsafeBytes { kernel($0, &output) }
        return isPresent ? String(decoding: output, as: UTF8.self) : nil
    }
}

// MARK: - Character classes

/// A set of ASCII bytes (two 64-bit masks, like RFC 2396's tables) plus whether `%hh` escapes and non-ASCII
/// "other" characters are allowed.
struct URICharacterClass {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var allowsEscapes = false

    init(_ characters: String = "", escapes: Bool = false) {
        for byte in characters.utf8 { insert(byte) }
        allowsEscapes = escapes
    }

    init(range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        if byte == 0 { return false }
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
        return false
    }

    static func | (a: Self, b: Self) -> Self {
        var result = a
        result.low |= b.low
        result.high |= b.high
        result.allowsEscapes = a.allowsEscapes || b.allowsEscapes
        return result
    }

    static let digit = URICharacterClass(range: UInt8(ascii: "0")...UInt8(ascii: "9"))
    static let alpha = URICharacterClass(range: UInt8(ascii: "A")...UInt8(ascii: "Z"))
        | URICharacterClass(range: UInt8(ascii: "a")...UInt8(ascii: "z"))
    static let alphanumeric = alpha | digit
    static let hex = digit | URICharacterClass("ABCDEFabcdef")
    static let escaped = URICharacterClass("", escapes: true)
    static let mark = URICharacterClass("-_.!~*'()")
    static let unreserved = alphanumeric | mark
    /// Java adds `[` and `]` (RFC 2732).
    static let reserved = URICharacterClass(";/?:@&=+$,[]")
    static let uric = reserved | unreserved | escaped
    static let pchar = unreserved | escaped | URICharacterClass(":@&=+$,")
    static let path = pchar | URICharacterClass(";/")
    static let dash = URICharacterClass("-")
    static let dot = URICharacterClass(".")
    static let userInfo = unreserved | escaped | URICharacterClass(";:&=+$,")
    static let registryName = unreserved | escaped | URICharacterClass("$,;:@&=+")
    static let server = userInfo | alphanumeric | dash | URICharacterClass(".:@[]")
    static let serverPercent = server | URICharacterClass("%")
    static let scheme = alpha | digit | URICharacterClass("+-.")
    static let scopeID = alphanumeric | URICharacterClass("_.")
}

/// The length of the UTF-8 sequence at `index` when it is a non-ASCII character Java accepts unescaped: not a
/// control (U+0080–U+009F) and not a Unicode space separator. Malformed bytes count as one accepted character
/// (Java sees U+FFFD after Trino's UTF-8 decoding).
func javaOtherCharacterLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let lead = bytes[index]
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    guard length > 1, index + length <= bytes.count else { return 1 }
    var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for offset in 1..<length {
        let continuation = bytes[index + offset]
        guard continuation & 0xC0 == 0x80 else { return 1 }
        scalar = scalar << 6 | UInt32(continuation & 0x3F)
    }
    switch scalar {
    case 0x80...0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return 0
    default: return length
    }
}

struct URISyntaxError: Error {}

// MARK: - Parser

extension JavaURI {
    struct Parser {
        let input: UnsafeBufferPointer<UInt8>
        var uri = JavaURI()
        var ipv6ByteCount = 0

        init(input: UnsafeBufferPointer<UInt8>) { self.input = input }

        func at(_ position: Int, _ end: Int, _ character: UInt8) -> Bool {
            position < end && input[position] == character
        }

        func at(_ position: Int, _ end: Int, _ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard position + count <= end else { return false }
            let pointer = text.utf8Start
            for offset in 0..<count where input[position + offset] != pointer[offset] { return false }
            return true
        }

        /// Scans forward from `start`: -1 at the first byte in `error`, the index of the first byte in `stop`, or
        /// `end`.
        func scan(_ start: Int, _ end: Int, error: StaticString = "", stop: StaticString) -> Int {
            var position = start
            while position < end {
                let byte = input[position]
                if contains(error, byte) { return -1 }
                if contains(stop, byte) { break }
                position += 1
            }
            return position
        }

        private func contains(_ set: StaticString, _ byte: UInt8) -> Bool {
            let pointer = set.utf8Start
            for offset in 0..<set.utf8CodeUnitCount where pointer[offset] == byte { return true }
            return false
        }

        /// The end of the run of bytes in `characterClass` from `start`; a malformed escape is an error.
        func scan(_ start: Int, _ end: Int, _ characterClass: URICharacterClass) throws(URISyntaxError) -> Int {
            var position = start
            while position < end {
                let byte = input[position]
                if characterClass.contains(byte) {
                    position += 1
                    continue
                }
                guard characterClass.allowsEscapes else { break }
                if byte == UInt8(ascii: "%") {
                    guard position + 3 <= end, URICharacterClass.hex.contains(input[position + 1]),
                        URICharacterClass.hex.contains(input[position + 2])
                    else { throw URISyntaxError() }
                    position += 3
                    continue
                }
                if byte >= 0x80 {
                    let length = javaOtherCharacterLength(input, at: position)
                    guard length > 0 else { break }
                    position += length
                    continue
                }
                break
            }
            return position
        }

        func checkCharacters(_ start: Int, _ end: Int, _ characterClass: URICharacterClass) throws(URISyntaxError) {
            guard try scan(start, end, characterClass) >= end else { throw URISyntaxError() }
        }

        mutating func parse() throws(URISyntaxError) {
            let end = input.count
            var position = scan(0, end, error: "/?#", stop: ":")
            if position >= 0, at(position, end, UInt8(ascii: ":")) {
                guard position > 0, URICharacterClass.alpha.contains(input[0]) else { throw URISyntaxError() }
                try checkCharacters(1, position, .scheme)
                uri.scheme = 0..<position
                position += 1
                if at(position, end, UInt8(ascii: "/")) {
                    position = try parseHierarchical(position, end)
                } else {
                    let partEnd = scan(position, end, stop: "#")
                    guard partEnd > position else { throw URISyntaxError() }
                    try checkCharacters(position, partEnd, .uric)
                    uri.isOpaque = true
                    position = partEnd
                }
            } else {
                position = try parseHierarchical(0, end)
            }
            if at(position, end, UInt8(ascii: "#")) {
                try checkCharacters(position + 1, end, .uric)
                uri.fragment = position + 1..<end
                position = end
            }
            guard position >= end else { throw URISyntaxError() }
        }

        mutating func parseHierarchical(_ start: Int, _ end: Int) throws(URISyntaxError) -> Int {
            var position = start
            if at(position, end, UInt8(ascii: "/")), at(position + 1, end, UInt8(ascii: "/")) {
                position += 2
                let authorityEnd = scan(position, end, stop: "/?#")
                if authorityEnd > position {
                    position = try parseAuthority(position, authorityEnd)
                } else if authorityEnd >= end {
                    throw URISyntaxError()  // "//" and nothing after it
                }  // else: an empty authority before a path, query or fragment is allowed
            }
            let pathEnd = scan(position, end, stop: "?#")
            try checkCharacters(position, pathEnd, .path)
            uri.path = position..<pathEnd
            position = pathEnd
            if at(position, end, UInt8(ascii: "?")) {
                position += 1
                let queryEnd = scan(position, end, stop: "#")
                try checkCharacters(position, queryEnd, .uric)
                uri.query = position..<queryEnd
                position = queryEnd
            }
            return position
        }

        /// A server-based authority (`[userinfo@]host[:port]`) when it parses as one, else a registry-based one
        /// (no host, no port) when its characters allow that, else an invalid URI.
        mutating func parseAuthority(_ start: Int, _ end: Int) throws(URISyntaxError) -> Int {
            let serverClass: URICharacterClass = scan(start, end, stop: "]") > start ? .serverPercent : .server
            let serverCharacters = try scan(start, end, serverClass) == end
            let registryCharacters = try scan(start, end, .registryName) == end
            if serverCharacters {
                do {
                    _ = try parseServer(start, end)
                    return end
                } catch {
                    uri.host = nil
                    uri.port = nil
                }
            }
            guard registryCharacters else { throw URISyntaxError() }
            return end
        }

        mutating func parseServer(_ start: Int, _ end: Int) throws(URISyntaxError) -> Int {
            var position = start
            let atSign = scan(position, end, error: "/?#", stop: "@")
            if atSign >= position, at(atSign, end, UInt8(ascii: "@")) {
                try checkCharacters(position, atSign, .userInfo)
                position = atSign + 1
            }
            if at(position, end, UInt8(ascii: "[")) {
                position += 1
                let close = scan(position, end, error: "/?#", stop: "]")
                guard close > position, at(close, end, UInt8(ascii: "]")) else { throw URISyntaxError() }
                let percent = scan(position, close, stop: "%")
                if percent > position {
                    try parseIPv6Reference(position, percent)
                    if percent + 1 == close { throw URISyntaxError() }  // "%" without a scope id
                    if percent + 1 < close { try checkCharacters(percent + 1, close, .scopeID) }
                } else {
                    try parseIPv6Reference(position, close)
                }
                uri.host = position - 1..<close + 1
                position = close + 1
            } else {
                var hostEnd = parseIPv4Address(position, end)
                if hostEnd <= position { hostEnd = try parseHostname(position, end) }
                uri.host = position..<hostEnd
                position = hostEnd
            }
            if at(position, end, UInt8(ascii: ":")) {
                position += 1
                let digitsEnd = try scan(position, end, .digit)
                if digitsEnd > position {
                    var port: Int64 = 0
                    for index in position..<digitsEnd {
                        port = port * 10 + Int64(input[index] - UInt8(ascii: "0"))
                        guard port <= Int64(Int32.max) else { throw URISyntaxError() }  // Java int overflow
                    }
                    uri.port = port
                    position = digitsEnd
                }
            }
            guard position >= end else { throw URISyntaxError() }
            return position
        }

        /// A run of digits whose value is at most 255 (leading zeros allowed): its end, or `start` when there is
        /// none or the value is larger.
        func scanByte(_ start: Int, _ end: Int) -> Int {
            var position = start
            var value = 0
            while position < end, URICharacterClass.digit.contains(input[position]) {
                value = min(value * 10 + Int(input[position] - UInt8(ascii: "0")), 1000)
                position += 1
            }
            if position > start && value > 255 { return start }
            return position
        }

        /// `d.d.d.d` filling the run of digits and dots from `start`; nil when it does not (or `strict` and the run
        /// does not reach `end`).
        func scanIPv4Address(_ start: Int, _ end: Int, strict: Bool) -> Int? {
            var runEnd = start
            while runEnd < end, URICharacterClass.digit.contains(input[runEnd]) || input[runEnd] == UInt8(ascii: ".") {
                runEnd += 1
            }
            guard runEnd > start, !strict || runEnd == end else { return nil }
            var position = start
            for part in 0..<4 {
                if part > 0 {
                    guard at(position, runEnd, UInt8(ascii: ".")) else { return nil }
                    position += 1
                }
                let next = scanByte(position, runEnd)
                guard next > position else { return nil }
                position = next
            }
            return position < runEnd ? nil : position
        }

        /// An IPv4 host followed by the end of the authority or a `:`; returns -1 when there is none.
        mutating func parseIPv4Address(_ start: Int, _ end: Int) -> Int {
            guard let position = scanIPv4Address(start, end, strict: false) else { return -1 }
            if position < end, input[position] != UInt8(ascii: ":") { return -1 }
            return position
        }

        /// `domainlabel *("." domainlabel) ["."]`, labels of letters, digits and inner dashes; the rightmost label
        /// of a dotted name must start with a letter.
        func parseHostname(_ start: Int, _ end: Int) throws(URISyntaxError) -> Int {
            var position = start
            var lastLabel = -1
            repeat {
                var next = try scan(position, end, .alphanumeric)
                if next <= position { break }
                lastLabel = position
                position = next
                next = try scan(position, end, .alphanumeric | .dash)
                if next > position {
                    if input[next - 1] == UInt8(ascii: "-") { throw URISyntaxError() }
                    position = next
                }
                guard at(position, end, UInt8(ascii: ".")) else { break }
                position += 1
            } while position < end
            if position < end, !at(position, end, UInt8(ascii: ":")) { throw URISyntaxError() }
            guard lastLabel >= 0 else { throw URISyntaxError() }
            if lastLabel > start, !URICharacterClass.alpha.contains(input[lastLabel]) { throw URISyntaxError() }
            return position
        }

        // IPv6 literals (RFC 2732 as Java reads it): hex groups of at most four digits, at most one "::", an
        // optional trailing IPv4 address, 16 bytes in all (fewer only with "::").

        mutating func parseIPv6Reference(_ start: Int, _ end: Int) throws(URISyntaxError) {
            var position = start
            var compressedZeros = false
            ipv6ByteCount = 0
            let sequenceEnd = try scanHexSequence(position, end)
            if sequenceEnd > position {
                position = sequenceEnd
                if at(position, end, "::") {
                    compressedZeros = true
                    position = try scanHexPost(position + 2, end)
                } else if at(position, end, UInt8(ascii: ":")) {
                    position = try takeIPv4Address(position + 1, end)
                    ipv6ByteCount += 4
                }
            } else if at(position, end, "::") {
                compressedZeros = true
                position = try scanHexPost(position + 2, end)
            }
            guard position >= end, ipv6ByteCount <= 16, compressedZeros || ipv6ByteCount == 16,
                !(compressedZeros && ipv6ByteCount == 16)
            else { throw URISyntaxError() }
        }

        mutating func scanHexPost(_ start: Int, _ end: Int) throws(URISyntaxError) -> Int {
            if start == end { return start }
            var position = start
            let sequenceEnd = try scanHexSequence(position, end)
            if sequenceEnd > position {
                position = sequenceEnd
                if at(position, end, UInt8(ascii: ":")) {
                    position = try takeIPv4Address(position + 1, end)
                    ipv6ByteCount += 4
                }
            } else {
                position = try takeIPv4Address(position, end)
                ipv6ByteCount += 4
            }
            return position
        }

        /// `hex4 *(":" hex4)`, stopping before "::" or an IPv4 part; -1 when it does not start with one.
        mutating func scanHexSequence(_ start: Int, _ end: Int) throws(URISyntaxError) -> Int {
            var position = start
            var next = try scan(position, end, .hex)
            if next <= position || at(next, end, UInt8(ascii: ".")) { return -1 }
            guard next <= position + 4 else { throw URISyntaxError() }
            ipv6ByteCount += 2
            position = next
            while position < end {
                guard at(position, end, UInt8(ascii: ":")), !at(position + 1, end, UInt8(ascii: ":")) else { break }
                position += 1
                next = try scan(position, end, .hex)
                guard next > position else { throw URISyntaxError() }
                if at(next, end, UInt8(ascii: ".")) {
                    position -= 1
                    break
                }
                guard next <= position + 4 else { throw URISyntaxError() }
                ipv6ByteCount += 2
                position = next
            }
            return position
        }

        func takeIPv4Address(_ start: Int, _ end: Int) throws(URISyntaxError) -> Int {
            guard let position = scanIPv4Address(start, end, strict: true), position > start else {
                throw URISyntaxError()
            }
            return position
        }
    }
}

// MARK: - Decoding

extension JavaURI {
    /// Appends `bytes[range]` with `%hh` escapes decoded, as `URI.getPath()`/`getQuery()`/`getFragment()` return
    /// them (or, with `plusAsSpace`, as `URLDecoder.decode` does). Runs of escapes decode as UTF-8; malformed
    /// sequences become U+FFFD, as Java's decoder replaces them. Escapes are well formed: the parser checked them.
    static func appendDecoded(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, plusAsSpace: Bool = false, into output: inout [UInt8]
    ) {
        var index = range.lowerBound
        var run: [UInt8] = []
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < range.upperBound {
                run.removeAll(keepingCapacity: true)
                while index + 2 < range.upperBound, bytes[index] == UInt8(ascii: "%"),
                    let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                {
                    run.append(high << 4 | low)
                    index += 3
                }
                if String(validating: run, as: UTF8.self) != nil {
                    output.append(contentsOf: run)
                } else {
                    output.append(contentsOf: String(decoding: run, as: UTF8.self).utf8)
                }
                if run.isEmpty {  // a bare "%" the parser let through (only possible in hosts): keep it
                    output.append(byte)
                    index += 1
                }
                continue
            }
            output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
