import Foundation
import Testing
import TrailTestSupport

/// `--logs s3://…` end to end: the built CLI against a real S3-compatible server (moto) on 127.0.0.1.
@Suite(.serialized) struct S3SourceTests {
    static let bucket = "cli-sample-logs"

    /// Generated logs (three accounts, one under an organization trail, two regions, two days) plus the real
    /// sample files, on disk and uploaded once with keys = their paths under the folder.
    static let sample: Result<(server: S3TestServer, folder: String), any Error> = Result {
        let server = try S3TestServer.shared
        let folder = try Fixtures.makeTemporaryDirectory("s3-sample")
        let generated = try CommandRunner.run(["generate", "--out", folder.path, "--events", "800", "--days", "2",
                                               "--regions", "us-east-1,eu-west-1", "--seed", "11", "--start", "2025-03-05"])
        guard generated.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["stderr": generated.stderr]) }
        try FileManager.default.copyItem(at: Fixtures.sampleLogs.appendingPathComponent("real"),
                                         to: folder.appendingPathComponent("real"))
        try server.makeBucket(bucket)
        _ = try server.upload(folder: folder.path, bucket: bucket)
        return (server, folder.path)
    }

    /// Credentials for moto, and nothing from the machine's own AWS setup.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "",
            "AWS_CONFIG_FILE": "/nonexistent/trailsql-test/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/trailsql-test/credentials",
            "AWS_PROFILE": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_S3": "",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
            "AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_ROLE_ARN": "", "http_proxy": "", "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": "",
        ].merging(extra) { $1 }
    }

    func run(_ arguments: [String], endpoint: String, environment extra: [String: String] = [:]) throws -> CommandRunner.Output {
        try CommandRunner.run(arguments + ["--endpoint-url", endpoint], environment: Self.environment(extra))
    }

    @Test func queriesGiveTheSameAnswersAsTheSameFilesOnDisk() throws {
        let (server, folder) = try Self.sample.get()
        let queries = [
            "SELECT eventsource, eventname, count(*) c FROM cloudtrail_logs GROUP BY 1, 2 ORDER BY c DESC, 1, 2 LIMIT 20",
            // Organization-trail and multi-account layouts: partition values from the keys.
            "SELECT accountid, region, date, count(*) FROM cloudtrail_logs WHERE accountid IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            "SELECT eventtime, eventname, useridentity.arn FROM t WHERE errorcode = 'AccessDenied' ORDER BY 1, 2, 3",
            "SELECT count(*), count(DISTINCT eventid) FROM t WHERE region = 'us-east-1' AND date = '2025/03/06'",
            "SELECT eventsource, count(*) FROM t WHERE eventtime >= '2025-03-06T00:00:00Z' GROUP BY 1 ORDER BY 2 DESC, 1",
        ]
        for sql in queries {
            let local = try CommandRunner.run(["query", sql, "--logs", folder, "--no-cache", "--format", "csv"])
            #expect(local.status == 0, "\(local.stderr)")
            for cacheArguments in [["--no-cache"], []] {
                let remote = try run(["query", sql, "--logs", "s3://\(Self.bucket)", "--format", "csv"] + cacheArguments,
                                     endpoint: server.endpoint)
                #expect(remote.status == 0, "\(remote.stderr)")
                #expect(remote.stdout == local.stdout, "\(sql)")
                #expect(remote.stderr.contains("S3: "), "\(remote.stderr)")
            }
        }
    }

    @Test func filterGivesTheSameEventsAsOnDisk() throws {
        let (server, folder) = try Self.sample.get()
        let pattern = "{ ($.eventName = ConsoleLogin) || ($.errorCode = \"AccessDenied\") }"
        let local = try CommandRunner.run(["filter", pattern, "--logs", folder])
        let remote = try run(["filter", pattern, "--logs", "s3://\(Self.bucket)"], endpoint: server.endpoint)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(!local.stdout.isEmpty)
        #expect(remote.stdout == local.stdout)
    }

    @Test func aPrunedQueryListsAndReadsOnlyThatDay() throws {
        let server = try S3TestServer.shared
        let bucket = "cli-pruned-logs"
        let folder = try Fixtures.makeTemporaryDirectory("s3-pruned")
        defer { Fixtures.cleanUp(folder) }
        let generated = try CommandRunner.run(["generate", "--out", folder.path, "--events", "3000", "--days", "8",
                                               "--regions", "us-east-1,eu-west-1,ap-northeast-1", "--seed", "5", "--start", "2024-01-01"])
        #expect(generated.status == 0, "\(generated.stderr)")
        try server.makeBucket(bucket)
        let uploaded = try server.upload(folder: folder.path, bucket: bucket)
        let sql = "SELECT eventname, count(*) FROM cloudtrail_logs WHERE region = 'eu-west-1' AND date = '2024/01/03' GROUP BY 1 ORDER BY 2 DESC, 1"
        let local = try CommandRunner.run(["query", sql, "--logs", folder.path, "--no-cache", "--format", "csv"])
        let mark = server.markLog()
        let remote = try run(["query", sql, "--logs", "s3://\(bucket)", "--no-cache", "--format", "csv"], endpoint: server.endpoint)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        #expect(local.stdout.split(separator: "\n").count > 2)
        let filesRead = try #require(Self.number(before: " files read", in: remote.stderr))
        let gets = server.getObjectRequests(bucket: bucket, since: mark)
        let lists = server.listRequests(bucket: bucket, since: mark)
        // Only that day's objects are read, and the walk lists a handful of prefixes, not the bucket.
        #expect(gets == filesRead)
        #expect(filesRead > 0 && filesRead * 10 < uploaded, "\(filesRead) of \(uploaded)")
        // The bucket root, AWSLogs/ and the org id, then per account its own prefix and the one day prefix the query
        // names (…/CloudTrail/eu-west-1/2024/01/03/: CloudTrail/, the region, year and month are not listed) —
        // against 3 accounts × 3 regions × 8 days of day folders in the bucket.
        #expect(lists == 3 + 2 * 3, "\(lists) LIST requests")
        #expect(remote.stderr.contains("S3: \(lists) LIST + \(gets) GET requests"), "\(remote.stderr)")
    }

    @Test func objectsThatCannotBeReadAreListedAndStrictFails() throws {
        let server = try S3TestServer.shared
        let bucket = "cli-denied-logs"
        try server.makeBucket(bucket)
        _ = try server.upload(folder: Fixtures.sampleLogs.path + "/real/AWSLogs/333333333333", bucket: bucket, prefix: "AWSLogs/333333333333/")
        let keys = try server.listKeys(bucket: bucket)
        let denied = try #require(keys.first { $0.hasSuffix(".json.gz") })
        try server.denyGetObject(bucket: bucket, key: denied)
        let sql = "SELECT count(*) FROM cloudtrail_logs"
        let lenient = try run(["query", sql, "--logs", "s3://\(bucket)/AWSLogs/", "--no-cache"], endpoint: server.endpoint)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("1 failed"), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("s3://\(bucket)/\(denied): GetObject: HTTP 403"), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("Object Ownership"), "\(lenient.stderr)")
        let strict = try run(["query", sql, "--logs", "s3://\(bucket)/AWSLogs/", "--no-cache", "--strict"], endpoint: server.endpoint)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("--strict"), "\(strict.stderr)")
    }

    @Test func unchangedObjectsAreServedFromTheCacheWithoutAGet() throws {
        let server = try S3TestServer.shared
        let bucket = "cli-cached-logs"
        try server.makeBucket(bucket)
        let source = Fixtures.sampleLogs.path + "/real/AWSLogs/333333333333"
        let uploaded = try server.upload(folder: source, bucket: bucket, prefix: "AWSLogs/333333333333/")
        let cache = try Fixtures.makeTemporaryDirectory("s3-cache")
        defer { Fixtures.cleanUp(cache) }
        let sql = "SELECT eventname, count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC, 1"
        let arguments = ["query", sql, "--logs", "s3://\(bucket)", "--cache", cache.path, "--format", "csv"]
        let cold = try run(arguments, endpoint: server.endpoint)
        #expect(cold.status == 0, "\(cold.stderr)")
        let mark = server.markLog()
        let warm = try run(arguments, endpoint: server.endpoint)
        #expect(warm.stdout == cold.stdout)
        #expect(server.getObjectRequests(bucket: bucket, since: mark) == 0)
        #expect(warm.stderr.contains("(\(uploaded) from cache)"), "\(warm.stderr)")

        // A rewritten object gets a new ETag: its segment is read again, never served stale.
        let keys = try server.listKeys(bucket: bucket).filter { $0.hasSuffix(".json.gz") }
        let changed = try #require(keys.first)
        let event = #"{"Records":[{"eventVersion":"1.08","eventTime":"2025-03-06T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ChangedObjectEvent","awsRegion":"us-east-1"}]}"#
        try server.put(bucket: bucket, key: changed, bytes: Data(event.utf8))
        let mark2 = server.markLog()
        let after = try run(arguments, endpoint: server.endpoint)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("\"ChangedObjectEvent\",\"1\""), "\(after.stdout)")
        #expect(server.getObjectRequests(bucket: bucket, since: mark2) >= 1)
    }

    @Test func throttlingResetsAndTruncatedBodiesAreRetried() throws {
        let server = try Self.sample.get().server
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let sql = "SELECT count(*), count(DISTINCT eventid) FROM cloudtrail_logs"
        let arguments = ["query", sql, "--logs", "s3://\(Self.bucket)/AWSLogs/", "--no-cache", "--format", "csv"]
        let clean = try run(arguments, endpoint: server.endpoint)
        try proxy.inject([
            .slowdown(".json.gz", method: "GET", times: 3), .internalError(".json.gz", method: "GET", times: 2),
            .reset(".json.gz", method: "GET", times: 2), FaultRule(match: ".json.gz", method: "GET", action: .truncate, times: 2),
            .slowdown("list-type=2", method: "GET", times: 2),
        ])
        let faulty = try run(arguments + ["--strict"], endpoint: proxy.endpoint)
        #expect(faulty.status == 0, "\(faulty.stderr)")
        #expect(faulty.stdout == clean.stdout)
        #expect(faulty.stderr.contains("retried"), "\(faulty.stderr)")
        #expect(try proxy.stats().faults.values.reduce(0, +) == 11)
    }

    /// `--s3-concurrency` caps the requests on the wire, the walk's LISTs, the workers' day LISTs and the GETs
    /// together: every request is held at the proxy for a moment so that they would pile up past the cap.
    @Test(arguments: [1, 3])
    func s3ConcurrencyCapsEveryRequestInFlight(cap: Int) throws {
        let server = try Self.sample.get().server
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        try proxy.inject(.delay(seconds: 0.01, times: 100_000))
        let sql = "SELECT count(*), count(DISTINCT eventid) FROM cloudtrail_logs"
        let arguments = ["query", sql, "--logs", "s3://\(Self.bucket)/", "--no-cache", "--format", "csv", "--workers", "2"]
        let clean = try run(arguments, endpoint: server.endpoint)
        let capped = try run(arguments + ["--s3-concurrency", "\(cap)"], endpoint: proxy.endpoint)
        #expect(capped.status == 0, "\(capped.stderr)")
        #expect(capped.stdout == clean.stdout)
        let stats = try proxy.stats()
        #expect(stats.requests > 50, "the query should list and read many objects: \(stats.requests)")
        #expect(stats.peakInFlight <= cap, "\(stats.peakInFlight) requests in flight with --s3-concurrency \(cap)")
        if cap > 1 { #expect(stats.peakInFlight > 1, "the requests should overlap up to the cap") }
    }

    /// Large objects are claimed a few MB at a time: the GETs in flight hold their bodies until decoded, so
    /// objects of ~1.7 MB are read two per run (4 MB at most), not as many as `--s3-concurrency` allows.
    @Test func largeObjectsAreReadAFewMegabytesAtATime() throws {
        let server = try S3TestServer.shared
        let bucket = "cli-large-objects"
        let folder = try Fixtures.makeTemporaryDirectory("s3-large")
        defer { Fixtures.cleanUp(folder) }
        let day = folder.appendingPathComponent("AWSLogs/111122223333/CloudTrail/us-east-1/2025/04/01")
        try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true)
        var random = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        for file in 0..<16 {
            // Random hex compresses to about half: 3 MB of it makes an object of ~1.7 MB.
            var blob = [UInt8](repeating: 0, count: 3_000_000)
            for index in stride(from: 0, to: blob.count, by: 16) {
                var bits = random.next()
                for offset in 0..<16 {
                    blob[index + offset] = hex[Int(bits & 15)]
                    bits >>= 4
                }
            }
            let record = """
                {"Records":[{"eventVersion":"1.08","eventTime":"2025-04-01T00:\(String(format: "%02d", file)):00Z",\
                "eventSource":"s3.amazonaws.com","eventName":"PutObject","awsRegion":"us-east-1",\
                "eventID":"large-\(file)","requestParameters":{"blob":"\(String(decoding: blob, as: UTF8.self))"}}]}
                """
            let name = "111122223333_CloudTrail_us-east-1_20250401T00\(String(format: "%02d", file))Z_large\(file).json"
            try Data(record.utf8).write(to: day.appendingPathComponent(name))
        }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -1 \"$0\"/*.json", day.path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        try server.makeBucket(bucket)
        #expect(try server.upload(folder: folder.path, bucket: bucket) == 16)

        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        try proxy.inject(.delay(seconds: 0.2, times: 100_000))
        let sql = "SELECT count(*), sum(length(json_extract_scalar(requestparameters, '$.blob'))) FROM cloudtrail_logs"
        let local = try CommandRunner.run(["query", sql, "--logs", folder.path, "--no-cache", "--format", "csv"])
        #expect(local.stdout == "\"_col0\",\"_col1\"\n\"16\",\"48000000\"\n", "\(local.stderr)")
        // 64 requests allowed: without the byte limit a run would take all 16 objects at once.
        let remote = try run(["query", sql, "--logs", "s3://\(bucket)", "--no-cache", "--format", "csv", "--workers", "2",
                              "--s3-concurrency", "64"], endpoint: proxy.endpoint)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        let stats = try proxy.stats()
        #expect(stats.requests >= 17)
        // Two workers' two runs each, two objects a run.
        #expect(stats.peakInFlight <= 8, "\(stats.peakInFlight) GETs of 1.7 MB objects in flight at once")
        #expect(stats.peakInFlight >= 2, "the runs should still overlap")
    }

    @Test func persistentFaultsFailTheObjectWithStatusAndCode() throws {
        let server = try Self.sample.get().server
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let keys = try server.listKeys(bucket: Self.bucket, prefix: "real/AWSLogs/")
        let victim = try #require(keys.first { $0.hasSuffix(".json.gz") })
        let leaf = String(victim.split(separator: "/").last!)
        try proxy.inject([.slowdown(leaf, method: "GET", times: 100)])
        let output = try run(["query", "SELECT count(*) FROM t", "--logs", "s3://\(Self.bucket)/real/AWSLogs/",
                              "--no-cache", "--s3-max-attempts", "2"], endpoint: proxy.endpoint)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("1 failed"), "\(output.stderr)")
        #expect(output.stderr.contains("GetObject: HTTP 503 SlowDown"), "\(output.stderr)")
        #expect(output.stderr.contains("after 2 attempts"), "\(output.stderr)")
    }

    @Test func aDayPrefixThatCannotBeListedFailsTheQuery() throws {
        let server = try Self.sample.get().server
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        // The twelve day prefixes are listed by the scan's workers; one of them is denied (after the walk).
        try proxy.inject([.error("2025%2F03%2F06%2F", method: "GET", status: 403, code: "AccessDenied", message: "Access Denied",
                                 times: 1000)])
        for command in [["query", "SELECT count(*) FROM t", "--no-cache"], ["filter", "ConsoleLogin"]] {
            let output = try run(command + ["--logs", "s3://\(Self.bucket)/AWSLogs/"], endpoint: proxy.endpoint)
            #expect(output.status != 0, "\(output.stderr)")
            #expect(output.stderr.contains("HTTP 403 AccessDenied"), "\(output.stderr)")
            #expect(output.stderr.contains("/2025/03/06/"), "\(output.stderr)")
        }
        #expect(try proxy.stats().faults(.error) >= 2)
    }

    @Test func kmsAndExpiredCredentialsSayWhatToDo() throws {
        let server = try Self.sample.get().server
        let proxy = try FaultProxy.start(upstream: server.endpoint)
        defer { proxy.stop() }
        let keys = try server.listKeys(bucket: Self.bucket, prefix: "real/AWSLogs/")
        let leaf = String(try #require(keys.first { $0.hasSuffix(".json.gz") }).split(separator: "/").last!)
        // What S3 answers for an SSE-KMS object when the caller may not use the key.
        try proxy.inject(.error(leaf, method: "GET", status: 403, code: "AccessDenied",
                                message: "User: arn:aws:iam::222222222222:user/auditor is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because the resource does not exist in this Region",
                                times: 10))
        let kms = try run(["query", "SELECT count(*) FROM t", "--logs", "s3://\(Self.bucket)/real/AWSLogs/", "--no-cache"],
                          endpoint: proxy.endpoint)
        #expect(kms.stderr.contains("GetObject: HTTP 403 AccessDenied: User: arn:aws:iam::222222222222:user/auditor"), "\(kms.stderr)")
        #expect(kms.stderr.contains("allow kms:Decrypt on the trail's KMS key"), "\(kms.stderr)")
        try proxy.reset()
        try proxy.inject(.error("list-type=2", method: "GET", status: 400, code: "ExpiredToken",
                                message: "The provided token has expired.", times: 10))
        let expired = try run(["query", "SELECT count(*) FROM t", "--logs", "s3://\(Self.bucket)/real/"], endpoint: proxy.endpoint,
                              environment: ["AWS_SESSION_TOKEN": "expired-session-token"])
        #expect(expired.status == 1)
        #expect(expired.stderr.contains("ListObjectsV2: HTTP 400 ExpiredToken: The provided token has expired."), "\(expired.stderr)")
        #expect(expired.stderr.contains("session credentials (credentials: environment) expired"), "\(expired.stderr)")
        #expect(!expired.stderr.contains("expired-session-token"))
    }

    @Test func aMissingBucketAndMissingCredentialsSayWhatToDo() throws {
        let server = try S3TestServer.shared
        let missing = try run(["query", "SELECT count(*) FROM t", "--logs", "s3://no-such-bucket-here"], endpoint: server.endpoint)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("HTTP 404 NoSuchBucket"), "\(missing.stderr)")
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        let anonymous = try run(["query", "SELECT count(*) FROM t", "--logs", "s3://\(Self.bucket)"], endpoint: server.endpoint,
                                environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        #expect(anonymous.status == 1)
        #expect(anonymous.stderr.contains("no usable AWS credentials"), "\(anonymous.stderr)")
        #expect(anonymous.stderr.contains("aws configure"), "\(anonymous.stderr)")
    }

    @Test func profilesFromTheSharedFilesWorkIncludingAssumeRole() throws {
        let (server, _) = try Self.sample.get()
        let home = try Fixtures.makeTemporaryDirectory("s3-profile")
        defer { Fixtures.cleanUp(home) }
        let credentials = home.appendingPathComponent("credentials")
        let config = home.appendingPathComponent("config")
        try """
            [reader]
            aws_access_key_id = AKIAREADER0000000000
            aws_secret_access_key = reader-secret
            """.write(to: credentials, atomically: true, encoding: .utf8)
        // The endpoint comes from the profile too; the role is assumed through (moto's) STS.
        try """
            [profile reader]
            region = eu-west-1
            endpoint_url = \(server.endpoint)

            [profile auditor]
            role_arn = arn:aws:iam::123456789012:role/trail-auditor
            source_profile = reader
            region = eu-west-1
            endpoint_url = \(server.endpoint)
            """.write(to: config, atomically: true, encoding: .utf8)
        let environment = Self.environment([
            "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "",
            "AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_CONFIG_FILE": config.path,
        ])
        let sql = "SELECT count(*) FROM t"
        for profile in ["reader", "auditor"] {
            let output = try CommandRunner.run(["query", sql, "--logs", "s3://\(Self.bucket)/real/", "--profile", profile,
                                                "--format", "csv", "--no-cache"], environment: environment)
            #expect(output.status == 0, "\(profile): \(output.stderr)")
            #expect(output.stdout.hasPrefix("\"_col0\"\n"), "\(output.stdout)")
            #expect(!output.stderr.contains("reader-secret"))
        }
        let missing = try CommandRunner.run(["query", sql, "--logs", "s3://\(Self.bucket)", "--profile", "nobody"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nobody"), "\(missing.stderr)")
    }

    @Test func oddKeysAreReadExactly() throws {
        let server = try S3TestServer.shared
        let bucket = "cli-odd-keys"
        try server.makeBucket(bucket)
        let file = Fixtures.sampleLogs.appendingPathComponent("real/AWSLogs/333333333333/CloudTrail/us-east-1/2025/03/06/333333333333_CloudTrail_us-east-1_20250306T0320Z_ZgdYr0lP8M9fWEH8.json.gz")
        let bytes = try Data(contentsOf: file)
        let keys = ["odd/a b+c%41 ü.json.gz", "odd/x&y=z;~!*'().json.gz", "odd/./dots/../z.json.gz"]
        for key in keys { try server.put(bucket: bucket, key: key, bytes: bytes) }
        let output = try run(["query", "SELECT count(*) FROM t", "--logs", "s3://\(bucket)/odd/", "--no-cache", "--strict", "--format", "csv"],
                             endpoint: server.endpoint)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("3 files read"), "\(output.stderr)")
        #expect(output.stdout == "\"_col0\"\n\"3\"\n")
    }

    static func number(before suffix: String, in text: String) -> Int? {
        guard let range = text.range(of: suffix) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
        return Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
    }
}
