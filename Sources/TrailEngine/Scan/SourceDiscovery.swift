import TrailS3
import TrailSource

/// Finds the log files of every `--logs` source, local folders and `s3://` URLs alike, in the order given.
public enum SourceDiscovery {
    /// `client` reads `s3://` sources (nil: an `s3://` source is an error). `admitsFolder` (partition pruning)
    /// is asked about each folder or prefix before it is listed.
    public static func discover(_ sources: [String], client: S3Client?,
                                admitsFolder: ((CloudTrailLocation.FolderPart) -> Bool)? = nil) throws(SourceError) -> Discovery
    {
        var discovery = Discovery()
        for source in sources {
            if let url = S3URL(source) {
                guard let client else { throw SourceReader.noS3(source) }
                try S3Discovery.discover(url, client: client, admitsFolder: admitsFolder, into: &discovery)
            } else if S3URL.isS3(source) {
                throw SourceError(path: source, message: "an s3:// source needs a bucket name", hint: "--logs s3://bucket/AWSLogs/")
            } else {
                let local = try LocalDiscovery.discover([source], admitsFolder: admitsFolder)
                discovery.files += local.files
                discovery.skipped += local.skipped
                discovery.foldersPruned += local.foldersPruned
            }
        }
        return discovery
    }
}
