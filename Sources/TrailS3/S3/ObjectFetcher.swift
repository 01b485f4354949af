import Dispatch
import Synchronization
import TrailBase
import TrailSource

/// Fetches batches of objects with up to `concurrency` GETs in flight, shared by every scan worker.
///
/// A scan worker hands over the files of its next unit of work and waits; the fetch threads take GETs from one
/// queue, so two workers' batches share the connections and the concurrency limit. Memory is bounded by the
/// batches in flight (a unit is at most a few dozen objects or one cache segment).
public final class ObjectFetcher: Sendable {
    public let client: S3Client
    private let shared: Shared

    public init(client: S3Client) {
        self.client = client
        shared = Shared(threads: client.settings.concurrency)
    }

    /// Stops the fetch threads and waits until they have left, so the client (and its libcurl handles) is
    /// released here, never on a fetch thread racing the process's exit.
    deinit {
        shared.shutdown()
    }

    /// The bytes of each file (in order) or why it could not be read.
    public func fetch(_ files: [LogFile]) -> [Result<[UInt8], SourceError>] {
        if files.isEmpty { return [] }
        let batch = Batch(files: files)
        shared.startThreadsIfNeeded(client: client)
        shared.enqueue(batch)
        batch.done.wait()
        return batch.results.withLock { results in results.map { $0! } }
    }

    /// Reads one object now (a retry after its bytes turned out truncated).
    public func fetchOne(_ file: LogFile) -> Result<[UInt8], SourceError> {
        ObjectFetcher.get(file, client: client)
    }

    /// Batches the queue still holds: only those with files not yet taken.
    var heldBatches: Int { shared.queue.withLock { $0.pending.count } }

    static func get(_ file: LogFile, client: S3Client) -> Result<[UInt8], SourceError> {
        guard let (bucket, key) = S3URL.object(file.path) else {
            return .failure(SourceError(path: file.path, message: "not an s3:// object"))
        }
        do throws(S3Error) {
            return .success(try client.getObject(bucket: bucket, key: key))
        } catch {
            var error = error
            // The object was listed, so the bucket allows listing: a 403 now is about reading objects.
            error.listingWorked = true
            return .failure(error.sourceError)
        }
    }

    final class Batch: Sendable {
        let files: [LogFile]
        let results: Mutex<[Result<[UInt8], SourceError>?]>
        let remaining: Atomic<Int>
        let done = DispatchSemaphore(value: 0)

        init(files: [LogFile]) {
            self.files = files
            results = Mutex(Array(repeating: nil, count: files.count))
            remaining = Atomic(files.count)
        }
    }

    /// The queue and the fetch threads; the threads hold this, not the fetcher, so the fetcher's deinit stops them.
    final class Shared: Sendable {
        let threads: Int
        /// The batches with files not yet taken (`next`: the first such file), oldest first. A batch leaves when
        /// its last file is taken, so the queue never keeps a batch (and the bodies fetched for it) alive, and it
        /// holds at most one batch per scan worker.
        let queue = Mutex<(pending: [(batch: Batch, next: Int)], started: Bool, stopped: Bool)>(([], false, false))
        let available = DispatchSemaphore(value: 0)
        /// The fetch threads, joined on shutdown.
        let running = Mutex<[WorkerThread.Thread]>([])

        init(threads: Int) { self.threads = threads }

        func startThreadsIfNeeded(client: S3Client) {
            let start = queue.withLock { state -> Bool in
                defer { state.started = true }
                return !state.started
            }
            guard start else { return }
            for _ in 0..<threads {
                // The fetcher owns the client and outlives its threads (its deinit joins them): no thread holds
                // the client strongly, so the last reference always goes on the fetcher's side.
                let thread = WorkerThread.start { [self, unowned(unsafe) client] in
                    while true {
                        available.wait()
                        guard let (batch, index) = next() else { break }
                        let result = ObjectFetcher.get(batch.files[index], client: client)
                        batch.results.withLock { $0[index] = result }
                        if batch.remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { batch.done.signal() }
                    }
                }
                running.withLock { $0.append(thread) }
            }
        }

        func enqueue(_ batch: Batch) {
            queue.withLock { $0.pending.append((batch, 0)) }
            for _ in batch.files.indices { available.signal() }
        }

        /// The next job, or nil when stopping.
        func next() -> (Batch, Int)? {
            queue.withLock { state in
                guard !state.stopped, let (batch, index) = state.pending.first else { return nil }
                if index + 1 == batch.files.count {
                    state.pending.removeFirst()
                } else {
                    state.pending[0].next = index + 1
                }
                return (batch, index)
            }
        }

        func shutdown() {
            let started = queue.withLock { state -> Bool in
                state.stopped = true
                return state.started
            }
            guard started else { return }
            for _ in 0..<threads { available.signal() }
            for thread in running.withLock({ $0 }) { thread.join() }
        }
    }
}
