import TrailBase
import TrailColumnar
import TrailExec
import TrailJSON
import TrailPlan
import TrailSource

/// Scans one segment (a run of files of one folder) with the cache: serves it from its entry when every file is
/// unchanged and the entry holds the columns the scan needs, else decodes the files' JSON and writes (or
/// extends) the entry. One instance per worker thread.
///
/// Which columns are cached: all of a narrow scan's columns, for every row. A wide scan with a full-text needle
/// (`SELECT * … WHERE requestparameters LIKE '%i-0abc%'`) caches its predicate's columns for every row and the
/// other columns only for the rows whose text holds the needle — decoding every column of every record would
/// cost the cold run most of what the needle saves it — which is enough to answer the same query again.
final class SegmentScan {
    let node: ScanNode
    let output: ScanOutput
    let cache: SegmentCache
    let needles: TextNeedles
    /// Cached for every row; the predicate reads only these (and partition columns).
    let fullColumns: [ScanColumn]
    /// Cached only for the rows whose text holds the needles.
    let sparseColumns: [ScanColumn]
    let fullProjector: RecordProjector
    let sparseProjector: RecordProjector?
    let reader = FileReader()
    let inflater = Inflater(maxOutputBytes: 1 << 30)
    var scratch: [UInt8] = []

    init(node: ScanNode, context: EvaluationContext, cache: SegmentCache) throws(QueryError) {
        self.node = node
        self.cache = cache
        output = try ScanOutput(node: node, context: context)
        needles = TextNeedles(node)
        var seen = Set<String>()
        let eventColumns = node.columns.filter {
            !TableKind.partitionColumnNames.contains($0.path[0]) && seen.insert($0.dottedPath).inserted
        }
        if !needles.isEmpty && eventColumns.count >= 8 {
            var read = Set<ColumnID>()
            func visit(_ expression: BoundExpression) {
                if case .column(let id, _) = expression { read.insert(id) }
                expression.children.forEach(visit)
            }
            node.predicate.map(visit)
            let readPaths = Set(node.columns.filter { read.contains($0.id) }.map(\.dottedPath))
            fullColumns = eventColumns.filter { readPaths.contains($0.dottedPath) }
            sparseColumns = eventColumns.filter { !readPaths.contains($0.dottedPath) }
        } else {
            fullColumns = eventColumns
            sparseColumns = []
        }
        do throws(ProjectionError) {
            fullProjector = try RecordProjector(columns: fullColumns.map(\.dottedPath))
            sparseProjector = sparseColumns.isEmpty ? nil : try RecordProjector(columns: sparseColumns.map(\.dottedPath))
        } catch {
            throw QueryError(.columnNotFound, error.description, at: nil)
        }
    }

    /// Whether the cache can serve `node` at all: CloudTrail tables (Lake converts its columns after decoding),
    /// and not a wide scan with a needle. `SELECT * … LIKE '%i-0abc%'` over 1M events took 8.3 s cold and 3.7 s
    /// warm through the cache (every record's request parameters decoded, kept and read back) against 3.2 s
    /// without it, where files lacking the needle are never parsed.
    static func supports(_ node: ScanNode) -> Bool {
        guard node.table == .cloudTrail else { return false }
        let needles = TextNeedles(node)
        return needles.isEmpty || Set(node.columns.map(\.dottedPath)).count < 8
    }

    static func key(_ files: ArraySlice<LogFile>) -> String {
        "\(files.first?.path ?? "")\u{0}\(files.last?.path ?? "")\u{0}\(files.count)"
    }

    // MARK: scanning

    func scan(_ files: ArraySlice<LogFile>) -> [(FileOutcome, QueryScanWorker.Output)] {
        let key = SegmentScan.key(files)
        let entry = cache.open(key, files: files)
        let current = entry.flatMap { $0.matches ? $0 : nil }
        if let current, let served = serve(files, current) { return served }
        return decode(files, key: key, previous: current)
    }

    /// The answer from the entry alone, or nil when it lacks a column (or a needle row) the scan needs.
    private func serve(_ files: ArraySlice<LogFile>, _ reader: SegmentCache.Reader) -> [(FileOutcome, QueryScanWorker.Output)]? {
        let entry = reader.entry
        var full: [String: Column] = [:]
        for column in fullColumns {
            guard let info = entry.columns.first(where: { $0.path == column.dottedPath && $0.type == column.type.description && $0.rows == nil }) else {
                return nil
            }
            guard let decoded = reader.column(info, as: column.type) else {
                cache.discard(SegmentScan.key(files))
                return nil
            }
            full[column.dottedPath] = decoded
        }
        var sparse: [String: (rows: [Int32]?, column: Column)] = [:]
        for column in sparseColumns {
            guard let info = entry.columns.first(where: { $0.path == column.dottedPath && $0.type == column.type.description }) else {
                return nil
            }
            guard let decoded = reader.column(info, as: column.type) else {
                cache.discard(SegmentScan.key(files))
                return nil
            }
            sparse[column.dottedPath] = (info.rows, decoded)
        }
        let records = entry.files.map(\.records)
        let result: Batch?
        do throws(QueryError) {
            guard let batch = try assemble(files, records: records, full: full, sparse: sparse) else { return nil }
            result = batch
        } catch {
            return outcomes(files, entry.files, fromCache: true, batch: nil, error: error)
        }
        return outcomes(files, entry.files, fromCache: true, batch: result, error: nil)
    }

    /// Builds the scan's output rows: partition columns from the files' paths, the rest from `full` and `sparse`.
    /// Nil when a selected row is missing from a sparse column.
    private func assemble(_ files: ArraySlice<LogFile>, records: [Int], full: [String: Column],
                          sparse: [String: (rows: [Int32]?, column: Column)]) throws(QueryError) -> Batch? {
        let count = records.reduce(0, +)
        var columns: [Column] = []
        var sparsePositions: [Int] = []
        for (position, column) in node.columns.enumerated() {
            if column.path.count == 1, TableKind.partitionColumnNames.contains(column.path[0]) {
                let builder = ColumnBuilder(type: .varchar)
                for (file, rows) in zip(files, records) {
                    let value = PartitionValues(file).value(of: column.path[0])
                    for _ in 0..<rows {
                        if let value { builder.appendString(value) } else { builder.appendNull() }
                    }
                }
                columns.append(builder.finish())
            } else if let values = full[column.dottedPath] {
                columns.append(values)
            } else {
                // A sparse column: the predicate never reads it; filled in for the selected rows below.
                columns.append(Column.constant(.null, type: column.type, count: count))
                sparsePositions.append(position)
            }
        }
        let batch = Batch(schema: output.fields, columns: columns, count: count)
        let selected = try output.selectedRows(batch)
        var result = batch.selecting(selected)
        for position in sparsePositions {
            guard let (rows, values) = sparse[node.columns[position].dottedPath] else { return nil }
            var indices: [Int32] = []
            indices.reserveCapacity(selected.count)
            if let rows {
                var cursor = 0
                for row in selected {
                    while cursor < rows.count && rows[cursor] < row { cursor += 1 }
                    guard cursor < rows.count, rows[cursor] == row else { return nil }
                    indices.append(Int32(cursor))
                }
            } else {
                indices = selected
            }
            result.columns[position] = values.take(indices)
        }
        return result
    }

    /// Decodes the segment's files from their JSON, answers from what was decoded, and caches it when every
    /// file read cleanly.
    private func decode(_ files: ArraySlice<LogFile>, key: String, previous: SegmentCache.Reader?) -> [(FileOutcome, QueryScanWorker.Output)] {
        var visitor = Visitor(full: fullProjector, sparse: sparseProjector, needles: needles)
        var fileOutcomes: [FileOutcome] = []
        for file in files {
            let outcome = ParallelScan.read(file, &visitor, reader, inflater, &scratch)
            fileOutcomes.append(outcome)
        }
        let fullBatch = fullProjector.finish()
        let sparseBatch = sparseProjector?.finish()
        var full: [String: Column] = [:]
        for column in fullColumns { full[column.dottedPath] = output.extract(column, from: fullBatch) }
        var sparse: [String: (rows: [Int32]?, column: Column)] = [:]
        if let sparseBatch {
            for column in sparseColumns { sparse[column.dottedPath] = (visitor.sparseRows, output.extract(column, from: sparseBatch)) }
        }
        let records = fileOutcomes.map(\.records)
        let clean = fileOutcomes.allSatisfy { outcome in
            outcome.badRecords == 0 && { if case .failed = outcome.status { return false } else { return true } }()
        }
        if clean {
            write(key, files: files, outcomes: fileOutcomes, rowCount: fullBatch.count, full: full, sparse: sparse, previous: previous)
        }
        do throws(QueryError) {
            let batch = try assemble(files, records: records, full: full, sparse: sparse)
            return attach(fileOutcomes, batch: batch, error: nil)
        } catch {
            return attach(fileOutcomes, batch: nil, error: error)
        }
    }

    private func write(_ key: String, files: ArraySlice<LogFile>, outcomes: [FileOutcome], rowCount: Int,
                       full: [String: Column], sparse: [String: (rows: [Int32]?, column: Column)], previous: SegmentCache.Reader?) {
        let entryFiles = zip(files, outcomes).map { file, outcome in
            SegmentEntry.File(path: file.path, size: file.size, modificationTime: file.modificationTime, records: outcome.records,
                              bytesInflated: outcome.bytesInflated)
        }
        var blobs: [(SegmentEntry.ColumnInfo, [UInt8])] = []
        var written = Set<String>()
        func add(_ column: ScanColumn, _ rows: [Int32]?, _ values: Column) {
            var bytes: [UInt8] = []
            ColumnCodec.encode(values, into: &bytes)
            blobs.append((SegmentEntry.ColumnInfo(path: column.dottedPath, type: column.type.description, rows: rows, offset: 0,
                                                  length: 0, checksum: 0), bytes))
            written.insert(column.dottedPath)
        }
        for column in fullColumns { add(column, nil, full[column.dottedPath]!) }
        for column in sparseColumns {
            let (rows, values) = sparse[column.dottedPath]!
            add(column, rows, values)
        }
        // Keep what earlier queries cached for these same files, unless this run decoded it again.
        if let previous {
            for info in previous.entry.columns where !written.contains(info.path) {
                guard let bytes = previous.blob(info) else { continue }
                blobs.append((info, bytes))
                written.insert(info.path)
            }
        }
        cache.write(key, files: entryFiles, rowCount: rowCount, columns: blobs)
    }

    private func outcomes(_ files: ArraySlice<LogFile>, _ cached: [SegmentEntry.File], fromCache: Bool, batch: Batch?,
                          error: QueryError?) -> [(FileOutcome, QueryScanWorker.Output)] {
        let outcomes = zip(files, cached).map { file, entry in
            var outcome = FileOutcome(file: file, status: .read)
            outcome.records = entry.records
            outcome.fromCache = fromCache
            return outcome
        }
        return attach(outcomes, batch: batch, error: error)
    }

    /// One result per file; the segment's batch (or error) rides with the last one.
    private func attach(_ outcomes: [FileOutcome], batch: Batch?, error: QueryError?) -> [(FileOutcome, QueryScanWorker.Output)] {
        var results = outcomes.map { ($0, QueryScanWorker.Output(batch: nil, error: nil)) }
        if !results.isEmpty {
            results[results.count - 1].1 = QueryScanWorker.Output(batch: batch, error: error)
        }
        return results
    }

    /// Decodes the cached columns of each record, and the sparse ones of records that hold the needles.
    struct Visitor: RecordVisitor {
        let full: RecordProjector
        let sparse: RecordProjector?
        let needles: TextNeedles
        var sparseRows: [Int32] = []

        mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
            let start = cursor
            let row = Int32(full.count)
            try full.visit(record: &cursor, fileOffset: fileOffset)
            guard let sparse else { return }
            let text = UnsafeRawBufferPointer(start: cursor.base + start.position, count: cursor.position - start.position)
            if needles.mayMatch(text) {
                var again = start
                try sparse.visit(record: &again, fileOffset: fileOffset)
                sparseRows.append(row)
            }
        }
    }
}
