import TrailFilterPattern
import TrailJSON
import TrailSource

#if canImport(Glibc)
import Glibc
#endif

/// `trailsql filter`: the events of the sources that match a CloudWatch Logs filter pattern.
public enum FilterRun {
    public struct Result: Sendable {
        public var statistics: ScanStatistics
        public var matches: Int
        /// False when `--strict` stopped the run at a failure.
        public var completed: Bool
    }

    /// Scans `sources` and hands each file's matching events (JSON lines) to `write`, in file order.
    public static func run(
        pattern: FilterPattern, sources: [String], options: ParallelScan.Options, listsEveryFile: Bool = false,
        write: ([UInt8]) -> Void
    ) throws(SourceError) -> Result {
        let started = monotonicSeconds()
        // Day folders are listed by the workers as they reach them: listing overlaps reading.
        let discovery = try SourceDiscovery.discover(sources, client: options.fetcher?.client, defersDays: true)
        var statistics = ScanStatistics(listsEveryFile: listsEveryFile)
        statistics.add(discovery)
        var matches = 0
        var failure: SourceError?
        let completed = ParallelScan.runStoppable(ScanInput(discovery), options: options, makeWorker: { FilterWorker(pattern: pattern) },
                                                  listed: { listing in
            if let error = listing.failure {
                failure = error
                return false
            }
            statistics.add(listing)
            return true
        }, consumeUntil: { outcome, output in
            statistics.add(outcome)
            matches += output.matches
            if !output.lines.isEmpty { write(output.lines) }
            return true
        })
        if let failure { throw failure }
        statistics.addRequests(of: options.fetcher?.client)
        statistics.seconds = monotonicSeconds() - started
        return Result(statistics: statistics, matches: matches, completed: completed)
    }
}

/// Seconds on a monotonic clock, for elapsed times.
public func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
