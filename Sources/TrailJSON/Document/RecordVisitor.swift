/// Receives the records of a CloudTrail document one at a time.
///
/// Generic use (`read<V: RecordVisitor>`) keeps the per-record call monomorphic: no existential, no boxing.
public protocol RecordVisitor {
    /// Called with the cursor at the first byte of a record (a JSON object); must consume exactly that value.
    /// `fileOffset` is where the record starts in the (inflated) file, for messages.
    mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError)
}

/// The container shape a CloudTrail document was recognised as, by content.
public enum DocumentShape: String, Sendable {
    /// `{"Records":[…]}`, as CloudTrail delivers to S3 (also Insights files).
    case logFile = "log file"
    /// A JSON array of events.
    case eventArray = "JSON array of events"
    /// One event per line (CloudWatch Logs exports, NDJSON), optionally prefixed by an ISO timestamp.
    case eventLines = "JSON lines"
    /// Event history / LookupEvents output: each event is a JSON string in `CloudTrailEvent` (or `message`).
    case embeddedEvents = "LookupEvents output"
    /// A CloudTrail digest file: not events (read by `validate`).
    case digest = "digest file"
    /// An empty file (or whitespace only).
    case empty = "empty file"
}

/// A record (or the rest of a file) that could not be read, and where.
public struct RecordProblem: Sendable, Equatable, CustomStringConvertible {
    /// Byte offset in the (inflated) file.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "byte \(offset): \(message)" }
}

/// What reading one document found.
public struct DocumentReport: Sendable {
    public var shape: DocumentShape = .empty
    /// Records handed to the visitor.
    public var records = 0
    /// The first malformed records (up to `CloudTrailDocument.maxProblemsKept`); the rest of the document was still read.
    public var badRecords: [RecordProblem] = []
    /// How many records were skipped as malformed (all of them, including those not kept in `badRecords`).
    public var badRecordCount = 0
    /// Set when the document could not be read to its end (the records before it were still visited).
    public var failure: RecordProblem?

    public init() {}
}
