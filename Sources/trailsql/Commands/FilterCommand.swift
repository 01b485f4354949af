import ArgumentParser
import TrailEngine
import TrailFilterPattern
import TrailSource

struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Print the events that match a CloudWatch Logs filter pattern, over all of history.",
        discussion: """
            Each matching event is printed on stdout as its original JSON object, one per line; statistics go \
            to stderr. The syntax is CloudWatch Logs' (Docs/FilterPatterns.md), e.g.:

              trailsql filter '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'
              trailsql filter '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }' --logs ./AWSLogs
              trailsql filter 'AccessDenied -Decrypt' --logs trail.json.gz
            """)

    @Argument(help: "A CloudWatch Logs filter pattern: { $.field = value && … } or terms (\"two words\", ?any, -not).")
    var pattern: String

    @OptionGroup var source: SourceOptions

    func run() throws {
        let compiled: FilterPattern
        switch Result(catching: { () throws(FilterPatternError) in try FilterPattern(parsing: pattern) }) {
        case .success(let value):
            compiled = value
        case .failure(let error):
            Terminal.printError(error.rendered(in: pattern))
            throw ExitCode.failure
        }
        let result: FilterRun.Result
        do {
            let sources = try source.resolvedSources()
            result = try FilterRun.run(pattern: compiled, sources: sources, options: try source.scanOptions(for: sources),
                                       listsEveryFile: source.verbose) {
                Terminal.writeOut($0)
            }
        } catch let error as SourceError {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
        if !source.quiet || result.statistics.hasFailures {
            Terminal.printStatistics(result.statistics, matches: result.matches)
        }
        if source.strict && (result.statistics.hasFailures || !result.completed) {
            Terminal.printError("error: --strict: a file or folder failed, or a record was bad (listed above)")
            throw ExitCode.failure
        }
    }
}
