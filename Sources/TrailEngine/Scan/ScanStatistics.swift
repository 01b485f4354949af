import TrailS3
import TrailSource

/// What a scan found, read, skipped and failed: printed on stderr after every command.
public struct ScanStatistics: Sendable {
    public var filesFound = 0
    public var filesRead = 0
    public var filesSkipped = 0
    public var filesFailed = 0
    /// Bytes read from storage (compressed size for .gz files).
    public var bytesRead = 0
    /// Bytes after decompression.
    public var bytesInflated = 0
    public var records = 0
    /// Files read and inflated whose JSON was not parsed: they lack text every matching event must contain.
    public var filesTextSkipped = 0
    /// Files whose decoded columns came from the cache (counted in `filesRead`, not in `bytesRead`).
    public var filesFromCache = 0
    /// Size of the files served from the cache (what reading them would have cost).
    public var bytesFromCache = 0
    public var badRecords = 0
    /// Skipped files by short reason (`digest`, `hidden`, … → count), for the summary line.
    public var skippedReasons: [String: Int] = [:]
    /// Failed files and bad records, with what and where (the first `maxListed` of them).
    public var problems: [SourceError] = []
    public var seconds = 0.0
    /// S3 requests made (listing pages, GETs) and how many of them were retries.
    public var s3Lists = 0
    public var s3Gets = 0
    public var s3Retries = 0
    /// Seconds this machine's clock was behind S3's (negative: ahead) when S3 refused a request for it; requests
    /// were then signed with S3's time. 0 when S3 never said so.
    public var s3ClockCorrection: Int64 = 0
    /// Keep every problem and every skipped file (`--verbose`), not only the first `maxListed` problems.
    public var listsEveryFile = false
    /// Skipped files with their reason; filled only when `listsEveryFile`.
    public var skippedFiles: [(path: String, reason: String)] = []

    public static let maxListed = 50

    public init(listsEveryFile: Bool = false) {
        self.listsEveryFile = listsEveryFile
    }

    /// Takes the request counts of `client` (nil: no S3 source).
    mutating func addRequests(of client: S3Client?) {
        guard let client else { return }
        s3Lists = client.counters.listRequests
        s3Gets = client.counters.getRequests
        s3Retries = client.counters.retriedRequests
        s3ClockCorrection = client.counters.clockCorrectionSeconds
    }

    mutating func note(_ problem: SourceError) {
        if listsEveryFile || problems.count < ScanStatistics.maxListed { problems.append(problem) }
    }

    public mutating func add(_ outcome: FileOutcome) {
        bytesInflated += outcome.bytesInflated
        records += outcome.records
        if outcome.textSkipped { filesTextSkipped += 1 }
        if outcome.fromCache { filesFromCache += 1 }
        badRecords += outcome.badRecords
        for problem in outcome.problems { note(SourceError(outcome.file.path, problem)) }
        switch outcome.status {
        case .read:
            filesRead += 1
            if outcome.fromCache { bytesFromCache += outcome.file.size } else { bytesRead += outcome.file.size }
        case .skipped(let reason):
            filesSkipped += 1
            skippedReasons[reason.label, default: 0] += 1
            if listsEveryFile { skippedFiles.append((outcome.file.path, reason.rawValue)) }
        case .failed(let error):
            filesFailed += 1
            bytesRead += outcome.file.size
            note(error)
        }
    }

    public mutating func add(_ discovery: Discovery) {
        add(found: discovery.files.count + discovery.skipped.count, skipped: discovery.skipped, unreadable: discovery.failures)
    }

    /// Counts what a scan worker's listing of a deferred folder found.
    public mutating func add(_ listing: FolderListing) {
        add(found: listing.found, skipped: listing.skipped, unreadable: listing.unreadable)
    }

    /// Counts `found` files (read or skipped) and the skipped ones among them, and folders that could not be
    /// listed (failures: their files are missing).
    mutating func add(found: Int, skipped: [SkippedFile], unreadable: [SourceError]) {
        filesFound += found
        filesFailed += unreadable.count
        for error in unreadable { note(error) }
        for skipped in skipped {
            filesSkipped += 1
            skippedReasons[skipped.reason.label, default: 0] += 1
            if listsEveryFile { skippedFiles.append((skipped.path, skipped.reason.rawValue)) }
        }
    }

    /// True when anything was lost: a failed file or a skipped bad record.
    public var hasFailures: Bool { filesFailed > 0 || badRecords > 0 }
}
