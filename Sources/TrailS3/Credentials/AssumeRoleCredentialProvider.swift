/// A profile with `role_arn` and either `source_profile` (another profile's credentials, itself possibly a
/// role: resolved recursively, cycles refused) or `credential_source` (`Environment`, `Ec2InstanceMetadata`,
/// `EcsContainer`), exchanged for the role's credentials with STS AssumeRole — botocore's AssumeRoleProvider.
///
///     [profile prod]
///     role_arn = arn:aws:iam::123456789012:role/reader
///     source_profile = base
///     external_id = …          (optional)   duration_seconds = 3600   (optional)
struct AssumeRoleCredentialProvider: CredentialProvider {
    let profileName: String

    var name: String { "role_arn of profile \(profileName)" }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        guard let profile = context.settings.files.profile(named: profileName),
              Self.assumesRole(profile)
        else { return nil }
        return try assumeRole(of: profileName, visited: [profileName], context)
    }

    /// A profile with `web_identity_token_file` is the web identity provider's, even with a `role_arn`.
    static func assumesRole(_ profile: [String: String]) -> Bool {
        profile["role_arn"].isSet && !profile["web_identity_token_file"].isSet
    }

    static func hasStaticCredentials(_ profile: [String: String]) -> Bool {
        profile["aws_access_key_id"].isSet || profile["aws_secret_access_key"].isSet
    }

    private func assumeRole(of roleProfileName: String, visited: [String], _ context: CredentialContext)
        throws(CredentialsError) -> AWSCredentials
    {
        let files = context.settings.files
        let profile = files.profile(named: roleProfileName) ?? [:]
        let roleARN = profile["role_arn"] ?? ""
        let sourceProfile = profile["source_profile"].nonEmpty
        let credentialSource = profile["credential_source"].nonEmpty
        switch (sourceProfile, credentialSource) {
        case (.some, .some):
            throw CredentialsError("profile \(roleProfileName) has both source_profile and credential_source",
                                   hint: "keep one of them")
        case (nil, nil):
            throw CredentialsError("profile \(roleProfileName) has role_arn but neither source_profile nor "
                                   + "credential_source", hint: "add one, to say whose credentials assume the role")
        default: break
        }
        if let mfaSerial = profile["mfa_serial"].nonEmpty {
            throw CredentialsError(
                "profile \(roleProfileName) assumes \(roleARN) with MFA (mfa_serial \(mfaSerial)); trailsql cannot "
                    + "prompt for an MFA code",
                hint: "get temporary credentials with `aws sts get-session-token --serial-number \(mfaSerial) "
                    + "--token-code CODE` (or `eval \"$(aws configure export-credentials --profile "
                    + "\(roleProfileName) --format env)\"`) and export them as AWS_ACCESS_KEY_ID, "
                    + "AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN")
        }

        let sourceCredentials: AWSCredentials
        let via: String
        if let credentialSource {
            sourceCredentials = try credentials(fromSource: credentialSource, roleProfileName, context)
            via = credentialSource
        } else if let sourceProfile {
            sourceCredentials = try credentials(ofSourceProfile: sourceProfile, roleProfileName, visited, context)
            via = "profile \(sourceProfile)"
        } else {
            preconditionFailure("checked above: exactly one of source_profile and credential_source")
        }

        let request = STSClient.AssumeRoleRequest(
            roleARN: roleARN,
            sessionName: profile["role_session_name"].nonEmpty ?? "trailsql-\(context.now)",
            externalID: profile["external_id"].nonEmpty,
            durationSeconds: profile["duration_seconds"].flatMap { Int($0) })
        let sts = STSClient(endpoint: STSEndpoint(settings: context.settings), transport: context.transport)
        return try sts.assumeRole(request, with: sourceCredentials, now: context.now,
                                  source: "assume-role \(roleARN) via \(via)")
    }

    private func credentials(ofSourceProfile sourceName: String, _ parentName: String, _ visited: [String],
                             _ context: CredentialContext) throws(CredentialsError) -> AWSCredentials
    {
        let files = context.settings.files
        guard let source = files.profile(named: sourceName) else {
            throw CredentialsError("the source_profile \(sourceName) of profile \(parentName) does not exist in "
                                   + files.searchedFiles)
        }
        if visited.contains(sourceName) {
            // A profile may name itself to use its own keys for its role; any other return is a loop.
            guard sourceName == parentName, Self.hasStaticCredentials(source) else {
                throw CredentialsError(
                    "source_profile loop: " + (visited + [sourceName]).joined(separator: " → "),
                    hint: "a chain of source_profile settings must end at a profile with credentials")
            }
        }
        if Self.hasStaticCredentials(source) || !Self.assumesRole(source) {
            // botocore runs the profile providers on the source, never reading the environment.
            let providers = CredentialChain.profileProviders(profileName: sourceName, readsEnvironment: false,
                                                             files: files)
            for provider in providers {
                if let credentials = try provider.load(context) { return credentials }
            }
            throw CredentialsError("the source_profile \(sourceName) of profile \(parentName) has no credentials",
                                   hint: "give it aws_access_key_id/aws_secret_access_key, a credential_process "
                                       + "or a role of its own")
        }
        return try assumeRole(of: sourceName, visited: visited + [sourceName], context)
    }

    private func credentials(fromSource credentialSource: String, _ profileName: String,
                             _ context: CredentialContext) throws(CredentialsError) -> AWSCredentials
    {
        let found: AWSCredentials?
        switch credentialSource.lowercased() {
        case "environment": found = try EnvironmentCredentialProvider.credentials(from: context.environment)
        case "ec2instancemetadata": found = try InstanceMetadataCredentialProvider().load(context)
        case "ecscontainer": found = try ContainerCredentialProvider().load(context)
        default:
            throw CredentialsError("the credential_source \(credentialSource) of profile \(profileName) is not valid",
                                   hint: "use Environment, Ec2InstanceMetadata or EcsContainer")
        }
        guard let found else {
            throw CredentialsError("no credentials found in the credential_source \(credentialSource) of profile "
                                   + profileName)
        }
        return found
    }
}
