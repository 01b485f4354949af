import ArgumentParser

@main
struct TrailSQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailsql",
        abstract: "Questions about CloudTrail logs where they lie: Athena SQL and CloudWatch Logs filter patterns.",
        discussion: """
            Reads a folder or files of CloudTrail logs (AWSLogs/… layouts, .json/.json.gz, JSON lines, Event history \
            output) with the SQL you would run in Athena (`trailsql query`) or a CloudWatch Logs filter pattern \
            (`trailsql filter`). See README.md.
            """,
        version: "0.1.0",
        subcommands: [QueryCommand.self, FilterCommand.self, GenerateCommand.self, DescribeCommand.self, CacheCommand.self])
}
