import TrailFilterPattern
import TrailJSON
import TrailSource

/// What one file contributed to a filter run: its matching events, one compact JSON object per line.
public struct FilterOutput: Sendable {
    public var lines: [UInt8]
    public var matches: Int
}

/// Evaluates a filter pattern on each record and keeps the matching records' original JSON text.
struct FilterWorker: ScanWorker {
    let pattern: FilterPattern
    private var values: [JSONValueRef] = []
    private var lines: [UInt8] = []
    private var matches = 0

    init(pattern: FilterPattern) {
        self.pattern = pattern
    }

    mutating func beginFile(_ file: LogFile) {
        lines = []
        matches = 0
    }

    mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
        let start = cursor.position
        if try pattern.matches(&cursor, values: &values) {
            // The event exactly as CloudTrail wrote it, compacted onto one line if it was pretty-printed.
            cursor.appendCompact(from: start, to: cursor.position, into: &lines)
            lines.append(0x0A)
            matches += 1
        }
    }

    mutating func endFile() -> FilterOutput { FilterOutput(lines: lines, matches: matches) }
}
