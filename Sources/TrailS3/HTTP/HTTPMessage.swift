/// One header of a request or response.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
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
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Sets a header, replacing any of the same name (case-insensitive).
    public mutating func setHeader(_ name: String, _ value: String) {
        let wanted = name.lowercased()
        headers.removeAll { $0.name.lowercased() == wanted }
        headers.append(HTTPHeader(name, value))
    }
}

/// A response: header names are lower-cased.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
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
