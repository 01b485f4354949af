import TrailBase
import TrailColumnar
import TrailFunctions
import TrailJSON
import TrailPlan

/// Turns what the decoder produced for a file into the scan's output: the requested column paths pulled out of
/// pruned rows, CloudTrail Lake's conversions applied, and the scan's predicate evaluated. Runs on the scan
/// workers (one instance per worker).
public final class ScanOutput {
    let node: ScanNode
    let predicate: BoundExpression?
    let evaluator: ExpressionEvaluator
    let schema: [Field]

    /// `filesPassedPartitionFilter`: every file the scan reads was admitted by `node.partitionFilter`'s predicates
    /// (the engine prunes files by them on their paths' values). A file's partition values are the same in all
    /// its rows, so those conjuncts hold for every row and are not evaluated again.
    public init(node: ScanNode, context: EvaluationContext, filesPassedPartitionFilter: Bool) throws(QueryError) {
        self.node = node
        let outputs = node.columns.map { OutputColumn(id: $0.id, name: $0.path.last ?? "", type: $0.type) }
        var rowPredicate = node.predicate
        if filesPassedPartitionFilter, let predicate = node.predicate {
            // PERF: `WHERE day <= '28'` evaluated per file batch took ~0.5 s of CPU over 200k files.
            let settled = Set(node.partitionFilter.predicates)
            rowPredicate = .conjunction(predicate.conjuncts.filter { !settled.contains($0) })
        }
        predicate = try rowPredicate.map { (p) throws(QueryError) in try Resolver.resolve(p, outputs) }
        evaluator = ExpressionEvaluator(context: context)
        schema = node.columns.map { Field($0.dottedPath, $0.type) }
    }

    /// The decoder for `columns` (a scan's): each event column once, dotted, and a pushed-down JSON path
    /// (`JSONPathPushdown`) as an extract that reads it from the raw member (`PushedJSONPath`).
    public static func projector(for columns: [ScanColumn]) throws(QueryError) -> RecordProjector {
        var seen = Set<String>()
        var names: [String] = []
        var extracts: [RecordProjector.Extract] = []
        for column in columns where seen.insert(column.dottedPath).inserted {
            guard let path = column.jsonPath else {
                names.append(column.dottedPath)
                continue
            }
            extracts.append(RecordProjector.Extract(column: column.path[0], name: column.dottedPath) { cursor, builder in
                PushedJSONPath.append(cursor, path, to: builder)
            })
        }
        do throws(ProjectionError) {
            return try RecordProjector(columns: names, extracts: extracts)
        } catch {
            throw QueryError(.columnNotFound, error.description, at: nil)
        }
    }

    /// The scan's rows of one decoded file batch.
    public func apply(_ decoded: Batch) throws(QueryError) -> Batch {
        var columns: [Column] = []
        columns.reserveCapacity(node.columns.count)
        for column in node.columns {
            columns.append(extract(column, from: decoded))
        }
        let batch = Batch(schema: schema, columns: columns, count: decoded.count)
        guard let predicate, batch.count > 0 else { return batch }
        let selected = try evaluator.select(predicate, batch)
        return batch.selecting(selected)
    }

    /// The rows of `batch` (columns in the scan's order) that pass the scan's predicate.
    public func selectedRows(_ batch: Batch) throws(QueryError) -> [Int32] {
        guard let predicate, batch.count > 0 else { return Array(0..<Int32(batch.count)) }
        return try evaluator.select(predicate, batch)
    }

    /// The output schema: the scan's columns by dotted path.
    public var fields: [Field] { schema }

    /// `column`'s values pulled out of a decoded batch (its path through pruned rows), CloudTrail Lake's
    /// conversion applied.
    public func extract(_ column: ScanColumn, from batch: Batch) -> Column {
        if column.jsonPath != nil {
            let index = batch.schema.firstIndex { $0.name == column.dottedPath }
            return index.map { batch.columns[$0] } ?? Column.constant(.null, type: column.type, count: batch.count)
        }
        guard let top = batch.schema.firstIndex(where: { $0.name == column.path[0] }) else {
            return Column.constant(.null, type: column.type, count: batch.count)
        }
        var value = batch.columns[top]
        for name in column.path.dropFirst() {
            guard case .row(let row) = value, let index = row.fields.firstIndex(where: { $0.name == name }) else {
                return Column.constant(.null, type: column.type, count: batch.count)
            }
            value = ExpressionEvaluator.maskNulls(row.children[index], by: row.validity)
        }
        switch column.conversion {
        case .none: return value
        case .timestamp, .jsonObjectToMap, .boolean: return LakeConversion.apply(value, column.conversion, column.type)
        }
    }
}

/// CloudTrail Lake's typed view of the JSON text the decoder produced.
enum LakeConversion {
    static func apply(_ column: Column, _ conversion: ScanConversion, _ type: LogicalType) -> Column {
        guard case .varchar(let text) = column else { return column }
        let builder = ColumnBuilder(type: type)
        for row in 0..<text.count {
            guard let string = text.string(at: row) else { builder.appendNull(); continue }
            switch conversion {
            case .timestamp:
                if let time = try? FromISO8601Timestamp.evaluate(string) {
                    builder.append(.int(time.epochMillis))
                } else {
                    builder.appendNull()
                }
            case .boolean:
                builder.append(string == "true" ? .boolean(true) : string == "false" ? .boolean(false) : .null)
            case .jsonObjectToMap:
                builder.append((try? JSONCast.value(fromJSON: Array(string.utf8), as: type)) ?? .null)
            case .none:
                builder.append(.string(string))
            }
        }
        return builder.finish()
    }
}
