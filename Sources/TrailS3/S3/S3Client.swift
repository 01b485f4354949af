#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import TrailBase

/// Where a request's credentials come from; called per request, so a refreshing source keeps a long query
/// signed with live credentials.
public typealias CredentialsSource = @Sendable () throws(CredentialsError) -> AWSCredentials

/// The S3 requests trailsql makes (ListObjectsV2, GetObject): signed with SigV4, retried with backoff and jitter
/// on throttling, 5xx, broken connections and truncated bodies, sent to the bucket's own region once S3
/// names it, and signed with S3's time once S3 says this machine's clock is off. Thread-safe: one client serves
/// every listing and fetching thread.
public final class S3Client: Sendable {
    public let settings: S3Settings
    let transport: HTTPTransport
    let credentials: CredentialsSource
    /// Regions S3 named for buckets (a 301 or `x-amz-bucket-region`), so later requests go there directly.
    let bucketRegions = Mutex<[String: String]>([:])
    /// The day's signing key, derived once for all this client's requests.
    let signingKeys = SigningKeyCache()
    /// This machine's time, in seconds since the epoch; requests are signed with it plus
    /// `counters.clockCorrectionSeconds`.
    let clock: @Sendable () -> Int64
    /// Counters for statistics and tests, and the clock correction requests are signed with.
    public let counters = Counters()
    /// Slots for requests on the wire, `settings.concurrency` of them: the walk's listing threads, the scan
    /// workers' day listings and the fetch threads all send through this client, so together they never exceed
    /// `--s3-concurrency`. A request holds its slot only while it is sent and answered, never during a backoff.
    let wire: DispatchSemaphore

    public final class Counters: Sendable {
        let lists = Atomic<Int>(0)
        let gets = Atomic<Int>(0)
        let retries = Atomic<Int>(0)
        let bytes = Atomic<Int>(0)
        let skew = Atomic<Int64>(0)
        public var listRequests: Int { lists.load(ordering: .relaxed) }
        public var getRequests: Int { gets.load(ordering: .relaxed) }
        public var retriedRequests: Int { retries.load(ordering: .relaxed) }
        public var bytesReceived: Int { bytes.load(ordering: .relaxed) }
        /// Seconds to add to this machine's clock to get S3's (negative: ours is ahead): learnt from S3's answer to
        /// a request it found too far from its own time (`RequestTimeTooSkewed`), the way the AWS SDKs correct
        /// clock skew, so one refusal corrects every later request of the query; 0 if S3 never refused one.
        public var clockCorrectionSeconds: Int64 { skew.load(ordering: .relaxed) }
    }

    /// Told which temporary credentials S3 refused as expired, so their source drops them (nil: none to drop).
    let credentialsExpired: (@Sendable (AWSCredentials) -> Void)?

    /// - Parameter credentialsExpired: called when S3 refuses temporary credentials (ones with an expiration) as
    ///   expired before their time here — this machine's clock is behind their issuer's, or they were revoked —
    ///   so that the request can be signed again, once, with fresh ones (`CredentialsCache.invalidate(ifStill:)`).
    public init(settings: S3Settings, credentials: @escaping CredentialsSource, transport: HTTPTransport = CurlTransport(),
                clock: @escaping @Sendable () -> Int64 = WallClock.epochSeconds,
                credentialsExpired: (@Sendable (AWSCredentials) -> Void)? = nil) {
        self.settings = settings
        self.credentials = credentials
        self.credentialsExpired = credentialsExpired
        self.transport = transport
        self.clock = clock
        wire = DispatchSemaphore(value: settings.concurrency)
    }

    /// The region requests for `bucket` are signed for.
    public func region(of bucket: String) -> String {
        bucketRegions.withLock { $0[bucket] } ?? settings.region ?? "us-east-1"
    }

    // MARK: - Operations

    /// One page of `ListObjectsV2` (keys arrive URL-encoded and are decoded here).
    public func listObjects(bucket: String, prefix: String, delimiter: String? = "/", continuationToken: String? = nil,
                            maxKeys: Int? = nil) throws(S3Error) -> ListPage {
        var query = [("list-type", "2"), ("prefix", prefix), ("encoding-type", "url")]
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        let response = try send(.list, bucket: bucket, key: nil, query: query, reportKey: prefix)
        do throws(XMLError) {
            return try ListPage(xml: response.body)
        } catch {
            throw S3Error(operation: .list, bucket: bucket, key: prefix, status: response.status,
                          message: "unreadable ListObjectsV2 answer: \(error)")
        }
    }

    /// An object's bytes, checked whole against Content-Length (a short body is retried).
    public func getObject(bucket: String, key: String) throws(S3Error) -> [UInt8] {
        try send(.get, bucket: bucket, key: key, query: [], reportKey: key).body
    }

    // MARK: - Sending

    func send(_ operation: S3Error.Operation, bucket: String, key: String?, query: [(String, String)], reportKey: String)
        throws(S3Error) -> HTTPResponse
    {
        var attempt = 0
        var redirects = 0
        var skewCorrected = false
        var credentialsRefreshed = false
        var credentialSource: String?
        while true {
            attempt += 1
            let failure: S3Error
            do throws(S3Error) {
                let signing: AWSCredentials
                do throws(CredentialsError) {
                    signing = try credentials()
                } catch {
                    throw S3Error(operation: operation, bucket: bucket, key: reportKey, status: 0, credentials: error)
                }
                credentialSource = signing.source
                let region = region(of: bucket)
                var request = makeRequest(bucket: bucket, key: key, query: query, region: region)
                let signedAt = clock() + counters.clockCorrectionSeconds
                SigV4Signer(credentials: signing, region: region, service: "s3", keys: signingKeys)
                    .sign(&request, epochSeconds: signedAt, payloadHash: Digest.emptySHA256Hex)
                switch operation {
                case .list: counters.lists.add(1, ordering: .relaxed)
                case .get: counters.gets.add(1, ordering: .relaxed)
                }
                let response: HTTPResponse
                wire.wait()
                defer { wire.signal() }
                do throws(HTTPError) {
                    response = try transport.send(request)
                } catch {
                    throw S3Error(operation: operation, bucket: bucket, key: reportKey, status: 0, transport: error)
                }
                counters.bytes.add(response.body.count, ordering: .relaxed)
                if (200..<300).contains(response.status) {
                    if let length = response.header("content-length").flatMap(Int.init), length != response.body.count,
                        operation == .get
                    {
                        throw S3Error(operation: operation, bucket: bucket, key: reportKey, status: response.status,
                                      transport: HTTPError(kind: .interrupted, url: "s3://\(bucket)/\(reportKey)",
                                                           message: "truncated body: \(response.body.count) of \(length) bytes"))
                    }
                    return response
                }
                var error = S3Error(operation: operation, bucket: bucket, key: reportKey, status: response.status)
                let details = ErrorDetails(response)
                error.code = details.code
                // A HEAD, or some S3-compatible stores, answer with no error body: say so rather than guess a code.
                error.message = details.message ?? (response.body.isEmpty ? "(no error body)" : nil)
                error.requestID = details.requestID
                // The bucket lives elsewhere: S3 names the region in a header or the error body.
                if let named = details.region, named != region, redirects < 2,
                    [301, 307, 400].contains(response.status)
                {
                    bucketRegions.withLock { $0[bucket] = named }
                    redirects += 1
                    attempt -= 1
                    continue
                }
                // Temporary credentials S3 says expired, though they had time left here: fresh ones, once.
                if !credentialsRefreshed, let credentialsExpired, signing.expiration != nil, let code = details.code,
                    Self.expiredCredentialsCodes.contains(code)
                {
                    credentialsExpired(signing)
                    counters.retries.add(1, ordering: .relaxed)
                    credentialsRefreshed = true
                    attempt -= 1
                    continue
                }
                // S3 found the request's time too far from its own: sign again, once, with the time S3 gave.
                if !skewCorrected, let code = details.code, Self.clockSkewCodes.contains(code),
                    let serverTime = details.serverTime, abs(serverTime - signedAt) >= Self.skewWorthCorrecting
                {
                    counters.skew.store(serverTime - clock(), ordering: .relaxed)
                    counters.retries.add(1, ordering: .relaxed)
                    skewCorrected = true
                    attempt -= 1
                    continue
                }
                throw error
            } catch {
                failure = error
            }
            var final = failure
            final.attempts = attempt
            final.credentialSource = credentialSource
            guard failure.isTransient, failure.credentials == nil, attempt < settings.maxAttempts else { throw final }
            counters.retries.add(1, ordering: .relaxed)
            Self.sleep(seconds: backoff(attempt: attempt))
        }
    }

    /// S3's codes for session credentials past their expiration.
    static let expiredCredentialsCodes: Set<String> = ["ExpiredToken", "TokenRefreshRequired"]

    /// S3's codes for a request signed too far from its time (S3 allows 15 minutes).
    static let clockSkewCodes: Set<String> = ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"]
    /// Below this S3's time is not trusted over ours: the answer took that long, or the codes meant something else.
    static let skewWorthCorrecting: Int64 = 60

    /// Full jitter: a random wait up to base·2^(attempt−1), capped (AWS's recommended backoff).
    func backoff(attempt: Int) -> Double {
        let ceiling = min(settings.backoffCapSeconds, settings.backoffBaseSeconds * Double(1 << min(attempt - 1, 20)))
        return Double.random(in: 0...ceiling)
    }

    func makeRequest(bucket: String, key: String?, query: [(String, String)], region: String) -> HTTPRequest {
        let (base, pathStyle) = settings.base(bucket: bucket, region: region)
        var path = pathStyle ? "/" + URIEncoding.encode(bucket) : ""
        path += "/" + (key.map { URIEncoding.encode($0, encodesSlash: false) } ?? "")
        var url = base + path
        if !query.isEmpty {
            url += "?" + query.map { URIEncoding.encode($0.0) + "=" + URIEncoding.encode($0.1) }.joined(separator: "&")
        }
        return HTTPRequest(method: "GET", url: url, timeoutSeconds: settings.requestTimeoutSeconds)
    }

    static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
