import ArgumentParser
import Foundation
import Synchronization
import TrailEngine
import TrailS3
import TrailSource

/// `--logs` and the options every reading command shares.
struct SourceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder, file or s3://bucket[/prefix] of CloudTrail logs (repeatable). Default: the bundled sample logs.",
            discussion: "A folder is searched recursively (AWSLogs/… layout or loose files); a file may be a log file "
                + "({\"Records\":[…]}, .json or .json.gz), a JSON array of events, JSON lines, or Event history output. "
                + "An s3:// prefix may stop anywhere (bucket, AWSLogs/, org id, account, region, day); only the prefixes "
                + "the query's partition and eventtime predicates allow are listed.",
            valueName: "source"))
    var logs: [String] = []

    @Flag(name: .long, help: "Treat a failed file or folder or a bad record as an error (exit 1) instead of skipping and listing it; the scan stops at the first.")
    var strict = false

    @Option(name: .long, help: "Worker threads (default: the number of cores; more keep more reads in flight when the files are not in memory).")
    var workers: Int?

    @Flag(name: [.short, .long], help: "Do not print statistics on stderr.")
    var quiet = false

    @Flag(name: [.short, .long], help: "List every skipped file with its reason and every failure (not only the first 50).")
    var verbose = false

    @OptionGroup(title: "S3 sources") var s3: S3Options

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    /// The sources to read: the `--logs` given, or the bundled sample.
    func resolvedSources() throws -> [String] {
        if !logs.isEmpty { return logs }
        let sample = BundledSample.path
        guard FileManager.default.fileExists(atPath: sample) else {
            throw ValidationError("no --logs given and the bundled sample logs are not at \(sample); pass --logs FOLDER")
        }
        return [sample]
    }

    /// The scan's options for `sources`; S3 access is set up only when one of them is `s3://`.
    func scanOptions(for sources: [String]) throws -> ParallelScan.Options {
        var options = ParallelScan.Options(workers: workers ?? ParallelScan.defaultWorkers, strict: strict)
        if sources.contains(where: S3URL.isS3) {
            do throws(SourceError) {
                let fetcher = try S3Access.fetcher(s3.accessOptions, environment: ProcessInfo.processInfo.environment)
                // Kept until the process ends, so its fetch threads and libcurl handles are never torn down on a
                // scan thread while exit() runs the libraries' cleanup: one S3 test run ended in SIGSEGV, and that
                // race is the one this code had.
                FetcherLifetime.keep(fetcher)
                options.fetcher = fetcher
            } catch {
                Terminal.printError("error: \(error)")
                throw ExitCode.failure
            }
        }
        return options
    }
}

/// Holds S3 fetchers for the life of the process.
enum FetcherLifetime {
    private static let kept = Mutex<[ObjectFetcher]>([])
    static func keep(_ fetcher: ObjectFetcher) { kept.withLock { $0.append(fetcher) } }
}

/// The sample logs shipped in the repository (Samples/logs), used when no `--logs` is given.
enum BundledSample {
    static var path: String {
        if let override = ProcessInfo.processInfo.environment["TRAILSQL_SAMPLE_LOGS"] { return override }
        // This file is Sources/trailsql/Options/SourceOptions.swift; the sample is Samples/logs at the root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples/logs").path
    }
}
