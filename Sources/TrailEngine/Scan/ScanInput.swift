import TrailBase
import TrailS3
import TrailSource

/// What a scan reads: the files discovery listed, and the folders it left for the scan to list
/// (`Discovery.deferred`), each in its place among the files.
public struct ScanInput: Sendable {
    public var files: [LogFile]
    public var deferred: [DeferredFolder]

    public init(files: [LogFile], deferred: [DeferredFolder] = []) {
        self.files = files
        self.deferred = deferred
    }

    public init(_ discovery: Discovery) {
        self.init(files: discovery.files, deferred: discovery.deferred)
    }

    var isEmpty: Bool { files.isEmpty && deferred.isEmpty }

    var readsRemote: Bool { files.contains(where: \.isRemote) || deferred.contains { S3URL.isS3($0.path) } }

    /// A piece of parallel work: a run of listed files, or a deferred folder (listed by the worker that takes it).
    enum Unit {
        case files(Range<Int>)
        case folder(Int)
    }

    /// The units in order: `runs` cuts the listed files between two deferred folders into runs.
    func units(runs: (Range<Int>) -> [Range<Int>]) -> [Unit] {
        var units: [Unit] = []
        var start = 0
        for (index, folder) in deferred.enumerated() {
            units += runs(start..<folder.position).map(Unit.files)
            units.append(.folder(index))
            start = folder.position
        }
        units += runs(start..<files.count).map(Unit.files)
        return units
    }
}

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
    /// The folder could not be listed (S3 errors after retries): the scan must not go on without it.
    public var failure: SourceError?
    /// A partition predicate failed to evaluate.
    public var pruningError: QueryError?

    var bytes: Int { files.reduce(0) { $0 + $1.size } }
}

/// Lists deferred folders for one worker thread, with the scan's folder and file pruning (nil: everything).
public struct FolderLister {
    public var admitsFolder: ((CloudTrailLocation.FolderPart) -> Bool)?
    public var admitsFile: ((LogFile) throws(QueryError) -> Bool)?

    public init(admitsFolder: ((CloudTrailLocation.FolderPart) -> Bool)? = nil,
                admitsFile: ((LogFile) throws(QueryError) -> Bool)? = nil) {
        self.admitsFolder = admitsFolder
        self.admitsFile = admitsFile
    }

    public func list(_ folder: DeferredFolder, client: S3Client?) -> FolderListing {
        var listing = FolderListing(folder: folder)
        let discovery: Discovery
        do throws(SourceError) {
            discovery = try SourceDiscovery.list(folder, client: client, admitsFolder: admitsFolder)
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
