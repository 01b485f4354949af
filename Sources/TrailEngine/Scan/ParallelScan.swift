#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import TrailBase
import TrailJSON
import TrailS3
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
        /// Reads `s3://` sources (nil: local files only).
        public var fetcher: ObjectFetcher?

        public init(workers: Int = ParallelScan.defaultWorkers, strict: Bool = false, window: Int = 64,
                    fetcher: ObjectFetcher? = nil) {
            self.workers = max(1, workers)
            self.strict = strict
            self.window = max(1, window)
            self.fetcher = fetcher
        }

        /// Worker threads for `input`: S3 objects are fetched a unit at a time, so twice the workers let one
        /// fetch while another decodes.
        func workers(for input: ScanInput) -> Int { readsRemote(input) ? workers * 2 : workers }

        /// The workers and the runs of files they claim for `input`: runs of S3 objects hold enough objects to
        /// keep the GETs in flight, and at most `RunShape.remoteBytes` of them.
        func shape(for input: ScanInput) -> (workers: Int, runs: RunShape) {
            if let fetcher, readsRemote(input) {
                let workers = workers(for: input)
                let files = max(4, min(64, fetcher.client.settings.concurrency / workers * 2))
                return (workers, RunShape(files: files, bytes: RunShape.remoteBytes))
            }
            // PERF: workers claim small runs of consecutive files and hand each run over with one lock and one
            // wake-up; one wake-up per file spent ~8% of a filter run over 24k small files in futex/sem_post (perf).
            return (workers, RunShape(files: max(1, min(32, input.files.count / (workers * 16))), bytes: .max))
        }

        private func readsRemote(_ input: ScanInput) -> Bool { fetcher != nil && input.readsRemote }
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
        runStoppable(ScanInput(files: files), options: options, makeWorker: makeWorker, consumeUntil: { outcome, output in
            consume(outcome, output)
            return true
        })
    }

    /// As `run`, over listed files and deferred folders: a worker lists a deferred folder (with `makeLister()`'s
    /// pruning) and reads its files; `listed` sees each listing on the calling thread, in order, before its
    /// files' results, and returns false to stop (a listing that failed). `consumeUntil` returns false to stop
    /// the scan (a satisfied LIMIT): work not yet started is not done. Returns false when the scan stopped early.
    @discardableResult
    public static func runStoppable<Worker: ScanWorker>(
        _ input: ScanInput, options: Options = Options(),
        makeLister: @escaping @Sendable () -> FolderLister = { FolderLister() },
        makeWorker: @escaping @Sendable () -> Worker,
        listed: (FolderListing) -> Bool = { _ in true },
        consumeUntil consume: (FileOutcome, Worker.Output) -> Bool
    ) -> Bool {
        if input.isEmpty { return true }
        let (workers, shape) = options.shape(for: input)
        let units = input.units { runs(input.files[$0], shape) }
        let strict = options.strict
        let fetcher = options.fetcher
        let client = fetcher?.client
        return runOrdered(
            units: units.count, workers: workers, window: max(workers * 4, options.window / shape.files),
            paging: input.paging(units, makeLister: makeLister, client: client),
            makeState: { FileScanState(makeWorker(), lister: makeLister(), fetcher: fetcher) },
            process: { work, state, stop in
                var results: [(FileOutcome, Worker.Output)] = []
                func read(_ files: ArraySlice<LogFile>) {
                    state.reader.prefetch(files)
                    for file in files {
                        if stop.isSet { break }
                        let result = process(file, &state.worker, state.reader, state.inflater, &state.scratch)
                        if strict, result.0.status != .read || result.0.badRecords > 0 {
                            stop.set()
                        }
                        results.append(result)
                    }
                }
                switch input.reading(work, of: units, lister: state.lister, client: client) {
                case .files(let range):
                    read(input.files[range])
                    return (results, nil)
                case .listing(let listing):
                    if listing.isComplete {
                        for run in runs(listing.files[...], shape) where !stop.isSet { read(listing.files[run]) }
                    }
                    return (results, listing)
                }
            },
            listed: listed, consumeUntil: consume)
    }

    /// How many files a worker claims at once: at most `files`, and no more than `bytes` together unless one
    /// file alone is larger.
    struct RunShape: Equatable {
        var files: Int
        var bytes: Int

        /// The bytes of S3 objects a run holds at most. A run's bodies stay in memory from their GETs until its
        /// worker has decoded them, and twice the workers each hold a run: a count alone let objects of a few MB
        /// (a busy account's) take hundreds of MB.
        static let remoteBytes = 4 << 20
    }

    /// The indices of `files` cut into consecutive runs of `shape` (the last may be shorter).
    static func runs(_ files: ArraySlice<LogFile>, _ shape: RunShape) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = files.startIndex
        var bytes = 0
        for index in files.indices {
            let size = max(0, files[index].size)
            if index > start, index - start == shape.files || bytes > shape.bytes - size {
                runs.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < files.endIndex { runs.append(start..<files.endIndex) }
        return runs
    }

    /// The parallel core: `workers` threads each take the next unit of work (or the next page of a unit `paging`
    /// lists a page at a time: `UnitFeed`), `process` it with their own state into per-file results (and the
    /// listing of a deferred folder or page), and `listed` and `consume` see them on the calling thread in order.
    /// At most `window` pieces of work are in flight, so memory stays bounded whatever the number of files.
    /// Returns false when the scan stopped before the end (a consumer said stop, or `stop` was set).
    static func runOrdered<State, Output: Sendable>(
        units: Int, workers: Int, window: Int, paging: Paging = .none,
        makeState: @escaping @Sendable () -> State,
        process: @escaping @Sendable (Work, State, StopFlag) -> ([(FileOutcome, Output)], FolderListing?),
        listed: (FolderListing) -> Bool = { _ in true },
        consumeUntil consume: (FileOutcome, Output) -> Bool
    ) -> Bool {
        if units == 0 { return true }
        // A paged unit keeps every worker busy, however few units there are.
        let workers = max(1, paging.folders.isEmpty ? min(workers, units) : workers)
        let shared = SharedState<Output>()
        let feed = UnitFeed(units: units, paging: paging)
        let window = DispatchSemaphore(value: max(1, window))
        let ready = DispatchSemaphore(value: 0)
        let threads = (0..<workers).map { _ in
            WorkerThread.start {
                let state = makeState()
                while true {
                    window.wait()
                    guard !shared.stopped.isSet, let (key, work, isLast) = feed.take() else {
                        window.signal()
                        break
                    }
                    let (results, listing) = process(work, state, shared.stopped)
                    shared.results.withLock { $0[key] = (results, listing, isLast) }
                    ready.signal()
                }
                shared.finishedWorkers.add(1, ordering: .relaxed)
                ready.signal()
            }
        }
        var next = WorkKey(unit: 0, part: 0)
        var wanted = true
        func drain() {
            while next.unit < units, let (results, listing, isLast) = shared.results.withLock({ $0.removeValue(forKey: next) }) {
                if wanted, let listing, !listed(listing) {
                    wanted = false
                    shared.stopped.set()
                }
                for (outcome, output) in results {
                    if !wanted { break }
                    if !consume(outcome, output) {
                        wanted = false
                        shared.stopped.set()
                    }
                }
                next = isLast ? WorkKey(unit: next.unit + 1, part: 0) : WorkKey(unit: next.unit, part: next.part + 1)
                window.signal()
            }
        }
        while next.unit < units {
            ready.wait()
            drain()
            if shared.finishedWorkers.load(ordering: .relaxed) == workers {
                // Every worker has exited: take what is left; nothing more will come.
                drain()
                break
            }
        }
        // A unit that stopped part way (strict mode) left files unread.
        let complete = wanted && next.unit == units && !shared.stopped.isSet
        // Workers end once the units are taken or the scan stopped; none is left ending when the caller goes on.
        shared.stopped.set()
        for _ in 0..<workers { window.signal() }
        for thread in threads { thread.join() }
        return complete
    }

    /// Set to stop the workers early (strict mode's first failure, a satisfied LIMIT).
    final class StopFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .relaxed) }
        func set() { flag.store(true, ordering: .relaxed) }
    }

    /// A worker thread's own reader, inflater, lister and scan worker.
    final class FileScanState<Worker: ScanWorker> {
        var worker: Worker
        let lister: FolderLister
        let reader: SourceReader
        let inflater = Inflater(maxOutputBytes: 1 << 30)
        var scratch: [UInt8] = []
        init(_ worker: Worker, lister: FolderLister, fetcher: ObjectFetcher?) {
            self.worker = worker
            self.lister = lister
            reader = SourceReader(fetcher: fetcher)
        }
    }

    final class SharedState<Output: Sendable>: Sendable {
        let stopped = StopFlag()
        let finishedWorkers = Atomic<Int>(0)
        let results = Mutex<[WorkKey: ([(FileOutcome, Output)], FolderListing?, Bool)]>([:])
    }

    /// Reads one file: read → inflate (if gzip) → walk records with `worker`.
    static func process<Worker: ScanWorker>(
        _ file: LogFile, _ worker: inout Worker, _ reader: SourceReader, _ inflater: Inflater, _ scratch: inout [UInt8]
    ) -> (FileOutcome, Worker.Output) {
        worker.beginFile(file)
        let outcome = read(file, &worker, reader, inflater, &scratch, admits: worker.admits)
        return (outcome, worker.endFile())
    }

    /// Reads one file: read → inflate (if gzip) → (if `admits` the text) walk its records with `visitor`.
    static func read<Visitor: RecordVisitor>(
        _ file: LogFile, _ visitor: inout Visitor, _ reader: SourceReader, _ inflater: Inflater, _ scratch: inout [UInt8],
        admits: (UnsafeRawBufferPointer) -> Bool = { _ in true }
    ) -> FileOutcome {
        var outcome = FileOutcome(file: file, status: .read)
        do throws(SourceError) {
            let raw = try reader.read(file)
            outcome.file.size = raw.count
            var bytes = raw
            if Inflater.isGzip(raw) {
                var inflated = inflate(raw, inflater)
                if case .failure(let error) = inflated, error.reason == .truncated, let again = try reader.reread(file) {
                    // An S3 body cut short in transit (its gzip trailer is missing): fetched once more.
                    outcome.file.size = again.count
                    inflated = inflate(again, inflater)
                }
                switch inflated {
                case .success(let inflatedBytes):
                    bytes = inflatedBytes
                case .failure(let error):
                    throw SourceError(path: file.path, message: error.description, offset: error.compressedOffset,
                                      hint: error.reason == .truncated ? "the file was cut short (an interrupted copy?)" : nil)
                }
            }
            outcome.bytesInflated = bytes.count
            if !admits(bytes) {
                outcome.textSkipped = true
                return outcome
            }
            let report = CloudTrailDocument.read(bytes, visitor: &visitor, scratch: &scratch)
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
        return outcome
    }

    static func inflate(_ raw: UnsafeRawBufferPointer, _ inflater: Inflater) -> Result<UnsafeRawBufferPointer, GzipError> {
        do throws(GzipError) {
            return .success(try inflater.inflate(raw))
        } catch {
            return .failure(error)
        }
    }
}
