#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrailSource

/// Where a segment's files are, as the cache names them: the real absolute folder, so a file has one identity
/// (and one entry) whichever working directory or symlink a query reaches it through, and two folders that share
/// a relative name never meet in the cache. One per scan worker: segments come folder after folder, so each
/// folder is resolved once.
struct CacheIdentity {
    private var last: (given: String, absolute: String)?

    /// `folder` (a LogFile's, ending in `/` or empty) as its real absolute path (`realpath`: symlinks and `..`
    /// resolved), ending in `/`. `s3://` folders are already absolute; a folder that cannot be resolved (it
    /// vanished, so its files cannot be read either) keeps its name as given.
    mutating func folder(_ folder: String) -> String {
        if let last, last.given == folder { return last.absolute }
        let absolute = CacheIdentity.resolve(folder)
        last = (folder, absolute)
        return absolute
    }

    static func resolve(_ folder: String) -> String {
        if folder.utf8.starts(with: "s3://".utf8) { return folder }
        guard let resolved = realpath(folder.isEmpty ? "." : folder, nil) else { return folder }
        defer { free(resolved) }
        let path = String(cString: resolved)
        return path == "/" ? path : path + "/"
    }

    /// The key of the segment of `files` in `folder` (their absolute folder): the entry's name is its hash.
    static func key(folder: String, _ files: ArraySlice<LogFile>) -> String {
        "\(folder)\u{0}\(files.first?.name ?? "")\u{0}\(files.last?.name ?? "")\u{0}\(files.count)"
    }
}
