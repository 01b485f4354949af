/// Finds credentials in the order of the AWS CLI (botocore's `create_credential_resolver`):
///
/// 1. environment variables (skipped when `--profile` was given),
/// 2. assume-role profiles (`role_arn` with `source_profile` or `credential_source`),
/// 3. the profile providers: web identity, SSO (reported as unsupported), the credentials file,
///    `credential_process`, the config file,
/// 4. container credentials (ECS, EKS Pod Identity),
/// 5. EC2 instance metadata (IMDSv2).
///
/// The first source that is configured decides: if it fails, the error says why, rather than the chain moving
/// on to a source the user did not mean.
public enum CredentialChain {
    /// - Parameters:
    ///   - settings: the profile and environment, from `AWSProfileSettings.resolve`.
    ///   - transport: for STS, container and instance-metadata requests.
    ///   - now: seconds since the epoch.
    public static func resolve(settings: AWSProfileSettings, transport: any HTTPTransport = CurlTransport(),
                               now: Int64 = WallClock.epochSeconds()) throws(CredentialsError) -> AWSCredentials
    {
        let context = CredentialContext(settings: settings, transport: transport, now: now)
        var tried: [String] = []
        for provider in providers(for: settings) {
            if let credentials = try provider.load(context) { return credentials }
            tried.append(provider.name)
        }
        throw CredentialsError(
            "no AWS credentials found for profile \(settings.profileName); tried "
                + tried.joined(separator: ", "),
            hint: "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pass --profile, or run aws configure")
    }

    static func providers(for settings: AWSProfileSettings) -> [any CredentialProvider] {
        // botocore drops the environment provider when the profile is explicit (`--profile`, not AWS_PROFILE).
        let readsEnvironment = !settings.isProfileFromCommandLine
        var providers: [any CredentialProvider] = []
        if readsEnvironment { providers.append(EnvironmentCredentialProvider()) }
        providers.append(AssumeRoleCredentialProvider(profileName: settings.profileName))
        providers += profileProviders(profileName: settings.profileName, readsEnvironment: readsEnvironment,
                                      files: settings.files)
        providers.append(ContainerCredentialProvider())
        providers.append(InstanceMetadataCredentialProvider())
        return providers
    }

    /// botocore's `ProfileProviderBuilder.providers`: also the chain for an assume-role `source_profile`, which
    /// never reads web-identity variables from the environment.
    static func profileProviders(profileName: String, readsEnvironment: Bool, files: AWSConfigFiles)
        -> [any CredentialProvider]
    {
        [
            WebIdentityCredentialProvider(profileName: profileName, readsEnvironment: readsEnvironment),
            SSOProfileProvider(profileName: profileName),
            ProfileFileCredentialProvider(profileName: profileName, file: .credentials,
                                          path: files.credentialsFilePath),
            ProcessCredentialProvider(profileName: profileName),
            ProfileFileCredentialProvider(profileName: profileName, file: .config, path: files.configFilePath),
        ]
    }
}
