import Foundation
import Testing
import TrailTestSupport

/// `--logs s3://…` sources against the same files on disk: mixed and several sources, prefixes that stop at each
/// level of CloudTrail's layout, Insights files, auth failures and gzip streams cut short in transit.
@Suite(.serialized) struct S3LayoutTests {
    /// S3SourceTests' sample bucket, read only here. Its requests are counted through a proxy of the test's own:
    /// the server's log also holds S3SourceTests' requests to it, which may run at the same time.
    static let bucket = S3SourceTests.bucket
    static let secondBucket = "cli-layout-second"

    /// S3SourceTests' sample, and a second bucket holding the sample folder's `real/` only.
    static let layout: Result<(server: S3TestServer, folder: String), any Error> = Result {
        let (server, folder) = try S3SourceTests.sample.get()
        try server.makeBucket(secondBucket)
        _ = try server.upload(folder: folder + "/real", bucket: secondBucket, prefix: "real/")
        return (server, folder)
    }

    static let sql = """
        SELECT accountid, region, date, eventsource, eventname, count(*), count(DISTINCT eventid), max(eventtime) \
        FROM cloudtrail_logs GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        """

    func run(_ arguments: [String], endpoint: String, environment extra: [String: String] = [:]) throws -> CommandRunner.Output {
        try CommandRunner.run(arguments + ["--endpoint-url", endpoint], environment: S3SourceTests.environment(extra))
    }

    /// `query SQL --logs S…` as csv, without the cache.
    func query(_ sources: [String], _ sql: String = S3LayoutTests.sql, endpoint: String? = nil) throws -> CommandRunner.Output {
        let arguments = ["query", sql, "--no-cache", "--format", "csv"] + sources.flatMap { ["--logs", $0] }
        guard let endpoint else { return try CommandRunner.run(arguments) }
        return try run(arguments, endpoint: endpoint)
    }

    static func filesRead(_ stderr: String) -> Int? {
        S3SourceTests.number(before: " files read", in: stderr) ?? S3SourceTests.number(before: " file read", in: stderr)
    }

    static func children(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The generated layout's names, found by walking the folder: `AWSLogs/<account>/` (the account with its own
    /// trail), `AWSLogs/<o-id>/<account>/…`, a region, a day and one file under them.
    struct Names {
        var account: String
        var org: String
        var orgAccount: String
        var region: String
        /// The last `yyyy/mm/dd` under `AWSLogs/<o-id>/<orgAccount>/CloudTrail/<region>/`.
        var day: String
        /// A `.json.gz` file in the account's first day folder of `region`: its path under the folder.
        var file: String
    }

    static func names(_ folder: String) throws -> Names {
        let top = try children(folder + "/AWSLogs")
        let account = try #require(top.first { $0.count == 12 && $0.allSatisfy(\.isNumber) })
        let org = try #require(top.first { $0.hasPrefix("o-") })
        let orgAccount = try #require(try children("\(folder)/AWSLogs/\(org)").first)
        let regionFolder = "\(folder)/AWSLogs/\(org)/\(orgAccount)/CloudTrail"
        let region = try #require(try children(regionFolder).first)
        var day = ""
        for _ in 0..<3 { day += (day.isEmpty ? "" : "/") + (try #require(try children("\(regionFolder)/\(region)/\(day)").last)) }
        var dayPath = "AWSLogs/\(account)/CloudTrail/\(region)"
        for _ in 0..<3 { dayPath += "/" + (try #require(try children("\(folder)/\(dayPath)").first)) }
        let file = try #require(try children("\(folder)/\(dayPath)").first { $0.hasSuffix(".json.gz") })
        return Names(account: account, org: org, orgAccount: orgAccount, region: region, day: day, file: dayPath + "/" + file)
    }

    // MARK: - Mixed and several sources

    @Test func anAccountOnS3AndTheRestOnDiskAnswerAsTheWholeFolder() throws {
        let (server, folder) = try Self.layout.get()
        let names = try Self.names(folder)
        // The rest of the folder, copied without the account: AWSLogs/<o-id>/… and real/.
        let rest = try Fixtures.makeTemporaryDirectory("s3-mixed-rest")
        defer { Fixtures.cleanUp(rest) }
        try FileManager.default.createDirectory(at: rest.appendingPathComponent("AWSLogs"), withIntermediateDirectories: true)
        for name in try Self.children(folder + "/AWSLogs") where name != names.account {
            try FileManager.default.copyItem(atPath: "\(folder)/AWSLogs/\(name)", toPath: rest.path + "/AWSLogs/\(name)")
        }
        try FileManager.default.copyItem(atPath: folder + "/real", toPath: rest.path + "/real")

        let whole = try query([folder])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stdout.split(separator: "\n").count > 20)
        #expect(whole.stdout.contains(names.account) && whole.stdout.contains(names.orgAccount))
        let mixed = try query(["s3://\(Self.bucket)/AWSLogs/\(names.account)/", rest.path], endpoint: server.endpoint)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stdout == whole.stdout)
        #expect(Self.filesRead(mixed.stderr) == Self.filesRead(whole.stderr), "\(mixed.stderr)\n\(whole.stderr)")
        #expect(mixed.stderr.contains("S3: "), "\(mixed.stderr)")
        // The other way round: the account on disk, the rest from S3.
        let swapped = try query(["\(folder)/AWSLogs/\(names.account)", "s3://\(Self.bucket)/AWSLogs/\(names.org)/",
                                 "s3://\(Self.bucket)/real/"], endpoint: server.endpoint)
        #expect(swapped.status == 0, "\(swapped.stderr)")
        #expect(swapped.stdout == whole.stdout)

        // filter prints events in source order: the account sorts first under AWSLogs/, so the mixed sources give
        // the whole folder's events in the whole folder's order.
        let pattern = "{ ($.awsRegion = \"eu-west-1\") || ($.eventName = ConsoleLogin) || ($.errorCode = \"AccessDenied\") }"
        let local = try CommandRunner.run(["filter", pattern, "--logs", folder])
        #expect(local.status == 0, "\(local.stderr)")
        #expect(local.stdout.split(separator: "\n").count > 20)
        let remote = try run(["filter", pattern, "--logs", "s3://\(Self.bucket)/AWSLogs/\(names.account)/", "--logs", rest.path],
                             endpoint: server.endpoint)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        #expect(S3SourceTests.number(before: " matched", in: remote.stderr) == S3SourceTests.number(before: " matched", in: local.stderr))
    }

    @Test func twoPrefixesAndTwoBucketsAnswerAsTheirUnionOnDisk() throws {
        let (server, folder) = try Self.layout.get()
        let names = try Self.names(folder)
        // Two prefixes of one bucket.
        let prefixes = ["AWSLogs/\(names.org)/\(names.orgAccount)/", "AWSLogs/\(names.account)/"]
        let local = try query(prefixes.map { folder + "/" + $0 })
        #expect(local.status == 0, "\(local.stderr)")
        #expect(local.stdout.contains(names.account) && local.stdout.contains(names.orgAccount))
        let remote = try query(prefixes.map { "s3://\(Self.bucket)/" + $0 }, endpoint: server.endpoint)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        #expect(Self.filesRead(remote.stderr) == Self.filesRead(local.stderr))
        // Every object read once: the two prefixes' objects and no others.
        let whole = try query([folder])
        #expect(Self.filesRead(remote.stderr)! < Self.filesRead(whole.stderr)!)

        // Two buckets: AWSLogs/ from one, real/ from the other, against the whole folder.
        let two = try query(["s3://\(Self.bucket)/AWSLogs/", "s3://\(Self.secondBucket)/real/"], endpoint: server.endpoint)
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout == whole.stdout)
        #expect(Self.filesRead(two.stderr) == Self.filesRead(whole.stderr))
        let totals = "SELECT count(*), count(DISTINCT eventid), count(DISTINCT accountid) FROM t"
        let wholeTotals = try query([folder], totals)
        let twoTotals = try query(["s3://\(Self.secondBucket)", "s3://\(Self.bucket)/AWSLogs"], totals, endpoint: server.endpoint)
        #expect(twoTotals.status == 0, "\(twoTotals.stderr)")
        #expect(twoTotals.stdout == wholeTotals.stdout)
    }

    // MARK: - Prefixes stopping at each level

    @Test func aPrefixMayStopAtEachLevelOfTheLayout() throws {
        let (server, folder) = try Self.layout.get()
        let names = try Self.names(folder)
        let orgAccount = "AWSLogs/\(names.org)/\(names.orgAccount)"
        let prefixes = [
            "AWSLogs/\(names.org)/",                                                    // an org id
            "AWSLogs/\(names.org)",                                                     // … without the slash
            "AWSLogs/\(names.account)/",                                                // an account
            "\(orgAccount)/",                                                           // an account under the org id
            "AWSLogs/\(names.account)/CloudTrail/\(names.region)/",                     // a region
            "\(orgAccount)/CloudTrail/\(names.region)",                                 // … without the slash
            "\(orgAccount)/CloudTrail/\(names.region)/\(names.day)/",                   // a day
            "AWSLogs/\(names.account)/CloudTrail/\(names.region)/\(names.day)",         // … without the slash
            names.file,                                                                 // one object's full key
            "real",                                                                     // a folder outside the layout
        ]
        // A proxy with no faults counts this test's requests.
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        for prefix in prefixes {
            let local = try query([folder + "/" + prefix])
            #expect(local.status == 0, "\(prefix): \(local.stderr)")
            #expect(local.stdout.split(separator: "\n").count > 1, "\(prefix): \(local.stdout)")
            try proxy.reset()
            let remote = try query(["s3://\(Self.bucket)/\(prefix)"], endpoint: proxy.endpoint)
            #expect(remote.status == 0, "\(prefix): \(remote.stderr)")
            #expect(remote.stdout == local.stdout, "\(prefix)")
            let read = Self.filesRead(remote.stderr)
            #expect(read != nil && read == Self.filesRead(local.stderr), "\(prefix): \(remote.stderr)\n\(local.stderr)")
            // What was read is all that was fetched, and nothing outside the prefix was listed or fetched.
            let log = try proxy.stats().log
            #expect(log.count { !$0.target.contains("list-type=") } == read, "\(prefix)")
            #expect(log.allSatisfy { $0.method == "GET" && $0.target.hasPrefix("/\(Self.bucket)") }, "\(prefix)")
            let keyPrefix = "/\(Self.bucket)/" + prefix
            #expect(log.allSatisfy { $0.target.contains("list-type=") || $0.target.removingPercentEncoding!.hasPrefix(keyPrefix) },
                    "\(prefix): \(log.map(\.target))")
        }
        // The single object is read alone, with its partition values from its key.
        let single = try query(["s3://\(Self.bucket)/\(names.file)"], "SELECT DISTINCT accountid, region, date FROM t", endpoint: server.endpoint)
        let parts = names.file.split(separator: "/")
        #expect(single.stdout == "\"accountid\",\"region\",\"date\"\n\"\(names.account)\",\"\(names.region)\",\"\(parts[4...6].joined(separator: "/"))\"\n",
                "\(single.stdout)")
        #expect(single.stderr.contains("1 file read"), "\(single.stderr)")
        // A name that is neither an object nor a folder, as on disk, is an error naming it.
        let missing = try query(["s3://\(Self.bucket)/AWSLogs/\(names.org.dropLast())"], endpoint: server.endpoint)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("s3://\(Self.bucket)/AWSLogs/\(names.org.dropLast())"), "\(missing.stderr)")
    }

    // MARK: - Insights

    /// Nine days of one log file and one Insights file each, gzipped, in the layout of account 111122223333.
    static func makeInsightsFolder() throws -> URL {
        let root = try Fixtures.makeTemporaryDirectory("s3-insights")
        for day in 1...9 {
            let dd = "0\(day)"
            let logs = #"{"Records":[{"eventVersion":"1.08","eventTime":"2024-01-\#(dd)T00:01:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","eventID":"log-\#(dd)","eventType":"AwsApiCall","recipientAccountId":"111122223333"}]}"#
            let insight = #"{"Records":[{"eventVersion":"1.07","eventTime":"2024-01-\#(dd)T00:02:00Z","awsRegion":"us-east-1","eventID":"insight-\#(dd)","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"shared-\#(dd)","insightDetails":{"state":"Start","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightType":"ApiCallRateInsight"},"eventCategory":"Insight"}]}"#
            for (kind, text) in [("CloudTrail", logs), ("CloudTrail-Insight", insight)] {
                let file = root.appendingPathComponent(
                    "AWSLogs/111122223333/\(kind)/us-east-1/2024/01/\(dd)/111122223333_\(kind)_us-east-1_202401\(dd)T0005Z_a\(dd).json")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
        }
        let gzip = try CommandRunner.run(["-c", "gzip -n -r \"$0\"", root.path], shell: true)
        guard gzip.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["stderr": gzip.stderr]) }
        return root
    }

    @Test func insightsObjectsAreReadOnlyUnderTheirOwnPrefixAsOnDisk() throws {
        let server = try S3TestServer.shared
        let bucket = "cli-layout-insights"
        let folder = try Self.makeInsightsFolder()
        defer { Fixtures.cleanUp(folder) }
        try server.makeBucket(bucket)
        #expect(try server.upload(folder: folder.path, bucket: bucket) == 18)
        let keys = try server.listKeys(bucket: bucket)
        let insightKey = try #require(keys.first { $0.contains("/CloudTrail-Insight/") && $0.hasSuffix("03T0005Z_a03.json.gz") })
        let sql = "SELECT eventtype, eventname, count(*), count(DISTINCT eventid) FROM t GROUP BY 1, 2 ORDER BY 1, 2"
        let logsOnly = "\"eventtype\",\"eventname\",\"_col2\",\"_col3\"\n\"AwsApiCall\",\"GetObject\",\"9\",\"9\"\n"

        // (prefix, reads Insights, files read).
        let cases: [(String, Bool, Int)] = [
            ("", false, 9),
            ("AWSLogs/", false, 9),
            ("AWSLogs/111122223333/", false, 9),
            ("AWSLogs/111122223333", false, 9),
            ("AWSLogs/111122223333/CloudTrail-Insight/", true, 9),
            ("AWSLogs/111122223333/CloudTrail-Insight", true, 9),
            ("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/", true, 9),
            ("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/01/03", true, 1),
            (insightKey, true, 1),
        ]
        for (prefix, readsInsights, files) in cases {
            let local = try query([folder.path + "/" + prefix], sql)
            #expect(local.status == 0, "\(prefix): \(local.stderr)")
            let mark = server.markLog()
            let remote = try query(["s3://\(bucket)/\(prefix)"], sql, endpoint: server.endpoint)
            #expect(remote.status == 0, "\(prefix): \(remote.stderr)")
            #expect(remote.stdout == local.stdout, "\(prefix)")
            #expect(Self.filesRead(remote.stderr) == files, "\(prefix): \(remote.stderr)")
            let gets = server.requests(since: mark).filter { $0.isGetObject && $0.bucket == bucket }
            #expect(gets.count == files, "\(prefix)")
            if readsInsights {
                #expect(remote.stdout.contains("\"AwsCloudTrailInsight\","), "\(prefix): \(remote.stdout)")
                #expect(!remote.stderr.contains("skipped"), "\(prefix): \(remote.stderr)")
                #expect(gets.allSatisfy { $0.key?.contains("/CloudTrail-Insight/") == true }, "\(prefix)")
            } else {
                #expect(remote.stdout == logsOnly, "\(prefix): \(remote.stdout)")
                // Skipped with their reason, as on disk, and never fetched.
                #expect(remote.stderr.contains("9 skipped (9 insights)"), "\(prefix): \(remote.stderr)")
                #expect(local.stderr.contains("9 skipped (9 insights)"), "\(prefix): \(local.stderr)")
                #expect(gets.allSatisfy { $0.key?.contains("/CloudTrail-Insight/") == false }, "\(prefix)")
            }
        }
        // --verbose names each skipped Insights object and says how to read it (README: "--verbose lists every
        // skipped file with its reason"), for query as for filter.
        for command in [["query", sql, "--no-cache"], ["filter", "GetObject"]] {
            let verbose = try run(command + ["--logs", "s3://\(bucket)/AWSLogs/", "--verbose"], endpoint: server.endpoint)
            #expect(verbose.status == 0, "\(command[0]): \(verbose.stderr)")
            #expect(verbose.stderr.contains("9 skipped (9 insights)"), "\(command[0]): \(verbose.stderr)")
            #expect(verbose.stderr.contains("s3://\(bucket)/\(insightKey): CloudTrail Insights file (point --logs into its CloudTrail-Insight folder"),
                    "\(command[0]): \(verbose.stderr)")
            let local = try CommandRunner.run(command + ["--logs", folder.path + "/AWSLogs/", "--verbose"])
            #expect(local.stderr.contains(folder.path + "/" + insightKey + ": CloudTrail Insights file"), "\(command[0]): \(local.stderr)")
        }
    }

    // MARK: - Auth failures

    @Test func aWrongSecretOrAnUnknownKeyNamesTheCodeAndNeverShowsTheSecret() throws {
        let server = try S3TestServer.start()
        defer { server.stop() }
        let bucket = "cli-layout-auth"
        try server.makeBucket(bucket)
        let file = Fixtures.sampleLogs.appendingPathComponent("real/AWSLogs/333333333333/CloudTrail/us-east-1/2025/03/06/333333333333_CloudTrail_us-east-1_20250306T0320Z_ZgdYr0lP8M9fWEH8.json.gz")
        try server.put(bucket: bucket, key: "AWSLogs/333333333333/CloudTrail/us-east-1/2025/03/06/" + file.lastPathComponent,
                       bytes: try Data(contentsOf: file))
        let keys = try server.enableAuth()
        let sql = "SELECT count(*) FROM t"
        let source = "s3://\(bucket)/AWSLogs/"

        let good = try run(["query", sql, "--logs", source, "--format", "csv", "--no-cache"], endpoint: server.endpoint,
                           environment: ["AWS_ACCESS_KEY_ID": keys.accessKey, "AWS_SECRET_ACCESS_KEY": keys.secret])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasPrefix("\"_col0\"\n\"") && good.stdout != "\"_col0\"\n\"0\"\n", "\(good.stdout)")

        let secret = "Wr0ngSecret-zqxjv-DoNotPrint-8472"
        let cases = [
            (keys.accessKey, "HTTP 403 SignatureDoesNotMatch", "the secret key does not belong to the access key"),
            ("AKIAUNKNOWNKEY000000", "InvalidAccessKeyId", "S3 does not know this access key"),
        ]
        for (accessKey, code, hint) in cases {
            for extra in [[], ["--verbose"]] {
                for command in [["query", sql, "--no-cache"], ["filter", "ConsoleLogin"]] {
                    let output = try run(command + ["--logs", source] + extra, endpoint: server.endpoint,
                                         environment: ["AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secret])
                    let label = "\(command[0]) \(accessKey) \(extra)"
                    #expect(output.status != 0, "\(label): \(output.stderr)")
                    #expect(output.stderr.contains(code), "\(label): \(output.stderr)")
                    #expect(output.stderr.contains(hint), "\(label): \(output.stderr)")
                    #expect(output.stderr.contains("credentials: environment"), "\(label): \(output.stderr)")
                    #expect(output.stderr.contains(source), "\(label): \(output.stderr)")
                    #expect(!output.stderr.contains(secret) && !output.stdout.contains(secret), "\(label)")
                    #expect(!output.stderr.contains("DoNotPrint") && !output.stdout.contains("DoNotPrint"), "\(label)")
                }
            }
        }
    }

    // MARK: - gzip streams cut short in transit

    /// The prefix of the account with its own trail (a third of the sample), and two `.json.gz` objects under it
    /// with their last path component.
    func victims() throws -> (prefix: String, objects: [(key: String, leaf: String)]) {
        let (server, folder) = try Self.layout.get()
        let prefix = "AWSLogs/\(try Self.names(folder).account)/"
        let keys = try server.listKeys(bucket: Self.bucket, prefix: prefix).filter { $0.hasSuffix(".json.gz") }
        try #require(keys.count > 10)
        return (prefix, [keys[2], keys[keys.count / 2]].map { ($0, String($0.split(separator: "/").last!)) })
    }

    @Test func aGzipStreamCutShortOnceIsFetchedAgainAndTheAnswerIsUnchanged() throws {
        let (server, _) = try Self.layout.get()
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let sql = "SELECT accountid, count(*), count(DISTINCT eventid), max(eventtime) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1"
        let (prefix, victims) = try victims()
        let arguments = ["query", sql, "--logs", "s3://\(Self.bucket)/\(prefix)", "--no-cache", "--format", "csv", "--strict"]
        let clean = try run(arguments, endpoint: server.endpoint)
        #expect(clean.status == 0, "\(clean.stderr)")
        // Both objects' first GET answers half the body with a Content-Length saying so: only the gzip check can
        // tell, and the scan's second GET gets the whole object.
        try proxy.inject(victims.map { .shortBody($0.leaf, method: "GET", times: 1) })
        let faulty = try run(arguments, endpoint: proxy.endpoint)
        #expect(faulty.status == 0, "\(faulty.stderr)")
        #expect(faulty.stdout == clean.stdout)
        #expect(!faulty.stderr.contains("failed"), "\(faulty.stderr)")
        #expect(Self.filesRead(faulty.stderr) == Self.filesRead(clean.stderr))
        let stats = try proxy.stats()
        #expect(stats.faults(.shortBody) == 2)
        for victim in victims {
            #expect(stats.log.count { $0.method == "GET" && $0.target.hasSuffix("/" + victim.leaf) } == 2, "\(victim.key)")
        }

        // The same with a cache: the segment cached is the whole object's.
        let cache = try Fixtures.makeTemporaryDirectory("s3-short-cache")
        defer { Fixtures.cleanUp(cache) }
        let cached = arguments.filter { $0 != "--no-cache" } + ["--cache", cache.path]
        try proxy.reset()
        try proxy.inject(victims.map { .shortBody($0.leaf, method: "GET", times: 1) })
        let cold = try run(cached, endpoint: proxy.endpoint)
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(cold.stdout == clean.stdout)
        #expect(try proxy.stats().faults(.shortBody) == 2)
        let warm = try run(cached, endpoint: proxy.endpoint)
        #expect(warm.stdout == clean.stdout)
        #expect(warm.stderr.contains("from cache"), "\(warm.stderr)")
    }

    @Test func aGzipStreamAlwaysCutShortFailsTheObjectSayingSo() throws {
        let (server, _) = try Self.layout.get()
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let sql = "SELECT count(*), count(DISTINCT eventid) FROM cloudtrail_logs"
        let (prefix, victims) = try victims()
        let victim = victims[0]
        let arguments = ["query", sql, "--logs", "s3://\(Self.bucket)/\(prefix)", "--no-cache", "--format", "csv"]
        let clean = try run(arguments, endpoint: server.endpoint)
        #expect(clean.status == 0, "\(clean.stderr)")
        let cleanRead = try #require(Self.filesRead(clean.stderr))
        try proxy.inject(.shortBody(victim.leaf, method: "GET", times: 100))
        let faulty = try run(arguments, endpoint: proxy.endpoint)
        #expect(faulty.status == 0, "\(faulty.stderr)")
        #expect(faulty.stdout != clean.stdout, "the object's events are missing from the answer")
        #expect(faulty.stderr.contains("1 failed"), "\(faulty.stderr)")
        #expect(Self.filesRead(faulty.stderr) == cleanRead - 1, "\(faulty.stderr)")
        #expect(faulty.stderr.contains("s3://\(Self.bucket)/\(victim.key): byte "), "\(faulty.stderr)")
        #expect(faulty.stderr.contains("truncated gzip stream: input ends at compressed byte"), "\(faulty.stderr)")
        // Fetched once more, and only once.
        #expect(try proxy.stats().log.count { $0.method == "GET" && $0.target.hasSuffix("/" + victim.leaf) } == 2)

        let strict = try run(arguments + ["--strict"], endpoint: proxy.endpoint)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("truncated gzip stream"), "\(strict.stderr)")
        #expect(strict.stderr.contains("--strict"), "\(strict.stderr)")

        // With a cache: the failed object is not cached, so once S3 answers whole again it is read, not served
        // from the cache as the failure or as nothing.
        let cache = try Fixtures.makeTemporaryDirectory("s3-short-failed-cache")
        defer { Fixtures.cleanUp(cache) }
        let cached = arguments.filter { $0 != "--no-cache" } + ["--cache", cache.path]
        let cold = try run(cached, endpoint: proxy.endpoint)
        #expect(cold.stdout == faulty.stdout)
        #expect(cold.stderr.contains("1 failed"), "\(cold.stderr)")
        try proxy.reset()
        let healed = try run(cached, endpoint: proxy.endpoint)
        #expect(healed.status == 0, "\(healed.stderr)")
        #expect(healed.stdout == clean.stdout)
        #expect(Self.filesRead(healed.stderr) == cleanRead, "\(healed.stderr)")
        // The cache keeps segments of files: the failed object's segment was not cached, the others were.
        let fromCache = try #require(S3SourceTests.number(before: " from cache)", in: healed.stderr), "\(healed.stderr)")
        #expect(fromCache > 0 && fromCache < cleanRead, "\(healed.stderr)")
        let gets = try proxy.stats().log.filter { $0.method == "GET" && !$0.target.contains("list-type=") }
        #expect(gets.count == cleanRead - fromCache)
        #expect(gets.contains { $0.target.hasSuffix("/" + victim.leaf) })

        try proxy.reset()
        try proxy.inject(.shortBody(victim.leaf, method: "GET", times: 100))
        let filter = try run(["filter", "ConsoleLogin", "--logs", "s3://\(Self.bucket)/\(prefix)"], endpoint: proxy.endpoint)
        #expect(filter.status == 0, "\(filter.stderr)")
        #expect(filter.stderr.contains("1 failed"), "\(filter.stderr)")
        #expect(filter.stderr.contains("s3://\(Self.bucket)/\(victim.key): byte "), "\(filter.stderr)")
    }
}
