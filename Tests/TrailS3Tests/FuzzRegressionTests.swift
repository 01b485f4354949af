import Foundation
import Testing
import TrailTestSupport
@testable import TrailS3

/// Inputs Fuzz/XML crashed on: each must now parse or fail cleanly.
@Suite struct XMLFuzzRegressionTests {
    @Test func savedCrashInputsNoLongerCrash() throws {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/fuzz/xml")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!files.isEmpty)
        for name in files {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            _ = try? XMLTree.parse(bytes)
            let page = try? ListPage.parse(bytes)
            if name == "timestamp-past-2262.xml" {
                // The page reads; the object's out-of-range LastModified becomes 0 (unknown), not a trap.
                #expect(page?.objects.first?.lastModified == 0)
            }
        }
    }
}
