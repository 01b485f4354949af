import Synchronization

/// Credentials resolved once and shared by every request, re-resolved when they expire within five minutes,
/// so a long query never signs with credentials about to lapse. Thread-safe: one thread refreshes while the
/// others wait for its result.
///
///     let cache = CredentialsCache(settings: settings)
///     let client = S3Client(settings: settings.s3Settings(), credentials: { () throws(CredentialsError) in
///         try cache.credentials()
///     })
public final class CredentialsCache: Sendable {
    /// Credentials expiring within this many seconds are refreshed before use.
    public static let refreshWindowSeconds: Int64 = 300
    /// After a failed refresh, credentials still valid this long keep being used…
    static let graceSeconds: Int64 = 60
    /// …and the next refresh waits this long, so a down STS does not slow every request.
    static let retryDelaySeconds: Int64 = 30

    private struct State {
        var credentials: AWSCredentials?
        var nextRefreshAttempt: Int64 = .min
    }

    private let state = Mutex(State())
    private let resolve: @Sendable () throws(CredentialsError) -> AWSCredentials
    private let clock: @Sendable () -> Int64

    /// - Parameters:
    ///   - clock: seconds since the epoch.
    ///   - resolve: finds fresh credentials; called on first use and when the cached ones near expiry.
    public init(clock: @escaping @Sendable () -> Int64 = WallClock.epochSeconds,
                resolve: @escaping @Sendable () throws(CredentialsError) -> AWSCredentials)
    {
        self.clock = clock
        self.resolve = resolve
    }

    /// Resolves with `CredentialChain` for `settings`.
    public convenience init(settings: AWSProfileSettings, transport: any HTTPTransport = CurlTransport()) {
        self.init { () throws(CredentialsError) -> AWSCredentials in
            try CredentialChain.resolve(settings: settings, transport: transport)
        }
    }

    /// Cached credentials while they stay valid beyond the refresh window, fresh ones otherwise.
    public func credentials() throws(CredentialsError) -> AWSCredentials {
        try state.withLock { (state: inout State) throws(CredentialsError) -> AWSCredentials in
            let now = clock()
            if let cached = state.credentials, !Self.needsRefresh(cached, now: now) { return cached }
            if let cached = state.credentials, now < state.nextRefreshAttempt, Self.isUsable(cached, now: now) {
                return cached
            }
            do throws(CredentialsError) {
                let fresh = try resolve()
                state.credentials = fresh
                return fresh
            } catch {
                state.nextRefreshAttempt = now + Self.retryDelaySeconds
                if let cached = state.credentials, Self.isUsable(cached, now: now) { return cached }
                throw error
            }
        }
    }

    /// Forgets the cached credentials, e.g. after a service rejected them as expired.
    public func invalidate() {
        state.withLock { $0 = State() }
    }

    /// Forgets the cached credentials if they are still `credentials`: of many requests refused with the same
    /// expired credentials, the first makes the next use resolve fresh ones and the others keep those.
    public func invalidate(ifStill credentials: AWSCredentials) {
        state.withLock { state in
            if state.credentials == credentials { state = State() }
        }
    }

    static func needsRefresh(_ credentials: AWSCredentials, now: Int64) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration - now <= refreshWindowSeconds
    }

    private static func isUsable(_ credentials: AWSCredentials, now: Int64) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return expiration - now > graceSeconds
    }
}
