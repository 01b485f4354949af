import Synchronization

/// Runs `body` over `items` on up to `threads` threads (the calling thread is one of them) and returns the
/// results in item order. For blocking work — listing folders, HTTP requests — not for the scan itself.
public func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], threads: Int, _ body: @escaping @Sendable (Item) -> Result
) -> [Result] {
    let threads = min(max(1, threads), items.count)
    if threads <= 1 { return items.map(body) }
    let results = Mutex<[Int: Result]>([:])
    let next = Atomic<Int>(0)
    let work: @Sendable () -> Void = {
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < items.count else { break }
            let result = body(items[index])
            results.withLock { $0[index] = result }
        }
    }
    let helpers = (1..<threads).map { _ in WorkerThread.start(work) }
    work()
    for helper in helpers { helper.join() }
    return results.withLock { table in (0..<items.count).map { table[$0]! } }
}
