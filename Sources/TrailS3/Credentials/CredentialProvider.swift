/// What every provider sees: the resolved settings (files, profile, environment), the transport for the
/// network ones, and the time.
struct CredentialContext: Sendable {
    var settings: AWSProfileSettings
    var transport: any HTTPTransport
    /// Seconds since the epoch: default role session names, STS request signatures.
    var now: Int64

    var environment: [String: String] { settings.environment }
}

/// One place credentials may come from, in the chain of `CredentialChain`.
protocol CredentialProvider: Sendable {
    /// How "no credentials found" names this place.
    var name: String { get }

    /// Credentials, or nil when this place is not configured, and the chain goes on. Throws when the place is
    /// configured but fails: the chain stops there, as botocore's does, so a broken role is not silently
    /// replaced by whatever a later source holds.
    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials?
}
