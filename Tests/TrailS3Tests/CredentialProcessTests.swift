import Foundation
import Testing
@testable import TrailS3

@Suite struct CredentialProcessTests {
    @Test("commands split into words like Python's shlex.split", arguments: [
        ("/opt/creds --profile x", ["/opt/creds", "--profile", "x"]),
        (#"tool "two words" 'single $HOME' back\ slash"#, ["tool", "two words", "single $HOME", "back slash"]),
        (#"tool "a \"quoted\" \\ \n" mid"dle"x ''"#, ["tool", #"a "quoted" \ \n"#, "middlex", ""]),
        ("  spaced\tout  ", ["spaced", "out"]),
        ("tool # not a comment", ["tool", "#", "not", "a", "comment"]),
    ])
    func shellWords(_ line: String, _ words: [String]) throws {
        #expect(try ShellWords.split(line) == words)
    }

    @Test("an unclosed quote or a trailing backslash cannot be split",
          arguments: [#"tool "open"#, "tool 'open", "tool \\"])
    func shellWordErrors(_ line: String) {
        #expect(throws: ShellWords.SplitError.self) { try ShellWords.split(line) }
    }

    /// A fixture whose profile `helper` runs `script` (written to the fixture) with arguments.
    func fixture(script: String, arguments: String = "") throws -> AWSFilesFixture {
        let fixture = try AWSFilesFixture()
        let path = try fixture.write("helper.sh", "#!/bin/sh\n" + script, executable: true)
        try fixture.write(".aws/config", "[profile helper]\ncredential_process = \(path) \(arguments)\n")
        return fixture
    }

    func resolve(_ fixture: AWSFilesFixture, environment: [String: String] = [:]) throws -> AWSCredentials {
        try CredentialChain.resolve(settings: try fixture.settings(profile: "helper", environment: environment),
                                    transport: CredentialScriptedTransport { _ in HTTPResponse(status: 599) })
    }

    @Test("the helper's JSON becomes credentials; its arguments arrive as separate words; it sees our environment")
    func success() throws {
        let fixture = try fixture(script: """
            [ "$1" = "--role" ] && [ "$2" = "read only" ] || { echo "bad arguments: $*" >&2; exit 9; }
            printf '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "process-secret",
              "SessionToken": "process-token", "Expiration": "%s"}' "$TRAILSQL_TEST_EXPIRY"
            """, arguments: "--role 'read only'")
        defer { fixture.remove() }
        let credentials = try resolve(fixture, environment: ["TRAILSQL_TEST_EXPIRY": "2030-01-01T00:00:00.000Z"])
        #expect(credentials.accessKeyID == "ASIAPROCESS")
        #expect(credentials.secretAccessKey == "process-secret")
        #expect(credentials.sessionToken == "process-token")
        #expect(credentials.expiration == 1_893_456_000)
        #expect(credentials.source == "credential_process of profile helper")
    }

    @Test("a program found on the environment's PATH runs, without a shell")
    func pathLookupWithoutShell() throws {
        let fixture = try AWSFilesFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(at: fixture.folder.appendingPathComponent("bin"),
                                                withIntermediateDirectories: true)
        try fixture.write("bin/trail-helper", """
            #!/bin/sh
            printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "s"}' "$1"
            """, executable: true)
        try fixture.write(".aws/config", "[profile helper]\ncredential_process = trail-helper $HOME;x\n")
        var environment = fixture.environment
        environment["PATH"] = fixture.folder.path + "/bin:/usr/bin:/bin"
        let settings = try AWSProfileSettings.resolve(profile: "helper", environment: environment)
        let credentials = try CredentialChain.resolve(settings: settings,
                                                      transport: CredentialScriptedTransport { _ in HTTPResponse(status: 599) })
        #expect(credentials.accessKeyID == "$HOME;x", "no shell expanded the variable or split at `;`")
        #expect(credentials.expiration == nil)
    }

    #if os(Linux)
    @Test("the helper starts with no signals blocked, though Swift's threads block them")
    func helperSignalMask() throws {
        let fixture = try fixture(script: """
            mask=$(awk '/^SigBlk/ {print $2}' /proc/$$/status)
            printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "s"}' "$mask"
            """)
        defer { fixture.remove() }
        #expect(try resolve(fixture).accessKeyID == "0000000000000000")
    }
    #endif

    @Test("a failing helper's stderr is shown, its stdout (which may hold secrets) never")
    func nonZeroExit() throws {
        let fixture = try fixture(script: """
            echo '{"SecretAccessKey": "leaked-secret"}'
            echo "token expired; run sso login" >&2
            exit 3
            """)
        defer { fixture.remove() }
        #expect {
            try resolve(fixture)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("exited with status 3") && text.contains("token expired; run sso login")
                && !text.contains("leaked-secret")
        }
    }

    @Test("output that is not the documented JSON is rejected without being quoted", arguments: [
        ("echo 'AccessKeyId=AKIA SecretAccessKey=hidden-secret'", "did not print a JSON object"),
        (#"echo '{"Version": 2, "AccessKeyId": "AKIA", "SecretAccessKey": "hidden-secret"}'"#, "Version 2"),
        (#"echo '{"AccessKeyId": "AKIA", "SecretAccessKey": "hidden-secret"}'"#, "Version missing"),
        (#"echo '{"Version": 1, "SecretAccessKey": "hidden-secret"}'"#, "without AccessKeyId"),
        (#"echo '{"Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "hidden-secret", "Expiration": "soon"}'"#,
         "not an ISO 8601 time"),
    ])
    func badOutput(_ script: String, _ expected: String) throws {
        let fixture = try fixture(script: script)
        defer { fixture.remove() }
        #expect {
            try resolve(fixture)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(expected) && !text.contains("hidden-secret")
        }
    }

    @Test("a helper that cannot be started says so")
    func missingProgram() throws {
        let fixture = try AWSFilesFixture(config: "[profile helper]\ncredential_process = no-such-helper-xyz\n")
        defer { fixture.remove() }
        #expect {
            try resolve(fixture)
        } throws: { error in
            String(describing: error).contains("no-such-helper-xyz: command not found")
        }
    }

    @Test("the credentials file comes before credential_process, which comes before the config file's keys")
    func order() throws {
        let fixture = try fixture(script: #"echo '{"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s"}'"#)
        defer { fixture.remove() }
        let config = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        try fixture.write(".aws/config", config + "aws_access_key_id = AKIACONFIG\naws_secret_access_key = c\n")
        #expect(try resolve(fixture).accessKeyID == "AKIAPROC")
        try fixture.write(".aws/credentials", "[helper]\naws_access_key_id = AKIACREDS\naws_secret_access_key = k\n")
        #expect(try resolve(fixture).accessKeyID == "AKIACREDS")
    }
}
