import TrailColumnar
import TrailJSON

/// Decodes `text` as a CloudTrail document with the given columns.
func decode(_ text: String, columns: [String]) throws -> (Batch, DocumentReport) {
    let projector = try RecordProjector(columns: columns)
    var visitor = projector
    var scratch: [UInt8] = []
    let bytes = Array(text.utf8)
    let report = bytes.withUnsafeBytes { CloudTrailDocument.read($0, visitor: &visitor, scratch: &scratch) }
    return (projector.finish(), report)
}

/// Renders a column value the way Athena prints it (`{a=1, b=2}`, `[x, y]`, NULL as nil) for assertions.
func render(_ column: Column, _ row: Int) -> String? {
    switch column {
    case .varchar(let strings):
        return strings.string(at: row)
    case .row(let rows):
        guard rows.validity[row] else { return nil }
        let parts = zip(rows.fields, rows.children).map { field, child in "\(field.name)=\(render(child, row) ?? "null")" }
        return "{" + parts.joined(separator: ", ") + "}"
    case .array(let arrays):
        guard arrays.validity[row] else { return nil }
        let items = (Int(arrays.offsets[row])..<Int(arrays.offsets[row + 1])).map { render(arrays.element, $0) ?? "null" }
        return "[" + items.joined(separator: ", ") + "]"
    case .map(let maps):
        guard maps.validity[row] else { return nil }
        let items = (Int(maps.offsets[row])..<Int(maps.offsets[row + 1])).map {
            "\(render(maps.keys, $0) ?? "null")=\(render(maps.values, $0) ?? "null")"
        }
        return "{" + items.joined(separator: ", ") + "}"
    case .int64, .double, .boolean:
        // The CloudTrail table has none; typed columns come from SQL expressions.
        return column.isNull(row) ? nil : "\(column.value(at: row))"
    }
}

func values(_ batch: Batch, _ name: String) -> [String?] {
    guard let column = batch.column(named: name) else { return [] }
    return (0..<batch.count).map { render(column, $0) }
}
