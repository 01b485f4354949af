import Foundation
import Testing
import TrailSource
import TrailTestSupport

@Suite("finding log files in folders")
struct LocalDiscoveryTests {
    func makeTree() throws -> URL {
        let root = try Fixtures.makeTemporaryDirectory("discovery")
        let files = [
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/111122223333_CloudTrail_us-east-1_20240102T0005Z_a.json.gz",
            "AWSLogs/o-abcdefghij/222233334444/CloudTrail/eu-west-1/2024/01/02/222233334444_CloudTrail_eu-west-1_20240102T0005Z_b.json.gz",
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240102T000512Z.json.gz",
            "AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/01/02/111122223333_CloudTrail-Insight_us-east-1_20240102T0005Z_c.json.gz",
            ".DS_Store",
            "loose/events.json",
        ]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: url)
        }
        return root
    }

    @Test("every file found is read or skipped with its reason")
    func accounting() throws {
        let root = try makeTree()
        defer { Fixtures.cleanUp(root) }
        let discovery = try LocalDiscovery.discover([root.path])
        #expect(discovery.files.count == 3)
        #expect(discovery.files.map { $0.location.accountID ?? "-" } == ["111122223333", "222233334444", "-"])
        #expect(Set(discovery.skipped.map(\.reason)) == [.digest, .insight, .hidden])
        #expect(discovery.files.count + discovery.skipped.count == 6)
        #expect(discovery.files[1].location.organizationID == "o-abcdefghij")
    }

    @Test("Insights files are read when the source points into their folder")
    func insights() throws {
        let root = try makeTree()
        defer { Fixtures.cleanUp(root) }
        let discovery = try LocalDiscovery.discover([root.appendingPathComponent("AWSLogs/111122223333/CloudTrail-Insight").path])
        #expect(discovery.files.count == 1)
        #expect(discovery.files[0].location.kind == .insight)
    }

    @Test("a source that does not exist is an error naming it")
    func missing() {
        #expect(throws: SourceError.self) { try LocalDiscovery.discover(["/no/such/trail"]) }
        do {
            _ = try LocalDiscovery.discover(["/no/such/trail"])
        } catch {
            #expect(error.description.contains("/no/such/trail"))
        }
    }

    @Test("a file given directly is read even when its name says digest? no: digests are always skipped")
    func explicitFiles() throws {
        let root = try makeTree()
        defer { Fixtures.cleanUp(root) }
        let digest = root.appendingPathComponent(
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240102T000512Z.json.gz")
        let discovery = try LocalDiscovery.discover([digest.path, root.appendingPathComponent("loose/events.json").path])
        #expect(discovery.files.count == 1)
        #expect(discovery.skipped.map(\.reason) == [.digest])
    }
}
