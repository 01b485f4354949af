import TrailS3
import TrailSource

/// Finds the log files of every `--logs` source, local folders and `s3://` URLs alike, in the order given.
public enum SourceDiscovery {
    /// `client` reads `s3://` sources (nil: an `s3://` source is an error). `pruning` is asked about each folder or
    /// prefix before it is listed, and may name the sub-folders to visit instead of listing it (`FolderWalk.walk`).
    /// With `defersDays`, many day folders are left
    /// in `deferred` for the scan to list (`list(_:)`).
    public static func discover(_ sources: [String], client: S3Client?,
                                pruning: FolderPruning? = nil, defersDays: Bool = false) throws(SourceError) -> Discovery
    {
        var discovery = Discovery()
        for source in sources {
            if let url = S3URL(source) {
                guard let client else { throw SourceReader.noS3(source) }
                var found = Discovery()
                try S3Discovery.discover(url, client: client, pruning: pruning, defersDays: defersDays, into: &found)
                discovery.append(found)
            } else if S3URL.isS3(source) {
                throw SourceError(path: source, message: "an s3:// source needs a bucket name", hint: "--logs s3://bucket/AWSLogs/")
            } else {
                discovery.append(try LocalDiscovery.discover([source], pruning: pruning, defersDays: defersDays))
            }
        }
        return discovery
    }

    /// Lists a folder `discover` deferred, on the calling thread: all of it, or for an S3 prefix left part way
    /// (`DeferredFolder.continuation`) its next page, with the token of the page after (nil: the last).
    public static func list(_ folder: DeferredFolder, client: S3Client?,
                            pruning: FolderPruning? = nil) throws(SourceError)
        -> (discovery: Discovery, continuation: String?)
    {
        guard S3URL.isS3(folder.path) else { return (LocalDiscovery.discover(deferred: folder, pruning: pruning), nil) }
        guard let client else { throw SourceReader.noS3(folder.path) }
        if folder.continuation != nil { return try S3Discovery.discover(page: folder, client: client, pruning: pruning) }
        return (try S3Discovery.discover(deferred: folder, client: client, pruning: pruning), nil)
    }
}
