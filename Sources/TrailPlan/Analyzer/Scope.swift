import TrailBase
import TrailColumnar
import TrailSQL

/// A table being scanned while the query is analyzed: each column path is registered when a name resolves to it,
/// so the scan decodes exactly what the query reads (projection pushdown by construction).
final class TableSource {
    let scanID: Int
    let kind: TableKind
    let displayName: String
    private(set) var columns: [ScanColumn] = []

    init(scanID: Int, kind: TableKind, displayName: String) {
        self.scanID = scanID
        self.kind = kind
        self.displayName = displayName
    }

    func columnID(path: [String], type: LogicalType, allocate: () -> ColumnID) -> ColumnID {
        if let existing = columns.first(where: { $0.path == path }) { return existing.id }
        let id = allocate()
        columns.append(ScanColumn(id: id, path: path, type: type,
                                  conversion: path.count == 1 ? kind.conversion(of: path[0]) : .none))
        return id
    }
}

/// One relation of a FROM clause as names see it.
struct ScopeRelation {
    enum Content {
        case table(TableSource)
        case columns([OutputColumn])
        /// The columns of `JOIN … USING`: each an expression over both sides (left, right or their coalesce).
        case using([(name: String, expression: BoundExpression)])
    }

    /// Lower-case qualifiers that name it (`t`, `cloudtrail_logs`, `default.cloudtrail_logs`).
    var qualifiers: [String]
    var content: Content
    /// Columns that a `JOIN … USING` replaced by its own: invisible by any name and to `*`, as in Trino.
    var hidden: Set<String> = []
    /// Its names win over the same names in the other relations (the select list's names in ORDER BY).
    var shadows = false

    /// The names of its columns, for `*` and hints.
    var columnNames: [String] {
        let names: [String]
        switch content {
        case .table(let source): names = source.kind.columns.map(\.name)
        case .columns(let columns): names = columns.map(\.name)
        case .using(let columns): names = columns.map(\.name)
        }
        return hidden.isEmpty ? names : names.filter { !hidden.contains($0) }
    }

    /// Every name a column reference may use: the columns, and for a table the partition aliases of common DDLs.
    var resolvableNames: [String] {
        if case .table = content { return columnNames + TableKind.partitionAliases.keys }
        return columnNames
    }
}

/// The names visible to an expression: the relations of the FROM clause.
struct Scope {
    var relations: [ScopeRelation] = []

    static var empty: Scope { Scope() }

    var allColumnNames: [String] { relations.flatMap(\.columnNames) }
}

/// "Did you mean" by edit distance, for column, field and function names.
enum NameSuggestion {
    static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().utf8)
        var best: (String, Int)?
        for candidate in Set(candidates) {
            let distance = editDistance(target, Array(candidate.utf8))
            let limit = max(1, min(3, target.count / 3))
            if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
