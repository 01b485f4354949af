#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts dedicated OS threads for CPU-bound scan work.
///
/// PERF: Dispatch's global queue is also Swift concurrency's cooperative pool, whose width is the core count.
/// The CLI's async `run` holds one of those threads while it waits for results, so on 2 cores
/// `DispatchQueue.global().async` ran one scan worker at a time: `count(*)` over 24k files used 1.1 cores
/// (1.15 s wall). Plain pthreads use both (0.60 s).
public enum WorkerThread {
    /// Runs `body` on a new thread; `join()` the result to wait until the thread has ended.
    ///
    /// Threads are joined, not detached: a thread that is still ending (running the libraries' thread-local
    /// destructors — OpenSSL's among them) while the process exits crashed with "double free" in
    /// `__nptl_deallocate_tsd` (seen on remote queries). A joined thread has finished all of that.
    public static func start(_ body: @escaping @Sendable () -> Void) -> Thread {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            #if canImport(Darwin)
            let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
            #else
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            #endif
            body.run()
            return nil
        }, box)
        precondition(status == 0, "pthread_create failed: \(status)")
        return Thread(handle: thread)
    }

    /// A started thread, to be joined once.
    public struct Thread: @unchecked Sendable {
        let handle: pthread_t

        /// Waits until the thread has ended, thread-local destructors included.
        public func join() {
            pthread_join(handle, nil)
        }
    }

    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
