import TrailBase

/// One header of a request or response.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Whether the name is `name`, ignoring ASCII case (header names are ASCII), without lower-casing copies.
    public func isNamed(_ name: String) -> Bool {
        self.name.utf8.elementsEqual(name.utf8) { $0.asciiLowercased == $1.asciiLowercased }
    }
}

/// An HTTP request as sent: `url` carries the scheme, host, port, the already percent-encoded path and query.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// Seconds before an unfinished request is abandoned (connecting and transferring).
    public var timeoutSeconds: Int

    public init(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8] = [], timeoutSeconds: Int = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
    }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.isNamed(name) }?.value
    }

    /// Sets a header, replacing any of the same name (case-insensitive).
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.isNamed(name) }
        headers.append(HTTPHeader(name, value))
    }
}

/// A response. Its headers are kept as received (`name: value` lines) and looked up when asked.
///
/// PERF: S3 GETs of small log objects are the norm; building a String pair for each of ~10 headers of every
/// response cost ~5% of a scan's CPU (perf, 25k objects over loopback). Most responses are asked for one header.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// The header lines, CRLF-separated, status line excluded.
    public var headerBlock: [UInt8]
    public var body: [UInt8]

    public init(status: Int, headerBlock: [UInt8], body: [UInt8] = []) {
        self.status = status
        self.headerBlock = headerBlock
        self.body = body
    }

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.init(status: status, headerBlock: Array(headers.map { "\($0.name): \($0.value)\r\n" }.joined().utf8), body: body)
    }

    /// Every header, names lower-cased, in order.
    public var headers: [HTTPHeader] {
        var result: [HTTPHeader] = []
        forEachHeader { name, value in
            result.append(HTTPHeader(String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
            return true
        }
        return result
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = Array(name.utf8)
        var found: String?
        forEachHeader { candidate, value in
            guard candidate.count == wanted.count,
                zip(candidate, wanted).allSatisfy({ $0.asciiLowercased == $1.asciiLowercased })
            else { return true }
            found = String(decoding: value, as: UTF8.self)
            return false
        }
        return found
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Calls `visit(name, value)` per header line (value without leading blanks or the line end) until it returns false.
    func forEachHeader(_ visit: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool) {
        var lineStart = headerBlock.startIndex
        while lineStart < headerBlock.endIndex {
            var lineEnd = headerBlock[lineStart...].firstIndex(of: 0x0A) ?? headerBlock.endIndex
            let next = lineEnd == headerBlock.endIndex ? lineEnd : lineEnd + 1
            if lineEnd > lineStart && headerBlock[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = headerBlock[lineStart..<lineEnd]
            if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                var valueStart = colon + 1
                while valueStart < lineEnd && (headerBlock[valueStart] == 0x20 || headerBlock[valueStart] == 0x09) { valueStart += 1 }
                if !visit(line[..<colon], headerBlock[valueStart..<lineEnd]) { return }
            }
            lineStart = next
        }
    }
}

/// A request that got no HTTP response: the connection failed, was reset or timed out.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case cannotConnect
        case timedOut
        /// The connection broke during the transfer (reset, closed early, a body shorter than its Content-Length).
        case interrupted
        case tls
        case other
    }

    public var kind: Kind
    public var url: String
    public var message: String

    public init(kind: Kind, url: String, message: String) {
        self.kind = kind
        self.url = url
        self.message = message
    }

    /// Worth another try: everything but a bad URL or a TLS failure.
    public var isTransient: Bool { kind == .cannotConnect || kind == .timedOut || kind == .interrupted }

    public var description: String { "\(url): \(message)" }
}

/// Sends one request and waits for its response. Thread-safe.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}
