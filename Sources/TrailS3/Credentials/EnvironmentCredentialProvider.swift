/// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, with `AWS_SESSION_TOKEN` (or the older `AWS_SECURITY_TOKEN`)
/// and `AWS_CREDENTIAL_EXPIRATION` for temporary credentials.
struct EnvironmentCredentialProvider: CredentialProvider {
    var name: String { "environment variables" }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        try Self.credentials(from: context.environment)
    }

    /// Also the `credential_source = Environment` of an assume-role profile.
    static func credentials(from environment: [String: String]) throws(CredentialsError) -> AWSCredentials? {
        guard let accessKeyID = environment["AWS_ACCESS_KEY_ID"].nonEmpty else { return nil }
        guard let secretAccessKey = environment["AWS_SECRET_ACCESS_KEY"].nonEmpty else {
            throw CredentialsError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                                   hint: "set both, or unset AWS_ACCESS_KEY_ID to use a profile")
        }
        var expiration: Int64?
        if let text = environment["AWS_CREDENTIAL_EXPIRATION"].nonEmpty {
            guard let seconds = ISO8601Timestamp.epochSeconds(text) else {
                throw CredentialsError("AWS_CREDENTIAL_EXPIRATION \(text) is not an ISO 8601 time",
                                       hint: "write it like 2024-05-01T12:00:00Z, or unset it")
            }
            expiration = seconds
        }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            sessionToken: environment["AWS_SESSION_TOKEN"].nonEmpty ?? environment["AWS_SECURITY_TOKEN"].nonEmpty,
            expiration: expiration, source: "environment")
    }
}
