/// Where and how to reach S3: resolved from `--region`, `--endpoint-url`, the environment and the profile.
public struct S3Settings: Sendable {
    public enum AddressingStyle: String, Sendable {
        /// Virtual-hosted for AWS endpoints when the bucket name allows it, path-style for custom endpoints.
        case auto
        /// `https://endpoint/bucket/key` (S3-compatible stores, buckets with dots).
        case path
        /// `https://bucket.endpoint/key`.
        case virtual
    }

    /// The region to sign for. Nil: us-east-1 until a bucket's own region is learnt from S3's answer.
    public var region: String?
    /// An S3-compatible endpoint (`http://127.0.0.1:9000`), replacing `https://s3.<region>.amazonaws.com`.
    public var endpointURL: String?
    public var addressingStyle: AddressingStyle
    /// Requests in flight at most (listing and reading objects).
    public var concurrency: Int
    /// Tries per request, the first included (throttling, 5xx, resets, timeouts, truncated bodies).
    public var maxAttempts: Int
    public var requestTimeoutSeconds: Int
    /// First backoff step in seconds; each retry waits a random time up to base·2^attempt (full jitter).
    public var backoffBaseSeconds: Double
    public var backoffCapSeconds: Double
    /// Keys per listing page (`max-keys`); nil: S3's default of 1,000.
    public var listPageSize: Int?

    /// `--s3-concurrency`'s default: S3 answers a small GET in ~10-30 ms, so many small objects need many
    /// requests in flight (README: 32 → 64 halved a 20 ms-per-request run over 25k objects).
    public static let defaultConcurrency = 64
    /// `--s3-max-attempts`'s default.
    public static let defaultMaxAttempts = 5

    public init(region: String? = nil, endpointURL: String? = nil, addressingStyle: AddressingStyle = .auto,
                concurrency: Int = defaultConcurrency, maxAttempts: Int = defaultMaxAttempts, requestTimeoutSeconds: Int = 60,
                backoffBaseSeconds: Double = 0.1, backoffCapSeconds: Double = 20, listPageSize: Int? = nil) {
        self.listPageSize = listPageSize
        self.region = region
        self.endpointURL = endpointURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.addressingStyle = addressingStyle
        self.concurrency = max(1, concurrency)
        self.maxAttempts = max(1, maxAttempts)
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.backoffBaseSeconds = backoffBaseSeconds
        self.backoffCapSeconds = backoffCapSeconds
    }

    /// The base URL and whether the bucket goes in the path, for `bucket` in `region`.
    func base(bucket: String, region: String) -> (url: String, pathStyle: Bool) {
        let pathStyle: Bool
        switch addressingStyle {
        case .path: pathStyle = true
        case .virtual: pathStyle = false
        // Custom endpoints are usually one host (no wildcard DNS); AWS wants virtual hosts, which a bucket name
        // with dots or capitals cannot be under TLS.
        case .auto: pathStyle = endpointURL != nil || !S3Settings.isVirtualHostable(bucket)
        }
        let endpoint = endpointURL ?? "https://s3.\(region).amazonaws.com"
        if pathStyle { return (endpoint, true) }
        for scheme in ["https://", "http://"] where endpoint.hasPrefix(scheme) {
            return (scheme + bucket + "." + endpoint.dropFirst(scheme.count), false)
        }
        return (endpoint, true)
    }

    static func isVirtualHostable(_ bucket: String) -> Bool {
        bucket.utf8.count >= 3 && bucket.utf8.count <= 63
            && bucket.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
