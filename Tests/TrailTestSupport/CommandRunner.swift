import Foundation

/// Runs the built `trailsql` binary, as a user would, and captures stdout, stderr and the exit status.
public enum CommandRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `trailsql` executable next to the test bundle (SwiftPM builds both into the same folder).
    public static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundle.appendingPathComponent("trailsql"), bundle.deletingLastPathComponent().appendingPathComponent("trailsql")]
        candidates.append(Fixtures.repositoryRoot.appendingPathComponent(".build/debug/trailsql"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static let testCacheHome: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("trailsql-test-cache-\(ProcessInfo.processInfo.processIdentifier)").path
        Fixtures.removeAtExit(path)
        return path
    }()

    /// Runs `trailsql` with `arguments`; with `shell`, runs `/bin/sh` with them instead (for pipes).
    public static func run(_ arguments: [String], environment: [String: String] = [:], shell: Bool = false) throws -> Output {
        let process = Process()
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : executable
        process.arguments = arguments
        // The decoded-column cache goes to a folder of the test run's own, never the user's ~/.cache.
        var base = ProcessInfo.processInfo.environment
        base["XDG_CACHE_HOME"] = testCacheHome
        process.environment = base.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a large stdout cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1_000) }
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
