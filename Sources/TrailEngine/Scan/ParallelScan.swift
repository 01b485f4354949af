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
        runStoppable(files, options: options, makeWorker: makeWorker, consumeUntil: { outcome, output in
            consume(outcome, output)
            return true
        })
    }

    /// As `run`, but `consumeUntil` returns false to stop the scan (a satisfied LIMIT): files not yet started are
    /// not read.
    @discardableResult
    public static func runStoppable<Worker: ScanWorker>(
        _ files: [LogFile], options: Options = Options(),
        makeWorker: @escaping @Sendable () -> Worker,
        consumeUntil consume: (FileOutcome, Worker.Output) -> Bool
    ) -> Bool {
        let count = files.count
        if count == 0 { return true }
        let workers = min(options.workers, count)
        // PERF: workers claim small runs of consecutive files and hand each run over with one lock and one
        // wake-up; one wake-up per file spent ~8% of a filter run over 24k small files in futex/sem_post (perf).
        let chunk = max(1, min(32, count / (workers * 16)))
        let chunks = (count + chunk - 1) / chunk
        let shared = SharedState<Worker.Output>()
        let window = DispatchSemaphore(value: max(workers * 4, options.window / chunk))
        let ready = DispatchSemaphore(value: 0)
        let strict = options.strict
        for _ in 0..<workers {
            WorkerThread.start {
                var worker = makeWorker()
                let reader = FileReader()
                let inflater = Inflater(maxOutputBytes: 1 << 30)
                var scratch: [UInt8] = []
                while true {
                    window.wait()
                    let chunkIndex = shared.next.add(1, ordering: .relaxed).oldValue
                    if chunkIndex >= chunks || shared.stopped.load(ordering: .relaxed) {
                        window.signal()
                        break
                    }
                    var results: [(FileOutcome, Worker.Output)] = []
                    for index in chunkIndex * chunk..<min(count, (chunkIndex + 1) * chunk) {
                        if shared.stopped.load(ordering: .relaxed) { break }
                        let result = process(files[index], &worker, reader, inflater, &scratch)
                        if strict, result.0.status != .read || result.0.badRecords > 0 {
                            shared.stopped.store(true, ordering: .relaxed)
                        }
                        results.append(result)
                    }
                    shared.results.withLock { $0[chunkIndex] = results }
                    ready.signal()
                }
                shared.finishedWorkers.add(1, ordering: .relaxed)
                ready.signal()
            }
        }
        var nextChunk = 0
        var consumed = 0
        var wanted = true
        func drain() -> Bool {
            var progressed = false
            while nextChunk < chunks, let results = shared.results.withLock({ $0.removeValue(forKey: nextChunk) }) {
                for (outcome, output) in results {
                    if !wanted { break }
                    if !consume(outcome, output) {
                        wanted = false
                        shared.stopped.store(true, ordering: .relaxed)
                    }
                }
                consumed += results.count
                nextChunk += 1
                progressed = true
                window.signal()
            }
            return progressed
        }
        while nextChunk < chunks {
            ready.wait()
            _ = drain()
            if shared.finishedWorkers.load(ordering: .relaxed) == workers {
                // Every worker has exited: take what is left; nothing more will come.
                _ = drain()
                break
            }
        }
        return consumed == count
    }

    final class SharedState<Output: Sendable>: Sendable {
        let next = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        let finishedWorkers = Atomic<Int>(0)
        let results = Mutex<[Int: [(FileOutcome, Output)]]>([:])
    }

    /// Reads one file: read → inflate (if gzip) → walk records with `worker`.
    static func process<Worker: ScanWorker>(
        _ file: LogFile, _ worker: inout Worker, _ reader: FileReader, _ inflater: Inflater, _ scratch: inout [UInt8]
    ) -> (FileOutcome, Worker.Output) {
        var outcome = FileOutcome(file: file, status: .read)
        worker.beginFile(file)
        do throws(SourceError) {
            let raw = try reader.read(file.path, expectedSize: file.size)
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
            if !worker.admits(bytes) {
                outcome.textSkipped = true
                return (outcome, worker.endFile())
            }
            let report = CloudTrailDocument.read(bytes, visitor: &worker, scratch: &scratch)
            outcome.shape = report.shape
            outcome.records = report.records
            outcome.badRecords = report.badRecordCount
            outcome.problems = report.badRecords
            if report.shape == .digest {
                outcome.status = .skipped(.digest)
            } else if let failure = report.failure {
                outcome.status = .failed(SourceError(file.path, failure))
            }
        } catch {
            outcome.status = .failed(error)
        }
        return (outcome, worker.endFile())
    }
}
