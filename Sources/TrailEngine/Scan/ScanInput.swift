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

    /// What a worker reads for `work`: a run of listed files, or the files of a folder's listing (a deferred
    /// folder's, listed now with `lister`, or a page the feed listed).
    enum Reading {
        case files(Range<Int>)
        case listing(FolderListing)
    }

    func reading(_ work: ParallelScan.Work, of units: [Unit], lister: FolderLister, client: S3Client?) -> Reading {
        switch work {
        case .unit(let unit):
            switch units[unit] {
            case .files(let range): return .files(range)
            case .folder(let index): return .listing(lister.list(deferred[index], client: client))
            }
        case .page(let listing):
            return .listing(listing)
        }
    }

    /// The paging of `units`: the deferred folders with a continuation are listed a page at a time by the workers
    /// (each page listed with a lister of `makeLister()`'s pruning).
    func paging(_ units: [Unit], makeLister: @escaping @Sendable () -> FolderLister, client: S3Client?) -> ParallelScan.Paging {
        var folders: [Int: DeferredFolder] = [:]
        for (index, unit) in units.enumerated() {
            if case .folder(let folder) = unit, deferred[folder].continuation != nil { folders[index] = deferred[folder] }
        }
        guard !folders.isEmpty else { return .none }
        return ParallelScan.Paging(folders: folders, makeLister: {
            let lister = makeLister()
            return { lister.list($0, client: client) }
        })
    }
}
