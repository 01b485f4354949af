/// An access key pair, with a session token for temporary credentials. The secret never appears in
/// descriptions, logs or errors.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working, seconds since the epoch (nil: they do not expire).
    public var expiration: Int64?
    /// Where they came from, for messages: `environment`, `profile dev (~/.aws/credentials)`, `assume-role …`.
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Int64? = nil,
                source: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    public var description: String { "access key \(accessKeyID) from \(source)" }
}

/// Credentials could not be found or obtained; says which source failed and what to do.
public struct CredentialsError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(message) (\($0))" } ?? message
    }
}
