import Foundation
import Synchronization

/// Where the shared real corpus and the repository's fixtures live, found from this file's location.
public enum Fixtures {
    /// The repository root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/corpus/real`: 18,719 CloudTrail records written by others (see its SOURCES.md).
    public static var realCorpus: URL {
        if let override = ProcessInfo.processInfo.environment["TRAILSQL_CORPUS"] { return URL(fileURLWithPath: override) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/real")
    }

    /// The bundled sample logs.
    public static var sampleLogs: URL { repositoryRoot.appendingPathComponent("Samples/logs") }

    /// A fresh, empty temporary directory; removed by `cleanUp`, and at the latest when the test process exits
    /// (a fixture shared by a whole run, held in a `static let`, has no test to clean it up).
    public static func makeTemporaryDirectory(_ label: String = "trailsql") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        removeAtExit(url.path)
        return url
    }

    public static func cleanUp(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// Removes `path` when the test process exits: for what a whole run shares (the CLI tests' cache folder, a
    /// shared server's log), which no single test can clean up.
    public static func removeAtExit(_ path: String) {
        atExit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Runs `action` when the test process exits, after the actions registered before it.
    public static func atExit(_ action: @escaping @Sendable () -> Void) {
        _ = exitHook
        exitActions.withLock { $0.append(action) }
    }

    private static let exitActions = Mutex<[@Sendable () -> Void]>([])
    private static let exitHook: Void = {
        atexit {
            for action in Fixtures.exitActions.withLock({ $0 }) { action() }
        }
    }()
}
