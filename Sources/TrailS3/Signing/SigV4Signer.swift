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
        let scope = credentialScope(date: day)
        let signature = signature(stringToSign: stringToSign(canonicalRequest: canonical.bytes, amzDate: amzDate, scope: scope),
                                  scope: scope)
        var authorization: [UInt8] = []
        authorization.reserveCapacity(Self.algorithm.utf8.count + scope.utf8.count + canonical.signedHeaders.count + 160)
        authorization += Self.algorithm.utf8
        authorization += " Credential=".utf8
        authorization += credentials.accessKeyID.utf8
        authorization.append(UInt8(ascii: "/"))
        authorization += scope.utf8
        authorization += ", SignedHeaders=".utf8
        authorization += canonical.signedHeaders
        authorization += ", Signature=".utf8
        authorization += signature
        request.setHeader("Authorization", String(decoding: authorization, as: UTF8.self))
    }

    /// The canonical request of `request` as `sign` sends it: with the signer's `x-amz-*` headers applied.
    public func canonicalRequest(_ request: HTTPRequest, amzDate: String, payloadHash: String) -> String {
        var request = request
        addSigningHeaders(to: &request, amzDate: amzDate, payloadHash: payloadHash)
        return CanonicalRequest(request, normalizesPath: normalizesPath, payloadHash: payloadHash).text
    }

    public func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        String(decoding: stringToSign(canonicalRequest: Array(canonicalRequest.utf8), amzDate: amzDate,
                                      scope: credentialScope(date: AMZDate.day(of: amzDate))),
               as: UTF8.self)
    }

    /// `algorithm \n amzDate \n scope \n hex(SHA-256(canonical request))`.
    private func stringToSign(canonicalRequest: [UInt8], amzDate: String, scope: String) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(Self.algorithm.utf8.count + amzDate.utf8.count + scope.utf8.count + 67)
        text += Self.algorithm.utf8
        text.append(CanonicalRequest.newline)
        text += amzDate.utf8
        text.append(CanonicalRequest.newline)
        text += scope.utf8
        text.append(CanonicalRequest.newline)
        Digest.appendHex(Digest.sha256(canonicalRequest), to: &text)
        return text
    }

    /// - Parameter date: `yyyyMMdd`, the day of the credential scope.
    public func signature(stringToSign: String, date: String) -> String {
        String(decoding: signature(stringToSign: Array(stringToSign.utf8), scope: credentialScope(date: date)),
               as: UTF8.self)
    }

    /// The lowercase hex HMAC of the string to sign under the scope's signing key.
    private func signature(stringToSign: [UInt8], scope: String) -> [UInt8] {
        var hex: [UInt8] = []
        hex.reserveCapacity(Digest.sha256Length * 2)
        Digest.appendHex(signingKey(scope: scope).authenticate(stringToSign), to: &hex)
        return hex
    }

    /// `date/region/service/aws4_request`.
    public func credentialScope(date: String) -> String { "\(date)/\(region)/\(service)/aws4_request" }

    /// HMAC chain from `"AWS4" + secret` through the scope's date, region, service and `aws4_request`.
    ///
    /// - Parameter scope: `credentialScope(date:)`.
    private func signingKey(scope: String) -> Digest.HMACKey {
        let derive = {
            var key = Array(("AWS4" + credentials.secretAccessKey).utf8)
            for part in scope.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
                key = Digest.hmacSHA256(key: key, message: Array(part))
            }
            return Digest.HMACKey(key)
        }
        guard let keys else { return derive() }
        return keys.key(for: credentials, scope: scope, derive: derive)
    }

    /// S3 signs object keys as sent; every other service signs a normalised, re-encoded path.
    private var normalizesPath: Bool { service != "s3" }

    private func addSigningHeaders(to request: inout HTTPRequest, amzDate: String, payloadHash: String) {
        request.setHeader("x-amz-date", amzDate)
        if let sessionToken = credentials.sessionToken {
            request.setHeader("x-amz-security-token", sessionToken)
        } else {
            request.headers.removeAll { $0.isNamed("x-amz-security-token") }
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
