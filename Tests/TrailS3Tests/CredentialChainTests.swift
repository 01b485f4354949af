import Testing
@testable import TrailS3

@Suite struct CredentialChainTests {
    static let files = """
        [default]
        aws_access_key_id = AKIADEFAULTCONFIG
        aws_secret_access_key = default-config-secret
        [profile dev]
        region = eu-west-1
        aws_access_key_id = AKIADEVCONFIG
        aws_secret_access_key = dev-config-secret
        [profile configonly]
        aws_access_key_id = AKIACONFIGONLY
        aws_secret_access_key = config-only-secret
        aws_session_token = config-only-token
        [profile sso]
        sso_session = corp
        sso_account_id = 123456789012
        [profile partial]
        aws_access_key_id = AKIAPARTIAL
        [profile empty]
        region = us-east-2
        """
    static let credentials = """
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = default-secret
        [dev]
        aws_access_key_id = AKIADEV
        aws_secret_access_key = dev-secret
        aws_session_token = dev-token
        """
    static let environmentKeys = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]

    func resolve(_ fixture: AWSFilesFixture, profile: String? = nil, environment: [String: String] = [:])
        throws -> AWSCredentials
    {
        try CredentialChain.resolve(settings: try fixture.settings(profile: profile, environment: environment),
                                    transport: CredentialScriptedTransport { _ in HTTPResponse(status: 599) })
    }

    @Test("environment variables come first, with AWS_SESSION_TOKEN before AWS_SECURITY_TOKEN")
    func environmentFirst() throws {
        let fixture = try AWSFilesFixture(config: Self.files, credentials: Self.credentials)
        defer { fixture.remove() }
        let plain = try resolve(fixture, environment: Self.environmentKeys)
        #expect(plain.accessKeyID == "AKIAENV" && plain.source == "environment" && plain.sessionToken == nil)

        var tokens = Self.environmentKeys
        tokens["AWS_SECURITY_TOKEN"] = "old-token"
        #expect(try resolve(fixture, environment: tokens).sessionToken == "old-token")
        tokens["AWS_SESSION_TOKEN"] = "new-token"
        tokens["AWS_CREDENTIAL_EXPIRATION"] = "2030-01-01T00:00:00Z"
        let temporary = try resolve(fixture, environment: tokens)
        #expect(temporary.sessionToken == "new-token")
        #expect(temporary.expiration == 1_893_456_000)
    }

    @Test("AWS_PROFILE leaves environment keys in force; --profile overrides them, as in the AWS CLI")
    func environmentVersusExplicitProfile() throws {
        let fixture = try AWSFilesFixture(config: Self.files, credentials: Self.credentials)
        defer { fixture.remove() }
        var environment = Self.environmentKeys
        environment["AWS_PROFILE"] = "dev"
        #expect(try resolve(fixture, environment: environment).accessKeyID == "AKIAENV")
        let explicit = try resolve(fixture, profile: "dev", environment: Self.environmentKeys)
        #expect(explicit.accessKeyID == "AKIADEV")
        #expect(explicit.source == "profile dev (credentials file)")
        #expect(explicit.sessionToken == "dev-token")
    }

    @Test("the credentials file comes before the config file; the config file is used when it alone has keys")
    func credentialsFileBeforeConfigFile() throws {
        let fixture = try AWSFilesFixture(config: Self.files, credentials: Self.credentials)
        defer { fixture.remove() }
        #expect(try resolve(fixture).accessKeyID == "AKIADEFAULT")
        #expect(try resolve(fixture, profile: "dev").accessKeyID == "AKIADEV")
        let configOnly = try resolve(fixture, profile: "configonly")
        #expect(configOnly.accessKeyID == "AKIACONFIGONLY")
        #expect(configOnly.sessionToken == "config-only-token")
        #expect(configOnly.source == "profile configonly (config file)")
    }

    @Test("half a key pair is an error, not a reason to look elsewhere")
    func partialCredentials() throws {
        let fixture = try AWSFilesFixture(config: Self.files, credentials: Self.credentials)
        defer { fixture.remove() }
        #expect(throws: CredentialsError.self) { try resolve(fixture, profile: "partial") }
        #expect {
            try resolve(fixture, environment: ["AWS_ACCESS_KEY_ID": "AKIAENV"])
        } throws: { error in
            String(describing: error).contains("AWS_SECRET_ACCESS_KEY is not")
        }
    }

    @Test("with nothing configured, the error lists what was tried and how to fix it")
    func nothingFound() throws {
        let fixture = try AWSFilesFixture(config: Self.files)
        defer { fixture.remove() }
        #expect {
            try resolve(fixture, environment: ["AWS_PROFILE": "empty"])
        } throws: { error in
            let error = try #require(error as? CredentialsError)
            return error.message.contains("profile empty") && error.message.contains("environment variables")
                && error.message.contains("credential_process of profile empty")
                && error.message.contains(fixture.credentialsPath) && error.message.contains("EC2 instance metadata")
                && error.hint?.contains("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY") == true
                && error.hint?.contains("aws configure") == true
        }
    }

    @Test("an SSO profile gets a clear error with a way around it")
    func ssoProfiles() throws {
        let fixture = try AWSFilesFixture(config: Self.files)
        defer { fixture.remove() }
        #expect {
            try resolve(fixture, profile: "sso")
        } throws: { error in
            String(describing: error).contains("IAM Identity Center")
                && String(describing: error).contains("export-credentials --profile sso")
        }
    }

    @Test("descriptions and errors never show secrets")
    func secretsStayHidden() throws {
        let fixture = try AWSFilesFixture(config: Self.files, credentials: Self.credentials)
        defer { fixture.remove() }
        let credentials = try resolve(fixture, profile: "dev")
        for text in [String(describing: credentials), "\(credentials)", credentials.description] {
            #expect(!text.contains("dev-secret") && !text.contains("dev-token"))
        }
    }
}
