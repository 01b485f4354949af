/// A file found under a source, before it is read.
public struct LogFile: Sendable, Equatable {
    /// The folder part of the path, up to and including the last `/` (empty for a bare name). Files of one folder
    /// share this string.
    public var folder: String
    public var name: String
    public var size: Int
    /// Modification time in nanoseconds since the epoch (part of the file's identity for caches).
    public var modificationTime: Int64
    /// The content's version where the store has one: an S3 object's ETag (hashed); 0 for local files. Part of
    /// the identity caches compare.
    public var version: UInt64 = 0

    /// The path as found (relative paths stay relative to the working directory).
    public var path: String { folder + name }

    /// What the path says (account, region, date, …), parsed when asked.
    ///
    /// PERF: neither the location nor the whole path is stored — a listing of 200k files is held for the whole
    /// query, and a parsed location plus a path per file took its peak RSS to 155 MB at 213,864 files (now
    /// ~90 MB); parsing again costs ~1 µs.
    public var location: CloudTrailLocation { CloudTrailLocation(path: path) }

    public init(folder: String, name: String, size: Int, modificationTime: Int64, version: UInt64 = 0) {
        self.folder = folder
        self.name = name
        self.size = size
        self.modificationTime = modificationTime
        self.version = version
    }

    /// A file in an S3 bucket (`folder` starts with `s3://`): read with GetObject, not from disk.
    public var isRemote: Bool { folder.utf8.starts(with: "s3://".utf8) }

    public init(path: String, size: Int, modificationTime: Int64) {
        if let slash = path.lastIndex(of: "/") {
            self.init(folder: String(path[...slash]), name: String(path[path.index(after: slash)...]), size: size,
                      modificationTime: modificationTime)
        } else {
            self.init(folder: "", name: path, size: size, modificationTime: modificationTime)
        }
    }
}

/// A file that was found but will not be read, and why.
public struct SkippedFile: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable {
        case digest = "CloudTrail digest file (read by validate)"
        case insight = "CloudTrail Insights file (point --logs into its CloudTrail-Insight folder to read it)"
        case hidden = "hidden file"
        case notRegular = "not a regular file"
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}

extension SkippedFile.Reason {
    /// A short label for summaries: `digest`, `insights`, `hidden`, `not a regular file`.
    public var label: String {
        switch self {
        case .digest: return "digest"
        case .insight: return "insights"
        case .hidden: return "hidden"
        case .notRegular: return "not a regular file"
        }
    }
}

/// Everything found under the sources: files to read, and files skipped with their reason.
public struct Discovery: Sendable {
    public var files: [LogFile] = []
    public var skipped: [SkippedFile] = []
    /// Folders not entered because partition pruning ruled them out.
    public var foldersPruned = 0
    /// Folders left for the scan to list (`FolderWalk.Deferral`), in walk order among `files`.
    public var deferred: [DeferredFolder] = []
    /// Folders that could not be listed: their files are missing from the answer, so they count as failures.
    public var failures: [SourceError] = []

    public init() {}

    /// Adds what another source found after what this one holds.
    public mutating func append(_ other: Discovery) {
        let offset = files.count
        files += other.files
        skipped += other.skipped
        foldersPruned += other.foldersPruned
        failures += other.failures
        deferred += other.deferred.map { $0.placed(at: $0.position + offset) }
    }
}

/// A folder found but not listed: the scan lists it (`LocalDiscovery.discover(deferred:)`,
/// `S3Discovery.discover(deferred:)`) when it gets there. Its files come right before `files[position]`.
///
/// With a `continuation`, it is the rest of an S3 prefix whose first page discovery listed: the scan lists it a
/// page at a time (`S3Discovery.discover(page:)`), so a prefix of a million objects is never held whole.
public struct DeferredFolder: Sendable, Equatable {
    /// The folder's path, or `s3://bucket/prefix/`.
    public var path: String
    public var position: Int
    /// Whether Insights files in it are read (as decided for the source it was found under).
    public var readsInsights: Bool
    /// The `ListObjectsV2` continuation token where the listing resumes (nil: list the whole folder).
    public var continuation: String?

    public init(path: String, position: Int, readsInsights: Bool, continuation: String? = nil) {
        self.path = path
        self.position = position
        self.readsInsights = readsInsights
        self.continuation = continuation
    }

    /// The same folder before `files[position]` of another file list (a merged or pruned one).
    public func placed(at position: Int) -> DeferredFolder {
        var moved = self
        moved.position = position
        return moved
    }
}
