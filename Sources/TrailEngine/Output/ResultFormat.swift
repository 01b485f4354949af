import TrailBase
import TrailColumnar
import TrailExec
import TrailFunctions

/// How `trailsql query` prints rows.
public enum ResultFormat: String, CaseIterable, Sendable {
    /// Aligned like the Trino CLI (Athena's console shows the same values).
    case table
    case csv
    case tsv
    /// One JSON array of objects.
    case json
    /// One JSON object per line, keys = output column names.
    case jsonl
    /// A GitHub-flavoured Markdown table.
    case markdown
}

/// A sink that prints result rows. Line formats stream; aligned formats (table, markdown) hold the rows to measure
/// column widths.
public final class ResultWriter: BatchSink {
    let format: ResultFormat
    let names: [String]
    let types: [LogicalType]
    let write: (String) -> Void
    var held: [[String]] = []
    var rightAligned: [Bool]
    /// `"name":` per column, for the JSON formats.
    let quotedNames: [[UInt8]]
    var rows = 0
    var wroteHeader = false

    public init(format: ResultFormat, names: [String], types: [LogicalType], write: @escaping (String) -> Void) {
        self.format = format
        self.names = names
        self.types = types
        self.write = write
        rightAligned = types.map { $0.isNumeric }
        quotedNames = names.map { name in
            var bytes: [UInt8] = []
            JSONTextWriter.appendQuoted(name.utf8, into: &bytes)
            return bytes + [UInt8(ascii: ":")]
        }
    }

    public func push(_ batch: Batch) throws(QueryError) -> Bool {
        if !wroteHeader { header() }
        switch format {
        case .table, .markdown: hold(batch)
        case .csv: writeCSV(batch)
        case .tsv: writeTSV(batch)
        case .jsonl, .json: writeJSON(batch)
        }
        return true
    }

    /// Keeps the rows as text until `finish` knows the column widths.
    func hold(_ batch: Batch) {
        for row in 0..<batch.count {
            rows += 1
            held.append(zip(batch.columns, types).map { column, type in ValueText.render(column.value(at: row), type, null: "NULL") })
        }
    }

    func writeTSV(_ batch: Batch) {
        var out = ""
        for row in 0..<batch.count {
            rows += 1
            out += zip(batch.columns, types).map { column, type in
                column.isNull(row) ? "" : tsvField(ValueText.render(column.value(at: row), type))
            }.joined(separator: "\t") + "\n"
        }
        if !out.isEmpty { write(out) }
    }

    /// One object per row: on its own line (jsonl), or as the next element of the array `header` opened (json).
    func writeJSON(_ batch: Batch) {
        var out = ""
        for row in 0..<batch.count {
            rows += 1
            var object: [UInt8] = [UInt8(ascii: "{")]
            for (index, (column, type)) in zip(batch.columns, types).enumerated() {
                if index > 0 { object.append(UInt8(ascii: ",")) }
                object += quotedNames[index]
                ValueJSON.write(column.value(at: row), type, into: &object, sortingMapKeys: false)
            }
            object.append(UInt8(ascii: "}"))
            let text = String(decoding: object, as: UTF8.self)
            if format == .json { out += (rows == 1 ? "\n  " : ",\n  ") + text } else { out += text + "\n" }
        }
        if !out.isEmpty { write(out) }
    }

    /// CSV rows as bytes: every non-null field quoted, its quotes doubled. An ASCII varchar is copied straight
    /// from its column; other values are rendered as text first.
    /// PERF: a `String` per field, escaped and joined, took ~20% of a warm `SELECT *` needle query (15,073 rows
    /// of all columns): 0.75–0.77 s → 0.54–0.66 s.
    func writeCSV(_ batch: Batch) {
        let varchars: [VarcharColumn?] = batch.columns.map { if case .varchar(let text) = $0 { text } else { nil } }
        var out: [UInt8] = []
        out.reserveCapacity(batch.count * batch.columns.count * 16)
        for row in 0..<batch.count {
            rows += 1
            for index in batch.columns.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let column = batch.columns[index]
                if column.isNull(row) { continue }
                if let text = varchars[index], text.withBytes(at: row, { ResultWriter.appendCSVField($0, into: &out, onlyASCII: true) }) {
                    continue
                }
                var rendered = ValueText.render(column.value(at: row), types[index], null: "")
                rendered.withUTF8 { _ = ResultWriter.appendCSVField(UnsafeRawBufferPointer($0), into: &out, onlyASCII: false) }
            }
            out.append(UInt8(ascii: "\n"))
        }
        if !out.isEmpty { write(String(decoding: out, as: UTF8.self)) }
    }

    /// Appends `text` quoted, with its quotes doubled; with `onlyASCII`, appends nothing and returns false when
    /// `text` holds a byte ≥ 0x80 (its rendering replaces invalid UTF-8, which the caller does).
    static func appendCSVField(_ text: UnsafeRawBufferPointer, into out: inout [UInt8], onlyASCII: Bool) -> Bool {
        if onlyASCII, text.contains(where: { $0 >= 0x80 }) { return false }
        out.append(UInt8(ascii: "\""))
        for byte in text {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
        return true
    }

    func header() {
        wroteHeader = true
        switch format {
        case .csv:
            var out: [UInt8] = []
            for (index, name) in names.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                var name = name
                name.withUTF8 { _ = ResultWriter.appendCSVField(UnsafeRawBufferPointer($0), into: &out, onlyASCII: false) }
            }
            write(String(decoding: out + [UInt8(ascii: "\n")], as: UTF8.self))
        case .tsv: write(names.joined(separator: "\t") + "\n")
        case .json: write("[")
        default: break
        }
    }

    public func finish() throws(QueryError) {
        if !wroteHeader { header() }
        switch format {
        case .table: writeTable()
        case .markdown: writeMarkdown()
        case .json: write(rows == 0 ? "]\n" : "\n]\n")
        default: break
        }
    }

    /// Trino CLI's ALIGNED format: centred headers, numbers right-aligned, `(n rows)`.
    func writeTable() {
        let widths = names.indices.map { column in
            held.reduce(names[column].displayWidth) { max($0, $1[column].maxLineWidth) }
        }
        var out = names.indices.map { column -> String in
            let name = names[column]
            let total = widths[column] - name.displayWidth
            let left = total / 2
            return " " + String(repeating: " ", count: left) + name + String(repeating: " ", count: total - left) + " "
        }.joined(separator: "|") + "\n"
        out += widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for row in held {
            out += row.indices.map { column -> String in
                let text = row[column].replacingNewlines
                let padding = String(repeating: " ", count: max(0, widths[column] - text.displayWidth))
                return " " + (rightAligned[column] ? padding + text : text + padding) + " "
            }.joined(separator: "|") + "\n"
        }
        out += "(\(held.count) row\(held.count == 1 ? "" : "s"))\n"
        write(out)
    }

    func writeMarkdown() {
        func cell(_ text: String) -> String { text.replacingNewlines.escapingPipes }
        var out = "| " + names.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + rightAligned.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in held { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        write(out)
    }

    func tsvField(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.append(character)
            }
        }
        return out
    }
}

extension String {
    /// Columns a terminal uses for the text (one per code point; wide CJK characters take two).
    var displayWidth: Int {
        var width = 0
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                width += 2
            default:
                width += 1
            }
        }
        return width
    }

    var maxLineWidth: Int { replacingNewlines.displayWidth }
    var replacingNewlines: String { replacingAll("\n", " ") }
    var escapingPipes: String { replacingAll("|", "\\|") }

    /// PERF: works on UTF-8 and returns `self` when there is nothing to replace (most cells); iterating
    /// `Character`s took 9% of a `SELECT *` query's time when CSV was written through it.
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        guard let byte = target.asciiValue else {
            var out = ""
            for character in self {
                if character == target { out += replacement } else { out.append(character) }
            }
            return out
        }
        guard utf8.contains(byte) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 8)
        for unit in utf8 {
            if unit == byte { bytes += replacement.utf8 } else { bytes.append(unit) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
