import TrailColumnar
import TrailFunctions
import TrailSQL

/// EXPLAIN's text: one line per operator, indented under its parent, with the columns a scan decodes, its
/// pushed-down predicate and its partition filter.
public enum PlanPrinter {
    public static func lines(_ plan: QueryPlan, scanNotes: [Int: [String]] = [:]) -> [String] {
        var lines: [String] = []
        var names: [ColumnID: String] = [:]
        func collectNames(_ node: LogicalPlan) {
            node.inputs.forEach(collectNames)
            for output in node.outputs { names[output.id] = output.name }
            if case .scan(let scan) = node { for column in scan.columns { names[column.id] = column.explained } }
        }
        collectNames(plan.root)
        plan.subqueries.forEach(collectNames)
        func text(_ expression: BoundExpression) -> String { ExpressionPrinter(names: names).print(expression) }
        func visit(_ node: LogicalPlan, _ depth: Int) {
            let indent = String(repeating: "    ", count: depth) + (depth > 0 ? "└─ " : "")
            let pad = String(repeating: "    ", count: depth) + (depth > 0 ? "   " : "") + "   "
            switch node {
            case .scan(let scan):
                lines.append(indent + "Scan \(scan.tableName) (\(scan.table == .lake ? "CloudTrail Lake" : "CloudTrail"))")
                lines.append(pad + "decodes: " + (scan.columns.isEmpty ? "(no columns: counts records)" : scan.columns.map(\.explained).joined(separator: ", ")))
                if let predicate = scan.predicate { lines.append(pad + "filter: " + text(predicate)) }
                let needles = TextNeedles(scan)
                if !needles.isEmpty {
                    let groups = needles.groups.map { group -> String in
                        let quoted = group.map { "'" + String(decoding: $0, as: UTF8.self).doublingASCII(UInt8(ascii: "'")) + "'" }
                        return quoted.count == 1 ? quoted[0] : "(" + quoted.joined(separator: " OR ") + ")"
                    }
                    lines.append(pad + "text needles: " + groups.joined(separator: " AND ") + " (JSON without them is not parsed)")
                }
                let filter = scan.partitionFilter
                if filter.isEmpty {
                    lines.append(pad + "partitions: all files (no predicate on region/year/month/day/accountid/date/$path/eventtime)")
                } else {
                    for predicate in filter.predicates { lines.append(pad + "partition filter: " + text(predicate)) }
                    for from in filter.eventTimeFrom { lines.append(pad + "eventtime from: " + text(from) + " (folders from the day before)") }
                    for to in filter.eventTimeTo { lines.append(pad + "eventtime to: " + text(to) + " (folders to the day after)") }
                }
                for note in scanNotes[scan.scanID] ?? [] { lines.append(pad + note) }
            case .values(let rows, _):
                lines.append(indent + "Values (\(rows.count) row\(rows.count == 1 ? "" : "s"))")
            case .filter(let input, let predicate):
                lines.append(indent + "Filter " + text(predicate))
                visit(input, depth + 1)
            case .project(let input, let items):
                lines.append(indent + "Project " + items.map { "\($0.output.name) := \(text($0.expression))" }.joined(separator: ", "))
                visit(input, depth + 1)
            case .aggregate(let input, let keys, let aggregates):
                let keyText = keys.isEmpty ? "global" : "by " + keys.map { text($0.expression) }.joined(separator: ", ")
                let calls = aggregates.map { aggregate -> String in
                    let call = aggregate.call
                    let arguments = call.function == .countStar ? "*"
                        : (call.isDistinct ? "DISTINCT " : "") + call.arguments.map(text).joined(separator: ", ")
                    let name = call.function == .countStar ? "count" : call.function.rawValue
                    return "\(name)(\(arguments))" + (call.filter.map { " FILTER (WHERE \(text($0)))" } ?? "")
                }
                lines.append(indent + "Aggregate \(keyText): " + calls.joined(separator: ", "))
                visit(input, depth + 1)
            case .window(let input, let functions):
                lines.append(indent + "Window " + functions.map { $0.call.function.sqlName + "()" }.joined(separator: ", "))
                visit(input, depth + 1)
            case .sort(let input, let keys, let limit):
                let keyText = keys.map { text($0.expression) + ($0.ascending ? " ASC" : " DESC") + ($0.nullsFirst ? " NULLS FIRST" : " NULLS LAST") }
                lines.append(indent + (limit.map { "TopN \($0) by " } ?? "Sort by ") + keyText.joined(separator: ", "))
                visit(input, depth + 1)
            case .limit(let input, let offset, let count):
                lines.append(indent + "Limit " + (count.map(String.init) ?? "ALL") + (offset > 0 ? " offset \(offset)" : ""))
                visit(input, depth + 1)
            case .distinct(let input):
                lines.append(indent + "Distinct")
                visit(input, depth + 1)
            case .unnest(let input, let arrays, _, let ordinality):
                lines.append(indent + "Unnest " + arrays.map(text).joined(separator: ", ") + (ordinality != nil ? " WITH ORDINALITY" : ""))
                visit(input, depth + 1)
            case .join(let kind, let left, let right, let condition):
                lines.append(indent + "\(kind.rawValue) Join" + (condition.map { " on " + text($0) } ?? ""))
                visit(left, depth + 1)
                visit(right, depth + 1)
            case .setOperation(let op, let distinct, let left, let right, _):
                lines.append(indent + op.rawValue + (distinct ? "" : " ALL"))
                visit(left, depth + 1)
                visit(right, depth + 1)
            case .enforceSingleRow(let input):
                lines.append(indent + "EnforceSingleRow")
                visit(input, depth + 1)
            }
        }
        visit(plan.root, 0)
        for (index, subquery) in plan.subqueries.enumerated() {
            lines.append("Subquery #\(index) (\(plan.subqueryKinds[index])), run first:")
            visit(subquery, 1)
        }
        return lines
    }
}

/// Bound expressions as SQL-like text, with column names.
struct ExpressionPrinter {
    let names: [ColumnID: String]

    func print(_ expression: BoundExpression) -> String {
        switch expression {
        case .column(let id, _): return names[id] ?? "#\(id)"
        case .literal(let value, let type): return literal(value, type)
        case .field(let base, let index, _):
            if case .row(let fields) = base.type, index < fields.count { return print(base) + "." + fields[index].name }
            return print(base) + "[\(index + 1)]"
        case .call(let function, let arguments, _):
            switch function {
            case .equal: return binary("=", arguments)
            case .notEqual: return binary("<>", arguments)
            case .less: return binary("<", arguments)
            case .lessOrEqual: return binary("<=", arguments)
            case .greater: return binary(">", arguments)
            case .greaterOrEqual: return binary(">=", arguments)
            case .add: return binary("+", arguments)
            case .subtract: return binary("-", arguments)
            case .multiply: return binary("*", arguments)
            case .divide: return binary("/", arguments)
            case .modulo: return binary("%", arguments)
            case .concatOperator: return binary("||", arguments)
            case .like: return binary("LIKE", arguments)
            case .negate: return "-" + print(arguments[0])
            case .subscript: return print(arguments[0]) + "[" + print(arguments[1]) + "]"
            case .isDistinctFrom: return binary("IS DISTINCT FROM", arguments)
            case .isNotDistinctFrom: return binary("IS NOT DISTINCT FROM", arguments)
            case .arrayConstructor: return "ARRAY[" + arguments.map(print).joined(separator: ", ") + "]"
            case .rowConstructor: return "ROW(" + arguments.map(print).joined(separator: ", ") + ")"
            case .atTimeZone: return print(arguments[0]) + " AT TIME ZONE " + print(arguments[1])
            default: return function.sqlName + "(" + arguments.map(print).joined(separator: ", ") + ")"
            }
        case .and(let terms): return terms.map { "(" + print($0) + ")" }.joined(separator: " AND ")
        case .or(let terms): return terms.map { "(" + print($0) + ")" }.joined(separator: " OR ")
        case .not(let operand): return "NOT (" + print(operand) + ")"
        case .isNull(let operand, let negated): return print(operand) + (negated ? " IS NOT NULL" : " IS NULL")
        case .cast(let operand, let type, let isTry): return (isTry ? "TRY_CAST(" : "CAST(") + print(operand) + " AS \(type))"
        case .caseWhen(let branches, let otherwise, _):
            return "CASE " + branches.map { "WHEN " + print($0.condition) + " THEN " + print($0.result) }.joined(separator: " ")
                + (otherwise.map { " ELSE " + print($0) } ?? "") + " END"
        case .coalesce(let arguments, _): return "coalesce(" + arguments.map(print).joined(separator: ", ") + ")"
        case .inList(let operand, let list, let negated):
            return print(operand) + (negated ? " NOT IN (" : " IN (") + list.map(print).joined(separator: ", ") + ")"
        case .scalarSubquery(let index, _): return "(subquery #\(index))"
        case .inSubquery(let operand, let index, let negated):
            return print(operand) + (negated ? " NOT IN " : " IN ") + "(subquery #\(index))"
        case .exists(let index, let negated): return (negated ? "NOT " : "") + "EXISTS (subquery #\(index))"
        }
    }

    func binary(_ op: String, _ arguments: [BoundExpression]) -> String {
        guard arguments.count >= 2 else { return op + "(" + arguments.map(print).joined(separator: ", ") + ")" }
        return print(arguments[0]) + " \(op) " + print(arguments[1])
    }

    func literal(_ value: Value, _ type: LogicalType) -> String {
        switch (value, type) {
        case (.null, _): return "NULL"
        case (.bytes(let bytes), _): return "'" + String(decoding: bytes, as: UTF8.self).doublingASCII(UInt8(ascii: "'")) + "'"
        case (.int, .date): return "DATE '\(ValueText.render(value, type))'"
        case (.int, .timestamp), (.int, .timestampWithTimeZone): return "TIMESTAMP '\(ValueText.render(value, type))'"
        case (.int(let number), .intervalDayToSecond): return "INTERVAL '\(Double(number) / 1000)' SECOND"
        case (.int(let number), .intervalYearToMonth): return "INTERVAL '\(number)' MONTH"
        case (.double(let number), _): return String(number)
        default: return ValueText.render(value, type)
        }
    }
}
