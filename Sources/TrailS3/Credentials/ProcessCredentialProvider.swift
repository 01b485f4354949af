import Foundation

/// The profile's `credential_process`: a program that prints credentials as JSON (botocore's ProcessProvider).
/// As in botocore, the command is split into words like a shell would (`ShellWords`) but run without one, and
/// it sees the same environment as trailsql.
///
///     {"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…",
///      "Expiration": "2024-05-01T12:00:00Z"}
///
/// A failing program's stderr is shown; its stdout never is, since it may hold secrets.
struct ProcessCredentialProvider: CredentialProvider {
    let profileName: String

    var name: String { "credential_process of profile \(profileName)" }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        guard let command = context.settings.files.profile(named: profileName)?["credential_process"].nonEmpty else {
            return nil
        }
        let arguments: [String]
        do {
            arguments = try ShellWords.split(command)
        } catch {
            throw CredentialsError("\(name) cannot be split into words: it has \(error.message)")
        }
        let output: ProcessRunner.Output
        do {
            output = try ProcessRunner.run(arguments, environment: context.environment)
        } catch {
            throw CredentialsError("\(name) failed to start: \(error.message)")
        }
        guard output.status == 0 else {
            let stderr = Self.excerpt(output.standardError)
            throw CredentialsError("\(name) exited with status \(output.status)"
                                   + (stderr.isEmpty ? "" : ": \(stderr)"))
        }
        guard let document = CredentialDocument(json: output.standardOutput) else {
            throw CredentialsError("\(name) did not print a JSON object",
                                   hint: #"it must print {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …}"#)
        }
        guard document.integers["Version"] == 1 else {
            let version = document.integers["Version"].map(String.init) ?? document.strings["Version"] ?? "missing"
            throw CredentialsError("\(name) printed Version \(version); only Version 1 is supported")
        }
        return try document.credentials(tokenKey: "SessionToken", source: name, origin: name)
    }

    /// The end of stderr, where the reason usually is, kept short for one message.
    private static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.suffix(2_000), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
