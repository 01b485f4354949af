import ArgumentParser
import Foundation
import TrailBase
import TrailEngine

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run Athena (Trino) SQL over the logs, with no table to create.",
        discussion: """
            Any table name reads the sources as Athena's CloudTrail table (`cloudtrail_logs`, `"default"."my_trail"`); \
            an event data store id reads them as CloudTrail Lake. Rows go to stdout, statistics (files read and \
            pruned, bytes, rows, what Athena would charge) to stderr. Docs/SQL.md lists the dialect.

              trailsql query "SELECT eventname, count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
              trailsql query -f investigation.sql --logs ./AWSLogs --format csv
              echo "SELECT count(*) FROM t WHERE region = 'us-east-1'" | trailsql query --logs ./AWSLogs
              trailsql query "EXPLAIN SELECT * FROM t WHERE date LIKE '2024/01/%'"
            """)

    @Argument(help: "The SQL text (or use -f FILE, or pipe it on stdin).")
    var sql: String?

    @Option(name: [.customShort("f"), .long], help: "Read the SQL from a file.")
    var file: String?

    @Option(name: .long, help: "Output format: \(ResultFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "table"

    @Option(name: .long, help: "Refuse to run a query that would read more bytes than this (after pruning), like Athena's workgroup data limit.")
    var maxScanBytes: Int?

    @OptionGroup var source: SourceOptions

    @OptionGroup var cache: CacheOptions

    func validate() throws {
        guard ResultFormat(rawValue: format) != nil else {
            throw ValidationError("unknown --format \(format); use one of \(ResultFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if sql != nil && file != nil { throw ValidationError("give the SQL as an argument or with -f, not both") }
        if let maxScanBytes, maxScanBytes < 0 { throw ValidationError("--max-scan-bytes must not be negative") }
    }

    func run() throws {
        let text: String
        if let sql {
            text = sql
        } else if let file {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read SQL file \(file)")
            }
            text = String(decoding: contents, as: UTF8.self)
        } else {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            text = String(decoding: input, as: UTF8.self)
            if text.allSatisfy(\.isWhitespace) { throw ValidationError("no SQL given: pass it as an argument, with -f FILE or on stdin") }
        }
        let resultFormat = ResultFormat(rawValue: format)!
        let sources = try source.resolvedSources()
        let options = QueryRun.Options(scan: try source.scanOptions(for: sources), maxScanBytes: maxScanBytes,
                                       listsEveryFile: source.verbose, cache: cache.segmentCache)
        let result: QueryRun.Result
        switch Result(catching: { () throws(QueryError) in
            try QueryRun.run(text, sources: sources, options: options) { schema in
                ResultWriter(format: resultFormat, names: schema.names, types: schema.types) { Terminal.writeOut($0) }
            }
        }) {
        case .success(let value):
            result = value
        case .failure(let error):
            Terminal.printError(error.rendered(in: text))
            throw ExitCode.failure
        }
        let statistics = result.statistics
        if !source.quiet || statistics.scan.hasFailures {
            Terminal.printError("trailsql: " + statistics.summary)
            Terminal.printSkipped(statistics.scan)
            for line in statistics.scan.problemLines { Terminal.printError(line) }
        }
        if source.strict && (statistics.scan.hasFailures || !result.completed) {
            Terminal.printError("error: --strict: a file or folder failed, or a record was bad (listed above)")
            throw ExitCode.failure
        }
    }
}
