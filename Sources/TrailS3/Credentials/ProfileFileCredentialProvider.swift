/// `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token` of the profile in one of the shared
/// files. botocore asks the credentials file first and the config file last, with `credential_process` between.
struct ProfileFileCredentialProvider: CredentialProvider {
    enum File: String, Sendable {
        case credentials = "credentials file"
        case config = "config file"
    }

    let profileName: String
    let file: File
    let path: String

    var name: String { "\(file.rawValue) \(path)" }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        let files = context.settings.files
        let profile = file == .credentials ? files.credentialsProfiles[profileName] : files.configProfiles[profileName]
        guard let profile else { return nil }
        return try Self.staticCredentials(in: profile, profileName: profileName,
                                          source: "profile \(profileName) (\(file.rawValue))")
    }

    /// The profile's access key pair, nil when it has none; an access key without its secret is an error.
    static func staticCredentials(in profile: [String: String], profileName: String, source: String)
        throws(CredentialsError) -> AWSCredentials?
    {
        guard let accessKeyID = profile["aws_access_key_id"].nonEmpty else { return nil }
        guard let secretAccessKey = profile["aws_secret_access_key"].nonEmpty else {
            throw CredentialsError("profile \(profileName) has aws_access_key_id but no aws_secret_access_key",
                                   hint: "add it, e.g. with `aws configure --profile \(profileName)`")
        }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            sessionToken: profile["aws_session_token"].nonEmpty ?? profile["aws_security_token"].nonEmpty,
            source: source)
    }
}
