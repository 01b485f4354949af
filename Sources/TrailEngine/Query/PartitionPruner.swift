import TrailBase
import TrailColumnar
import TrailExec
import TrailFunctions
import TrailJSON
import TrailPlan
import TrailSource

/// Applies a scan's `PartitionFilter` to the discovered files, using only their paths.
struct PartitionPruner {
    let node: ScanNode
    let evaluator: ExpressionEvaluator
    let predicates: [BoundExpression]
    /// The days (folder dates) eventtime's bounds allow, half-open: empty when the bounds exclude each other.
    let dayRange: Range<Int>?
    /// The partition columns each predicate reads (nil: it reads something a folder cannot tell).
    let predicateColumns: [Set<String>?]
    /// Decisions by partition values, when no predicate reads `$path` (then files of one folder share them).
    let memo = Memo()
    /// The regions and days the predicates name outright: their folders are visited without listing the levels above.
    let pinned: PinnedFolders

    /// Mutated unlocked: a pruner is used by one thread (each scan worker makes its own).
    final class Memo {
        var decisions: [PartitionValues: Bool] = [:]
        /// Files come folder after folder: each folder's part of the path is parsed once.
        var locations = FileLocations()
        /// The decision for the last folder whose files all share their partition values (a day folder).
        var folder: (path: String, admits: Bool)?
    }

    init(node: ScanNode, context: EvaluationContext) throws(QueryError) {
        self.node = node
        evaluator = ExpressionEvaluator(context: context)
        let outputs = node.columns.map { OutputColumn(id: $0.id, name: $0.dottedPath, type: $0.type) }
        predicates = try node.partitionFilter.predicates.map { (p) throws(QueryError) in try Resolver.resolve(p, outputs) }
        let namesByID = Dictionary(node.columns.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
        predicateColumns = node.partitionFilter.predicates.map { predicate in
            var names: Set<String> = []
            var settled = true
            func visit(_ expression: BoundExpression) {
                if case .column(let id, _) = expression {
                    if let path = namesByID[id], path.count == 1, PartitionPruner.folderColumns.contains(path[0]) {
                        names.insert(path[0])
                    } else {
                        settled = false
                    }
                }
                expression.children.forEach(visit)
            }
            visit(predicate)
            return settled ? names : nil
        }
        let one = Batch(schema: [], columns: [], count: 1)
        let constants = ExpressionEvaluator(context: context)
        func day(_ bound: BoundExpression) throws(QueryError) -> Int? {
            let value = try constants.evaluate(bound, one).value(at: 0)
            let millis: Int64?
            switch (value, bound.type) {
            case (.bytes(let bytes), _):
                millis = (try? FromISO8601Timestamp.evaluate(String(decoding: bytes, as: UTF8.self)))?.epochMillis
            case (.int(let raw), .timestampWithTimeZone): millis = PackedTimestamp.millis(raw)
            case (.int(let raw), .timestamp): millis = raw
            case (.int(let raw), .date): millis = raw * 86_400_000
            default: millis = nil
            }
            return millis.map { Int(floorDivide($0, 86_400_000)) }
        }
        // The latest lower bound and the earliest upper bound (a bound that is not a time is no bound).
        var from: Int?, to: Int?
        for bound in node.partitionFilter.eventTimeFrom { if let d = try day(bound) { from = max(from ?? d, d) } }
        for bound in node.partitionFilter.eventTimeTo { if let d = try day(bound) { to = min(to ?? d, d) } }
        if from != nil || to != nil {
            // Folders are dated by delivery: events of day D are in D's folder or the next day's.
            let lower = (from ?? Int.min / 2) - 1
            let upper = (to ?? Int.max / 2) + 1
            // A ClosedRange cannot be empty: bounds that exclude each other trapped here.
            dayRange = lower <= upper ? lower..<(upper + 1) : lower..<lower
        } else {
            dayRange = nil
        }
        pinned = PinnedFolders(predicates: node.partitionFilter.predicates, names: namesByID, dayRange: dayRange)
    }

    var isActive: Bool { !predicates.isEmpty || dayRange != nil }

    /// Partition columns a folder can settle for everything below it.
    static let folderColumns: Set<String> = ["accountid", "region", "year", "month", "day", "date"]

    /// Whether anything below `folder` may hold rows that pass: false only when the folder's own partition
    /// values (region, date, account) already rule every file out. Lets discovery skip whole folders.
    func admits(folder: CloudTrailLocation.FolderPart) -> Bool {
        guard isActive else { return true }
        let settled = folder.settledPartitions
        if let dayRange, let year = settled["year"].flatMap({ Int($0) }) {
            let month = settled["month"].flatMap { Int($0) }
            let day = settled["day"].flatMap { Int($0) }
            let first = CivilDate(year: year, month: month ?? 1, day: day ?? 1).dayNumber
            let last: Int
            if day != nil {
                last = first
            } else if let month {
                last = (month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)).dayNumber - 1
            } else {
                last = CivilDate(year: year + 1, month: 1, day: 1).dayNumber - 1
            }
            if last < dayRange.lowerBound || first >= dayRange.upperBound { return false }
        }
        for (predicate, columns) in zip(predicates, predicateColumns) {
            guard let columns, !columns.isEmpty, columns.allSatisfy({ settled[$0] != nil }) else { continue }
            let values = node.columns.map { column -> Column in
                let value = column.path.count == 1 ? settled[column.path[0]] : nil
                return Column.constant(value.map(Value.string) ?? .null, type: column.path.count == 1 && value != nil ? .varchar : column.type, count: 1)
            }
            let batch = Batch(schema: node.columns.map { Field($0.dottedPath, $0.type) }, columns: values, count: 1)
            // A predicate that fails to evaluate decides nothing here; the files meet it again one by one.
            if let selected = try? evaluator.select(predicate, batch), selected.isEmpty { return false }
        }
        return true
    }

    /// The pruning a folder walk applies for this scan: `admits(folder:)`, and the folders the predicates name.
    var folderPruning: FolderPruning {
        FolderPruning(admits: { admits(folder: $0) }, subfolders: { pinned.subfolders(of: $0) })
    }

    /// Whether `file` may hold rows that pass the scan's predicate.
    func admits(_ file: LogFile) throws(QueryError) -> Bool {
        // PERF: one decision per day folder: parsing each file's name and hashing its partition values took ~6% of
        // the CPU samples (perf) of `WHERE day <= '28'` over 200k files, which cost more than the whole table.
        if let folder = memo.folder, folder.path == file.folder { return folder.admits }
        let decision = try decide(file)
        if !node.readsPath, memo.locations.folderPart(of: file).settlesAllPartitions {
            memo.folder = (file.folder, decision)
        }
        return decision
    }

    private func decide(_ file: LogFile) throws(QueryError) -> Bool {
        let values = memo.locations.partitionValues(of: file, withPath: node.readsPath)
        if let dayRange, let year = values.year.flatMap({ Int($0) }), let month = values.month.flatMap({ Int($0) }),
           let day = values.day.flatMap({ Int($0) }) {
            let number = CivilDate(year: year, month: month, day: day).dayNumber
            if !dayRange.contains(number) { return false }
        }
        guard !predicates.isEmpty else { return true }
        // PERF: one evaluation per distinct set of partition values, not per file: evaluating the predicates
        // for each of 200k files took 2 s of a `WHERE day <= '28'` query.
        if let known = memo.decisions[values] { return known }
        let decision = try evaluate(values)
        memo.decisions[values] = decision
        return decision
    }

    private func evaluate(_ values: PartitionValues) throws(QueryError) -> Bool {
        let columns = node.columns.map { column -> Column in
            if column.path.count == 1, TableKind.partitionColumnNames.contains(column.path[0]) {
                return Column.constant(values.value(of: column.path[0]).map(Value.string) ?? .null, type: .varchar, count: 1)
            }
            return Column.constant(.null, type: column.type, count: 1)
        }
        let batch = Batch(schema: node.columns.map { Field($0.dottedPath, $0.type) }, columns: columns, count: 1)
        for predicate in predicates where try evaluator.select(predicate, batch).isEmpty {
            return false
        }
        return true
    }
}
