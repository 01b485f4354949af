import Foundation
import Synchronization
import Testing
@testable import TrailS3

@Suite struct CredentialsCacheTests {
    /// A clock the test moves, and a resolver that counts its calls and can be made to fail.
    final class Harness: Sendable {
        let now = Atomic<Int64>(1_000_000)
        let calls = Atomic<Int>(0)
        let failing = Atomic<Bool>(false)
        let lifetime: Int64?

        init(lifetime: Int64? = 3600) { self.lifetime = lifetime }

        func makeCache() -> CredentialsCache {
            CredentialsCache(clock: { self.now.load(ordering: .relaxed) }) { () throws(CredentialsError) in
                let call = self.calls.add(1, ordering: .relaxed).newValue
                if self.failing.load(ordering: .relaxed) { throw CredentialsError("STS is down") }
                return AWSCredentials(
                    accessKeyID: "ASIA\(call)", secretAccessKey: "s",
                    expiration: self.lifetime.map { self.now.load(ordering: .relaxed) + $0 }, source: "test")
            }
        }

        func advance(_ seconds: Int64) { now.add(seconds, ordering: .relaxed) }
    }

    @Test("credentials are reused until they expire within five minutes, then resolved again")
    func refreshesBeforeExpiry() throws {
        let harness = Harness()
        let cache = harness.makeCache()
        #expect(try cache.credentials().accessKeyID == "ASIA1")
        harness.advance(3600 - 301)
        #expect(try cache.credentials().accessKeyID == "ASIA1")
        harness.advance(1)
        #expect(try cache.credentials().accessKeyID == "ASIA2")
        #expect(harness.calls.load(ordering: .relaxed) == 2)
    }

    @Test("credentials without an expiration are resolved once")
    func permanentCredentials() throws {
        let harness = Harness(lifetime: nil)
        let cache = harness.makeCache()
        for _ in 0..<3 {
            _ = try cache.credentials()
            harness.advance(100_000)
        }
        #expect(harness.calls.load(ordering: .relaxed) == 1)
    }

    @Test("a failed refresh keeps still-valid credentials, retries later, and fails once they lapse")
    func failedRefresh() throws {
        let harness = Harness()
        let cache = harness.makeCache()
        _ = try cache.credentials()
        harness.failing.store(true, ordering: .relaxed)
        harness.advance(3600 - 200)
        #expect(try cache.credentials().accessKeyID == "ASIA1")
        #expect(try cache.credentials().accessKeyID == "ASIA1")
        #expect(harness.calls.load(ordering: .relaxed) == 2, "no new attempt within 30 s of a failure")
        harness.advance(31)
        _ = try cache.credentials()
        #expect(harness.calls.load(ordering: .relaxed) == 3)
        harness.advance(120)  // 49 s left: too close to expiry to keep using
        #expect(throws: CredentialsError.self) { try cache.credentials() }
    }

    @Test("concurrent callers share one resolution")
    func concurrentCallers() throws {
        let harness = Harness()
        let cache = harness.makeCache()
        DispatchQueue.concurrentPerform(iterations: 64) { _ in _ = try? cache.credentials() }
        #expect(harness.calls.load(ordering: .relaxed) == 1)
        cache.invalidate()
        _ = try cache.credentials()
        #expect(harness.calls.load(ordering: .relaxed) == 2)
    }
}
