import TrailSource

/// A request S3 refused or that could not be completed, with what a user needs to fix it.
public struct S3Error: Error, Sendable, CustomStringConvertible {
    public enum Operation: String, Sendable {
        case list = "ListObjectsV2"
        case get = "GetObject"
    }

    public var operation: Operation
    public var bucket: String
    public var key: String?
    /// HTTP status (0: no response — see `transport`).
    public var status: Int
    /// S3's error code (`AccessDenied`, `NoSuchBucket`, `SlowDown`, …), when the body had one.
    public var code: String?
    public var message: String?
    public var requestID: String?
    public var transport: HTTPError?
    public var credentials: CredentialsError?
    /// How many times the request was sent.
    public var attempts: Int
    /// Where the credentials came from (never the secret), for credential errors.
    public var credentialSource: String?
    /// True when the same bucket could be listed: a 403 on GetObject then points at object ownership or KMS.
    public var listingWorked = false

    public init(operation: Operation, bucket: String, key: String?, status: Int, code: String? = nil, message: String? = nil,
                requestID: String? = nil, transport: HTTPError? = nil, credentials: CredentialsError? = nil, attempts: Int = 1,
                credentialSource: String? = nil) {
        self.operation = operation
        self.bucket = bucket
        self.key = key
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
        self.transport = transport
        self.credentials = credentials
        self.attempts = attempts
        self.credentialSource = credentialSource
    }

    /// `s3://bucket/key` (or the prefix listed).
    public var location: String { "s3://\(bucket)/\(key ?? "")" }

    /// Worth retrying: throttling, server errors and broken connections. Not a skewed clock: ``S3Client`` signs
    /// once more with S3's time when S3 gives it, and a plain retry would be signed with the same wrong clock.
    public var isTransient: Bool {
        if let transport { return transport.isTransient }
        if status >= 500 { return true }
        return ["SlowDown", "InternalError", "RequestTimeout", "ServiceUnavailable", "Throttling"]
            .contains(code ?? "")
    }

    public var description: String {
        var text = location + ": " + summary
        if let hint { text += " (" + hint + ")" }
        return text
    }

    /// `HTTP 403 AccessDenied: Access Denied` / `connection failed: …` / `no credentials: …`.
    public var summary: String {
        if let credentials { return "no usable AWS credentials: \(credentials.message)" }
        var text: String
        if let transport {
            text = "\(operation.rawValue) failed: \(transport.message)"
        } else {
            text = "\(operation.rawValue): HTTP \(status)"
            if let code { text += " \(code)" }
            if let message, !message.isEmpty { text += ": \(message)" }
        }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }

    /// What to do about it.
    public var hint: String? {
        if let credentials { return credentials.hint }
        if let transport {
            switch transport.kind {
            case .cannotConnect: return "check --endpoint-url / AWS_ENDPOINT_URL, the network and proxy settings"
            case .timedOut: return "the request timed out; retry, or lower --s3-concurrency on a slow link"
            case .tls: return "TLS failed: check the endpoint's certificate (or use http:// for a local S3-compatible store)"
            default: return nil
            }
        }
        let from = credentialSource.map { " (credentials: \($0))" } ?? ""
        switch code {
        case "NoSuchBucket":
            return noSuchBucket
        case "NoSuchKey":
            return "the object was deleted after it was listed"
        case "InvalidAccessKeyId":
            return "S3 does not know this access key\(from); check AWS_ACCESS_KEY_ID or --profile"
        case "SignatureDoesNotMatch":
            return "the secret key does not belong to the access key\(from); check AWS_SECRET_ACCESS_KEY or the profile's aws_secret_access_key"
        case "ExpiredToken", "TokenRefreshRequired", "InvalidToken":
            return "the session credentials\(from) expired; get new ones (aws sso login, a new assume-role or session token)"
        case "RequestTimeTooSkewed":
            return "this machine's clock is more than 15 minutes off S3's; fix the time (NTP). trailsql signs with S3's time instead only when S3's answer gives it"
        case "AuthorizationHeaderMalformed", "PermanentRedirect":
            return "the bucket is in another region; pass --region"
        case "SlowDown":
            return "S3 throttled the requests; lower --s3-concurrency or narrow the query"
        default:
            break
        }
        if status == 403 || code == "AccessDenied" {
            if isKMS {
                return "the object is encrypted with SSE-KMS and your principal may not use the key: allow kms:Decrypt on the trail's KMS key (in the key policy and your IAM policy)"
            }
            if operation == .get {
                if listingWorked {
                    return "the bucket can be listed but this object cannot be read. CloudTrail writes log objects as the CloudTrail service, "
                        + "so a bucket policy alone does not let another account read them: in the bucket's account set S3 Object Ownership "
                        + "to 'Bucket owner enforced' (ACLs disabled) so the bucket owner owns every log object, then grant s3:GetObject on "
                        + "arn:aws:s3:::\(bucket)/AWSLogs/* to your principal; or read with a role in the bucket's account (--profile with role_arn). "
                        + "If the object is SSE-KMS encrypted, also allow kms:Decrypt on its key"
                }
                return "your principal\(from) may not s3:GetObject this object: check IAM and the bucket policy"
            }
            return "your principal\(from) may not s3:ListBucket on \(bucket): check IAM and the bucket policy"
        }
        if status == 301 { return "the bucket is in another region; pass --region" }
        if status == 404 && operation == .list { return noSuchBucket }
        return nil
    }

    private var noSuchBucket: String {
        "the bucket \(bucket) does not exist; check the name, the account, and --endpoint-url for S3-compatible stores"
    }

    /// A KMS refusal: S3 says so in its message (`…kms:Decrypt…`, `…KMS…`).
    public var isKMS: Bool {
        guard let message else { return false }
        return message.contains("kms:") || message.contains("KMS") || message.contains("customer master key")
    }

    /// The error as the sources report it (the file's path, S3's words, a hint).
    public var sourceError: SourceError {
        SourceError(path: location, message: summary, hint: hint)
    }
}
