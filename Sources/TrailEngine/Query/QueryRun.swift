#if canImport(Glibc)
import Glibc
#endif
import TrailBase
import TrailColumnar
import TrailExec
import TrailPlan
import TrailSQL
import TrailSource

/// `trailsql query`: parse → analyze → optimize → prune files → execute, streaming result batches to a sink.
public enum QueryRun {
    public struct Options: Sendable {
        public var scan: ParallelScan.Options
        /// Refuse to run when the files to read (after pruning) exceed this many bytes (Athena's workgroup limit).
        public var maxScanBytes: Int?
        public var listsEveryFile: Bool
        /// `now()` for the query, epoch milliseconds (defaults to the wall clock at the start).
        public var startMillis: Int64?
        /// The decoded-column cache (nil: decode every file).
        public var cache: SegmentCache?

        public init(scan: ParallelScan.Options = ParallelScan.Options(), maxScanBytes: Int? = nil, listsEveryFile: Bool = false,
                    startMillis: Int64? = nil, cache: SegmentCache? = nil) {
            self.scan = scan
            self.maxScanBytes = maxScanBytes
            self.listsEveryFile = listsEveryFile
            self.startMillis = startMillis
            self.cache = cache
        }
    }

    /// The result's columns, known before the first row.
    public struct ResultSchema: Sendable {
        public var names: [String]
        public var types: [LogicalType]
    }

    public struct Result: Sendable {
        public var schema: ResultSchema
        public var statistics: QueryStatistics
        /// False when `--strict` stopped the scan at a failure.
        public var completed: Bool
    }

    /// Runs `sql` over `sources`. `makeSink` receives the result's schema and returns where rows go.
    public static func run(_ sql: String, sources: [String], options: Options, makeSink: (ResultSchema) -> BatchSink)
        throws(QueryError) -> Result
    {
        let started = monotonicSeconds()
        let statement = try SQLParser.parse(sql)
        var statistics = QueryStatistics(listsEveryFile: options.listsEveryFile)
        let startMillis = options.startMillis ?? wallClockMillis()

        if case .describe(let describe) = statement {
            let kind: TableKind = describe.table.isEventDataStore ? .lake : .cloudTrail
            let schema = ResultSchema(names: ["column", "type", "extra", "comment"], types: [.varchar, .varchar, .varchar, .varchar])
            let sink = makeSink(schema)
            let rows = kind.columns.map { field in
                [field.name, field.type.description, TableKind.partitionColumnNames.contains(field.name) ? "partition key" : "",
                 kind == .cloudTrail ? TableDocs.comment(field.name) : ""]
            }
            let batch = textBatch(schema, rows)
            _ = try sink.push(batch)
            try sink.finish()
            statistics.rowsReturned = rows.count
            return Result(schema: schema, statistics: statistics, completed: true)
        }

        let plan = Optimizer.optimize(try Analyzer.plan(statement))
        let context = EvaluationContext(startMillis: startMillis)
        let pruners = try plan.scans.map { (scan) throws(QueryError) in (scan.scanID, try PartitionPruner(node: scan, context: context)) }
        var discovery: Discovery
        // EXPLAIN and --max-scan-bytes need every file before anything is read, and several scans share one
        // listing; otherwise the scan lists the day folders itself as it reaches them.
        let isExplain = if case .explain = statement { true } else { false }
        let defersDays = !isExplain && options.maxScanBytes == nil && plan.scans.count == 1
        do throws(SourceError) {
            // Folders that no scan can use are not even listed (a one-day, one-region query lists one folder), and
            // a query that reads no table (`SELECT 1`) lists nothing.
            discovery = plan.scans.isEmpty ? Discovery()
                : try SourceDiscovery.discover(sources, client: options.scan.fetcher?.client,
                                               pruning: .union(pruners.map(\.1.folderPruning)), defersDays: defersDays)
        } catch {
            throw QueryError(.sourceFailed, error.summary, at: nil, help: error.hint)
        }
        statistics.scan.add(discovery)
        statistics.foldersPruned = discovery.foldersPruned
        statistics.scans = plan.scans.count
        // Prune every scan's files now (before reading) so --max-scan-bytes and EXPLAIN know what will be read.
        var inputsByScan: [Int: ScanInput] = [:]
        var notes: [Int: [String]] = [:]
        for (scan, (_, pruner)) in zip(plan.scans, pruners) {
            var input = ScanInput(discovery)
            if pruner.isActive {
                input = try prune(discovery, pruner)
            }
            inputsByScan[scan.scanID] = input
            let kept = input.files
            let pruned = discovery.files.count - kept.count
            statistics.filesPruned += pruned
            statistics.bytesToScan += kept.reduce(0) { $0 + $1.size }
            statistics.filesToScan += kept.count
            notes[scan.scanID] = ["files: \(kept.count) of \(discovery.files.count) to read (\(pruned) pruned by partition/time), \(kept.reduce(0) { $0 + $1.size }) bytes"]
        }

        discovery.files = []  // the scans hold what they read; the rest can go

        if case .explain(let explain) = statement {
            if explain.isAnalyze {
                throw QueryError(.unsupportedFeature, "EXPLAIN ANALYZE is not supported", at: explain.span,
                                 help: "run the query: the statistics on stderr show files, bytes and rows")
            }
            let lines = PlanPrinter.lines(plan, scanNotes: notes)
            let schema = ResultSchema(names: ["Query Plan"], types: [.varchar])
            let sink = makeSink(schema)
            _ = try sink.push(textBatch(schema, lines.map { [$0] }))
            try sink.finish()
            statistics.rowsReturned = lines.count
            return Result(schema: schema, statistics: statistics, completed: true)
        }

        if let limit = options.maxScanBytes, statistics.bytesToScan > limit {
            throw QueryError(.scanLimitExceeded,
                             "the query would scan \(statistics.bytesToScan.grouped) bytes, more than --max-scan-bytes \(limit.grouped)",
                             at: nil, help: "narrow it with partition columns (region, year/month/day or date, accountid) or eventtime, or raise the limit")
        }

        let schema = ResultSchema(names: plan.columnNames, types: plan.columnTypes)
        let counting = CountingSink(next: makeSink(schema))
        let provider = LocalScanProvider(inputsByScan: inputsByScan, options: options.scan, cache: options.cache,
                                         statistics: statistics.scan)
        let executor = QueryExecutor(provider: provider, startMillis: startMillis)
        try executor.run(plan, into: counting)
        statistics.scan = provider.statistics
        statistics.filesPruned += provider.listed.filesPruned
        statistics.foldersPruned += provider.listed.foldersPruned
        statistics.filesToScan += provider.listed.files
        statistics.bytesToScan += provider.listed.bytes
        statistics.scan.addRequests(of: options.scan.fetcher?.client)
        if let cache = options.cache {
            statistics.cacheCorrupt = cache.corruptEntries
            // Only a run that wrote entries can have pushed the cache past its limit.
            if cache.bytesWritten > 0 { cache.evictIfNeeded() }
        }
        statistics.rowsReturned = counting.rows
        statistics.scan.seconds = monotonicSeconds() - started
        return Result(schema: schema, statistics: statistics, completed: provider.completed)
    }

    /// The files of `discovery` that `pruner` admits, with the deferred folders kept in their places.
    static func prune(_ discovery: Discovery, _ pruner: PartitionPruner) throws(QueryError) -> ScanInput {
        var input = ScanInput(files: [])
        var folders = discovery.deferred[...]
        for (index, file) in discovery.files.enumerated() {
            while let folder = folders.first, folder.position == index {
                input.deferred.append(folder.placed(at: input.files.count))
                folders = folders.dropFirst()
            }
            if try pruner.admits(file) { input.files.append(file) }
        }
        input.deferred += folders.map { $0.placed(at: input.files.count) }
        return input
    }

    static func textBatch(_ schema: ResultSchema, _ rows: [[String]]) -> Batch {
        let builders = schema.types.map { ColumnBuilder(type: $0) }
        for row in rows {
            for (builder, text) in zip(builders, row) { builder.appendString(text) }
        }
        return Batch(schema: zip(schema.names, schema.types).map { Field($0, $1) }, columns: builders.map { $0.finish() },
                     count: rows.count)
    }

    static func wallClockMillis() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}

/// Counts the rows that reach the output.
final class CountingSink: BatchSink {
    let next: BatchSink
    var rows = 0

    init(next: BatchSink) { self.next = next }

    func push(_ batch: Batch) throws(QueryError) -> Bool {
        rows += batch.count
        return try next.push(batch)
    }

    func finish() throws(QueryError) { try next.finish() }
}

/// Scans the sources' files on all cores for the executor, through the decoded-column cache when there is one.
final class LocalScanProvider: ScanProvider {
    let inputsByScan: [Int: ScanInput]
    let options: ParallelScan.Options
    let cache: SegmentCache?
    /// Outcomes are added up as they arrive (keeping 200k of them would cost more memory than the scan).
    var statistics: ScanStatistics
    /// What the listings of deferred folders added to the files to read and the pruning.
    var listed = ListedTotals()
    var sawFailure = false
    var completed = true

    struct ListedTotals {
        var files = 0
        var bytes = 0
        var filesPruned = 0
        var foldersPruned = 0
    }

    init(inputsByScan: [Int: ScanInput], options: ParallelScan.Options, cache: SegmentCache?, statistics: ScanStatistics) {
        self.inputsByScan = inputsByScan
        self.options = options
        self.cache = cache
        self.statistics = statistics
    }

    func scan(_ node: ScanNode, context: EvaluationContext, into sink: BatchSink) throws(QueryError) {
        let input = inputsByScan[node.scanID] ?? ScanInput(files: [])
        var failure: QueryError?
        let consume = { (outcome: FileOutcome, output: QueryScanWorker.Output) -> Bool in
            self.statistics.add(outcome)
            if outcome.status != .read || outcome.badRecords > 0 { self.sawFailure = true }
            if let error = output.error {
                failure = error
                return false
            }
            guard let batch = output.batch, batch.count > 0 else { return true }
            do throws(QueryError) {
                return try sink.push(batch)
            } catch {
                failure = error
                return false
            }
        }
        let listed = { (listing: FolderListing) -> Bool in
            if let error = listing.failure {
                failure = QueryError(.sourceFailed, error.summary, at: nil, help: error.hint)
                return false
            }
            if let error = listing.pruningError {
                failure = error
                return false
            }
            self.statistics.add(listing)
            if !listing.unreadable.isEmpty { self.sawFailure = true }
            self.listed.files += listing.files.count
            self.listed.bytes += listing.bytes
            self.listed.filesPruned += listing.filesPruned
            self.listed.foldersPruned += listing.foldersPruned
            return true
        }
        // Each worker prunes the folders it lists with a pruner of its own (the pruner memoizes, unlocked).
        let makeLister: @Sendable () -> FolderLister = {
            // Cannot fail: QueryRun built this node's pruner before the scan.
            let pruner = try! PartitionPruner(node: node, context: context)
            return FolderLister(pruning: pruner.folderPruning,
                                admitsFile: pruner.isActive ? { (file) throws(QueryError) in try pruner.admits(file) } : nil)
        }
        let finished: Bool
        if let cache, SegmentScan.supports(node) {
            // Build one scanner up front so a bad column list fails here, not on a worker thread.
            _ = try SegmentScan(node: node, context: context, cache: cache)
            let units = input.units { LocalScanProvider.segments(input.files, in: $0) }
            let strict = options.strict
            let fetcher = options.fetcher
            let client = fetcher?.client
            let workers = options.workers(for: input)
            finished = ParallelScan.runOrdered(
                units: units.count, workers: workers, window: workers * 4,
                paging: input.paging(units, makeLister: makeLister, client: client),
                makeState: { (try! SegmentScan(node: node, context: context, cache: cache, fetcher: fetcher), makeLister()) },
                process: { work, state, stop in
                    let (scanner, lister) = state
                    var results: [(FileOutcome, QueryScanWorker.Output)] = []
                    var listing: FolderListing?
                    switch input.reading(work, of: units, lister: lister, client: client) {
                    case .files(let range): results = scanner.scan(input.files[range])
                    case .listing(let listed): listing = listed
                    }
                    if let listing, listing.isComplete {
                        for segment in LocalScanProvider.segments(listing.files, in: listing.files.indices) where !stop.isSet {
                            results += scanner.scan(listing.files[segment])
                        }
                    }
                    if strict, results.contains(where: { $0.0.status != .read || $0.0.badRecords > 0 }) { stop.set() }
                    return (results, listing)
                },
                listed: listed, consumeUntil: consume)
        } else {
            _ = try QueryScanWorker(node: node, context: context)
            finished = ParallelScan.runStoppable(input, options: options, makeLister: makeLister, makeWorker: {
                // Cannot fail: the same construction succeeded above.
                try! QueryScanWorker(node: node, context: context)
            }, listed: listed, consumeUntil: consume)
        }
        if let failure { throw failure }
        if options.strict && !finished && sawFailure {
            completed = false
        }
    }

    static let segmentFileLimit = 1024
    /// A segment is also the unit an S3 scan fetches whole before decoding it, with two per worker in flight.
    /// MEMORY: at 16 MB, Q5 over a bucket of 83 kB objects with the cache on peaked at 98–115 MB (four units of
    /// 16 MB of bodies, plus their decoded columns); 4 MB gave 72 MB and 2 MB 58 MB, no slower (0.58–0.63 s against
    /// 0.66–1.04 s). The query-benchmark's segments (up to 1,024 files of ~2 kB) are the same 924 as before.
    static let segmentByteLimit = 2 << 20

    /// Runs of consecutive files of one folder within `range`, at most `segmentFileLimit` files and about
    /// `segmentByteLimit` bytes: the cache's unit.
    static func segments(_ files: [LogFile], in range: Range<Int>) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        var start = range.lowerBound
        var bytes = 0
        for index in range {
            // Files of one folder share their folder string, so this is mostly an identity check.
            if index > start
                && (index - start >= segmentFileLimit || bytes >= segmentByteLimit || files[index].folder != files[start].folder)
            {
                segments.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += files[index].size
        }
        if start < range.upperBound { segments.append(start..<range.upperBound) }
        return segments
    }
}
