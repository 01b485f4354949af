import Foundation

/// A web identity token (an OIDC JWT, as EKS IRSA mounts it) exchanged for a role's credentials with STS
/// AssumeRoleWithWebIdentity: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`), or the
/// profile's `web_identity_token_file` + `role_arn` (+ `role_session_name`). The variables win over the
/// profile, except when the profile is explicit or a `source_profile` is being resolved.
struct WebIdentityCredentialProvider: CredentialProvider {
    let profileName: String
    let readsEnvironment: Bool

    var name: String {
        readsEnvironment ? "web identity (AWS_WEB_IDENTITY_TOKEN_FILE or web_identity_token_file)"
            : "web_identity_token_file of profile \(profileName)"
    }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        let profile = context.settings.files.profile(named: profileName) ?? [:]
        func setting(_ variable: String, _ key: String) -> String? {
            (readsEnvironment ? context.environment[variable].nonEmpty : nil) ?? profile[key].nonEmpty
        }
        guard let tokenFile = setting("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file") else { return nil }
        guard let roleARN = setting("AWS_ROLE_ARN", "role_arn") else {
            throw CredentialsError("a web identity token file is configured but no role to assume",
                                   hint: "set AWS_ROLE_ARN, or role_arn in profile \(profileName)")
        }
        // Read at every resolution: the token is rotated in place (EKS refreshes it hourly).
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw CredentialsError("cannot read the web identity token file \(tokenFile)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let sts = STSClient(endpoint: STSEndpoint(settings: context.settings), transport: context.transport)
        return try sts.assumeRoleWithWebIdentity(
            roleARN: roleARN,
            sessionName: setting("AWS_ROLE_SESSION_NAME", "role_session_name") ?? "trailsql-\(context.now)",
            webIdentityToken: token, source: "web identity \(roleARN)")
    }
}
