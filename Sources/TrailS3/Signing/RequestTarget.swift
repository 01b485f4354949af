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

    init(url: String) {
        var rest = url[...]
        var scheme: Substring = ""
        if let separator = rest.firstRange(of: "://") {
            scheme = rest[..<separator.lowerBound]
            rest = rest[separator.upperBound...]
        }
        if let fragment = rest.firstIndex(of: "#") {
            rest = rest[..<fragment]
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let userInfoEnd = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: userInfoEnd)...]
        }
        host = Self.dropDefaultPort(authority, scheme: scheme)
        let target = rest[authorityEnd...]
        if let questionMark = target.firstIndex(of: "?") {
            path = target[..<questionMark]
            query = target[target.index(after: questionMark)...]
        } else {
            path = target
            query = ""
        }
    }

    private static func dropDefaultPort(_ authority: Substring, scheme: Substring) -> Substring {
        // The port's colon is the last one after any IPv6 literal's closing bracket.
        let hostEnd = authority.lastIndex(of: "]") ?? authority.startIndex
        guard let colon = authority[hostEnd...].lastIndex(of: ":") else { return authority }
        let port = authority[authority.index(after: colon)...]
        let defaultPort: Substring? =
            switch scheme.lowercased() {
            case "https": "443"
            case "http": "80"
            default: nil
            }
        return port == defaultPort || port.isEmpty ? authority[..<colon] : authority
    }
}
