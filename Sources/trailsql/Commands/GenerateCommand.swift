import ArgumentParser
import TrailBase
import TrailGenerator

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write realistic synthetic CloudTrail logs (gzipped, in CloudTrail's S3 layout) for demos, tests and benchmarks.",
        discussion: """
            Files go to DIR/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/ (accounts after the first under \
            the organization trail, AWSLogs/<o-id>/<account>/…), one file per account, region and 5-minute window, \
            dated by delivery time. The same options always write byte-identical files. A summary goes to stderr.

              trailsql generate --out ./logs
              trailsql generate --out /tmp/bench --events 1000000 --days 7 --seed 42
              trailsql generate --out ./logs --accounts 111122223333,444455556666
              trailsql generate --out ./logs --regions us-east-1,eu-west-1 --digests
            """)

    @Option(name: .long, help: ArgumentHelp("Folder that receives AWSLogs/… (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "Exact number of records to write, over all files.")
    var events: Int = 10_000

    @Option(help: "Number of UTC days of activity, from --start.")
    var days: Int = 1

    @Option(help: ArgumentHelp("Comma-separated twelve-digit account ids; the first has its own trail.", valueName: "ids"))
    var accounts: String = GeneratorOptions.defaultAccounts.joined(separator: ",")

    @Option(help: ArgumentHelp("Comma-separated regions; global services log in us-east-1 if listed.", valueName: "regions"))
    var regions: String = GeneratorOptions.defaultRegions.joined(separator: ",")

    @Option(help: ArgumentHelp("First day of activity (UTC).", valueName: "yyyy-mm-dd"))
    var start: String = "2026-11-01"

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 1

    @Option(name: .customLong("org-id"), help: ArgumentHelp("Organization id for the organization trail folder (default: derived from the seed).", valueName: "o-id"))
    var orgID: String?

    @Flag(name: .customLong("no-org-trail"), help: "Write every account as its own trail (no AWSLogs/<o-id>/ folder).")
    var noOrgTrail = false

    @Option(name: .customLong("max-records-per-file"), help: "Split busier 5-minute windows into files of at most this many records.")
    var maxRecordsPerFile: Int = 500

    @Option(name: .customLong("gzip-level"), help: "Compression level, 1 (fastest) to 12 (smallest).")
    var gzipLevel: Int32 = 6

    @Flag(help: "Also write hourly CloudTrail-Digest files (real SHA-256 hashes, placeholder signatures).")
    var digests = false

    @Option(help: "Worker threads (default: one per core).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print nothing unless there is an error.")
    var quiet = false

    func options() -> GeneratorOptions {
        var o = GeneratorOptions(outputDirectory: out)
        o.events = events
        o.days = days
        o.accounts = accounts.split(separator: ",").map { String($0).trimmingSpaces }
        o.regions = regions.split(separator: ",").map { String($0).trimmingSpaces }
        o.startDate = start
        o.seed = seed
        o.orgID = orgID
        o.organizationTrail = !noOrgTrail
        o.maxRecordsPerFile = maxRecordsPerFile
        o.gzipLevel = gzipLevel
        o.digests = digests
        o.workers = jobs ?? 0
        return o
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        do {
            _ = try LogGenerator(options: options())
        } catch let error as GeneratorError {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let generator = try LogGenerator(options: options())
        let clock = ContinuousClock()
        let began = clock.now
        let summary: GeneratorSummary
        do {
            summary = try generator.run()
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
        let elapsed = clock.now - began
        if quiet { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rawMB = Double(summary.rawBytes) / 1_000_000
        let gzMB = Double(summary.gzBytes) / 1_000_000
        var line = "trailsql: wrote \(summary.files) files, \(summary.events) events, "
        line += "\(format(rawMB)) MB JSON, \(format(gzMB)) MB gzip"
        if summary.digestFiles > 0 { line += ", \(summary.digestFiles) digest files" }
        line += " in \(format(seconds)) s (\(format(seconds > 0 ? rawMB / seconds : 0)) MB/s JSON) to \(out)"
        Terminal.printError(line)
        if let first = summary.firstEventTime, let last = summary.lastEventTime {
            Terminal.printError(
                "trailsql: events \(first) to \(last); accounts \(summary.accounts.joined(separator: ",")); "
                    + "regions \(summary.regions.joined(separator: ",")); organization \(summary.orgID)")
        }
    }

    private func format(_ x: Double) -> String {
        let scaled = (x * 10).rounded() / 10
        return scaled >= 100 ? String(Int(scaled.rounded())) : String(scaled)
    }
}
