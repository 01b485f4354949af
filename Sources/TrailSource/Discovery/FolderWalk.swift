/// What one folder (or S3 key prefix) holds, in name order.
public enum DiscoveryItem: Sendable {
    case file(LogFile)
    case skipped(SkippedFile)
    case folder(String)
}

/// The walk local folders and S3 prefixes share: a level at a time, the folders of a level listed together
/// (on several threads, or as concurrent requests), partition pruning asked about each sub-folder before it is
/// listed, and the findings put together in the order of a depth-first walk with sorted names.
public enum FolderWalk {
    /// Walks from `root`, adding what it finds to `discovery`.
    /// - Parameters:
    ///   - pathOfFolder: the path pruning parses for a folder as `listLevel` names it (an S3 prefix gets its
    ///     `s3://bucket/`).
    ///   - listLevel: the items of each folder of a level, in name order; nil for a folder that could not be
    ///     listed (or was already seen), which then adds nothing.
    /// - Returns: false when the root itself was admitted but could not be listed.
    @discardableResult
    public static func walk<Failure: Error>(
        _ root: String, into discovery: inout Discovery,
        admitsFolder: ((CloudTrailLocation.FolderPart) -> Bool)?, pathOfFolder: (String) -> String = { $0 },
        listLevel: ([String]) throws(Failure) -> [[DiscoveryItem]?]
    ) throws(Failure) -> Bool {
        func admitted(_ folder: String) -> Bool {
            guard let admitsFolder else { return true }
            if admitsFolder(CloudTrailLocation.folderPart(of: pathOfFolder(folder))) { return true }
            discovery.foldersPruned += 1
            return false
        }
        guard admitted(root) else { return true }
        var listings: [String: [DiscoveryItem]] = [:]
        var level = [root]
        while !level.isEmpty {
            var next: [String] = []
            for (folder, items) in zip(level, try listLevel(level)) {
                guard let items else { continue }
                listings[folder] = items
                for case .folder(let sub) in items where admitted(sub) { next.append(sub) }
            }
            level = next
        }
        guard listings[root] != nil else { return false }
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
                case .folder(let sub): assemble(sub)
                }
            }
        }
        assemble(root)
        return true
    }

    /// Insights files are read only when the source itself points into a `CloudTrail-Insight` folder (or names
    /// an Insights file).
    public static func readsInsights(_ source: String) -> Bool {
        source.split(separator: "/").contains("CloudTrail-Insight") || source.contains("_CloudTrail-Insight_")
    }
}
