import Foundation

/// A loopback HTTP proxy (`Tests/S3Support/fault_proxy.py`) in front of an S3 endpoint (usually an
/// ``S3TestServer``'s) that relays requests byte for byte and injects faults on demand.
///
/// Point the client under test at `endpoint` instead of the server's. Requests that match no rule pass
/// through; a rule fires `times` times, then stops. The proxy keeps the client's HTTP/1.1 connection alive
/// even though moto itself closes every connection (`stats().connections` counts the client's connections).
public final class FaultProxy: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let endpoint: String
    public let port: Int
    public let upstream: String
    let process: SupportProcess

    /// Starts a proxy to `upstream` (`http://127.0.0.1:PORT`). It ends with `stop()`, deinit, or the test process.
    public static func start(upstream: String, venv: URL = S3TestServer.defaultVenv) throws -> FaultProxy {
        let python = try SupportProcess.python(venv: venv, requiring: "python")
        let directory = try Fixtures.makeTemporaryDirectory("trailsql-fault-proxy")
        let script = S3TestServer.supportFolder.appendingPathComponent("fault_proxy.py").path
        let process = try SupportProcess.launch(
            python: python, arguments: [script, "--upstream", upstream], name: "fault_proxy",
            logFile: directory.appendingPathComponent("proxy.log"), readyTimeout: 30)
        return FaultProxy(process: process, upstream: upstream)
    }

    private init(process: SupportProcess, upstream: String) {
        self.process = process
        self.port = process.port
        self.endpoint = "http://127.0.0.1:\(process.port)"
        self.upstream = upstream
    }

    deinit { process.stop() }

    public func stop() { process.stop() }

    /// Adds rules (after those already active).
    public func inject(_ rules: [FaultRule]) throws {
        let response = try LoopbackHTTP.request(
            port: port, method: "POST", path: "/__faults__", body: try JSONEncoder().encode(rules), contentType: "application/json")
        guard response.status == 200 else {
            throw S3TestServerError.failed("fault proxy refused the rules: \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    public func inject(_ rule: FaultRule) throws { try inject([rule]) }

    /// What went through the proxy since it started or since `reset()`.
    public func stats() throws -> FaultProxyStats {
        let response = try LoopbackHTTP.request(port: port, method: "GET", path: "/__stats__")
        guard response.status == 200 else { throw S3TestServerError.failed("GET /__stats__ answered \(response.status)") }
        return try JSONDecoder().decode(FaultProxyStats.self, from: response.body)
    }

    /// Drops all rules and zeroes the counters.
    public func reset() throws {
        let response = try LoopbackHTTP.request(port: port, method: "POST", path: "/__reset__")
        guard response.status == 200 else { throw S3TestServerError.failed("POST /__reset__ answered \(response.status)") }
    }

    /// The proxy's stderr (Python tracebacks, if any).
    public func log() -> String { process.logTail() }
}

/// One fault: fires on requests whose raw target (path?query as sent, percent-encoded) contains `match` and
/// whose method is `method` (any if nil), `times` times.
public struct FaultRule: Sendable, Encodable, Equatable {
    public enum Action: String, Sendable, Encodable {
        /// 503 with S3's `SlowDown` error XML.
        case slowdown
        /// 500 with S3's `InternalError` error XML.
        case internalError = "internal-error"
        /// `status` with an S3 error XML of `code` and `message`.
        case error
        /// Reads the request, then resets the connection (RST), with no response.
        case reset
        /// Forwards, then sends the headers (original Content-Length) and half the body, then closes.
        case truncate
        /// Forwards, then sends half the body as a whole response (its Content-Length says that half's length)
        /// on a connection that stays usable: the transfer looks complete, only the content is short (a gzip
        /// stream without its end).
        case shortBody = "short-body"
        /// Waits `seconds`, then forwards.
        case delay
        /// S3's time check: a request whose X-Amz-Date is more than 15 minutes from the real time gets S3's 403
        /// `RequestTimeTooSkewed` (with `<ServerTime>` and a `Date` header); other requests pass, using no `times`.
        case clockCheck = "clock-check"
        /// STS's time check: the same test, answered as STS does, 403 `SignatureDoesNotMatch` "Signature expired:
        /// … (NOW - 15 min.)" or "Signature not yet current: …", with a `Date` header.
        case stsClockCheck = "sts-clock-check"
    }

    public var match: String
    public var method: String?
    public var action: Action
    public var times: Int
    public var seconds: Double?
    public var status: Int?
    public var code: String?
    public var message: String?
    /// For `.error`: the region S3 names for the bucket (`x-amz-bucket-region` and `<Region>`), as in a 301.
    public var region: String?

    public init(match: String = "", method: String? = nil, action: Action, times: Int = 1, seconds: Double? = nil,
                status: Int? = nil, code: String? = nil, message: String? = nil, region: String? = nil) {
        self.region = region
        self.match = match
        self.method = method
        self.action = action
        self.times = times
        self.seconds = seconds
        self.status = status
        self.code = code
        self.message = message
    }

    public static func slowdown(_ match: String = "", method: String? = nil, times: Int = 1) -> FaultRule {
        FaultRule(match: match, method: method, action: .slowdown, times: times)
    }

    public static func internalError(_ match: String = "", method: String? = nil, times: Int = 1) -> FaultRule {
        FaultRule(match: match, method: method, action: .internalError, times: times)
    }

    public static func error(_ match: String = "", method: String? = nil, status: Int, code: String,
                             message: String = "Injected error.", times: Int = 1) -> FaultRule {
        FaultRule(match: match, method: method, action: .error, times: times, status: status, code: code, message: message)
    }

    public static func reset(_ match: String = "", method: String? = nil, times: Int = 1) -> FaultRule {
        FaultRule(match: match, method: method, action: .reset, times: times)
    }

    public static func truncate(_ match: String = "", method: String? = nil, times: Int = 1) -> FaultRule {
        FaultRule(match: match, method: method, action: .truncate, times: times)
    }

    public static func shortBody(_ match: String = "", method: String? = nil, times: Int = 1) -> FaultRule {
        FaultRule(match: match, method: method, action: .shortBody, times: times)
    }

    public static func clockCheck(_ match: String = "", times: Int = 1) -> FaultRule {
        FaultRule(match: match, action: .clockCheck, times: times)
    }

    public static func stsClockCheck(_ match: String = "", times: Int = 1) -> FaultRule {
        FaultRule(match: match, action: .stsClockCheck, times: times)
    }

    public static func delay(_ match: String = "", method: String? = nil, seconds: Double, times: Int = 1) -> FaultRule {
        FaultRule(match: match, method: method, action: .delay, times: times, seconds: seconds)
    }
}

public struct FaultProxyStats: Sendable, Decodable, Equatable {
    public struct Entry: Sendable, Decodable, Equatable {
        public var method: String
        /// The raw request target.
        public var target: String
        /// The fault injected, nil if passed through.
        public var action: String?
    }

    /// Requests received (control endpoints excluded).
    public var requests: Int
    /// Requests forwarded upstream (passed through, delayed or truncated).
    public var forwarded: Int
    /// TCP connections the clients opened to the proxy that carried a proxied request (control calls excluded).
    public var connections: Int
    /// The most proxied requests that were being answered at the same time.
    public var peakInFlight: Int
    /// Faults injected, by action name (`slowdown`, `internal-error`, `error`, `reset`, `truncate`, `short-body`,
    /// `delay`).
    public var faults: [String: Int]
    /// Every request, in order.
    public var log: [Entry]

    public func faults(_ action: FaultRule.Action) -> Int { faults[action.rawValue] ?? 0 }

    enum CodingKeys: String, CodingKey {
        case requests, forwarded, connections, peakInFlight = "peak_in_flight", faults, log
    }
}
