import TrailBase
import TrailSource

/// Finds the log files under `s3://bucket/prefix`, listing only what the query can use.
///
/// The bucket is walked a level at a time with delimiter listings (`AWSLogs/` → accounts or org ids →
/// `CloudTrail/` → regions → years → months → days), the prefixes of one level listed concurrently. Partition
/// pruning is asked about every sub-prefix before it is listed, so a one-day, one-region query over years of
/// logs lists a handful of prefixes and then that day's objects: O(day), not O(bucket).
public enum S3Discovery {
    /// Adds what `url` holds to `discovery`. Listing errors (no such bucket, access denied, after retries)
    /// fail the whole discovery: a query must not silently miss a folder.
    /// With `defersDays`, many day prefixes are left in `deferred` for the scan (`FolderWalk.Deferral`): their
    /// listing then overlaps reading.
    public static func discover(_ url: S3URL, client: S3Client, pruning: FolderPruning?,
                                defersDays: Bool = false, into discovery: inout Discovery) throws(SourceError)
    {
        let readsInsights = FolderWalk.readsInsights(url.prefix)
        // A prefix that does not end in `/` names a folder or one object: the first listing tells which.
        var root = url.prefix
        if !root.isEmpty && !root.hasSuffix("/") {
            let page = try list(client, url.bucket, prefix: root)
            if let object = page.objects.first(where: { $0.key == root }) {
                switch classify(logFile(url.bucket, object), readsInsights: true, isExplicit: true) {
                case .file(let found): discovery.files.append(found)
                case .skipped(let skipped): discovery.skipped.append(skipped)
                case .folder, .unreadable, .rest: break
                }
                return
            }
            guard page.commonPrefixes.contains(root + "/") else {
                throw SourceError(path: url.description, message: "no object or folder by that name",
                                  hint: "s3:// sources name a bucket, a folder (prefix) or one object; check with aws s3 ls")
            }
            root += "/"
        }
        try walk(url, root: root, client: client, pruning: pruning,
                 deferral: defersDays ? FolderWalk.Deferral(readsInsights: readsInsights) : nil, readsInsights: readsInsights,
                 into: &discovery)
    }

    /// Lists a prefix the walk left to the scan (`s3://bucket/prefix/`).
    public static func discover(deferred folder: DeferredFolder, client: S3Client,
                                pruning: FolderPruning?) throws(SourceError) -> Discovery
    {
        let url = try folderURL(folder)
        var discovery = Discovery()
        try walk(url, root: url.prefix, client: client, pruning: pruning, deferral: nil,
                 readsInsights: folder.readsInsights, into: &discovery)
        return discovery
    }

    /// Lists the next page of a prefix whose listing discovery left part way (`folder.continuation`): that page's
    /// objects, and all of any sub-prefix it holds. Returns the token of the page after it (nil: the last).
    public static func discover(page folder: DeferredFolder, client: S3Client,
                                pruning: FolderPruning?) throws(SourceError)
        -> (discovery: Discovery, continuation: String?)
    {
        let url = try folderURL(folder)
        var discovery = Discovery()
        var next: String?
        var pending = folder.continuation
        try FolderWalk.walk(url.prefix, into: &discovery, pruning: pruning, pathOfFolder: { url.bucketRoot + $0 })
        { (level) throws(SourceError) -> [[DiscoveryItem]?] in
            if let token = pending {
                // The first level is the folder itself: only the page at the token.
                pending = nil
                let page = try listPage(client, url.bucket, prefix: url.prefix, token: token, readsInsights: folder.readsInsights)
                next = page.continuation
                return [page.items]
            }
            return try listLevel(level, url, client: client, readsInsights: folder.readsInsights, pagesFiles: false)
        }
        return (discovery, next)
    }

    private static func folderURL(_ folder: DeferredFolder) throws(SourceError) -> S3URL {
        guard let url = S3URL(folder.path) else {
            throw SourceError(path: folder.path, message: "not an s3:// folder", hint: nil)
        }
        return url
    }

    private static func walk(_ url: S3URL, root: String, client: S3Client, pruning: FolderPruning?, deferral: FolderWalk.Deferral?,
                             readsInsights: Bool, into discovery: inout Discovery) throws(SourceError)
    {
        try FolderWalk.walk(root, into: &discovery, pruning: pruning, pathOfFolder: { url.bucketRoot + $0 },
                            deferral: deferral) { (level) throws(SourceError) -> [[DiscoveryItem]?] in
            try listLevel(level, url, client: client, readsInsights: readsInsights, pagesFiles: deferral != nil)
        }
    }

    /// The prefixes of one level listed concurrently. With `pagesFiles`, a prefix whose first page holds objects
    /// and has more pages ends with `.rest`: the scan lists the rest a page at a time (`discover(page:)`).
    private static func listLevel(_ level: [String], _ url: S3URL, client: S3Client, readsInsights: Bool, pagesFiles: Bool)
        throws(SourceError) -> [[DiscoveryItem]?]
    {
        let results = concurrentMap(level, threads: client.settings.concurrency) { prefix -> Result<[DiscoveryItem], SourceError> in
            do throws(SourceError) {
                return .success(try listFolder(client, url.bucket, prefix: prefix, readsInsights: readsInsights,
                                               pagesFiles: pagesFiles))
            } catch {
                return .failure(error)
            }
        }
        return try results.map { (result) throws(SourceError) in try result.get() }
    }

    /// Every page of one prefix: objects become files (or skips), common prefixes sub-folders, in key order.
    /// With `pagesFiles`, a first page with objects and more pages after it ends the listing with `.rest`.
    ///
    /// PERF (memory): a flat prefix of N objects was held whole (~300 bytes per object) before any was read;
    /// paged, at most a page per worker is.
    static func listFolder(_ client: S3Client, _ bucket: String, prefix: String, readsInsights: Bool, pagesFiles: Bool = false)
        throws(SourceError) -> [DiscoveryItem]
    {
        var items: [DiscoveryItem] = []
        var token: String?
        repeat {
            let page = try listPage(client, bucket, prefix: prefix, token: token, readsInsights: readsInsights)
            items += page.items
            token = page.continuation
            if pagesFiles, let next = token, page.holdsObjects {
                items.append(.rest(continuation: next))
                break
            }
        } while token != nil
        return items
    }

    /// One page of a prefix's listing in key order, and the token of the next page.
    static func listPage(_ client: S3Client, _ bucket: String, prefix: String, token: String?, readsInsights: Bool)
        throws(SourceError) -> (items: [DiscoveryItem], continuation: String?, holdsObjects: Bool)
    {
        let page = try list(client, bucket, prefix: prefix, token: token)
        var keyed: [(key: String, item: DiscoveryItem)] = []
        let folder = "s3://\(bucket)/" + prefix  // shared by the folder's files
        for object in page.objects {
            // A zero-byte `folder/` marker (consoles create them) is not a file.
            if object.key.hasSuffix("/") { continue }
            // With the `/` delimiter every object here is directly under the prefix.
            let name = String(decoding: object.key.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
            let file = LogFile(folder: folder, name: name, size: object.size, modificationTime: object.lastModified,
                               version: versionHash(object.etag))
            keyed.append((object.key, classify(file, readsInsights: readsInsights, isExplicit: false)))
        }
        for sub in page.commonPrefixes where sub != prefix {
            keyed.append((sub, .folder(sub)))
        }
        // A page's objects and sub-prefixes come as two sorted lists (and pages follow one another in key order):
        // merge them into key order.
        keyed.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return (keyed.map(\.item), page.continuationToken, !page.objects.isEmpty)
    }

    static func list(_ client: S3Client, _ bucket: String, prefix: String, token: String? = nil) throws(SourceError) -> ListPage {
        do throws(S3Error) {
            return try client.listObjects(bucket: bucket, prefix: prefix, continuationToken: token, maxKeys: client.settings.listPageSize)
        } catch {
            throw error.sourceError
        }
    }

    static func logFile(_ bucket: String, _ object: ListPage.Object) -> LogFile {
        var file = LogFile(path: "s3://\(bucket)/" + object.key, size: object.size, modificationTime: object.lastModified)
        file.version = versionHash(object.etag)
        return file
    }

    /// Digest files are skipped (validate reads them), Insights files unless the source points at them, hidden
    /// names as on disk.
    static func classify(_ file: LogFile, readsInsights: Bool, isExplicit: Bool) -> DiscoveryItem {
        if file.name.hasPrefix(".") && !isExplicit { return .skipped(SkippedFile(path: file.path, reason: .hidden)) }
        switch file.location.kind {
        case .digest: return .skipped(SkippedFile(path: file.path, reason: .digest))
        case .insight where !readsInsights && !isExplicit: return .skipped(SkippedFile(path: file.path, reason: .insight))
        default: return .file(file)
        }
    }

    /// FNV-1a of the ETag: a changed object gets a new ETag, so cached columns of its old bytes are not served.
    static func versionHash(_ etag: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in etag.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
