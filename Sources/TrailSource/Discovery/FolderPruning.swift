/// What a query's partition pruning tells a folder walk (`FolderWalk.walk`), from each folder's own part of the
/// path (`CloudTrailLocation.FolderPart`): whether to enter it, and whether it can skip listing it.
public struct FolderPruning {
    /// Whether anything below the folder may hold wanted files: a folder refused is not listed (and is counted).
    public var admits: (CloudTrailLocation.FolderPart) -> Bool
    /// The sub-folders to visit instead of listing the folder, as paths relative to it (the regions and days a
    /// query names below a `CloudTrail` folder); nil: list the folder. Each is still asked `admits`.
    public var subfolders: (CloudTrailLocation.FolderPart) -> [String]?

    public init(admits: @escaping (CloudTrailLocation.FolderPart) -> Bool,
                subfolders: @escaping (CloudTrailLocation.FolderPart) -> [String]? = { _ in nil }) {
        self.admits = admits
        self.subfolders = subfolders
    }

    /// The pruning of several scans over one walk: a folder any of them admits is entered, and a folder's listing is
    /// skipped only when every one names its sub-folders (the walk visits them all).
    public static func union(_ prunings: [FolderPruning]) -> FolderPruning {
        FolderPruning(admits: { folder in prunings.contains { $0.admits(folder) } }, subfolders: { folder in
            var names = Set<String>()
            for pruning in prunings {
                guard let named = pruning.subfolders(folder) else { return nil }
                names.formUnion(named)
            }
            return names.sorted()
        })
    }
}
