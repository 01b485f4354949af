import ArgumentParser

@main
struct TrailSQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailsql",
        abstract: "Questions about CloudTrail logs where they lie: CloudWatch Logs filter patterns over all of history.",
        discussion: """
            Reads a folder or files of CloudTrail logs (AWSLogs/… layouts, .json/.json.gz, JSON lines, Event history \
            output). Athena SQL (`trailsql query`) is being built: its parser and function library are in, the \
            engine is not yet. See README.md.
            """,
        version: "0.1.0",
        subcommands: [FilterCommand.self, GenerateCommand.self, DescribeCommand.self])
}
