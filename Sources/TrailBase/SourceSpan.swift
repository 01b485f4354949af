/// A half-open range of byte offsets in some source text (SQL, a filter pattern, a log file).
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public var count: Int { end - start }

    public var description: String { "\(start)..<\(end)" }
}

/// Line and column (both 1-based) of a byte offset in a text, for messages such as `1:17`.
public struct LineColumn: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    /// Computes the line and column of `offset` in `text` (columns count Unicode scalars, not bytes).
    public init(offset: Int, in text: String) {
        var line = 1
        var column = 1
        var index = 0
        for scalar in text.unicodeScalars {
            if index >= offset { break }
            index += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

extension String {
    /// The line of `self` that contains byte `offset`, and a caret line pointing at `span` inside it.
    ///
    /// Used by every language error (SQL, filter patterns) so that all of them render the same way.
    public func caretExcerpt(for span: SourceSpan) -> (line: String, caret: String) {
        let bytes = Array(utf8)
        let start = min(span.start, bytes.count)
        var lineStart = start
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let prefixWidth = String(decoding: bytes[lineStart..<start], as: UTF8.self).unicodeScalars.count
        let spanEnd = min(max(span.end, start + 1), max(lineEnd, start + 1))
        let width = max(1, String(decoding: bytes[start..<min(spanEnd, bytes.count)], as: UTF8.self).unicodeScalars.count)
        let caret = String(repeating: " ", count: prefixWidth) + String(repeating: "^", count: width)
        return (line, caret)
    }
}
