import Foundation
import Testing
import TrailBase
import TrailColumnar
import TrailEngine
import TrailSource
import TrailExec
import TrailFunctions

/// Runs every `Tests/SQL/**/*.slt` file against the fixture logs it loads. `SLT_COMPLETE=1` rewrites the expected
/// blocks from the engine's answers (review the diff: expected values must be Athena's answers).
@Suite("SQL logic tests")
struct SQLLogicTests {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SQL")

    static var files: [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".slt") { found.append(path) }
        }
        return found.sorted()
    }

    /// Fixed so that now()/current_date in tests are deterministic: 2024-03-01T12:00:00Z.
    static let startMillis: Int64 = 1_709_294_400_000

    /// Each file runs without the cache, then twice through a fresh cache (cold: decoded and written; warm:
    /// served from it): every pass must give the expected answers.
    @Test("SLT file", arguments: SQLLogicTests.files, [false, true])
    func run(file: String, throughCache: Bool) throws {
        let url = Self.root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let parsed = try SLTFile(text: text)
        var sources: [String] = []
        var failures: [String] = []
        var completions: [(line: Int, count: Int, rows: [String])] = []
        var cache: SegmentCache?
        if throughCache {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slt-cache-\(UUID().uuidString)").path
            cache = SegmentCache(directory: directory)
        }
        defer { if let cache { try? FileManager.default.removeItem(atPath: cache.directory) } }
        let records = throughCache ? parsed.records + parsed.records : parsed.records
        for record in records {
            switch record {
            case .load(let path, _):
                sources = [Self.root.appendingPathComponent(path).path]
            case .query(let types, let sort, let sql, let expected, let line, let expectedLine):
                switch Self.execute(sql, sources, cache: cache) {
                case .failure(let error):
                    failures.append("\(file):\(line): query failed: \(error.rendered(in: sql))")
                case .success(let result):
                    var rows = Self.render(result.batch, types: types)
                    switch sort {
                    case .nosort: break
                    case .rowsort: rows.sort()
                    case .valuesort:
                        rows = rows.flatMap { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }.sorted()
                    }
                    if result.batch.schema.count != types.count {
                        failures.append("\(file):\(line): \(result.batch.schema.count) columns, the record declares \(types.count)")
                    }
                    if rows != expected {
                        failures.append("\(file):\(line): \(sql)\n  expected:\n    " + expected.joined(separator: "\n    ")
                            + "\n  got:\n    " + rows.joined(separator: "\n    "))
                        completions.append((expectedLine, expected.count, rows))
                    }
                }
            case .statementOK(let sql, let line):
                if case .failure(let error) = Self.execute(sql, sources) {
                    failures.append("\(file):\(line): statement failed: \(error.rendered(in: sql))")
                }
            case .statementError(let code, let sql, let message, let line):
                switch Self.execute(sql, sources, cache: cache) {
                case .success:
                    failures.append("\(file):\(line): expected error \(code), the statement succeeded: \(sql)")
                case .failure(let error):
                    if error.kind.code != code {
                        failures.append("\(file):\(line): expected \(code), got \(error.kind.code): \(error.message)")
                    } else if let message, message != error.message {
                        failures.append("\(file):\(line): message differs\n  expected: \(message)\n  got:      \(error.message)")
                    }
                }
            case .pruning(let read, let pruned, let sql, let line):
                switch Self.execute(sql, sources, cache: cache) {
                case .failure(let error):
                    failures.append("\(file):\(line): query failed: \(error.rendered(in: sql))")
                case .success(let result):
                    let statistics = result.statistics
                    // Pruned = every data file under the sources (once per scan) minus those left to read; files in folders
                    // that were pruned whole were never listed, so count them here.
                    let total = (try? LocalDiscovery.discover(sources).files.count) ?? -1
                    let prunedFiles = total * statistics.scans - statistics.filesToScan
                    if statistics.scan.filesRead != read || prunedFiles != pruned {
                        failures.append("\(file):\(line): expected \(read) read / \(pruned) pruned, got "
                            + "\(statistics.scan.filesRead) read / \(prunedFiles) pruned: \(sql)")
                    }
                }
            }
        }
        if !throughCache, ProcessInfo.processInfo.environment["SLT_COMPLETE"] == "1", !completions.isEmpty {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for completion in completions.sorted(by: { $0.line > $1.line }) {
                lines.replaceSubrange(completion.line..<(completion.line + completion.count), with: completion.rows)
            }
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        if !failures.isEmpty {
            Issue.record(Comment(rawValue: failures.joined(separator: "\n\n")))
        }
    }

    struct Outcome {
        var batch: Batch
        var statistics: QueryStatistics
    }

    static func execute(_ sql: String, _ sources: [String], cache: SegmentCache? = nil) -> Result<Outcome, QueryError> {
        let sink = CollectingSink()
        var schema: [Field] = []
        let result = Result { () throws(QueryError) in
            try QueryRun.run(sql, sources: sources,
                             options: QueryRun.Options(scan: .init(workers: 2), startMillis: startMillis, cache: cache)) { resultSchema in
                schema = zip(resultSchema.names, resultSchema.types).map { Field($0, $1) }
                return sink
            }
        }
        return result.map { Outcome(batch: sink.batch(schema: schema), statistics: $0.statistics) }
    }

    /// Rows as SLT text: values tab-separated, NULL, (empty), true/false, doubles to 12 significant digits.
    static func render(_ batch: Batch, types: String) -> [String] {
        let codes = Array(types)
        return (0..<batch.count).map { row in
            batch.columns.indices.map { index -> String in
                let value = batch.columns[index].value(at: row)
                let type = batch.schema[index].type
                if value.isNull { return "NULL" }
                if index < codes.count, codes[index] == "R", let number = value.double {
                    return formatReal(number)
                }
                let text = ValueText.render(value, type)
                return text.isEmpty ? "(empty)" : text
            }.joined(separator: "\t")
        }
    }

    static func formatReal(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.12g", value)
    }
}
