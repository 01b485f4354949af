import Foundation
import Testing
import TrailSource
import TrailTestSupport

@testable import TrailGenerator

/// `AWSLogs/[o-id/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<16>.json.gz`
let logPathPattern =
    #"AWSLogs/(?:(o-[a-z0-9]{10,32})/)?(\d{12})/CloudTrail/([a-z]{2}(?:-[a-z]+)+-\d)/(\d{4})/(\d{2})/(\d{2})/(\d{12})_CloudTrail_([a-z]{2}(?:-[a-z]+)+-\d)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz"#
let digestPathPattern =
    #"AWSLogs/(?:(o-[a-z0-9]{10,32})/)?(\d{12})/CloudTrail-Digest/([a-z]{2}(?:-[a-z]+)+-\d)/(\d{4})/(\d{2})/(\d{2})/(\d{12})_CloudTrail-Digest_([a-z]{2}(?:-[a-z]+)+-\d)_([A-Za-z0-9_.-]+)_([a-z]{2}(?:-[a-z]+)+-\d)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.json\.gz"#

nonisolated(unsafe) let compiledPatterns: [String: Regex<AnyRegexOutput>] = [
    logPathPattern: try! Regex(logPathPattern), digestPathPattern: try! Regex(digestPathPattern),
]

/// The capture groups of a whole match (nil for a group that did not take part).
func captures(_ pattern: String, _ text: String) throws -> [String?]? {
    let regex = try compiledPatterns[pattern] ?? Regex(pattern)
    guard let m = try regex.wholeMatch(in: text) else { return nil }
    return (1..<m.output.count).map { m.output[$0].substring.map(String.init) }
}

/// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`.
func epoch(_ iso: String) -> Int64? {
    let u = Array(iso.utf8)
    guard u.count == 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x5A else { return nil }
    func n(_ r: Range<Int>) -> Int? { Int(String(decoding: u[r], as: UTF8.self)) }
    guard let y = n(0..<4), let mo = n(5..<7), let d = n(8..<10), let h = n(11..<13), let mi = n(14..<16), let s = n(17..<19) else { return nil }
    return CivilTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s).epochSeconds
}

@Suite("LogGenerator")
struct LogGeneratorTests {
    // MARK: Determinism and counts

    @Test("same seed writes byte-identical files, whatever the number of workers")
    func sameSeed() throws {
        func tree(workers: Int) throws -> [String: [UInt8]] {
            let c = try GeneratedCorpus.written { o in
                o.workers = workers
                o.events = 800
                o.days = 2
                o.accounts = ["111122223333", "444455556666"]
                o.regions = ["us-east-1", "eu-west-1"]
                o.digests = true
                o.seed = 42
            }
            var all: [String: [UInt8]] = [:]
            for f in c.files + c.digests { all[f.path] = f.gzip }
            return all
        }
        let a = try tree(workers: 0)
        let b = try tree(workers: 1)
        #expect(a.count > 200)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
    }

    @Test("a different seed writes different files")
    func differentSeed() throws {
        let a = try GeneratedCorpus.written { $0.events = 300; $0.seed = 1 }
        let b = try GeneratedCorpus.written { $0.events = 300; $0.seed = 2 }
        #expect(Set(a.files.map(\.path)).isDisjoint(with: b.files.map(\.path)))
        #expect(a.files.map(\.json) != b.files.map(\.json))
        #expect(a.summary.orgID != b.summary.orgID)
    }

    @Test("writes exactly the requested number of records", arguments: [0, 1, 17, 700])
    func exactCount(_ n: Int) throws {
        let c = try GeneratedCorpus.written { o in
            o.events = n
            o.days = 3
            o.regions = ["us-east-1", "sa-east-1"]
            o.maxRecordsPerFile = 40
        }
        #expect(c.allRecords.count == n)
        #expect(c.summary.events == n)
        #expect(c.summary.files == c.files.count)
        #expect(c.files.allSatisfy { (1...40).contains($0.records.count) })
        #expect(c.summary.rawBytes == c.files.reduce(0) { $0 + $1.json.count })
        #expect(c.summary.gzBytes == c.files.reduce(0) { $0 + $1.gzip.count })
    }

    @Test("a busy window is split into several files of at most maxRecordsPerFile records")
    func splitsBusyWindows() throws {
        let c = try GeneratedCorpus.written { o in
            o.events = 4_000
            o.accounts = ["111122223333"]
            o.regions = ["us-east-1"]
            o.maxRecordsPerFile = 50
        }
        #expect(c.allRecords.count == 4_000)
        #expect(c.files.allSatisfy { $0.records.count <= 50 })
        // Some window has more than one file: the same delivery minute or the same window in two names.
        let windows = Dictionary(grouping: c.files) { f in
            f.records.first?["eventTime"].flatMap { $0 as? String }.flatMap(epoch).map { $0 / 300 } ?? -1
        }
        #expect(windows.values.contains { $0.count > 1 })
    }

    // MARK: Layout

    @Test("every path follows CloudTrail's S3 layout, dated by delivery")
    func layout() throws {
        let c = GeneratedCorpus.standard
        #expect(c.files.count > 500)
        for f in c.files {
            let g = try #require(try captures(logPathPattern, f.path), "\(f.path)")
            #expect(g[1] == g[6], "account folder and file name differ: \(f.path)")
            #expect(g[2] == g[7], "region folder and file name differ: \(f.path)")
            #expect(g[3] == g[8] && g[4] == g[9] && g[5] == g[10], "folder date and file-name date differ: \(f.path)")
            #expect(c.options.accounts.contains(g[1] ?? ""))
            #expect(c.options.regions.contains(g[2] ?? ""))
            if let org = g[0] { #expect(org == c.summary.orgID) }
            // Every record belongs to the account and region of its file.
            for r in f.records {
                #expect(r["recipientAccountId"] as? String == g[1])
                #expect(r["awsRegion"] as? String == g[2])
            }
        }
    }

    @Test("the first account has its own trail and the others log under the organization")
    func organizationTrail() throws {
        let c = GeneratedCorpus.standard
        let accounts = c.options.accounts
        let own = c.files.filter { $0.path.hasPrefix("AWSLogs/\(accounts[0])/CloudTrail/") }
        #expect(!own.isEmpty)
        for a in accounts.dropFirst() {
            #expect(c.files.contains { $0.path.hasPrefix("AWSLogs/\(c.summary.orgID)/\(a)/CloudTrail/") })
            #expect(!c.files.contains { $0.path.hasPrefix("AWSLogs/\(a)/") })
        }
        #expect(!c.files.contains { $0.path.hasPrefix("AWSLogs/\(c.summary.orgID)/\(accounts[0])/") })

        let flat = try GeneratedCorpus.written { o in
            o.events = 300
            o.organizationTrail = false
        }
        #expect(flat.files.allSatisfy { !$0.path.hasPrefix("AWSLogs/o-") })
    }

    @Test("files are gzip holding compact {\"Records\":[…]} with a realistic spread of sizes")
    func fileFormat() throws {
        let c = try GeneratedCorpus.written { o in
            o.events = 1_500
            o.regions = ["us-east-1", "ap-southeast-2"]
            o.seed = 3
        }
        #expect(c.files.count > 300)
        let prefix = Array(#"{"Records":[{"eventVersion":""#.utf8)
        for f in c.files {
            #expect(f.gzip.starts(with: [0x1F, 0x8B]))
            #expect(f.gzip.count < f.json.count)
            #expect(f.json.starts(with: prefix))
            #expect(f.json.suffix(3) == [0x7D, 0x5D, 0x7D])  // }]}
            #expect(!f.json.contains(0x0A) && !f.json.contains(0x0D), "compact: no raw newlines")
            #expect(recordSlices(f.json).count == f.records.count)
        }
        let sizes = GeneratedCorpus.standard.files.map(\.records.count).sorted()
        #expect(sizes[sizes.count / 2] <= 10, "median file is small")
        #expect(sizes.last ?? 0 >= 20, "busy windows hold dozens of records")
    }

    // MARK: Times

    @Test("event times fall inside the requested days, before the file's delivery")
    func eventTimes() throws {
        let c = GeneratedCorpus.standard
        let start = try #require(epoch("2026-11-06T00:00:00Z"))
        let end = start + 2 * 86_400
        for f in c.files {
            let g = try #require(try captures(logPathPattern, f.path))
            let delivery = try #require(epoch("\(g[8]!)-\(g[9]!)-\(g[10]!)T\(g[11]!):\(g[12]!):00Z"))
            for r in f.records {
                let t = try #require((r["eventTime"] as? String).flatMap(epoch), "bad eventTime in \(f.path)")
                #expect(t >= start && t < end)
                #expect(t < delivery && delivery - t <= 20 * 60, "delivered 0–20 minutes after the event")
            }
        }
        #expect(c.summary.firstEventTime.flatMap(epoch).map { $0 >= start } == true)
        #expect(c.summary.lastEventTime.flatMap(epoch).map { $0 < end } == true)
    }

    @Test("late-evening events are delivered into the next day's folder")
    func lateDelivery() throws {
        let c = GeneratedCorpus.standard
        var crossing = 0
        for f in c.files {
            let g = try #require(try captures(logPathPattern, f.path))
            let folderDay = "\(g[3]!)-\(g[4]!)-\(g[5]!)"
            for r in f.records where (r["eventTime"] as? String)?.hasPrefix(folderDay) == false {
                crossing += 1
            }
        }
        #expect(crossing > 0)
        // Including the last day: its evening lands in the folder of the day after the range.
        #expect(c.files.contains { $0.path.contains("/2026/11/08/") })
    }

    // MARK: Content

    @Test("records keep CloudTrail's key order")
    func keyOrder() throws {
        let order = [
            "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
            "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData", "requestID", "eventID",
            "readOnly", "resources", "eventType", "apiVersion", "managementEvent", "recipientAccountId", "serviceEventDetails",
            "sharedEventID", "vpcEndpointId", "vpcEndpointAccountId", "eventCategory", "tlsDetails", "sessionCredentialFromConsole",
        ]
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for f in GeneratedCorpus.standard.files {
            for slice in recordSlices(f.json) {
                let keys = topLevelKeys(slice)
                let ranks = keys.map { rank[$0] ?? -1 }
                #expect(!ranks.contains(-1), "unknown key in \(keys)")
                #expect(ranks == ranks.sorted(), "out of order: \(keys)")
            }
        }
    }

    @Test("field shapes match CloudTrail's")
    func fieldShapes() throws {
        let uuid = try Regex(#"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#)
        let versions: Set<String> = ["1.08", "1.09", "1.10", "1.11"]
        for r in GeneratedCorpus.standard.allRecords {
            let name = r["eventName"] as? String ?? "?"
            #expect(versions.contains(r["eventVersion"] as? String ?? ""))
            #expect((r["eventID"] as? String).map { (try? uuid.wholeMatch(in: $0)) != nil } == true)
            #expect(r["readOnly"] is Bool && r["managementEvent"] is Bool, "\(name): booleans")
            #expect(r.keys.contains("requestParameters") && r.keys.contains("responseElements"))
            let category = r["eventCategory"] as? String
            #expect((category == "Data") == (r["managementEvent"] as? Bool == false), "\(name): Data ⇔ not management")
            if r["errorCode"] != nil { #expect(r["responseElements"] is NSNull, "\(name): failed calls have no response") }
            let id = try #require(r["userIdentity"] as? [String: Any])
            switch id["type"] as? String {
            case "IAMUser":
                #expect((id["principalId"] as? String)?.hasPrefix("AIDA") == true)
                #expect((id["arn"] as? String)?.contains(":user/") == true)
                #expect(id["userName"] is String)
            case "AssumedRole":
                #expect((id["arn"] as? String)?.hasPrefix("arn:aws:sts::") == true)
                #expect((id["accessKeyId"] as? String)?.hasPrefix("ASIA") == true)
                #expect(id.string("sessionContext", "sessionIssuer", "type") == "Role")
                #expect(id.string("sessionContext", "attributes", "mfaAuthenticated") != nil)
            case "Root":
                #expect((id["arn"] as? String)?.hasSuffix(":root") == true)
                #expect(id["userName"] == nil)
            case "AWSService":
                #expect((id["invokedBy"] as? String)?.hasSuffix(".amazonaws.com") == true)
                #expect(r["tlsDetails"] == nil)
            case nil:
                #expect(r["eventType"] as? String == "AwsServiceEvent")
                #expect(r["serviceEventDetails"] != nil)
            default:
                break
            }
            if name == "ConsoleLogin" {
                #expect(r["eventType"] as? String == "AwsConsoleSignIn")
                let result = r.string("responseElements", "ConsoleLogin")
                #expect(result == "Success" || result == "Failure")
                #expect((result == "Failure") == (r["errorMessage"] as? String == "Failed authentication"))
                #expect(["Yes", "No"].contains(r.string("additionalEventData", "MFAUsed") ?? ""))
            }
            if name == "GetObject" || name == "PutObject" || name == "CopyObject" {
                #expect(category == "Data")
                let resources = try #require(r["resources"] as? [[String: Any]])
                #expect(resources.map { $0["type"] as? String } == ["AWS::S3::Object", "AWS::S3::Bucket"])
                #expect(r.string("requestParameters", "bucketName") != nil && r.string("requestParameters", "key") != nil)
                let anonymous = r.string("userIdentity", "accountId") == "anonymous"
                #expect(anonymous || ["SigV4", "SigV2"].contains(r.string("additionalEventData", "SignatureVersion") ?? ""))
                let out = (r["additionalEventData"] as? [String: Any])?["bytesTransferredOut"]
                #expect(out is NSNumber)
            }
            if name == "RunInstances", r["errorCode"] == nil {
                #expect(r.string("requestParameters", "instanceType") != nil)
                let items = (r["responseElements"] as? [String: Any]).flatMap { ($0["instancesSet"] as? [String: Any])?["items"] as? [[String: Any]] }
                #expect(items?.first.flatMap { $0["instanceId"] as? String }?.hasPrefix("i-0") == true)
            }
        }
    }

    @Test("the mix has the variety of a real account")
    func mix() throws {
        let records = GeneratedCorpus.standard.allRecords
        let sources = Set(records.compactMap { $0["eventSource"] as? String })
        #expect(sources.count >= 20)
        for s in ["ec2.amazonaws.com", "s3.amazonaws.com", "kms.amazonaws.com", "sts.amazonaws.com", "logs.amazonaws.com",
                  "monitoring.amazonaws.com", "iam.amazonaws.com", "lambda.amazonaws.com", "cloudformation.amazonaws.com",
                  "ssm.amazonaws.com", "rds.amazonaws.com", "signin.amazonaws.com", "cloudtrail.amazonaws.com"] {
            #expect(sources.contains(s), "no \(s)")
        }
        let types = Set(records.compactMap { ($0["userIdentity"] as? [String: Any])?["type"] as? String })
        #expect(types.isSuperset(of: ["IAMUser", "AssumedRole", "AWSService", "Root", "FederatedUser", "AWSAccount"]))

        let failed = records.filter { $0["errorCode"] != nil || $0["errorMessage"] != nil }
        let rate = Double(failed.count) / Double(records.count)
        #expect(rate > 0.02 && rate < 0.09, "error rate \(rate)")
        let codes = Set(failed.compactMap { $0["errorCode"] as? String })
        #expect(codes.isSuperset(of: ["AccessDenied", "Client.UnauthorizedOperation", "ThrottlingException"]))
        #expect(failed.contains { ($0["errorMessage"] as? String)?.contains(" is not authorized to perform: ") == true })

        let logins = records.filter { $0["eventName"] as? String == "ConsoleLogin" }
        #expect(logins.contains { $0["errorMessage"] as? String == "Failed authentication" })
        #expect(logins.contains { $0.string("additionalEventData", "MFAUsed") == "No" && $0.string("responseElements", "ConsoleLogin") == "Success" })
        #expect(logins.contains { $0.string("userIdentity", "type") == "Root" })
        #expect(records.contains { $0["eventName"] as? String == "SwitchRole" })

        // Root use that the CIS alarm counts: not invoked by a service, not a service event.
        #expect(records.contains {
            $0.string("userIdentity", "type") == "Root" && $0.string("userIdentity", "invokedBy") == nil
                && $0["eventType"] as? String != "AwsServiceEvent" && $0["eventName"] as? String != "ConsoleLogin"
        })
        #expect(records.contains { $0["eventCategory"] as? String == "Data" })
        #expect(records.contains { $0["eventType"] as? String == "AwsServiceEvent" })
        #expect(records.contains { $0.string("additionalEventData", "SignatureVersion") == "SigV2" })
        #expect(records.contains { $0.string("additionalEventData", "aclRequired") == "Yes" })
        #expect(records.contains { $0.string("userIdentity", "accountId") == "anonymous" })
        #expect(records.contains { $0["sharedEventID"] != nil })
        #expect(records.contains { $0["vpcEndpointId"] != nil })
        #expect(records.contains { ($0["userIdentity"] as? [String: Any])?["inScopeOf"] != nil })
        #expect(records.contains { $0.string("userIdentity", "sessionContext", "sourceIdentity") != nil })

        // Every family of change the CIS monitoring alarms watch shows up.
        let names = Set(records.compactMap { $0["eventName"] as? String })
        let families: [String: [String]] = [
            "IAM policy": ["PutUserPolicy", "PutRolePolicy", "AttachRolePolicy", "AttachUserPolicy", "CreatePolicyVersion", "CreatePolicy", "DetachRolePolicy"],
            "CloudTrail": ["StopLogging", "UpdateTrail", "DeleteTrail", "CreateTrail", "StartLogging"],
            "KMS": ["DisableKey", "ScheduleKeyDeletion"],
            "S3 policy": ["PutBucketPolicy", "PutBucketAcl", "DeleteBucketPolicy", "PutBucketCors", "PutBucketLifecycle"],
            "Config": ["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutConfigurationRecorder"],
            "security group": ["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "CreateSecurityGroup", "DeleteSecurityGroup"],
            "NACL": ["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry"],
            "gateway": ["CreateInternetGateway", "AttachInternetGateway", "DeleteInternetGateway", "CreateCustomerGateway"],
            "route table": ["CreateRoute", "ReplaceRoute", "CreateRouteTable", "DeleteRoute"],
            "VPC": ["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "CreateVpcPeeringConnection"],
            "credentials": ["CreateUser", "CreateAccessKey", "CreateLoginProfile"],
        ]
        for (family, members) in families {
            #expect(!names.isDisjoint(with: members), "no \(family) change")
        }
        #expect(records.contains {
            $0["eventName"] as? String == "RunInstances"
                && ($0.string("requestParameters", "instanceType")?.hasSuffix("xlarge") == true)
                && ($0.string("requestParameters", "instanceType")!.contains("4xlarge") || $0.string("requestParameters", "instanceType")!.contains("8xlarge"))
        })
        // Reads dominate, as in real accounts.
        let readOnly = records.filter { $0["readOnly"] as? Bool == true }.count
        #expect(Double(readOnly) / Double(records.count) > 0.6)
    }

    @Test("contents(of:) returns the bytes that run() compressed")
    func inMemoryContents() throws {
        let dir = try Fixtures.makeTemporaryDirectory("trailsql-gen")
        defer { Fixtures.cleanUp(dir) }
        var o = GeneratorOptions(outputDirectory: dir.path)
        o.events = 500
        let g = try LogGenerator(options: o)
        let plan = g.plan()
        #expect(plan.reduce(0) { $0 + $1.records } == 500)
        _ = try g.run()
        let inflater = Inflater()
        for file in plan.prefix(40) {
            let gz = try [UInt8](Data(contentsOf: dir.appendingPathComponent(file.relativePath)))
            let json = try gz.withUnsafeBytes { try [UInt8](inflater.inflate($0)) }
            #expect(json == g.contents(of: file))
        }
    }

    @Test("sampleFile returns one file of exactly the requested records")
    func sampleFile() throws {
        let bytes = try LogGenerator.sampleFile(records: 250, seed: 5)
        let top = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let records = try #require(top["Records"] as? [[String: Any]])
        #expect(records.count == 250)
        #expect(records.allSatisfy { $0["recipientAccountId"] as? String == GeneratorOptions.defaultAccounts[0] })
        #expect(try LogGenerator.sampleFile(records: 250, seed: 5) == bytes)
        #expect(try LogGenerator.sampleFile(records: 0) == Array(#"{"Records":[]}"#.utf8))
    }

    @Test("invalid options are rejected with a message", arguments: [
        ("accounts", "12345"), ("accounts", "dup"), ("regions", "US-EAST-1"), ("start", "2026-02-30"), ("days", "0"),
        ("events", "-1"), ("org", "o-ABC"), ("level", "0"),
    ])
    func invalidOptions(_ field: String, _ value: String) throws {
        var o = GeneratorOptions(outputDirectory: "/tmp/unused")
        switch field {
        case "accounts": o.accounts = value == "dup" ? ["111122223333", "111122223333"] : [value]
        case "regions": o.regions = [value]
        case "start": o.startDate = value
        case "days": o.days = Int(value)!
        case "events": o.events = Int(value)!
        case "org": o.orgID = value
        default: o.gzipLevel = Int32(value)!
        }
        #expect(throws: GeneratorError.self) { try LogGenerator(options: o) }
    }

    // MARK: Digests

    @Test("digest files chain hourly and hash every log file")
    func digests() throws {
        let c = try GeneratedCorpus.written { o in
            o.events = 800
            o.days = 1
            o.digests = true
            o.regions = ["us-east-1", "eu-west-1"]
        }
        #expect(c.summary.digestFiles == c.digests.count)
        var listed: [String: String] = [:]
        var byStream: [String: [(path: String, json: [UInt8], body: [String: Any])]] = [:]
        for d in c.digests {
            let g = try #require(try captures(digestPathPattern, d.path), "\(d.path)")
            #expect(g[1] == g[6] && g[2] == g[7] && g[2] == g[9])
            #expect(g[3] == g[10] && g[4] == g[11] && g[5] == g[12])
            let body = d.records[0]
            #expect(body["digestS3Object"] as? String == d.path)
            #expect(body["awsAccountId"] as? String == g[1])
            for entry in body["logFiles"] as? [[String: Any]] ?? [] {
                let object = try #require(entry["s3Object"] as? String)
                #expect(listed[object] == nil, "listed twice: \(object)")
                listed[object] = entry["hashValue"] as? String
            }
            byStream["\(g[1]!)/\(g[2]!)", default: []].append((d.path, d.json, body))
        }
        #expect(listed.count == c.files.count)
        for f in c.files {
            #expect(listed[f.path] == String(decoding: SHA256.hex(SHA256.hash(f.json)), as: UTF8.self))
        }
        for (_, chain) in byStream {
            let sorted = chain.sorted { $0.path < $1.path }
            #expect(sorted[0].body["previousDigestHashValue"] is NSNull)
            for (prev, next) in zip(sorted, sorted.dropFirst()) {
                #expect(next.body["previousDigestS3Object"] as? String == prev.path)
                #expect(next.body["previousDigestHashValue"] as? String == String(decoding: SHA256.hex(SHA256.hash(prev.json)), as: UTF8.self))
                #expect(next.body["digestStartTime"] as? String == prev.body["digestEndTime"] as? String)
            }
        }
    }

    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        func hex(_ s: String) -> String { String(decoding: SHA256.hex(SHA256.hash(Array(s.utf8))), as: UTF8.self) }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

@Suite("JSON writing")
struct JSONOutTests {
    @Test("escaped strings survive a JSON round trip")
    func escaping() throws {
        var samples: [String] = ["plain", #"quote " and backslash \ "#, "tab\tnewline\ncr\r", "日本語 – ü 😀", "/path/[$LATEST]"]
        samples.append(String(decoding: (0..<32).map { UInt8($0) }, as: UTF8.self))
        for s in samples {
            var o = JSONOut(capacity: 64)
            o.raw("[")
            o.quoted(Array(s.utf8))
            o.raw("]")
            let parsed = try JSONSerialization.jsonObject(with: Data(o.bytes)) as? [String]
            #expect(parsed == [s])
        }
    }

    @Test("numbers, times and ids are formatted as CloudTrail writes them")
    func formatting() {
        var o = JSONOut(capacity: 64)
        o.int(-1234)
        o.raw(" ")
        o.int(Int.min)
        o.raw(" ")
        o.isoTime(CivilTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 58).epochSeconds)
        o.raw(" ")
        o.stsTime(CivilTime(year: 2026, month: 11, day: 1, hour: 0, minute: 2, second: 57).epochSeconds)
        o.raw(" ")
        o.stsTime(CivilTime(year: 2026, month: 11, day: 1, hour: 13, minute: 5, second: 7).epochSeconds)
        #expect(String(decoding: o.bytes, as: UTF8.self)
            == "-1234 -9223372036854775808 2024-02-29T23:59:58Z Nov 1, 2026, 12:02:57 AM Nov 1, 2026, 1:05:07 PM")
        #expect(CivilTime.parseDate("2026-11-01") == CivilTime(year: 2026, month: 11, day: 1))
        #expect(CivilTime.parseDate("2025-02-29") == nil)
        #expect(CivilTime(epochSeconds: 0) == CivilTime(year: 1970, month: 1, day: 1))
    }

    @Test("random streams are reproducible and independent")
    func randomStreams() {
        var a = TrailRandom(seed: 9, 1, 2)
        var b = TrailRandom(seed: 9, 1, 2)
        var c = TrailRandom(seed: 9, 2, 1)
        let xa = (0..<8).map { _ in a.next() }
        #expect(xa == (0..<8).map { _ in b.next() })
        #expect(xa != (0..<8).map { _ in c.next() })
        var r = TrailRandom(seed: 1)
        var hits = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 { hits[r.below(10)] += 1 }
        #expect(hits.allSatisfy { (850...1150).contains($0) })
    }
}
