import Foundation
import TrailBase

/// The JSON object that credential_process, the container endpoint and instance metadata answer with, reduced
/// to its string and integer members (`AccessKeyId`, `SecretAccessKey`, `Token`/`SessionToken`, `Expiration`,
/// `Version`, `Code`, `Message`).
struct CredentialDocument {
    var strings: [String: String] = [:]
    var integers: [String: Int] = [:]

    /// Nil when the bytes are not a JSON object.
    init?(json bytes: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return nil
        }
        for (key, value) in object {
            if let text = value as? String {
                strings[key] = text
            } else if let number = value as? Int {
                // Like botocore (Python), where `Version: 1.0` and `true` also equal 1.
                integers[key] = number
            }
        }
    }

    /// The credentials the document holds.
    /// - Parameters:
    ///   - tokenKey: `Token` (container, instance metadata) or `SessionToken` (credential_process).
    ///   - origin: names the source in errors, e.g. `credential_process of profile dev`.
    ///   - answer: the HTTP answer that carried the document, whose `Date` is the issuer's time (nil for a process).
    ///     The expiration is in the issuer's time too, and the credentials cache compares it with this machine's:
    ///     when the two clocks differ by a minute or more, the expiration moves by the difference, as `STSClient`
    ///     moves STS's.
    func credentials(tokenKey: String, source: String, origin: String, answer: HTTPResponse? = nil)
        throws(CredentialsError) -> AWSCredentials
    {
        guard let accessKeyID = strings["AccessKeyId"].nonEmpty else {
            throw CredentialsError("\(origin) answered without AccessKeyId")
        }
        guard let secretAccessKey = strings["SecretAccessKey"].nonEmpty else {
            throw CredentialsError("\(origin) answered without SecretAccessKey")
        }
        var expiration: Int64?
        if let text = strings["Expiration"].nonEmpty {
            guard let seconds = ISO8601Timestamp.epochSeconds(text) else {
                throw CredentialsError("\(origin) answered with an Expiration that is not an ISO 8601 time: \(text)")
            }
            expiration = seconds
            if let serverTime = answer?.header("date").flatMap(HTTPDate.epochSeconds) {
                let skew = serverTime - WallClock.epochSeconds()
                if abs(skew) >= S3Client.skewWorthCorrecting { expiration = seconds - skew }
            }
        }
        return AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
                              sessionToken: strings[tokenKey].nonEmpty, expiration: expiration, source: source)
    }
}
