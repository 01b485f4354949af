import TrailBase

/// The parts of a request URL that Signature Version 4 signs, split without Foundation's `URL` (which would
/// re-encode or normalise the path, and the signature must cover the bytes that libcurl sends).
///
///     RequestTarget(url: "https://b.s3.amazonaws.com:443/a%20b?x=1#f")
///     // host "b.s3.amazonaws.com", path "/a%20b", query "x=1"
struct RequestTarget {
    /// The Host header libcurl sends: host, plus `:port` unless the port is the scheme's default.
    var host: Substring
    /// As written in the URL; may be empty.
    var path: Substring
    /// After `?`, before any `#`; empty when there is none.
    var query: Substring

    /// PERF: searches the URL's UTF-8 bytes, not its Characters (grapheme breaking): the Character version was
    /// ~5% of trailsql's CPU over 25k small GETs (perf); the indices are the string's own, so nothing is copied.
    init(url: String) {
        let bytes = url.utf8
        var start = bytes.startIndex
        var scheme: Substring = ""
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
           bytes[colon...].starts(with: "://".utf8)
        {
            scheme = url[..<colon]
            start = bytes.index(colon, offsetBy: 3)
        }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        let authorityEnd = bytes[start..<end].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? end
        var authorityStart = start
        if let userInfoEnd = bytes[start..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
            authorityStart = bytes.index(after: userInfoEnd)
        }
        host = Self.dropDefaultPort(url[authorityStart..<authorityEnd], scheme: scheme)
        if let questionMark = bytes[authorityEnd..<end].firstIndex(of: UInt8(ascii: "?")) {
            path = url[authorityEnd..<questionMark]
            query = url[bytes.index(after: questionMark)..<end]
        } else {
            path = url[authorityEnd..<end]
            query = ""
        }
    }

    private static func dropDefaultPort(_ authority: Substring, scheme: Substring) -> Substring {
        // The port's colon is the last one after any IPv6 literal's closing bracket.
        let bytes = authority.utf8
        let hostEnd = bytes.lastIndex(of: UInt8(ascii: "]")) ?? bytes.startIndex
        guard let colon = bytes[hostEnd...].lastIndex(of: UInt8(ascii: ":")) else { return authority }
        let port = bytes[bytes.index(after: colon)...]
        func isScheme(_ name: String) -> Bool {
            scheme.utf8.elementsEqual(name.utf8) { $0.asciiLowercased == $1 }
        }
        let isDefault = port.isEmpty || (port.elementsEqual("443".utf8) && isScheme("https"))
            || (port.elementsEqual("80".utf8) && isScheme("http"))
        return isDefault ? authority[..<colon] : authority
    }
}
