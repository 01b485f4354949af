import Foundation
import Testing
import TrailTestSupport

@Suite("trailsql query, as a user runs it")
struct QueryCommandTests {
    static var fixture: String { Fixtures.repositoryRoot.appendingPathComponent("Tests/SQL/fixtures/cloudtrail").path }

    @Test("README's demo query over the bundled sample: an aligned table and statistics with Athena's price")
    func readmeDemo() throws {
        let sql = "SELECT eventsource, eventname, count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors "
            + "FROM cloudtrail_logs GROUP BY 1, 2 ORDER BY calls DESC LIMIT 10"
        let output = try CommandRunner.run(["query", sql])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 13)  // header, rule, 10 rows, "(10 rows)"
        #expect(lines.first?.contains("eventsource") == true && lines.first?.contains("calls") == true)
        #expect(lines.last == "(10 rows)")
        #expect(output.stderr.contains("3,029 events scanned"))
        #expect(output.stderr.contains("Athena would charge $"))
    }

    @Test("jsonl: one object per row, Athena's column names, nested rows as objects, NULL as null")
    func jsonLines() throws {
        let output = try CommandRunner.run([
            "query", "SELECT eventname, useridentity.username, resources, count(*) OVER () FROM t WHERE eventid LIKE '%00000000000%' AND eventname = 'PutObject'",
            "--logs", Self.fixture, "--format", "jsonl", "-q",
        ])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(object?["eventname"] as? String == "PutObject")
        #expect(object?["username"] as? String == "bob")
        #expect(object?["_col3"] as? Int == 1)
        let resources = object?["resources"] as? [[String: Any]]
        #expect(resources?.count == 2)
        #expect(resources?.first?["arn"] as? String == "arn:aws:s3:::logs-bucket/b.txt")
        #expect(resources?.first?["accountid"] is NSNull)
    }

    @Test("csv, tsv, json and markdown carry the same rows")
    func formats() throws {
        let sql = "SELECT eventname, count(*) AS n FROM t WHERE eventsource = 'signin.amazonaws.com' GROUP BY 1"
        let csv = try CommandRunner.run(["query", sql, "--logs", Self.fixture, "--format", "csv", "-q"])
        #expect(csv.stdout == "\"eventname\",\"n\"\n\"ConsoleLogin\",\"4\"\n")
        let tsv = try CommandRunner.run(["query", sql, "--logs", Self.fixture, "--format", "tsv", "-q"])
        #expect(tsv.stdout == "eventname\tn\nConsoleLogin\t4\n")
        let json = try CommandRunner.run(["query", sql, "--logs", Self.fixture, "--format", "json", "-q"])
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 1 && array?[0]["n"] as? Int == 4)
        let markdown = try CommandRunner.run(["query", sql, "--logs", Self.fixture, "--format", "markdown", "-q"])
        #expect(markdown.stdout == "| eventname | n |\n| --- | ---: |\n| ConsoleLogin | 4 |\n")
    }

    @Test("SQL from -f FILE and from stdin")
    func sqlSources() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let file = directory.appendingPathComponent("q.sql")
        try "-- a comment\nSELECT count(*) FROM t;\n".write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try CommandRunner.run(["query", "-f", file.path, "--logs", Self.fixture, "--format", "csv", "-q"])
        #expect(fromFile.stdout == "\"_col0\"\n\"24\"\n")
        let piped = try CommandRunner.run(["-c", "echo 'SELECT count(*) FROM t' | \"$0\" query --logs \"$1\" --format tsv -q",
                                           CommandRunner.executable.path, Self.fixture], shell: true)
        #expect(piped.stdout == "_col0\n24\n")
    }

    @Test("a bad query shows the code, line:column, a caret and a hint, and exits 1")
    func badQuery() throws {
        let output = try CommandRunner.run(["query", "SELECT eventname\nFROM t\nWHERE eventtime > current_timestamp",
                                            "--logs", Self.fixture])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("error[E_ANALYZE_TYPE_MISMATCH]"))
        #expect(output.stderr.contains("query:3:7"))
        #expect(output.stderr.contains("from_iso8601_timestamp(eventtime)"))
        #expect(output.stderr.contains("^"))
    }

    @Test("--max-scan-bytes refuses before reading; pruning brings the same query under the limit")
    func scanLimit() throws {
        let all = try CommandRunner.run(["query", "SELECT count(*) FROM t", "--logs", Self.fixture, "--max-scan-bytes", "1000"])
        #expect(all.status == 1)
        #expect(all.stderr.contains("E_EXEC_SCAN_LIMIT"))
        #expect(!all.stderr.contains("files read"))
        let pruned = try CommandRunner.run([
            "query", "SELECT count(*) FROM t WHERE accountid = '444455556666' AND region = 'us-east-1'",
            "--logs", Self.fixture, "--max-scan-bytes", "10000", "--format", "csv",
        ])
        #expect(pruned.status == 0)
        #expect(pruned.stdout.hasSuffix("\"3\"\n"))
        #expect(pruned.stderr.contains("1 file read"))
        // The other account's folder is not listed, and the region is named, so the account's other region folder is
        // never even looked for (its CloudTrail/ folder is not listed).
        #expect(pruned.stderr.contains("1 folder not listed (partition/time)"))
    }

    @Test("a query that reads no table lists no folder, so its statistics blame nothing on pruning")
    func noTable() throws {
        let output = try CommandRunner.run(["query", "SELECT 1 + 1 AS two", "--logs", Self.fixture, "--format", "csv"])
        #expect(output.status == 0)
        #expect(output.stdout == "\"two\"\n\"2\"\n")
        #expect(output.stderr.contains("0 files read"))
        #expect(!output.stderr.contains("not listed"))
    }

    @Test("EXPLAIN names the decoded columns and the pruning")
    func explain() throws {
        let output = try CommandRunner.run([
            "query", "EXPLAIN SELECT useridentity.arn FROM t WHERE date LIKE '2024/01/0%' AND eventname = 'ConsoleLogin'",
            "--logs", Self.fixture, "--format", "tsv", "-q",
        ])
        #expect(output.status == 0)
        #expect(output.stdout.contains("decodes: "))
        #expect(output.stdout.contains("useridentity.arn"))
        #expect(output.stdout.contains("partition filter: date LIKE '2024/01/0%'"))
        #expect(output.stdout.contains("files: 7 of 7 to read"))
        // The raw-text prefilter: files without 'ConsoleLogin' are not parsed.
        #expect(output.stdout.contains("text needles: 'ConsoleLogin' (JSON without them is not parsed)"))
    }

    /// Runs `trailsql` as a user who cannot open a folder root can: as root, through `setpriv` as nobody.
    static func runUnprivileged(_ arguments: [String]) throws -> CommandRunner.Output {
        guard getuid() == 0 else { return try CommandRunner.run(arguments) }
        return try CommandRunner.run(["-c", "exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" \"$@\"",
                                      CommandRunner.executable.path] + arguments, shell: true)
    }

    @Test("a folder that cannot be listed is a failure that names it, listed by the walk or by a scan worker; --strict exits 1")
    func unreadableFolders() throws {
        let folder = try Fixtures.makeTemporaryDirectory("unreadable")
        defer {
            chmod(folder.path, 0o755)
            Fixtures.cleanUp(folder)
        }
        let generated = try CommandRunner.run(["generate", "--out", folder.path, "--events", "600", "--days", "3",
                                               "--regions", "us-east-1,eu-west-1", "--seed", "4", "--start", "2025-02-01"])
        #expect(generated.status == 0, "\(generated.stderr)")
        chmod(folder.path, 0o755)
        // A day folder (listed by a scan worker: 18 day folders are left to the scan) and, in the second case, a
        // region folder (listed by the walk).
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        let paths = (enumerator.allObjects as! [String]).sorted()
        let day = try #require(paths.first { $0.hasSuffix("/CloudTrail/eu-west-1/2025/02/02") })
        let region = try #require(paths.first { $0.hasSuffix("/CloudTrail/us-east-1") })
        let sql = "SELECT count(*) FROM cloudtrail_logs"
        let all = try CommandRunner.run(["query", sql, "--logs", folder.path, "--no-cache", "--format", "csv"])
        for denied in [day, region] {
            chmod(folder.appendingPathComponent(denied).path, 0)
            defer { chmod(folder.appendingPathComponent(denied).path, 0o755) }
            for extra in [[], ["--max-scan-bytes", "999999999999"]] {
                let output = try Self.runUnprivileged(["query", sql, "--logs", folder.path, "--no-cache", "--format", "csv"] + extra)
                #expect(output.status == 0, "\(output.stderr)")
                #expect(output.stdout != all.stdout, "the denied folder's events are missing")
                #expect(output.stderr.contains("1 failed"), "\(output.stderr)")
                #expect(output.stderr.contains(denied + ": cannot list this folder: Permission denied"), "\(output.stderr)")
                let strict = try Self.runUnprivileged(["query", sql, "--logs", folder.path, "--no-cache", "--strict"] + extra)
                #expect(strict.status == 1, "\(strict.stderr)")
            }
            let filter = try Self.runUnprivileged(["filter", "ConsoleLogin", "--logs", folder.path, "--strict"])
            #expect(filter.status == 1 && filter.stderr.contains("cannot list this folder"), "\(filter.stderr)")
        }
    }
}
