/// What one folder (or S3 key prefix) holds, in name order.
public enum DiscoveryItem: Sendable {
    case file(LogFile)
    case skipped(SkippedFile)
    case folder(String)
    /// A folder that could not be listed (permissions, I/O): a failure, never a silent gap.
    case unreadable(SourceError)
    /// The rest of the folder, from this S3 continuation token on: left for the scan to list a page at a time.
    /// Always the folder's last item.
    case rest(continuation: String)
}

/// The walk local folders and S3 prefixes share: a level at a time, the folders of a level listed together
/// (on several threads, or as concurrent requests), partition pruning asked about each sub-folder before it is
/// listed, and the findings put together in the order of a depth-first walk with sorted names.
public enum FolderWalk {
    /// Walks from `root`, adding what it finds to `discovery`.
    /// - Parameters:
    ///   - pathOfFolder: the path pruning parses for a folder as `listLevel` names it (an S3 prefix gets its
    ///     `s3://bucket/`).
    ///   - pruning: partition pruning, asked about every folder before it is listed (a folder it refuses is only
    ///     counted in `foldersPruned`); where it names a folder's sub-folders (`FolderPruning.subfolders`) the walk
    ///     visits those instead of listing the folder, and a named folder that does not exist lists as empty.
    ///   - deferral: when set, day folders (`…/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`) are not listed but left
    ///     in `discovery.deferred` for the scan to list, if a level holds at least `Deferral.minimumPerLevel` of
    ///     them.
    ///   - listLevel: the items of each folder of a level, in name order (a folder that cannot be opened gives
    ///     one `.unreadable` item, one listed only in part ends with `.rest`); nil for a folder already seen (a
    ///     symlink loop), which then adds nothing.
    public static func walk<Failure: Error>(
        _ root: String, into discovery: inout Discovery, pruning: FolderPruning?,
        pathOfFolder: (String) -> String = { $0 }, deferral: Deferral? = nil,
        listLevel: ([String]) throws(Failure) -> [[DiscoveryItem]?]
    ) throws(Failure) {
        /// A folder to visit and its part of the path, parsed once for pruning, naming and deferral.
        typealias Folder = (path: String, part: CloudTrailLocation.FolderPart)
        func admitted(_ part: CloudTrailLocation.FolderPart) -> Bool {
            guard let pruning else { return true }
            if pruning.admits(part) { return true }
            discovery.foldersPruned += 1
            return false
        }
        let rootPart = CloudTrailLocation.folderPart(of: pathOfFolder(root))
        guard admitted(rootPart) else { return }
        var listings: [String: [DiscoveryItem]] = [:]
        var deferred = Set<String>()
        var level: [Folder] = [(root, rootPart)]
        while !level.isEmpty {
            var next: [Folder] = []
            var days: [Folder] = []
            // Folders whose sub-folders the query names are not listed: the walk goes straight to those.
            var found: [(folder: String, items: [DiscoveryItem]?)] = []
            var toList: [String] = []
            for (folder, part) in level {
                if let names = pruning?.subfolders(part) {
                    found.append((folder, names.map { .folder(joined(folder, $0)) }))
                } else {
                    toList.append(folder)
                }
            }
            if !toList.isEmpty {
                for (folder, items) in zip(toList, try listLevel(toList)) { found.append((folder, items)) }
            }
            for (folder, items) in found {
                guard let items else { continue }
                listings[folder] = items
                for case .folder(let sub) in items {
                    let part = CloudTrailLocation.folderPart(of: pathOfFolder(sub))
                    guard admitted(part) else { continue }
                    if deferral != nil && part.isDay { days.append((sub, part)) } else { next.append((sub, part)) }
                }
            }
            // A handful of day folders are listed here and their files shared out in small runs; many are each a
            // unit of work, listed by the worker that reads them.
            if days.count >= Deferral.minimumPerLevel { deferred.formUnion(days.map(\.path)) } else { next += days }
            level = next
        }
        var fileCount = 0
        for items in listings.values {
            for case .file in items { fileCount += 1 }
        }
        discovery.files.reserveCapacity(discovery.files.count + fileCount)
        // Each listing is released as soon as its items are moved: memory stays at one copy of the file list.
        func assemble(_ folder: String) {
            guard let items = listings.removeValue(forKey: folder) else { return }
            for item in items {
                switch item {
                case .file(let file): discovery.files.append(file)
                case .skipped(let skipped): discovery.skipped.append(skipped)
                case .unreadable(let error): discovery.failures.append(error)
                case .rest(let token):
                    discovery.deferred.append(DeferredFolder(path: pathOfFolder(folder), position: discovery.files.count,
                                                             readsInsights: deferral?.readsInsights ?? false,
                                                             continuation: token))
                case .folder(let sub) where deferred.contains(sub):
                    discovery.deferred.append(DeferredFolder(path: pathOfFolder(sub), position: discovery.files.count,
                                                             readsInsights: deferral?.readsInsights ?? false))
                case .folder(let sub): assemble(sub)
                }
            }
        }
        assemble(root)
    }

    /// `path` (one or more names) below `folder`, in the folder's own form: S3 prefixes (and the bucket's root, ``)
    /// end in `/`, local paths need one added.
    static func joined(_ folder: String, _ path: String) -> String {
        folder.isEmpty || folder.hasSuffix("/") ? folder + path + "/" : folder + "/" + path
    }

    /// Leaving day folders to the scan: the scan lists each one when it reaches it, so listing overlaps reading
    /// and the file list is never held whole.
    ///
    /// PERF: a repeat (cached) query over 213,864 files in 900 day folders held a 99 MB file list and spent
    /// ~70% of its time listing before it served anything (perf).
    public struct Deferral: Sendable {
        /// Whether the walk's source reads Insights files (`readsInsights`), for the deferred folders' listings.
        public var readsInsights: Bool
        public static let minimumPerLevel = 8

        public init(readsInsights: Bool) { self.readsInsights = readsInsights }
    }

    /// Insights files are read only when the source itself points into a `CloudTrail-Insight` folder (or names
    /// an Insights file).
    public static func readsInsights(_ source: String) -> Bool {
        source.split(separator: "/").contains("CloudTrail-Insight") || source.contains("_CloudTrail-Insight_")
    }
}
