import TrailJSON
import TrailPlan

/// Hands `inner` only the records whose raw text may hold the scan's needles (`TextNeedles`); the others are
/// skipped unparsed. Used by wide scans (`TextNeedles.isWide`), whose records cost far more to decode than to skip.
struct RecordNeedleTest<Inner: RecordVisitor>: RecordVisitor {
    var inner: Inner
    let needles: TextNeedles

    mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
        var probe = cursor
        try probe.skipValue()
        let start = cursor.position
        if !needles.mayMatch(UnsafeRawBufferPointer(start: cursor.base + start, count: probe.position - start)) {
            cursor = probe
            return
        }
        try inner.visit(record: &cursor, fileOffset: fileOffset)
    }
}
