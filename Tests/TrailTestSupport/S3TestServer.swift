import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real S3-compatible server (moto 5.2.5, S3 and IAM on one port) on 127.0.0.1 for the tests, run from the
/// repository's `.build-venv` (`make test-deps` installs it) through `Tests/S3Support/moto_launcher.py`.
///
/// `shared` is one auth-free server per test process, started on first use; tests sharing it should each use
/// buckets of their own (names of 3–63 characters) and count requests per bucket. `start()` gives a separate
/// server, for tests that turn on auth (global to a server) or need a server to themselves. Every server dies
/// with the test process (the launcher exits when its parent is gone), and `stop()`/deinit end it sooner.
///
/// Setup and inspection go through `Tests/S3Support/s3_admin.py` (boto3), so keys are stored exactly as given.
public final class S3TestServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let endpoint: String
    public let port: Int
    /// Where the access log (`access.log`) and the server's stderr (`server.log`) are.
    public let directory: URL
    public let accessLogURL: URL

    let process: SupportProcess
    private let harnessCredentials = Mutex<(accessKey: String, secret: String)?>(nil)

    // MARK: Starting

    /// The repository's Python virtual environment, `<repo>/.build-venv`.
    public static var defaultVenv: URL { Fixtures.repositoryRoot.appendingPathComponent(".build-venv") }
    /// The folder of the Python helpers, `<repo>/Tests/S3Support`.
    public static var supportFolder: URL { Fixtures.repositoryRoot.appendingPathComponent("Tests/S3Support") }

    private static let sharedServer = Result { try S3TestServer.start(shared: true) }

    /// The process's shared auth-free server, started on first use (thread-safe); rethrows a start failure,
    /// e.g. ``S3TestServerError/notInstalled(_:)`` telling to run `make test-deps`.
    public static var shared: S3TestServer {
        get throws { try sharedServer.get() }
    }

    /// Starts a new server of its own (for auth tests: `enableAuth()` affects the whole server).
    public static func start(venv: URL = defaultVenv) throws -> S3TestServer {
        try start(venv: venv, shared: false)
    }

    private static func start(venv: URL = defaultVenv, shared: Bool) throws -> S3TestServer {
        let python = try SupportProcess.python(venv: venv, requiring: "moto_server")
        let directory = try Fixtures.makeTemporaryDirectory("trailsql-moto")
        let accessLog = directory.appendingPathComponent("access.log")
        _ = FileManager.default.createFile(atPath: accessLog.path, contents: nil)
        let script = supportFolder.appendingPathComponent("moto_launcher.py").path
        let process = try SupportProcess.launch(
            python: python, arguments: [script, "--access-log", accessLog.path], name: "moto",
            logFile: directory.appendingPathComponent("server.log"), readyTimeout: 90)
        return S3TestServer(process: process, directory: directory, accessLog: accessLog, isShared: shared)
    }

    private let isShared: Bool

    private init(process: SupportProcess, directory: URL, accessLog: URL, isShared: Bool) {
        self.process = process
        self.isShared = isShared
        self.port = process.port
        self.endpoint = "http://127.0.0.1:\(process.port)"
        self.directory = directory
        self.accessLogURL = accessLog
    }

    deinit { process.stop() }

    /// Ends the server now (it ends with the test process anyway). The log folder stays until deinit.
    public func stop() { process.stop() }

    /// Whether the server process is still running.
    public var isRunning: Bool { process.isRunning }

    /// The server process's pid.
    public var processIdentifier: Int32 { process.pid }

    // MARK: Setting up

    /// Creates a bucket (`region` other than us-east-1 sets its LocationConstraint).
    public func makeBucket(_ name: String, region: String = "us-east-1") throws {
        try admin(["make-bucket", name, region])
    }

    /// Uploads every file under `folder` with key `prefix` + its path relative to `folder` ('/'-separated),
    /// bytes unchanged and no Content-Encoding. Returns the number of objects uploaded.
    @discardableResult
    public func upload(folder: String, bucket: String, prefix: String = "") throws -> Int {
        Int(try admin(["upload", folder, bucket, prefix]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Stores one object.
    public func put(bucket: String, key: String, bytes: Data) throws {
        let file = directory.appendingPathComponent("put-\(UUID().uuidString)")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try admin(["put", bucket, key, file.path])
    }

    /// Reads one object back (boto3 GetObject); `endpoint` may be a ``FaultProxy``'s.
    public func getObject(bucket: String, key: String, endpoint: String? = nil, accessKey: String? = nil,
                          secret: String? = nil) throws -> Data {
        let file = directory.appendingPathComponent("get-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try admin(["get", bucket, key, file.path], endpoint: endpoint, accessKey: accessKey, secret: secret)
        return try Data(contentsOf: file)
    }

    /// Every key under `prefix` (boto3 ListObjectsV2, all pages), exactly as stored.
    public func listKeys(bucket: String, prefix: String = "", endpoint: String? = nil, accessKey: String? = nil,
                         secret: String? = nil) throws -> [String] {
        let output = try admin(["list", bucket, prefix], endpoint: endpoint, accessKey: accessKey, secret: secret)
        return try JSONDecoder().decode([String].self, from: Data(output.utf8))
    }

    /// Adds a bucket-policy statement denying s3:GetObject on one key: moto then answers GetObject for it with
    /// 403 and an empty body (no AccessDenied XML; for that, use `enableAuth()` and the list-only user).
    /// Other keys, and listing, still work.
    public func denyGetObject(bucket: String, key: String) throws {
        try admin(["deny-get", bucket, key])
    }

    /// Creates IAM users (one with s3:*, one with only s3:ListBucket, and one with * that the harness itself
    /// uses from then on), then turns on moto's auth for this whole server: from then on only these keys work,
    /// signatures are checked and the IAM policies enforced. Not allowed on `shared`: use `start()`.
    public func enableAuth() throws -> (accessKey: String, secret: String, listOnlyAccessKey: String, listOnlySecret: String) {
        if isShared {
            throw S3TestServerError.failed("enableAuth() on S3TestServer.shared would turn auth on for every test; use S3TestServer.start()")
        }
        struct Key: Decodable { var accessKey: String; var secret: String }
        struct Keys: Decodable { var harness: Key; var full: Key; var listOnly: Key }
        let keys = try JSONDecoder().decode(Keys.self, from: Data(try admin(["enable-auth"]).utf8))
        harnessCredentials.withLock { $0 = (keys.harness.accessKey, keys.harness.secret) }
        return (keys.full.accessKey, keys.full.secret, keys.listOnly.accessKey, keys.listOnly.secret)
    }

    /// Whether `enableAuth()` was called.
    public var authEnabled: Bool { harnessCredentials.withLock { $0 != nil } }

    /// moto's `POST /moto-api/reset`: drops every bucket and IAM user of this server (all tests' on `shared`).
    public func reset() throws {
        let response = try LoopbackHTTP.request(port: port, method: "POST", path: "/moto-api/reset")
        guard response.status == 200 else {
            throw S3TestServerError.failed("POST /moto-api/reset answered \(response.status)")
        }
    }

    /// Raw requests with Python's http.client (SigV4-signed with the harness keys, or `accessKey`/`secret`,
    /// unless `signed` is false), on one connection if `keepAlive`. `paths` are sent as given
    /// (percent-encoded, with query). For checking what a server or proxy does on the wire.
    public func probe(method: String = "GET", paths: [String], keepAlive: Bool = false, signed: Bool = true,
                      endpoint: String? = nil, accessKey: String? = nil, secret: String? = nil) throws -> [ProbeResult] {
        var arguments = ["probe"]
        if keepAlive { arguments.append("--keep-alive") }
        if !signed { arguments.append("--unsigned") }
        arguments.append(method)
        arguments += paths
        let output = try admin(arguments, endpoint: endpoint, accessKey: accessKey, secret: secret)
        return try JSONDecoder().decode([ProbeResult].self, from: Data(output.utf8))
    }

    /// Runs `s3_admin.py --endpoint E [--access-key K --secret-key S] ARGUMENTS...` with the venv's Python and
    /// returns its stdout. `endpoint` defaults to this server's; the keys to moto's dummy ones (or, once auth
    /// is on, the harness's IAM user). Throws ``S3AdminError`` (with the S3 error code if there was one).
    @discardableResult
    public func admin(_ arguments: [String], endpoint: String? = nil, accessKey: String? = nil,
                      secret: String? = nil) throws -> String {
        let python = try SupportProcess.python(venv: Self.defaultVenv, requiring: "moto_server")
        var all = [Self.supportFolder.appendingPathComponent("s3_admin.py").path, "--endpoint", endpoint ?? self.endpoint]
        let harness = harnessCredentials.withLock { $0 }
        if let key = accessKey ?? harness?.accessKey, let secret = secret ?? harness?.secret {
            all += ["--access-key", key, "--secret-key", secret]
        }
        all.append("--")
        all += arguments
        let result = try SupportProcess.run(python: python, arguments: all)
        guard result.status == 0 else {
            throw S3AdminError(arguments: arguments, exitStatus: result.status, stdout: result.stdout, stderr: result.stderr)
        }
        return result.stdout
    }

    // MARK: Request log

    /// A point in the access log; `requests(since:)` gives what came after.
    public struct LogMark: Sendable, Equatable {
        public let offset: Int
    }

    /// Marks the end of the log as it is now (complete lines only).
    public func markLog() -> LogMark {
        let data = (try? Data(contentsOf: accessLogURL)) ?? Data()
        return LogMark(offset: (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0)
    }

    /// Every request the server has answered (its status line was sent before the client could see it, so a
    /// command's requests are all here when the command has finished).
    public func requestLog() -> [LoggedRequest] { requests(since: LogMark(offset: 0)) }

    /// The requests logged after `mark`.
    public func requests(since mark: LogMark) -> [LoggedRequest] {
        guard let data = try? Data(contentsOf: accessLogURL), data.count > mark.offset else { return [] }
        let tail = data[(data.startIndex + mark.offset)...]
        let complete = tail.lastIndex(of: UInt8(ascii: "\n")).map { tail[..<$0] } ?? tail[tail.startIndex..<tail.startIndex]
        return String(decoding: complete, as: UTF8.self).split(separator: "\n").compactMap { LoggedRequest(logLine: String($0)) }
    }

    /// The ListObjects/ListObjectsV2 requests for `bucket` (since `mark`).
    public func listRequests(bucket: String, since mark: LogMark? = nil) -> Int {
        requests(since: mark ?? LogMark(offset: 0)).count { $0.isList && $0.bucket == bucket }
    }

    /// The GetObject requests for `bucket` (since `mark`).
    public func getObjectRequests(bucket: String, since mark: LogMark? = nil) -> Int {
        requests(since: mark ?? LogMark(offset: 0)).count { $0.isGetObject && $0.bucket == bucket }
    }

    /// The server's stderr so far (for failure messages).
    public func serverLog() -> String { process.logTail() }
}

/// One line of the server's access log:
/// `127.0.0.1 - - [21/Nov/2026 23:41:32] "GET /bkt1?list-type=2&prefix=a%20b/ HTTP/1.1" 200 -`.
/// `target`, `path` and `query` are exactly as the client sent them (percent-encoded); `bucket` and `key` are
/// decoded. Path-style addressing only (what a 127.0.0.1 endpoint gets).
public struct LoggedRequest: Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var target: String
    public var path: String
    public var query: String
    public var status: Int

    public init?(logLine line: String) {
        // werkzeug's own format may carry ANSI colours; the launcher writes none, but strip them anyway.
        let clean = line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        guard let open = clean.firstIndex(of: "\""), let close = clean.lastIndex(of: "\""), open < close else { return nil }
        let request = clean[clean.index(after: open)..<close].split(separator: " ", omittingEmptySubsequences: false)
        guard request.count >= 3, let status = Int(clean[clean.index(after: close)...].split(separator: " ").first ?? "") else {
            return nil
        }
        method = String(request[0])
        target = request[1..<(request.count - 1)].joined(separator: " ")
        self.status = status
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            query = String(target[target.index(after: question)...])
        } else {
            path = target
            query = ""
        }
    }

    /// The query's parameters, decoded, in order (a parameter without `=` has value "").
    public var queryItems: [(name: String, value: String)] {
        query.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in String(s).removingPercentEncoding ?? String(s) }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    public func queryValue(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// The first path segment, decoded (nil for `/` and moto's own `/moto-api/...`).
    public var bucket: String? {
        let segments = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard segments.count >= 2, !segments[1].isEmpty, !path.hasPrefix("/moto-api") else { return nil }
        let name = segments[1].split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return name.removingPercentEncoding ?? name
    }

    /// The object key, decoded (nil when the path names only a bucket).
    public var key: String? {
        guard bucket != nil else { return nil }
        let afterSlash = path.dropFirst()
        guard let slash = afterSlash.firstIndex(of: "/") else { return nil }
        let raw = String(afterSlash[afterSlash.index(after: slash)...])
        return raw.isEmpty ? nil : (raw.removingPercentEncoding ?? raw)
    }

    private static let listParameters: Set<String> = [
        "list-type", "prefix", "delimiter", "marker", "max-keys", "encoding-type", "continuation-token", "start-after",
        "fetch-owner", "x-id", "optional-object-attributes",
    ]

    /// A ListObjects or ListObjectsV2 (GET on a bucket with only listing parameters, not `?policy` etc.).
    public var isList: Bool {
        method == "GET" && bucket != nil && key == nil && queryItems.allSatisfy { Self.listParameters.contains($0.name) }
    }

    /// A GetObject (GET of a key; not ?acl, ?tagging and the like).
    public var isGetObject: Bool {
        method == "GET" && key != nil
            && queryItems.allSatisfy { ["versionId", "partNumber", "x-id"].contains($0.name) || $0.name.hasPrefix("response-") }
    }

    public var description: String { "\(method) \(target) → \(status)" }
}

/// One `probe` result: what a raw client saw for one request.
public struct ProbeResult: Sendable, Decodable, Equatable {
    /// HTTP status, nil if no response came (connection reset, ...).
    public var status: Int?
    /// The S3 error `<Code>` in the body, if any.
    public var code: String?
    /// The response's Content-Length.
    public var declaredLength: Int?
    /// Body bytes received.
    public var received: Int
    /// Python's exception name: `IncompleteRead` (short body), `ConnectionResetError`, `RemoteDisconnected`, ...
    public var error: String?

    public init(status: Int?, code: String?, declaredLength: Int?, received: Int, error: String?) {
        self.status = status
        self.code = code
        self.declaredLength = declaredLength
        self.received = received
        self.error = error
    }
}

public enum S3TestServerError: Error, CustomStringConvertible {
    case notInstalled(String)
    case failed(String)

    public var description: String {
        switch self {
        case .notInstalled(let message), .failed(let message): message
        }
    }
}

/// `s3_admin.py` failed: `s3Code`/`httpStatus` are set when S3 answered with an error (exit status 3).
public struct S3AdminError: Error, CustomStringConvertible {
    public var arguments: [String]
    public var exitStatus: Int32
    public var stdout: String
    public var stderr: String

    public var s3Code: String? { s3Error?.error }
    public var httpStatus: Int? { s3Error?.status }

    private struct Payload: Decodable { var error: String?; var status: Int? }
    private var s3Error: Payload? {
        exitStatus == 3 ? try? JSONDecoder().decode(Payload.self, from: Data(stdout.utf8)) : nil
    }

    public var description: String {
        "s3_admin.py \(arguments.joined(separator: " ")) exited with \(exitStatus): \(stdout)\(stderr.suffix(2000))"
    }
}

// MARK: - Helper processes

/// A Python helper that prints its port as its first stdout line and exits when its parent (this process) is
/// gone, with its stderr going to a log file in a temporary folder of its own (removed on deinit or at exit).
final class SupportProcess: Sendable {
    let pid: Int32
    let port: Int
    let logFile: URL
    private let process: Mutex<Process?>

    /// The venv's python, after checking that `venv/bin/<executable>` (e.g. moto_server) is there.
    static func python(venv: URL, requiring executable: String) throws -> String {
        let python = venv.appendingPathComponent("bin/python").path
        let required = venv.appendingPathComponent("bin/\(executable)").path
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.isExecutableFile(atPath: required) else {
            throw S3TestServerError.notInstalled(
                "\(required) not found: the S3 tests need moto in the repository's venv; run `make test-deps` "
                    + "(creates .build-venv and pip-installs moto[server]==5.2.5)")
        }
        return python
    }

    /// The environment for helpers: no proxies, dummy AWS credentials, no ~/.aws configuration.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.lowercased().hasSuffix("_proxy") || name.hasPrefix("AWS_") {
            environment[name] = nil
        }
        environment["NO_PROXY"] = "*"
        environment["no_proxy"] = "*"
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        return environment
    }

    static func launch(python: String, arguments: [String], name: String, logFile: URL, readyTimeout: Double) throws -> SupportProcess {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [arguments[0], "--parent-pid", String(getpid())] + arguments.dropFirst()
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = stdout.fileHandleForReading
        defer { try? reader.close() }
        let line = readLine(fd: reader.fileDescriptor, timeout: readyTimeout)
        guard let line, let port = Int(line.trimmingCharacters(in: .whitespaces)), port > 0 else {
            if process.isRunning { process.terminate() }
            let tail = (try? String(contentsOf: logFile, encoding: .utf8)).map { String($0.suffix(3000)) } ?? ""
            throw S3TestServerError.failed(
                "\(name) did not start (\(line == nil ? "no port within \(Int(readyTimeout)) s" : "printed \(line!.debugDescription)")); "
                    + "its log \(logFile.path):\n\(tail)")
        }
        return SupportProcess(process: process, port: port, logFile: logFile)
    }

    private init(process: Process, port: Int, logFile: URL) {
        self.pid = process.processIdentifier
        self.port = port
        self.logFile = logFile
        self.process = Mutex(process)
        register()
    }

    var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }

    func stop() {
        let stopped = process.withLock { slot -> Process? in
            defer { slot = nil }
            return slot
        }
        guard let stopped else { return }
        if stopped.isRunning {
            stopped.terminate()
            // SIGTERM can be blocked in a child (it inherits the spawning thread's mask; the scripts unblock it,
            // but do not hang on that): SIGKILL after 5 s.
            let deadline = Date().addingTimeInterval(5)
            while stopped.isRunning && Date() < deadline { usleep(10_000) }
            if stopped.isRunning { kill(pid, SIGKILL) }
            stopped.waitUntilExit()
        }
        SupportProcess.unregister(pid)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: logFile.deletingLastPathComponent())
    }

    func logTail(_ count: Int = 5000) -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)).map { String($0.suffix(count)) } ?? ""
    }

    // Helpers still running at exit (the shared server) get SIGTERM then, and their folders go; they would
    // also exit by themselves once they notice their parent is gone.
    private static let live = Mutex<[Int32: URL]>([:])
    private static let exitHook: Void = Fixtures.atExit {
        for (pid, folder) in SupportProcess.live.withLock({ $0 }) {
            kill(pid, SIGTERM)
            try? FileManager.default.removeItem(at: folder)
        }
    }

    private func register() {
        _ = SupportProcess.exitHook
        let folder = logFile.deletingLastPathComponent()
        SupportProcess.live.withLock { $0[pid] = folder }
    }

    private static func unregister(_ pid: Int32) { live.withLock { _ = $0.removeValue(forKey: pid) } }

    /// The first line from `fd`, waiting at most `timeout` seconds; nil on EOF or timeout.
    static func readLine(fd: Int32, timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return nil }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000))
            if ready < 0 && errno != EINTR { return nil }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            bytes += buffer[..<count]
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: bytes[..<newline], as: UTF8.self)
            }
        }
    }

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the venv's python to completion, capturing both outputs.
    static func run(python: String, arguments: [String]) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = Mutex(Data())
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = data }
            done.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: errData.withLock { String(decoding: $0, as: UTF8.self) })
    }
}

// MARK: - A minimal HTTP/1.1 client for 127.0.0.1 (no proxies, no URLSession)

enum LoopbackHTTP {
    struct Response {
        var status: Int
        var body: Data
    }

    /// One request on a new connection with `Connection: close`; reads the response to EOF.
    static func request(port: Int, method: String, path: String, body: Data = Data(),
                        contentType: String = "text/plain", timeout: Int = 30) throws -> Response {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw S3TestServerError.failed("socket(): errno \(errno)") }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw S3TestServerError.failed("connect to 127.0.0.1:\(port): errno \(errno)") }
        var message = Data("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n".utf8)
        if !body.isEmpty || method == "POST" || method == "PUT" {
            message += Data("Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n".utf8)
        }
        message += Data("\r\n".utf8) + body
        try message.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let count = send(fd, raw.baseAddress! + sent, raw.count - sent, 0)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw S3TestServerError.failed("send to 127.0.0.1:\(port): errno \(errno)") }
                sent += count
            }
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw S3TestServerError.failed("recv from 127.0.0.1:\(port): errno \(errno)") }
            if count == 0 { break }
            received.append(contentsOf: buffer[..<count])
        }
        guard let headEnd = received.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw S3TestServerError.failed("\(method) \(path) on 127.0.0.1:\(port): no HTTP response")
        }
        let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
        let fields = head.split(separator: "\r\n").first?.split(separator: " ") ?? []
        guard fields.count >= 2, let status = Int(fields[1]) else {
            throw S3TestServerError.failed("\(method) \(path) on 127.0.0.1:\(port): bad status line in \(head.prefix(200))")
        }
        var body = Data(received[headEnd.upperBound...])
        for line in head.split(separator: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length",
               let length = Int(parts[1].trimmingCharacters(in: .whitespaces)), length < body.count {
                body = body.prefix(length)
            }
        }
        return Response(status: status, body: body)
    }
}
