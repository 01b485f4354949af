/// IAM Identity Center (SSO) profiles need the CLI's cached login token and the SSO portal API, which trailsql
/// does not implement; such a profile gets a clear error with a way around it instead of "no credentials".
struct SSOProfileProvider: CredentialProvider {
    let profileName: String

    var name: String { "SSO settings of profile \(profileName)" }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        guard let profile = context.settings.files.profile(named: profileName),
              profile["sso_session"].isSet || profile["sso_start_url"].isSet
        else { return nil }
        throw CredentialsError(
            "profile \(profileName) uses IAM Identity Center (SSO), which trailsql cannot log in to",
            hint: "run `aws sso login --profile \(profileName)`, then "
                + "`eval \"$(aws configure export-credentials --profile \(profileName) --format env)\"`, or set "
                + "credential_process = aws configure export-credentials --profile \(profileName) --format process "
                + "in another profile")
    }
}
