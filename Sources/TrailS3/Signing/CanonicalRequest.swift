/// Task 1 of Signature Version 4: the request in the one form both sides can rebuild byte for byte.
///
///     GET                     method
///     /test.txt               canonical URI
///     max-keys=2&prefix=J     canonical query
///     host:…\nrange:…\n       canonical headers, one a line, sorted
///     (empty line)
///     host;range              signed headers
///     e3b0c442…b855           payload hash
struct CanonicalRequest {
    var text: String
    /// The lower-cased header names, sorted and joined with `;`, for the Authorization header.
    var signedHeaders: String

    /// - Parameter normalizesPath: false for S3, whose object keys may contain `.`, `..` and `//` that must be
    ///   signed as they are; true for the other services, whose paths are normalised and encoded a second time.
    init(_ request: HTTPRequest, normalizesPath: Bool, payloadHash: String) {
        let target = RequestTarget(url: request.url)
        let uri = normalizesPath ? Self.normalizedURI(target.path) : Self.s3URI(target.path)
        let headers = Self.canonicalHeaders(request.headers, urlHost: target.host)
        signedHeaders = headers.map(\.name).joined(separator: ";")
        var lines: [String] = [request.method, uri, Self.canonicalQuery(target.query)]
        lines += headers.map { "\($0.name):\($0.value)" }
        lines += ["", signedHeaders, payloadHash]
        text = lines.joined(separator: "\n")
    }

    /// S3 signs the path exactly as sent: it is already encoded once, and object keys are not normalised.
    static func s3URI(_ path: Substring) -> String {
        path.isEmpty ? "/" : String(path)
    }

    /// Other services: drop empty and `.` segments, let `..` remove the segment before it, keep a trailing `/`,
    /// then encode each segment (a second time, when the URL was already encoded) — as the AWS SDKs do.
    static func normalizedURI(_ path: Substring) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let encoded = segments.map { URIEncoding.encodeToString(bytes: $0.utf8) }
        let trailingSlash = !segments.isEmpty && path.hasSuffix("/") ? "/" : ""
        return "/" + encoded.joined(separator: "/") + trailingSlash
    }

    /// Each name and value decoded, then re-encoded with `UriEncode`, so `a%20b` and `a b` sign alike; sorted by
    /// name then value; a parameter without `=` gets an empty value (`?lifecycle` → `lifecycle=`).
    static func canonicalQuery(_ query: Substring) -> String {
        guard !query.isEmpty else { return "" }
        var parameters: [(name: String, value: String)] = []
        for parameter in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = parameter.firstIndex(of: "=") {
                name = parameter[..<equals]
                value = parameter[parameter.index(after: equals)...]
            } else {
                name = parameter
                value = ""
            }
            parameters.append((reencoded(name), reencoded(value)))
        }
        parameters.sort { left, right in
            left.name == right.name
                ? left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
                : left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }
        return parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    private static func reencoded(_ text: Substring) -> String {
        URIEncoding.encodeToString(bytes: URIEncoding.decode(text.utf8))
    }

    /// Headers a proxy or libcurl may add, drop or rewrite after signing; signing them would break the signature.
    static let unsignedHeaderNames: Set<String> = [
        "authorization", "user-agent", "expect", "connection", "keep-alive", "proxy-authorization",
        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "x-amzn-trace-id",
    ]

    /// Lower-cased names, sorted; values trimmed with inner runs of spaces collapsed; repeated headers joined
    /// with `,` in the order they were given. `host` comes from the URL unless the request sets it.
    static func canonicalHeaders(_ headers: [HTTPHeader], urlHost: Substring) -> [(name: String, value: String)] {
        var entries: [(name: String, value: String, position: Int)] = []
        entries.reserveCapacity(headers.count + 1)
        for (position, header) in headers.enumerated() {
            let name = header.name.lowercased()
            guard !unsignedHeaderNames.contains(name) else { continue }
            entries.append((name, trimmedAndCollapsed(header.value), position))
        }
        if !entries.contains(where: { $0.name == "host" }) {
            entries.append(("host", String(urlHost), -1))
        }
        entries.sort { left, right in
            left.name == right.name
                ? left.position < right.position
                : left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }
        var merged: [(name: String, value: String)] = []
        for entry in entries {
            if let last = merged.last, last.name == entry.name {
                merged[merged.count - 1].value += "," + entry.value
            } else {
                merged.append((entry.name, entry.value))
            }
        }
        return merged
    }

    /// AWS's `Trimall`: no leading or trailing blanks, and each inner run of spaces or tabs becomes one space.
    static func trimmedAndCollapsed(_ value: String) -> String {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                pendingSpace = !collapsed.isEmpty
            } else {
                if pendingSpace { collapsed.append(UInt8(ascii: " ")) }
                pendingSpace = false
                collapsed.append(byte)
            }
        }
        return String(decoding: collapsed, as: UTF8.self)
    }
}
