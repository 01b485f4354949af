import Synchronization

/// The last signing key derived, for signers that share it (one S3 client's requests).
///
/// PERF: the key is four HMACs of the secret, the day, the region and the service; it changes once a day, so
/// deriving it per request was ~3% of trailsql's CPU over 25k small GETs (perf).
public final class SigningKeyCache: Sendable, CustomReflectable {
    private struct Entry {
        var credentials: AWSCredentials
        var scope: String
        var key: Digest.HMACKey
    }

    private let last = Mutex<Entry?>(nil)

    public init() {}

    /// The key for `credentials` and `scope` (`date/region/service`), derived by `derive` when not the last one.
    func key(for credentials: AWSCredentials, scope: String, derive: () -> Digest.HMACKey) -> Digest.HMACKey {
        if let known = last.withLock({ entry in entry.flatMap { $0.credentials == credentials && $0.scope == scope ? $0.key : nil } }) {
            return known
        }
        let key = derive()
        last.withLock { $0 = Entry(credentials: credentials, scope: scope, key: key) }
        return key
    }

    /// Mirrors (`dump`, the debugger) must not walk into the credentials or the key.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}
