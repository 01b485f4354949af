import TrailBase
import TrailS3
import TrailSource

/// A deferred folder as a scan worker listed it: the files to read, and what to count.
public struct FolderListing: Sendable {
    public var folder: DeferredFolder
    /// The files to read, after the scan's file pruning.
    public var files: [LogFile] = []
    /// Files found, read or skipped, before pruning.
    public var found = 0
    public var skipped: [SkippedFile] = []
    /// Sub-folders that could not be listed.
    public var unreadable: [SourceError] = []
    /// Files left out by partition/time pruning, and sub-folders not listed.
    public var filesPruned = 0
    public var foldersPruned = 0
    /// For a folder listed a page at a time, the token of the next page (nil: this was the last).
    public var continuation: String?
    /// The folder could not be listed (S3 errors after retries): the scan must not go on without it.
    public var failure: SourceError?
    /// A partition predicate failed to evaluate.
    public var pruningError: QueryError?

    /// Listed and pruned without error: `files` are the folder's files to read.
    public var isComplete: Bool { failure == nil && pruningError == nil }

    var bytes: Int { files.reduce(0) { $0 + $1.size } }
}

/// Lists deferred folders for one worker thread, with the scan's folder and file pruning (nil: everything).
public struct FolderLister {
    public var pruning: FolderPruning?
    public var admitsFile: ((LogFile) throws(QueryError) -> Bool)?

    public init(pruning: FolderPruning? = nil, admitsFile: ((LogFile) throws(QueryError) -> Bool)? = nil) {
        self.pruning = pruning
        self.admitsFile = admitsFile
    }

    public func list(_ folder: DeferredFolder, client: S3Client?) -> FolderListing {
        var listing = FolderListing(folder: folder)
        let discovery: Discovery
        do throws(SourceError) {
            (discovery, listing.continuation) = try SourceDiscovery.list(folder, client: client, pruning: pruning)
        } catch {
            listing.failure = error
            return listing
        }
        listing.found = discovery.files.count + discovery.skipped.count
        listing.skipped = discovery.skipped
        listing.unreadable = discovery.failures
        listing.foldersPruned = discovery.foldersPruned
        guard let admitsFile else {
            listing.files = discovery.files
            return listing
        }
        do throws(QueryError) {
            for file in discovery.files where try admitsFile(file) { listing.files.append(file) }
        } catch {
            listing.pruningError = error
        }
        listing.filesPruned = discovery.files.count - listing.files.count
        return listing
    }
}
