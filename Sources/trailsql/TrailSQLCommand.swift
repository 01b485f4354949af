import ArgumentParser

@main
struct TrailSQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailsql",
        abstract: "Athena's SQL and CloudWatch filter patterns over CloudTrail logs, where they lie.",
        subcommands: [FilterCommand.self, GenerateCommand.self, DescribeCommand.self])
}
