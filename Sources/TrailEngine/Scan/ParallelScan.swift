#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import TrailBase
import TrailJSON
import TrailSource

/// Reads, inflates and walks log files on all cores, delivering per-file results in file order.
///
/// Files are the unit of parallel work. Each worker thread owns its reader, inflater, scratch buffers and
/// `ScanWorker`, so the hot path shares nothing. A bounded window of in-flight files keeps memory bounded
/// whatever the number of files: a worker waits when it is `window` files ahead of the consumer.
public enum ParallelScan {
    public struct Options: Sendable {
        /// Worker threads (defaults to the number of cores).
        public var workers: Int
        /// Stop at the first failed file or bad record.
        public var strict: Bool
        /// Files in flight at most.
        public var window: Int

        public init(workers: Int = ParallelScan.defaultWorkers, strict: Bool = false, window: Int = 64) {
            self.workers = max(1, workers)
            self.strict = strict
            self.window = max(1, window)
        }
    }

    public static var defaultWorkers: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Runs `makeWorker()` workers over `files`; `consume` runs on the calling thread, once per file, in order.
    /// Returns false when the scan stopped early (strict mode and a failure).
    @discardableResult
    public static func run<Worker: ScanWorker>(
        _ files: [LogFile], options: Options = Options(),
        makeWorker: @escaping @Sendable () -> Worker,
        consume: (FileOutcome, Worker.Output) -> Void
    ) -> Bool {
        let count = files.count
        if count == 0 { return true }
        let shared = SharedState<Worker.Output>(count: count)
        let window = DispatchSemaphore(value: options.window)
        let ready = DispatchSemaphore(value: 0)
        let workers = min(options.workers, count)
        let strict = options.strict
        for _ in 0..<workers {
            DispatchQueue.global().async {
                var worker = makeWorker()
                let reader = FileReader()
                let inflater = Inflater(maxOutputBytes: 1 << 30)
                var scratch: [UInt8] = []
                while true {
                    window.wait()
                    let index = shared.next.add(1, ordering: .relaxed).oldValue
                    if index >= count || shared.stopped.load(ordering: .relaxed) {
                        window.signal()
                        break
                    }
                    let (outcome, output) = process(files[index], &worker, reader, inflater, &scratch)
                    if strict, outcome.status != .read || outcome.badRecords > 0 {
                        shared.stopped.store(true, ordering: .relaxed)
                    }
                    shared.results.withLock { $0[index] = (outcome, output) }
                    ready.signal()
                }
                shared.finishedWorkers.add(1, ordering: .relaxed)
                ready.signal()
            }
        }
        var nextToConsume = 0
        while nextToConsume < count {
            ready.wait()
            while nextToConsume < count, let result = shared.results.withLock({ $0.removeValue(forKey: nextToConsume) }) {
                consume(result.0, result.1)
                nextToConsume += 1
                window.signal()
            }
            if shared.finishedWorkers.load(ordering: .relaxed) == workers {
                // Every worker has exited: drain what is left (nothing more will come).
                while nextToConsume < count, let result = shared.results.withLock({ $0.removeValue(forKey: nextToConsume) }) {
                    consume(result.0, result.1)
                    nextToConsume += 1
                }
                break
            }
        }
        return nextToConsume == count
    }

    final class SharedState<Output: Sendable>: Sendable {
        let next = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        let finishedWorkers = Atomic<Int>(0)
        let results: Mutex<[Int: (FileOutcome, Output)]>

        init(count: Int) {
            results = Mutex([:])
        }
    }

    /// Reads one file: read → inflate (if gzip) → walk records with `worker`.
    static func process<Worker: ScanWorker>(
        _ file: LogFile, _ worker: inout Worker, _ reader: FileReader, _ inflater: Inflater, _ scratch: inout [UInt8]
    ) -> (FileOutcome, Worker.Output) {
        var outcome = FileOutcome(file: file, status: .read)
        worker.beginFile(file)
        do throws(SourceError) {
            let raw = try reader.read(file.path)
            outcome.file.size = raw.count
            var bytes = raw
            if Inflater.isGzip(raw) {
                do throws(GzipError) {
                    bytes = try inflater.inflate(raw)
                } catch {
                    throw SourceError(path: file.path, message: error.description, offset: error.compressedOffset,
                                      hint: error.reason == .truncated ? "the file was cut short (an interrupted copy?)" : nil)
                }
            }
            outcome.bytesInflated = bytes.count
            let report = CloudTrailDocument.read(bytes, visitor: &worker, scratch: &scratch)
            outcome.shape = report.shape
            outcome.records = report.records
            outcome.badRecords = report.badRecordCount
            outcome.problems = report.badRecords
            if report.shape == .digest {
                outcome.status = .skipped(SkippedFile.Reason.digest.label)
            } else if let failure = report.failure {
                outcome.status = .failed(SourceError(file.path, failure))
            }
        } catch {
            outcome.status = .failed(error)
        }
        return (outcome, worker.endFile())
    }
}
