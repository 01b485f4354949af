import TrailJSON
import TrailSource

/// The per-record work of a scan, one instance per worker thread (so it needs no locking).
///
/// `ParallelScan` hands it each file's records in order and collects what it produced per file, so outputs
/// can be delivered in file order whatever thread did the work.
public protocol ScanWorker: RecordVisitor, SendableMetatype {
    associatedtype Output: Sendable
    /// Called before the records of `file`.
    mutating func beginFile(_ file: LogFile)
    /// Returns what the file's records produced (called even when the file failed part way).
    mutating func endFile() -> Output
    /// Whether the file's inflated `text` can hold a record the worker wants; false skips its JSON entirely
    /// (see `TextNeedles`). The default admits every file.
    func admits(_ text: UnsafeRawBufferPointer) -> Bool
}

extension ScanWorker {
    public func admits(_ text: UnsafeRawBufferPointer) -> Bool { true }
}

/// How one file went.
public struct FileOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// Read to its end; bad records (if any) were skipped and are listed in `problems`.
        case read
        /// Not events (a digest file recognised by content).
        case skipped(SkippedFile.Reason)
        /// Could not be read to its end: `error` says where; records before that point were still used.
        case failed(SourceError)

        public static func == (lhs: Status, rhs: Status) -> Bool {
            switch (lhs, rhs) {
            case (.read, .read): return true
            case (.skipped(let a), .skipped(let b)): return a == b
            case (.failed(let a), .failed(let b)): return a.description == b.description
            default: return false
            }
        }
    }

    public var file: LogFile
    public var status: Status
    public var shape: DocumentShape?
    public var records = 0
    public var badRecords = 0
    /// The first bad records, with their byte offsets.
    public var problems: [RecordProblem] = []
    public var bytesInflated = 0
    /// The file was inflated but its JSON not parsed: it lacks text every wanted record must contain.
    public var textSkipped = false
    /// Served from the decoded-column cache: not read at all.
    public var fromCache = false
}

extension SourceError {
    init(_ path: String, _ problem: RecordProblem) {
        self.init(path: path, message: problem.message, offset: problem.offset)
    }
}
