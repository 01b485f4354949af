import Foundation
import Synchronization
import Testing
import TrailTestSupport
@testable import TrailS3

/// A temporary home for one test: its `.aws/config` and `.aws/credentials`, other files it needs, and an
/// environment pointing at them. Instance metadata is disabled unless a test turns it back on, so nothing ever
/// reaches for 169.254.169.254.
struct AWSFilesFixture {
    let folder: URL

    init(config: String = "", credentials: String = "") throws {
        folder = try Fixtures.makeTemporaryDirectory("trailsql-aws")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".aws"),
                                                withIntermediateDirectories: true)
        if !config.isEmpty { _ = try write(".aws/config", config) }
        if !credentials.isEmpty { _ = try write(".aws/credentials", credentials) }
    }

    var configPath: String { folder.appendingPathComponent(".aws/config").path }
    var credentialsPath: String { folder.appendingPathComponent(".aws/credentials").path }

    /// HOME is the fixture folder; the file variables are set too, as a user overriding them would.
    var environment: [String: String] {
        [
            "HOME": folder.path, "PATH": "/usr/local/bin:/usr/bin:/bin", "AWS_CONFIG_FILE": configPath,
            "AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    @discardableResult
    func write(_ relativePath: String, _ text: String, executable: Bool = false) throws -> String {
        let url = folder.appendingPathComponent(relativePath)
        try Data(text.utf8).write(to: url)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
        return url.path
    }

    func settings(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                  environment extra: [String: String] = [:]) throws -> AWSProfileSettings
    {
        try AWSProfileSettings.resolve(profile: profile, region: region, endpointURL: endpointURL,
                                       environment: environment.merging(extra) { $1 })
    }

    func remove() { Fixtures.cleanUp(folder) }
}

/// A Python server on 127.0.0.1 started for the tests: the script prints its port as its first line and exits
/// when this test process does.
final class CredentialTestServer: Sendable {
    let port: Int
    private let process: Process

    var url: String { "http://127.0.0.1:\(port)" }

    /// The venv that has moto; any python3 can run the stdlib-only fake endpoints.
    static let python: String = {
        let venv = Fixtures.repositoryRoot.appendingPathComponent(".build-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
    }()

    init(script: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Fixtures.repositoryRoot.appendingPathComponent("Tests/S3Support/\(script)").path,
                             "--parent-pid", String(ProcessInfo.processInfo.processIdentifier)] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw LaunchFailure(script: script)
        }
        self.port = port
        self.process = process
    }

    struct LaunchFailure: Error, CustomStringConvertible {
        var script: String
        var description: String { "\(script) did not start (is moto installed in .build-venv?)" }
    }

    /// SIGKILL by process id: it cannot be blocked, so the wait cannot hang.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The fake endpoints' request log: method, path, and whether the request carried the right token.
    func requestLog() throws -> [(method: String, path: String, tokenOK: Bool)] {
        let response = try CurlTransport().send(HTTPRequest(method: "GET", url: url + "/_log", timeoutSeconds: 5))
        let entries = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return entries.map {
            (($0["method"] as? String) ?? "", ($0["path"] as? String) ?? "", ($0["tokenOK"] as? Bool) ?? false)
        }
    }

    /// One moto server (STS) for the whole test run, started on first use.
    static let moto: Result<CredentialTestServer, any Error> = Result {
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("trailsql-credentials-moto-\(ProcessInfo.processInfo.processIdentifier).log")
        Fixtures.removeAtExit(log.path)
        return try CredentialTestServer(script: "moto_launcher.py", arguments: ["--access-log", log.path])
    }
}

/// A transport that answers from a table without any network: for URLs the tests must never contact.
final class CredentialScriptedTransport: HTTPTransport {
    private let answers: @Sendable (HTTPRequest) -> HTTPResponse
    private let recorded = Mutex<[HTTPRequest]>([])

    init(_ answers: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.answers = answers }

    var requests: [HTTPRequest] { recorded.withLock { $0 } }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        recorded.withLock { $0.append(request) }
        return answers(request)
    }
}

@Suite struct CredentialTestServersTests {
    @Test("the fake instance metadata service refuses credential requests without an IMDSv2 token")
    func fakeMetadataServiceChecksTokens() throws {
        let server = try CredentialTestServer(script: "credential_servers.py")
        defer { server.stop() }
        let transport = CurlTransport()
        let path = server.url + InstanceMetadataCredentialProvider.credentialsPath
        #expect(try transport.send(HTTPRequest(method: "GET", url: path)).status == 401)
        let noTTL = try transport.send(HTTPRequest(method: "PUT", url: server.url + "/latest/api/token"))
        #expect(noTTL.status == 400)
    }
}
