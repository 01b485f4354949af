import TrailS3
import TrailSource

/// Reads log files wherever they lie: local files from disk, S3 objects fetched a unit of work at a time (many
/// GETs in flight) before they are read one by one. One per worker thread.
final class SourceReader {
    let local = FileReader()
    let fetcher: ObjectFetcher?
    /// The current unit's objects, by path, until read.
    private var fetched: [String: Result<[UInt8], SourceError>] = [:]

    init(fetcher: ObjectFetcher?) {
        self.fetcher = fetcher
    }

    /// Fetches the S3 objects among `files` concurrently (local files are read when asked).
    func prefetch(_ files: ArraySlice<LogFile>) {
        guard let fetcher else { return }
        let remote = files.filter(\.isRemote)
        guard !remote.isEmpty else { return }
        fetched = [:]
        for (file, result) in zip(remote, fetcher.fetch(remote)) { fetched[file.path] = result }
    }

    /// The file's bytes, valid until the next read.
    func read(_ file: LogFile) throws(SourceError) -> UnsafeRawBufferPointer {
        guard file.isRemote else { return try local.read(file) }
        guard let fetcher else { throw SourceReader.noS3(file.path) }
        let result = fetched.removeValue(forKey: file.path) ?? fetcher.fetchOne(file)
        return local.hold(try result.get())
    }

    /// Reads an S3 object again (its gzip stream ended early: a body cut short in transit); nil for local files,
    /// whose bytes would not change.
    func reread(_ file: LogFile) throws(SourceError) -> UnsafeRawBufferPointer? {
        guard file.isRemote, let fetcher else { return nil }
        return local.hold(try fetcher.fetchOne(file).get())
    }

    static func noS3(_ path: String) -> SourceError {
        SourceError(path: path, message: "s3:// sources need S3 access, and none was configured",
                    hint: "library callers pass an ObjectFetcher in the scan options")
    }
}
