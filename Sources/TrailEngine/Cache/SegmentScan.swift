import TrailBase
import TrailColumnar
import TrailExec
import TrailJSON
import TrailPlan
import TrailS3
import TrailSource

/// Scans one segment (a run of files of one folder) with the cache: serves it from its entry when every file is
/// unchanged and the entry holds the columns the scan needs, else decodes the files' JSON and writes (or
/// extends) the entry. One instance per worker thread.
///
/// Every column the scan reads (partition columns aside, which come from the paths) is cached for every row, or,
/// for a scan with search text (`TextNeedles`), for the rows of the records that may hold it (`SegmentEntry.View`).
final class SegmentScan {
    let node: ScanNode
    let output: ScanOutput
    let cache: SegmentCache
    /// The cached columns: the scan's event columns, each path once.
    let columns: [ScanColumn]
    let projector: RecordProjector
    let reader: SourceReader
    let inflater = Inflater(maxOutputBytes: 1 << 30)
    var scratch: [UInt8] = []
    /// The scan's search-text test in front of `projector`.
    let needleTest: NeedleTest<RecordProjector>
    /// With needles, the name of the view this scan reads and writes (`SegmentEntry.View`).
    let viewNeedles: String?

    init(node: ScanNode, context: EvaluationContext, cache: SegmentCache, fetcher: ObjectFetcher? = nil) throws(QueryError) {
        self.node = node
        self.cache = cache
        reader = SourceReader(fetcher: fetcher)
        output = try ScanOutput(node: node, context: context, filesPassedPartitionFilter: true)
        var seen = Set<String>()
        columns = node.columns.filter {
            !TableKind.partitionColumnNames.contains($0.path[0]) && seen.insert($0.dottedPath).inserted
        }
        projector = try ScanOutput.projector(for: columns)
        needleTest = NeedleTest(projector, node: node)
        viewNeedles = needleTest.needles.isEmpty ? nil : SegmentScan.viewName(needleTest.needles, testsRecords: needleTest.testsRecords)
    }

    /// Whether the cache can serve `node` at all: CloudTrail tables (Lake converts its columns after decoding).
    static func supports(_ node: ScanNode) -> Bool {
        node.table == .cloudTrail
    }

    /// The needles as a view names them: each group's needles, and the groups, in byte order (the order the
    /// predicate lists them in does not matter), in hex; and whether records or files were tested.
    static func viewName(_ needles: TextNeedles, testsRecords: Bool) -> String {
        let groups = needles.groups.map { Set($0.map(Digest.hex)).sorted().joined(separator: ",") }
        return (testsRecords ? "records:" : "files:") + Set(groups).sorted().joined(separator: ";")
    }

    private var identity = CacheIdentity()

    // MARK: scanning

    /// Serves the segment from its whole entry when that holds the columns; else, for a scan with needles, from
    /// the view of those needles; else decodes the files and writes (or extends) the whole entry or the view.
    ///
    /// PERF: a scan with needles used to decode every file for a whole entry, where without the cache it parses
    /// only the files that hold the needles. Over 1M events (213,864 files), Q3 cold: 3.2–3.7 s → 2.2–2.4 s
    /// (`--no-cache` 2.0–2.3 s), its cache 44 → 16 MB; `SELECT *` with a needle, not cached before, warm:
    /// 2.6–3.3 s → 0.54–0.66 s.
    func scan(_ files: ArraySlice<LogFile>) -> [(FileOutcome, QueryScanWorker.Output)] {
        let folder = identity.folder(files.first?.folder ?? "")
        let key = CacheIdentity.key(folder: folder, files)
        let whole = cache.open(key, expected: SegmentEntry.Expected(folder: folder, files: files)).flatMap { $0.matches ? $0 : nil }
        if let whole, let served = serve(files, whole, key: key) { return served }
        guard let viewNeedles else { return decode(files, key: key, folder: folder, previous: whole) }
        let viewKey = key + "\u{0}" + viewNeedles
        let expected = SegmentEntry.Expected(folder: folder, files: files, needles: viewNeedles)
        let view = cache.open(viewKey, expected: expected).flatMap { $0.matches ? $0 : nil }
        if let view, let served = serve(files, view, key: viewKey) { return served }
        return decode(files, key: viewKey, folder: folder, previous: view)
    }

    /// The answer from the entry alone, or nil when it lacks a column the scan needs.
    private func serve(_ files: ArraySlice<LogFile>, _ reader: SegmentCache.Reader, key: String)
        -> [(FileOutcome, QueryScanWorker.Output)]?
    {
        let entry = reader.entry
        var cached: [String: Column] = [:]
        for column in columns {
            guard let info = entry.columns.first(where: { $0.path == column.dottedPath && $0.type == column.type.description }) else {
                return nil
            }
            guard let decoded = reader.column(info, as: column.type) else {
                cache.discard(key)
                return nil
            }
            cached[column.dottedPath] = decoded
        }
        let outcomes = files.indices.map { index in
            let position = index - files.startIndex
            var outcome = FileOutcome(file: files[index], status: .read)
            outcome.records = entry.files[position].records
            outcome.textSkipped = entry.view?.textSkipped[position] ?? false
            outcome.fromCache = true
            return outcome
        }
        do throws(QueryError) {
            let batch = try assemble(files, rows: entry.rowsPerFile, columns: cached)
            return attach(outcomes, batch: batch, error: nil)
        } catch {
            return attach(outcomes, batch: nil, error: error)
        }
    }

    /// Builds the scan's output rows: partition columns from the files' paths, the rest from `columns`, which
    /// hold `rows[i]` rows of the i-th file.
    private func assemble(_ files: ArraySlice<LogFile>, rows: [Int], columns cached: [String: Column]) throws(QueryError) -> Batch {
        let count = rows.reduce(0, +)
        var columns: [Column] = []
        // Paths are parsed (the folder once) only when a partition column is read, and only for files with rows.
        // PERF: a view's files mostly have none; parsing every name took ~10% of a warm SELECT * needle query.
        lazy var partitions: [(values: PartitionValues, rows: Int)] = {
            var locations = FileLocations()
            return zip(files, rows).compactMap { file, rows in
                rows == 0 ? nil : (locations.partitionValues(of: file, withPath: node.readsPath), rows)
            }
        }()
        for column in node.columns {
            if column.path.count == 1, TableKind.partitionColumnNames.contains(column.path[0]) {
                let builder = ColumnBuilder(type: .varchar)
                for (values, rows) in partitions {
                    builder.appendString(values.value(of: column.path[0]), repeating: rows)
                }
                columns.append(builder.finish())
            } else {
                columns.append(cached[column.dottedPath] ?? Column.constant(.null, type: column.type, count: count))
            }
        }
        let batch = Batch(schema: output.fields, columns: columns, count: count)
        return batch.selecting(try output.selectedRows(batch))
    }

    /// Decodes the segment's files from their JSON (with needles, only the files or records that may hold
    /// them), answers from what was decoded, and caches it when every file read cleanly.
    private func decode(_ files: ArraySlice<LogFile>, key: String, folder: String, previous: SegmentCache.Reader?)
        -> [(FileOutcome, QueryScanWorker.Output)]
    {
        var visitor = needleTest
        let test = needleTest
        var fileOutcomes: [FileOutcome] = []
        var rows: [Int] = []
        reader.prefetch(files)
        for file in files {
            let before = projector.count
            fileOutcomes.append(ParallelScan.read(file, &visitor, reader, inflater, &scratch, admits: test.admits))
            rows.append(projector.count - before)
        }
        let decoded = projector.finish()
        var extracted: [String: Column] = [:]
        for column in columns { extracted[column.dottedPath] = output.extract(column, from: decoded) }
        let clean = fileOutcomes.allSatisfy { outcome in
            outcome.badRecords == 0 && { if case .failed = outcome.status { return false } else { return true } }()
        }
        if clean {
            let view = viewNeedles.map { SegmentEntry.View(needles: $0, rows: rows, textSkipped: fileOutcomes.map(\.textSkipped)) }
            write(key, folder: folder, files: files, outcomes: fileOutcomes, rowCount: decoded.count, columns: extracted,
                  view: view, previous: previous)
        }
        do throws(QueryError) {
            let batch = try assemble(files, rows: rows, columns: extracted)
            return attach(fileOutcomes, batch: batch, error: nil)
        } catch {
            return attach(fileOutcomes, batch: nil, error: error)
        }
    }

    private func write(_ key: String, folder: String, files: ArraySlice<LogFile>, outcomes: [FileOutcome], rowCount: Int,
                       columns extracted: [String: Column], view: SegmentEntry.View?, previous: SegmentCache.Reader?) {
        let entryFiles = zip(files, outcomes).map { file, outcome in
            SegmentEntry.File(name: file.name, size: file.size, modificationTime: file.modificationTime, version: file.version,
                              records: outcome.records)
        }
        var blobs: [(SegmentEntry.ColumnInfo, [UInt8])] = []
        var written = Set<String>()
        for column in columns {
            var bytes: [UInt8] = []
            ColumnCodec.encode(extracted[column.dottedPath]!, into: &bytes)
            blobs.append((SegmentEntry.ColumnInfo(path: column.dottedPath, type: column.type.description, offset: 0,
                                                  length: 0, checksum: 0), bytes))
            written.insert(column.dottedPath)
        }
        // Keep what earlier queries cached for these same rows (the same files, and the same view), unless this
        // run decoded it again.
        if let previous {
            for info in previous.entry.columns where !written.contains(info.path) {
                guard let bytes = previous.blob(info) else { continue }
                blobs.append((info, bytes))
                written.insert(info.path)
            }
        }
        cache.write(key, folder: folder, files: entryFiles, rowCount: rowCount, columns: blobs, view: view)
    }

    /// One result per file; the segment's batch (or error) rides with the last one.
    private func attach(_ outcomes: [FileOutcome], batch: Batch?, error: QueryError?) -> [(FileOutcome, QueryScanWorker.Output)] {
        var results = outcomes.map { ($0, QueryScanWorker.Output(batch: nil, error: nil)) }
        if !results.isEmpty {
            results[results.count - 1].1 = QueryScanWorker.Output(batch: batch, error: error)
        }
        return results
    }
}
