import TrailBase
import TrailColumnar

/// OFFSET then LIMIT; tells its source to stop once satisfied.
final class LimitOperator: BatchSink {
    var toSkip: Int64
    var remaining: Int64?
    let next: BatchSink

    init(offset: Int64, count: Int64?, next: BatchSink) {
        toSkip = offset
        remaining = count
        self.next = next
    }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        if let remaining, remaining <= 0 { return false }
        var start = 0
        if toSkip > 0 {
            let skipped = Int(min(toSkip, Int64(batch.count)))
            toSkip -= Int64(skipped)
            start = skipped
        }
        var end = batch.count
        if let remaining { end = min(end, start + Int(min(remaining, Int64(batch.count)))) }
        if end > start {
            let slice = start == 0 && end == batch.count ? batch : batch.taking((start..<end).map { Int32($0) })
            if let remaining { self.remaining = remaining - Int64(end - start) }
            if !(try next.push(slice)) { return false }
        }
        if let remaining, remaining <= 0 { return false }
        return true
    }

    func finish() throws(QueryError) { try next.finish() }
}
