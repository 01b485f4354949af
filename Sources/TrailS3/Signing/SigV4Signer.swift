/// Signs HTTP requests with AWS Signature Version 4 in the Authorization header.
///
///     let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
///     var request = HTTPRequest(method: "GET", url: "https://bucket.s3.us-east-1.amazonaws.com/key")
///     signer.sign(&request, epochSeconds: now)
///
/// The steps are public so tests can hold each against AWS's published vectors: `canonicalRequest`,
/// `stringToSign`, `signature`. The secret key never appears in a description, a mirror or a header.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash that tells S3 the body is not covered by the signature.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    private let credentials: AWSCredentials
    public let region: String
    public let service: String

    private let keys: SigningKeyCache?

    /// - Parameter keys: where signers of the same client keep the day's signing key (nil: derive it each time).
    public init(credentials: AWSCredentials, region: String, service: String, keys: SigningKeyCache? = nil) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.keys = keys
    }

    public var accessKeyID: String { credentials.accessKeyID }

    /// Signs `request` in place: sets `x-amz-date`, `x-amz-security-token` when the credentials carry a session
    /// token (and removes a stale one when they do not), `x-amz-content-sha256` for S3, then `Authorization`.
    /// The Host header is derived from the URL and signed but not added: libcurl sends the same value itself.
    ///
    /// - Parameter payloadHash: nil signs the hex SHA-256 of `request.body`; S3 also takes `UNSIGNED-PAYLOAD`.
    public func sign(_ request: inout HTTPRequest, epochSeconds: Int64, payloadHash: String? = nil) {
        let amzDate = AMZDate.string(epochSeconds: epochSeconds)
        let payloadHash = payloadHash ?? Digest.hex(Digest.sha256(request.body))
        addSigningHeaders(to: &request, amzDate: amzDate, payloadHash: payloadHash)
        let canonical = CanonicalRequest(request, normalizesPath: normalizesPath, payloadHash: payloadHash)
        let day = AMZDate.day(of: amzDate)
        let signature = signature(stringToSign: stringToSign(canonicalRequest: canonical.text, amzDate: amzDate),
                                  date: day)
        request.setHeader(
            "Authorization",
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope(date: day)), "
                + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)")
    }

    /// The canonical request of `request` as `sign` sends it: with the signer's `x-amz-*` headers applied.
    public func canonicalRequest(_ request: HTTPRequest, amzDate: String, payloadHash: String) -> String {
        var request = request
        addSigningHeaders(to: &request, amzDate: amzDate, payloadHash: payloadHash)
        return CanonicalRequest(request, normalizesPath: normalizesPath, payloadHash: payloadHash).text
    }

    public func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        [
            Self.algorithm, amzDate, credentialScope(date: AMZDate.day(of: amzDate)),
            Digest.hex(Digest.sha256(canonicalRequest.utf8)),
        ].joined(separator: "\n")
    }

    /// - Parameter date: `yyyyMMdd`, the day of the credential scope.
    public func signature(stringToSign: String, date: String) -> String {
        Digest.hex(Digest.hmacSHA256(key: signingKey(date: date), message: Array(stringToSign.utf8)))
    }

    /// `date/region/service/aws4_request`.
    public func credentialScope(date: String) -> String { "\(date)/\(region)/\(service)/aws4_request" }

    /// HMAC chain from `"AWS4" + secret` through the date, region, service and `aws4_request`.
    func signingKey(date: String) -> [UInt8] {
        let derive = {
            var key = Array(("AWS4" + credentials.secretAccessKey).utf8)
            for part in [date, region, service, "aws4_request"] {
                key = Digest.hmacSHA256(key: key, message: Array(part.utf8))
            }
            return key
        }
        guard let keys else { return derive() }
        return keys.key(for: credentials, scope: credentialScope(date: date), derive: derive)
    }

    /// S3 signs object keys as sent; every other service signs a normalised, re-encoded path.
    private var normalizesPath: Bool { service != "s3" }

    private func addSigningHeaders(to request: inout HTTPRequest, amzDate: String, payloadHash: String) {
        request.setHeader("x-amz-date", amzDate)
        if let sessionToken = credentials.sessionToken {
            request.setHeader("x-amz-security-token", sessionToken)
        } else {
            request.headers.removeAll { $0.name.lowercased() == "x-amz-security-token" }
        }
        if service == "s3" {
            request.setHeader("x-amz-content-sha256", payloadHash)
        }
    }
}

extension SigV4Signer: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SigV4 signer for \(service) in \(region) with \(credentials)" }
    public var debugDescription: String { description }
    /// Mirrors (`dump`, the debugger) would otherwise walk into the credentials and print the secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["region": region, "service": service, "credentials": credentials.description],
               displayStyle: .struct)
    }
}
