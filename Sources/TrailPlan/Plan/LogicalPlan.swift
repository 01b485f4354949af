import TrailColumnar
import TrailFunctions

/// A column a plan node produces.
public struct OutputColumn: Hashable, Sendable {
    public var id: ColumnID
    /// The name it is known by (Athena's output name at the root; the alias or column name below).
    public var name: String
    public var type: LogicalType

    public init(id: ColumnID, name: String, type: LogicalType) {
        self.id = id
        self.name = name
        self.type = type
    }
}

/// A column the scan decodes: a top-level column or a dotted path into a row (`useridentity.arn`), which decodes
/// only that field.
public struct ScanColumn: Hashable, Sendable {
    public var id: ColumnID
    /// Lower-case path from the table's top level.
    public var path: [String]
    public var type: LogicalType
    /// Applied after decoding (CloudTrail Lake's typed columns).
    public var conversion: ScanConversion
    /// `json_extract_scalar(<path>, '<jsonPath>')` pushed into the scan (`JSONPathPushdown`): the decoder reads the
    /// scalar straight from the record's JSON instead of materialising the column's whole text.
    public var jsonPath: JSONPathExpression?

    public init(id: ColumnID, path: [String], type: LogicalType, conversion: ScanConversion = .none,
                jsonPath: JSONPathExpression? = nil) {
        self.id = id
        self.path = path
        self.type = type
        self.conversion = conversion
        self.jsonPath = jsonPath
    }

    /// The column's name in decoded batches and cache entries: `useridentity.arn`, `requestparameters$.bucketName`
    /// (a path pushed into the scan; column names never hold `$` before a path's `$`).
    public var dottedPath: String { path.joined(separator: ".") + (jsonPath?.text ?? "") }

    /// How EXPLAIN shows it: the dotted path, or the `json_extract_scalar` call the scan answers.
    public var explained: String {
        guard let jsonPath else { return dottedPath }
        return "json_extract_scalar(\(path.joined(separator: ".")), '\(jsonPath.text)')"
    }
}

public struct ScanNode: Hashable, Sendable {
    /// Distinguishes the scans of one plan (a self-join scans twice).
    public var scanID: Int
    /// The table name as written (for EXPLAIN).
    public var tableName: String
    public var table: TableKind
    public var columns: [ScanColumn]
    /// Evaluated by the scan workers before anything leaves them (pushed down from WHERE).
    public var predicate: BoundExpression?
    /// Decides from a file's path alone whether it can hold matching events.
    public var partitionFilter: PartitionFilter

    public init(scanID: Int, tableName: String, table: TableKind, columns: [ScanColumn],
                predicate: BoundExpression? = nil, partitionFilter: PartitionFilter = PartitionFilter()) {
        self.scanID = scanID
        self.tableName = tableName
        self.table = table
        self.columns = columns
        self.predicate = predicate
        self.partitionFilter = partitionFilter
    }

    /// Whether the scan reads `"$path"` (otherwise files of one folder may share their partition values).
    public var readsPath: Bool { columns.contains { $0.path == ["$path"] } }
}

public enum JoinKind: String, Hashable, Sendable {
    case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
}

public enum SetOperator: String, Hashable, Sendable {
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
}

/// A logical query plan. Every node lists its output columns; expressions refer to the input's columns by id.
public indirect enum LogicalPlan: Hashable, Sendable {
    case scan(ScanNode)
    /// Constant rows (`VALUES`, or a SELECT without FROM: one row, no columns).
    case values(rows: [[BoundExpression]], outputs: [OutputColumn])
    case filter(LogicalPlan, predicate: BoundExpression)
    case project(LogicalPlan, [ProjectedExpression])
    case aggregate(LogicalPlan, keys: [ProjectedExpression], aggregates: [AggregateOutput])
    case window(LogicalPlan, functions: [WindowOutput])
    case sort(LogicalPlan, keys: [SortKey], limit: Int64?)
    case limit(LogicalPlan, offset: Int64, count: Int64?)
    case distinct(LogicalPlan)
    case unnest(LogicalPlan, arrays: [BoundExpression], outputs: [OutputColumn], ordinality: OutputColumn?)
    case join(JoinKind, LogicalPlan, LogicalPlan, condition: BoundExpression?)
    case setOperation(SetOperator, distinct: Bool, LogicalPlan, LogicalPlan, outputs: [OutputColumn])
    /// Fails if the input has more than one row (a scalar subquery); yields NULL for none.
    case enforceSingleRow(LogicalPlan)

    public var outputs: [OutputColumn] {
        switch self {
        case .scan(let node):
            return node.columns.map { OutputColumn(id: $0.id, name: $0.path.last ?? "", type: $0.type) }
        case .values(_, let outputs): return outputs
        case .filter(let input, _), .sort(let input, _, _), .limit(let input, _, _), .distinct(let input),
             .enforceSingleRow(let input):
            return input.outputs
        case .project(_, let items): return items.map(\.output)
        case .aggregate(_, let keys, let aggregates): return keys.map(\.output) + aggregates.map(\.output)
        case .window(let input, let functions): return input.outputs + functions.map(\.output)
        case .unnest(let input, _, let outputs, let ordinality):
            return input.outputs + outputs + (ordinality.map { [$0] } ?? [])
        case .join(_, let left, let right, _): return left.outputs + right.outputs
        case .setOperation(_, _, _, _, let outputs): return outputs
        }
    }

    public var inputs: [LogicalPlan] {
        switch self {
        case .scan, .values: return []
        case .filter(let input, _), .project(let input, _), .aggregate(let input, _, _), .window(let input, _),
             .sort(let input, _, _), .limit(let input, _, _), .distinct(let input), .unnest(let input, _, _, _),
             .enforceSingleRow(let input):
            return [input]
        case .join(_, let left, let right, _), .setOperation(_, _, let left, let right, _): return [left, right]
        }
    }
}

/// A computed column: `expression AS output`.
public struct ProjectedExpression: Hashable, Sendable {
    public var output: OutputColumn
    public var expression: BoundExpression
    public init(output: OutputColumn, expression: BoundExpression) {
        self.output = output
        self.expression = expression
    }
}

public struct AggregateOutput: Hashable, Sendable {
    public var output: OutputColumn
    public var call: AggregateCall
    public init(output: OutputColumn, call: AggregateCall) {
        self.output = output
        self.call = call
    }
}

public struct WindowOutput: Hashable, Sendable {
    public var output: OutputColumn
    public var call: WindowCall
    public init(output: OutputColumn, call: WindowCall) {
        self.output = output
        self.call = call
    }
}

/// A whole statement's plan: the root, the uncorrelated subqueries its expressions refer to (run first), and the
/// names of the result columns.
/// How an expression uses a subquery's rows.
public enum SubqueryKind: Sendable {
    case scalar, inList, exists
}

public struct QueryPlan: Sendable {
    public var root: LogicalPlan
    public var subqueries: [LogicalPlan]
    public var subqueryKinds: [SubqueryKind]
    public var columnNames: [String]
    public var columnTypes: [LogicalType]

    public init(root: LogicalPlan, subqueries: [LogicalPlan], subqueryKinds: [SubqueryKind], columnNames: [String],
                columnTypes: [LogicalType]) {
        self.root = root
        self.subqueries = subqueries
        self.subqueryKinds = subqueryKinds
        self.columnNames = columnNames
        self.columnTypes = columnTypes
    }

    /// Every scan of the plan and its subqueries.
    public var scans: [ScanNode] {
        var found: [ScanNode] = []
        func visit(_ plan: LogicalPlan) {
            if case .scan(let node) = plan { found.append(node) }
            plan.inputs.forEach(visit)
        }
        visit(root)
        subqueries.forEach(visit)
        return found
    }
}
