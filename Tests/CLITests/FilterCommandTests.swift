import Foundation
import Testing
import TrailSource
import TrailTestSupport

@Suite("trailsql filter, as a user runs it")
struct FilterCommandTests {
    static let failedLogins = #"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#

    @Test("README's first command: the failed-login alarm over the bundled sample")
    func readmeDemo() throws {
        let output = try CommandRunner.run(["filter", Self.failedLogins])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(event?["eventName"] as? String == "ConsoleLogin")
            #expect(event?["errorMessage"] as? String == "Failed authentication")
        }
        #expect(output.stderr.contains("files read"))
        #expect(output.stderr.contains("5 matched"))
        #expect(!output.stderr.contains("failed"))
    }

    @Test("a bad pattern shows the code, line:column and a caret, and exits 1")
    func badPattern() throws {
        let output = try CommandRunner.run(["filter", "{ $.eventName = }"])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("error[E_FILTER_"))
        #expect(output.stderr.contains("pattern:1:17"))
        #expect(output.stderr.contains("{ $.eventName = }"))
        #expect(output.stderr.contains("^"))
    }

    @Test("a source that does not exist is an error naming it")
    func missingSource() throws {
        let output = try CommandRunner.run(["filter", "ERROR", "--logs", "/no/such/folder"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("/no/such/folder"))
    }

    @Test("bad files are listed with path and byte offset; --strict makes them an error")
    func badFiles() throws {
        let folder = try Fixtures.makeTemporaryDirectory("cli-bad")
        defer { Fixtures.cleanUp(folder) }
        let good = Array(#"{"Records":[{"eventName":"ConsoleLogin","errorMessage":"Failed authentication"}]}"#.utf8)
        try Data(GzipWriter.compress(good)).write(to: folder.appendingPathComponent("a-good.json.gz"))
        let gz = GzipWriter.compress(Array(String(repeating: #"{"eventName":"X","n":"\#(UUID())"},"#, count: 500).utf8))
        try Data(gz.prefix(gz.count / 2)).write(to: folder.appendingPathComponent("b-truncated.json.gz"))
        try Data(#"{"Records":[{"eventName":"ConsoleLogin",}]}"#.utf8).write(to: folder.appendingPathComponent("c-invalid.json"))
        try Data("hello".utf8).write(to: folder.appendingPathComponent("d-not-json.txt"))
        try Data("{\"eventName\":\"A\"}\n{oops}\n".utf8).write(to: folder.appendingPathComponent("e-lines.json"))

        let lenient = try CommandRunner.run(["filter", Self.failedLogins, "--logs", folder.path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.split(separator: "\n").count == 1)
        #expect(lenient.stderr.contains("3 failed"))
        #expect(lenient.stderr.contains("1 bad record skipped"))
        #expect(lenient.stderr.contains("b-truncated.json.gz: byte \(gz.count / 2): truncated gzip stream"))
        #expect(lenient.stderr.contains("c-invalid.json: byte 40: invalid JSON at byte 40: expected a string key"))
        #expect(lenient.stderr.contains("d-not-json.txt: byte 0: not a CloudTrail log"))
        #expect(lenient.stderr.contains("e-lines.json: byte 19"))

        let strict = try CommandRunner.run(["filter", Self.failedLogins, "--logs", folder.path, "--strict", "--workers", "1"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("--strict"))
    }

    @Test("--quiet prints no statistics when nothing failed")
    func quiet() throws {
        let output = try CommandRunner.run(["filter", Self.failedLogins, "--quiet"])
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
    }

    @Test("an unknown option is a usage error (64)")
    func usage() throws {
        let output = try CommandRunner.run(["filter", "x", "--no-such-option"])
        #expect(output.status == 64)
    }
}

@Suite("trailsql describe and generate")
struct OtherCommandTests {
    @Test("describe lists Athena's columns and types, then the partitions")
    func describe() throws {
        let output = try CommandRunner.run(["describe"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(lines.first.map { Array($0.prefix(2)) } == ["eventversion", "varchar"])
        #expect(output.stdout.contains("resources                     array(row(arn varchar, accountid varchar, type varchar))"))
        #expect(output.stdout.contains("$path"))
        #expect(output.stdout.contains("(partition: from the file's path)"))
    }

    @Test("generate writes logs that filter then reads, and keeps stdout empty")
    func generate() throws {
        let folder = try Fixtures.makeTemporaryDirectory("cli-generate")
        defer { Fixtures.cleanUp(folder) }
        let generated = try CommandRunner.run(["generate", "--out", folder.path, "--events", "500", "--seed", "3"])
        #expect(generated.status == 0)
        #expect(generated.stdout.isEmpty)
        let all = try CommandRunner.run(["filter", "", "--logs", folder.path])
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == 500)
    }
}

@Suite("trailsql filter --verbose")
struct VerboseTests {
    @Test("--verbose lists every skipped file with its reason")
    func verbose() throws {
        let folder = try Fixtures.makeTemporaryDirectory("cli-verbose")
        defer { Fixtures.cleanUp(folder) }
        let digest = folder.appendingPathComponent(
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240102T000512Z.json.gz")
        try FileManager.default.createDirectory(at: digest.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: digest)
        try Data(#"{"digestStartTime":"2024-01-02T00:00:00Z","logFiles":[]}"#.utf8).write(to: folder.appendingPathComponent("by-content.json"))
        try Data(#"{"Records":[]}"#.utf8).write(to: folder.appendingPathComponent(".hidden.json"))
        let output = try CommandRunner.run(["filter", "x", "--logs", folder.path, "--verbose"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("3 skipped (2 digest, 1 hidden)"))
        #expect(output.stderr.contains("by-content.json: CloudTrail digest file (read by validate)"))
        #expect(output.stderr.contains("_CloudTrail-Digest_us-east-1_t_us-east-1_20240102T000512Z.json.gz: CloudTrail digest file"))
        #expect(output.stderr.contains(".hidden.json: hidden file"))
    }
}
