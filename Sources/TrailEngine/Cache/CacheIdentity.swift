#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrailSource

/// Where a segment's files are, as the cache names them: the real absolute folder, so a file has one identity
/// (and one entry) whichever working directory or symlink a query reaches it through, and two folders that share
/// a relative name never meet in the cache.
enum CacheIdentity {
    /// The working directory, read once (a query does not change it).
    static let workingDirectory: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// `folder` (a LogFile's, ending in `/` or empty) as the real absolute path (`realpath`: symlinks and `..`
    /// resolved), ending in `/`; when it cannot be resolved (it vanished), made absolute against
    /// `workingDirectory` with `.` and empty components dropped. `s3://` folders are already absolute.
    static func folder(_ folder: String, workingDirectory: String = CacheIdentity.workingDirectory) -> String {
        if folder.utf8.starts(with: "s3://".utf8) { return folder }
        if let resolved = realpath(folder.isEmpty ? "." : folder, nil) {
            defer { free(resolved) }
            let path = String(cString: resolved)
            return path == "/" ? path : path + "/"
        }
        let full = folder.hasPrefix("/") ? folder : workingDirectory + "/" + folder
        var result = ""
        for component in full.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            result += "/"
            result += component
        }
        return result + "/"
    }

    /// The key of the segment of `files` in `folder` (their absolute folder): the entry's name is its hash.
    static func key(folder: String, _ files: ArraySlice<LogFile>) -> String {
        "\(folder)\u{0}\(files.first?.name ?? "")\u{0}\(files.last?.name ?? "")\u{0}\(files.count)"
    }
}
