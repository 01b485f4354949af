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

    /// `days` day folders of logs (and of Insights) in one region, two files each, beside a loose file.
    func makeDays(_ days: Int) throws -> URL {
        let root = try Fixtures.makeTemporaryDirectory("discovery-days")
        var files = ["AWSLogs/111122223333/a-loose.json", "zz-loose/events.json"]
        for day in 1...days {
            let dd = day < 10 ? "0\(day)" : "\(day)"
            for kind in ["CloudTrail", "CloudTrail-Insight"] {
                for unique in ["a", "b"] {
                    files.append("AWSLogs/111122223333/\(kind)/us-east-1/2024/01/\(dd)/111122223333_\(kind)_us-east-1_202401\(dd)T0005Z_\(unique).json.gz")
                }
            }
        }
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: url)
        }
        return root
    }

    /// The files and skips of `discovery` with every deferred folder listed in its place.
    func listedInPlace(_ discovery: Discovery) -> (files: [String], skipped: Set<String>) {
        var files: [String] = []
        var skipped = Set(discovery.skipped.map(\.path))
        var next = 0
        for folder in discovery.deferred {
            files += discovery.files[next..<folder.position].map(\.path)
            let listed = LocalDiscovery.discover(deferred: folder)
            files += listed.files.map(\.path)
            skipped.formUnion(listed.skipped.map(\.path))
            next = folder.position
        }
        files += discovery.files[next...].map(\.path)
        return (files, skipped)
    }

    @Test("many day folders are left for the scan to list, and listing them in place gives the same files in the same order")
    func deferredDays() throws {
        let root = try makeDays(10)
        defer { Fixtures.cleanUp(root) }
        let eager = try LocalDiscovery.discover([root.path])
        let deferred = try LocalDiscovery.discover([root.path], defersDays: true)
        // Ten log day folders and ten Insights day folders; only the two loose files were listed.
        #expect(deferred.deferred.count == 20)
        #expect(deferred.files.map(\.name) == ["a-loose.json", "events.json"])
        #expect(deferred.deferred.allSatisfy { !$0.readsInsights })
        let inPlace = listedInPlace(deferred)
        #expect(eager.files.count == 22)
        #expect(inPlace.files == eager.files.map(\.path))
        #expect(inPlace.skipped == Set(eager.skipped.map(\.path)))
        #expect(inPlace.skipped.count == 20)  // the Insights files, skipped by the workers' listings too
    }

    @Test("a few day folders are listed at once, so their files can be shared out between workers")
    func fewDaysAreListed() throws {
        let root = try makeDays(3)
        defer { Fixtures.cleanUp(root) }
        let eager = try LocalDiscovery.discover([root.path])
        let deferred = try LocalDiscovery.discover([root.path], defersDays: true)
        #expect(deferred.deferred.isEmpty)
        #expect(deferred.files.map(\.path) == eager.files.map(\.path))
    }

    @Test("deferred folders under a CloudTrail-Insight source read their Insights files")
    func deferredInsights() throws {
        let root = try makeDays(9)
        defer { Fixtures.cleanUp(root) }
        let source = root.appendingPathComponent("AWSLogs/111122223333/CloudTrail-Insight").path
        let deferred = try LocalDiscovery.discover([source], defersDays: true)
        #expect(deferred.deferred.count == 9)
        #expect(deferred.deferred.allSatisfy { $0.readsInsights })
        #expect(listedInPlace(deferred).files.count == 18)
    }
}
