/// The selected profile and the settings the S3 client needs, resolved as the AWS CLI does: command-line
/// options first, then environment variables, then the profile in the shared files.
///
///     let settings = try AWSProfileSettings.resolve(profile: options.profile, region: options.region,
///                                                   endpointURL: options.endpointURL,
///                                                   environment: ProcessInfo.processInfo.environment)
///     let credentials = CredentialsCache(settings: settings)
///     let client = S3Client(settings: settings.s3Settings(), credentials: { () throws(CredentialsError) in
///         try credentials.credentials()
///     })
public struct AWSProfileSettings: Sendable {
    /// `--profile` > `AWS_PROFILE` > `AWS_DEFAULT_PROFILE` > `default`.
    public var profileName: String
    /// The profile was given with `--profile`: environment credentials then do not apply (as in the CLI).
    public var isProfileFromCommandLine: Bool
    /// `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region`; nil when none is set.
    public var region: String?
    /// `--endpoint-url` > `AWS_ENDPOINT_URL_S3` > `AWS_ENDPOINT_URL` > `[services]` s3 endpoint > profile
    /// `s3.endpoint_url` > profile `endpoint_url`; nil for AWS's own endpoints.
    public var s3EndpointURL: String?
    /// The profile's `s3.addressing_style`, when set.
    public var s3AddressingStyle: S3Settings.AddressingStyle?
    /// The selected profile's keys from both files (empty when the default profile is absent).
    public var profile: [String: String]
    public var files: AWSConfigFiles
    /// The environment the settings were resolved in; credential providers read it too.
    public var environment: [String: String]

    /// Reads the shared files (see `AWSConfigFiles.load`) and resolves the settings.
    /// - Parameters:
    ///   - profile: `--profile`, if given.
    ///   - region: `--region`, if given.
    ///   - endpointURL: `--endpoint-url`, if given (S3 only).
    ///   - environment: the process environment, passed in so tests need not change the real one.
    ///   - homeDirectory: where `~/.aws` is; default `HOME` from `environment`.
    public static func resolve(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                               environment: [String: String], homeDirectory: String? = nil)
        throws(AWSConfigError) -> AWSProfileSettings
    {
        let files = try AWSConfigFiles.load(environment: environment, homeDirectory: homeDirectory)
        return try AWSProfileSettings(profile: profile, region: region, endpointURL: endpointURL,
                                      environment: environment, files: files)
    }

    /// Resolves against files already loaded.
    public init(profile commandLineProfile: String? = nil, region commandLineRegion: String? = nil,
                endpointURL commandLineEndpoint: String? = nil, environment: [String: String],
                files: AWSConfigFiles) throws(AWSConfigError)
    {
        self.environment = environment
        self.files = files
        let selection = Self.selectProfile(commandLine: commandLineProfile, environment: environment)
        profileName = selection.name
        isProfileFromCommandLine = commandLineProfile.isSet
        if let found = files.profile(named: selection.name) {
            profile = found
        } else if selection.isNamed {
            throw AWSConfigError(
                "the config profile \(selection.name) could not be found in \(files.searchedFiles)",
                hint: "check the name, or create it with `aws configure --profile \(selection.name)`")
        } else {
            profile = [:]
        }
        region = commandLineRegion.nonEmpty ?? environment["AWS_REGION"].nonEmpty
            ?? environment["AWS_DEFAULT_REGION"].nonEmpty ?? profile["region"].nonEmpty
        s3EndpointURL = commandLineEndpoint.nonEmpty
        s3AddressingStyle = try Self.addressingStyle(profile["s3.addressing_style"], profileName: profileName)
        if s3EndpointURL == nil { s3EndpointURL = configuredEndpointURL(service: "s3") }
    }

    /// The S3 client's settings from these: region, endpoint and addressing style (default `auto`).
    public func s3Settings() -> S3Settings {
        S3Settings(region: region, endpointURL: s3EndpointURL, addressingStyle: s3AddressingStyle ?? .auto)
    }

    /// A setting of the selected profile, empty values counting as unset.
    public func setting(_ key: String) -> String? { profile[key].nonEmpty }

    /// An environment variable first, then the profile's key: the order of most botocore settings.
    func value(environment name: String, profile key: String) -> String? {
        environment[name].nonEmpty ?? setting(key)
    }

    private static func selectProfile(commandLine: String?, environment: [String: String])
        -> (name: String, isNamed: Bool)
    {
        if let named = commandLine.nonEmpty ?? environment["AWS_PROFILE"].nonEmpty
            ?? environment["AWS_DEFAULT_PROFILE"].nonEmpty
        {
            return (named, true)
        }
        return ("default", false)
    }

    private static func addressingStyle(_ value: String?, profileName: String)
        throws(AWSConfigError) -> S3Settings.AddressingStyle?
    {
        guard let value = value.nonEmpty else { return nil }
        guard let style = S3Settings.AddressingStyle(rawValue: value.lowercased()) else {
            throw AWSConfigError("s3.addressing_style \(value) of profile \(profileName) is not valid",
                                 hint: "use path, virtual or auto")
        }
        return style
    }
}

extension Optional where Wrapped == String {
    /// The value unless it is nil or empty: an empty variable (`AWS_REGION=`) counts as unset.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }

    var isSet: Bool { nonEmpty != nil }
}
