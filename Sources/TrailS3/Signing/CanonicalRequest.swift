import TrailBase

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
    /// The canonical request's UTF-8 bytes, as hashed into the string to sign.
    var bytes: [UInt8]
    /// The lower-cased header names, sorted and joined with `;`, for the Authorization header.
    var signedHeaders: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// - Parameter normalizesPath: false for S3, whose object keys may contain `.`, `..` and `//` that must be
    ///   signed as they are; true for the other services, whose paths are normalised and encoded a second time.
    ///
    /// PERF: written straight into one byte buffer, without a String per line, header name or value: signing was
    /// ~20% of trailsql's CPU over 25k small S3 GETs (perf, dwarf call graphs), the canonical request half of it.
    init(_ request: HTTPRequest, normalizesPath: Bool, payloadHash: String) {
        let target = RequestTarget(url: request.url)
        let headers = CanonicalHeaders(request.headers, urlHost: target.host)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(request.method.utf8.count + target.path.utf8.count + target.query.utf8.count
                              + headers.storage.count * 2 + payloadHash.utf8.count + 16)
        bytes += request.method.utf8
        bytes.append(Self.newline)
        if normalizesPath {
            bytes += Self.normalizedURI(target.path).utf8
        } else {
            bytes += Self.s3URI(target.path).utf8
        }
        bytes.append(Self.newline)
        if !target.query.isEmpty { bytes += Self.canonicalQuery(target.query).utf8 }
        bytes.append(Self.newline)
        var signedHeaders: [UInt8] = []
        headers.forEach { name, value in
            bytes += name
            bytes.append(UInt8(ascii: ":"))
            bytes += value
            bytes.append(Self.newline)
            if !signedHeaders.isEmpty { signedHeaders.append(UInt8(ascii: ";")) }
            signedHeaders += name
        }
        bytes.append(Self.newline)
        self.signedHeaders = signedHeaders
        bytes += signedHeaders
        bytes.append(Self.newline)
        bytes += payloadHash.utf8
        self.bytes = bytes
    }

    static let newline = UInt8(ascii: "\n")

    /// S3 signs the path exactly as sent: it is already encoded once, and object keys are not normalised.
    static func s3URI(_ path: Substring) -> Substring {
        path.isEmpty ? "/" : path
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

    /// Lower-cased names, sorted; values trimmed with inner runs of spaces collapsed; repeated headers joined
    /// with `,` in the order they were given. `host` comes from the URL unless the request sets it.
    static func canonicalHeaders(_ headers: [HTTPHeader], urlHost: Substring) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        CanonicalHeaders(headers, urlHost: urlHost).forEach { name, value in
            result.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return result
    }
}

/// The headers a request signs, in canonical form: lower-cased names, sorted; values trimmed with inner runs of
/// blanks collapsed (AWS's `Trimall`); repeated headers joined with `,` in the order they were given; `host` from
/// the URL unless the request sets it. Names and values live in one byte buffer.
struct CanonicalHeaders {
    private(set) var storage: [UInt8] = []
    /// Sorted by name, then by position in the request (the URL's host counts as position -1).
    private var entries: [(name: Range<Int>, value: Range<Int>, position: Int)] = []

    init(_ headers: [HTTPHeader], urlHost: Substring) {
        entries.reserveCapacity(headers.count + 1)
        var hasHost = false
        for (position, header) in headers.enumerated() {
            let nameStart = storage.count
            for byte in header.name.utf8 { storage.append(byte.asciiLowercased) }
            let name = nameStart..<storage.count
            if Self.isUnsigned(storage[name]) {
                storage.removeSubrange(name)
                continue
            }
            if storage[name].elementsEqual("host".utf8) { hasHost = true }
            entries.append((name, Self.appendTrimmedAndCollapsed(header.value.utf8, to: &storage), position))
        }
        if !hasHost {
            let nameStart = storage.count
            storage += "host".utf8
            let name = nameStart..<storage.count
            storage += urlHost.utf8
            entries.append((name, name.upperBound..<storage.count, -1))
        }
        entries.sort { [storage] left, right in
            let leftName = storage[left.name]
            let rightName = storage[right.name]
            return leftName.elementsEqual(rightName)
                ? left.position < right.position : leftName.lexicographicallyPrecedes(rightName)
        }
    }

    /// Calls `visit(name, value)` once per name, in order; a repeated header's values come joined with `,`.
    func forEach(_ visit: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Void) {
        var index = 0
        while index < entries.count {
            let name = storage[entries[index].name]
            var next = index + 1
            while next < entries.count && storage[entries[next].name].elementsEqual(name) { next += 1 }
            if next == index + 1 {
                visit(name, storage[entries[index].value])
            } else {
                var joined: [UInt8] = []
                for (offset, entry) in entries[index..<next].enumerated() {
                    if offset > 0 { joined.append(UInt8(ascii: ",")) }
                    joined += storage[entry.value]
                }
                visit(name, joined[...])
            }
            index = next
        }
    }

    /// Headers a proxy or libcurl may add, drop or rewrite after signing; signing them would break the signature.
    static let unsignedHeaderNames: [[UInt8]] = [
        "authorization", "user-agent", "expect", "connection", "keep-alive", "proxy-authorization",
        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "x-amzn-trace-id",
    ].map { Array($0.utf8) }

    private static func isUnsigned(_ name: ArraySlice<UInt8>) -> Bool {
        unsignedHeaderNames.contains { $0.count == name.count && $0.elementsEqual(name) }
    }

    /// AWS's `Trimall`: no leading or trailing blanks, and each inner run of spaces or tabs becomes one space.
    private static func appendTrimmedAndCollapsed(_ value: String.UTF8View, to storage: inout [UInt8]) -> Range<Int> {
        let start = storage.count
        var pendingSpace = false
        for byte in value {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                pendingSpace = storage.count > start
            } else {
                if pendingSpace { storage.append(UInt8(ascii: " ")) }
                pendingSpace = false
                storage.append(byte)
            }
        }
        return start..<storage.count
    }
}
