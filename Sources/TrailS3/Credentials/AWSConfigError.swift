/// The AWS config or credentials file cannot be used: a malformed line, an unreadable file, a profile that does
/// not exist, a setting with an impossible value. Says which file and what to change.
public struct AWSConfigError: Error, Sendable, CustomStringConvertible {
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

extension CredentialsError {
    /// A configuration problem met while looking for credentials is reported as a credentials failure.
    init(_ configError: AWSConfigError) {
        self.init(configError.message, hint: configError.hint)
    }
}
