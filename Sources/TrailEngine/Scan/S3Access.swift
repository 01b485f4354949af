import TrailS3
import TrailSource

/// How `s3://` sources are reached, set up the way the AWS CLI would: `--profile`, `--region` and
/// `--endpoint-url` over the environment over `~/.aws/config` and `~/.aws/credentials`.
public enum S3Access {
    public struct Options: Sendable {
        public var profile: String?
        public var region: String?
        public var endpointURL: String?
        /// Requests in flight at most (listing and GETs).
        public var concurrency: Int
        public var maxAttempts: Int

        public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                    concurrency: Int = S3Settings.defaultConcurrency, maxAttempts: Int = S3Settings.defaultMaxAttempts) {
            self.profile = profile
            self.region = region
            self.endpointURL = endpointURL
            self.concurrency = concurrency
            self.maxAttempts = maxAttempts
        }
    }

    /// A fetcher for scans over `s3://` sources. Credentials are resolved at the first request, and again
    /// before temporary ones expire.
    public static func fetcher(_ options: Options, environment: [String: String]) throws(SourceError) -> ObjectFetcher {
        let profile: AWSProfileSettings
        do throws(AWSConfigError) {
            profile = try AWSProfileSettings.resolve(profile: options.profile, region: options.region,
                                                     endpointURL: options.endpointURL, environment: environment)
        } catch {
            throw SourceError(path: "AWS configuration", message: error.message, hint: error.hint)
        }
        var settings = profile.s3Settings()
        settings.concurrency = max(1, options.concurrency)
        settings.maxAttempts = max(1, options.maxAttempts)
        let credentials = CredentialsCache(settings: profile)
        let client = S3Client(settings: settings, credentials: { () throws(CredentialsError) in try credentials.credentials() },
                              credentialsExpired: { credentials.invalidate(ifStill: $0) })
        return ObjectFetcher(client: client)
    }
}
