import Foundation
import Testing
@testable import TrailS3

/// AssumeRole and AssumeRoleWithWebIdentity for real, against moto's STS on 127.0.0.1.
@Suite struct CredentialAssumeRoleTests {
    static let config = """
        [profile base]
        aws_access_key_id = AKIABASE
        aws_secret_access_key = base-secret
        [profile reader]
        role_arn = arn:aws:iam::123456789012:role/reader
        source_profile = base
        role_session_name = nightly-query
        external_id = shared-secret-id
        duration_seconds = 1800
        [profile chained]
        role_arn = arn:aws:iam::123456789012:role/auditor
        source_profile = reader
        [profile selfsourced]
        role_arn = arn:aws:iam::123456789012:role/self
        source_profile = selfsourced
        aws_access_key_id = AKIASELF
        aws_secret_access_key = self-secret
        [profile fromenv]
        role_arn = arn:aws:iam::123456789012:role/fromenv
        credential_source = Environment
        [profile loopa]
        role_arn = arn:aws:iam::123456789012:role/a
        source_profile = loopb
        [profile loopb]
        role_arn = arn:aws:iam::123456789012:role/b
        source_profile = loopa
        [profile selfloop]
        role_arn = arn:aws:iam::123456789012:role/selfloop
        source_profile = selfloop
        [profile mfa]
        role_arn = arn:aws:iam::123456789012:role/admin
        source_profile = base
        mfa_serial = arn:aws:iam::123456789012:mfa/me
        [profile both]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = base
        credential_source = Environment
        [profile dangling]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = nowhere
        [profile badsource]
        role_arn = arn:aws:iam::123456789012:role/x
        credential_source = Laptop
        [profile webprofile]
        role_arn = arn:aws:iam::123456789012:role/web-profile
        web_identity_token_file = WEB_TOKEN_FILE
        role_session_name = pod-session
        [profile webnorole]
        web_identity_token_file = WEB_TOKEN_FILE
        """

    let fixture: AWSFilesFixture
    let tokenFile: String

    init() throws {
        fixture = try AWSFilesFixture()
        tokenFile = try fixture.write("web-token", "eyJhbGciOiJSUzI1NiJ9.web-identity-token-secret.signature\n")
        try fixture.write(".aws/config", Self.config.replacingOccurrences(of: "WEB_TOKEN_FILE", with: tokenFile))
    }

    func resolve(profile: String?, environment: [String: String] = [:], sts: String? = nil) throws -> AWSCredentials {
        var environment = environment
        if let sts { environment["AWS_ENDPOINT_URL_STS"] = sts }
        return try CredentialChain.resolve(settings: try fixture.settings(profile: profile, environment: environment))
    }

    func motoURL() throws -> String { try CredentialTestServer.moto.get().url }

    @Test("a role with a source_profile is assumed through STS")
    func assumeRoleFromSourceProfile() throws {
        defer { fixture.remove() }
        let before = WallClock.epochSeconds()
        let credentials = try resolve(profile: "reader", sts: try motoURL())
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(!credentials.secretAccessKey.isEmpty && credentials.sessionToken?.isEmpty == false)
        #expect(credentials.source == "assume-role arn:aws:iam::123456789012:role/reader via profile base")
        let expiration = try #require(credentials.expiration)
        #expect(abs(expiration - (before + 1800)) < 120, "DurationSeconds 1800 was sent")
    }

    @Test("AssumeRole is a form POST signed with the source's keys for sts; the web identity call is unsigned")
    func requestShapes() throws {
        defer { fixture.remove() }
        let answer = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
            <AccessKeyId>ASIAFAKE</AccessKeyId><SecretAccessKey>fake-secret</SecretAccessKey>
            <SessionToken>fake-token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>
            </Credentials></AssumeRoleResult></AssumeRoleResponse>
            """
        let transport = CredentialScriptedTransport { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let action = body.contains("Action=AssumeRoleWithWebIdentity") ? "AssumeRoleWithWebIdentity" : "AssumeRole"
            let xml = answer.replacingOccurrences(of: "AssumeRole", with: action)
            return HTTPResponse(status: 200, body: Array(xml.utf8))
        }
        let settings = try fixture.settings(profile: "reader", region: "eu-west-1")
        let credentials = try CredentialChain.resolve(settings: settings, transport: transport, now: 1_700_000_000)
        #expect(credentials.accessKeyID == "ASIAFAKE" && credentials.expiration == 1_893_456_000)
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST" && request.url == "https://sts.eu-west-1.amazonaws.com/")
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=AssumeRole&Version=2011-06-15"
            + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Freader&RoleSessionName=nightly-query"
            + "&ExternalId=shared-secret-id&DurationSeconds=1800")
        #expect(request.header("Authorization")?.hasPrefix(
            "AWS4-HMAC-SHA256 Credential=AKIABASE/20231114/eu-west-1/sts/aws4_request") == true)
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")

        let webSettings = try fixture.settings(profile: "webprofile")
        _ = try CredentialChain.resolve(settings: webSettings, transport: transport, now: 1_700_000_000)
        let webRequest = try #require(transport.requests.last)
        #expect(webRequest.url == "https://sts.amazonaws.com/")
        #expect(webRequest.header("Authorization") == nil)
        let webBody = String(decoding: webRequest.body, as: UTF8.self)
        #expect(webBody.contains("RoleSessionName=pod-session&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.web-identity"))
    }

    @Test("roles chain through source profiles that are roles themselves; a profile may source its own keys")
    func chainedAndSelfSourcedRoles() throws {
        defer { fixture.remove() }
        let sts = try motoURL()
        let chained = try resolve(profile: "chained", sts: sts)
        #expect(chained.source == "assume-role arn:aws:iam::123456789012:role/auditor via profile reader")
        let selfSourced = try resolve(profile: "selfsourced", sts: sts)
        #expect(selfSourced.source == "assume-role arn:aws:iam::123456789012:role/self via profile selfsourced")
    }

    @Test("credential_source = Environment assumes the role with the environment's keys")
    func credentialSourceEnvironment() throws {
        defer { fixture.remove() }
        let credentials = try resolve(
            profile: "fromenv", environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret"],
            sts: try motoURL())
        #expect(credentials.source == "assume-role arn:aws:iam::123456789012:role/fromenv via Environment")
        #expect(credentials.accessKeyID != "AKIAENV")
    }

    @Test("a web identity token from the environment is exchanged with AssumeRoleWithWebIdentity")
    func webIdentityFromEnvironment() throws {
        defer { fixture.remove() }
        let credentials = try resolve(
            profile: nil,
            environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                          "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/irsa", "AWS_ROLE_SESSION_NAME": "pod"],
            sts: try motoURL())
        #expect(credentials.accessKeyID.hasPrefix("ASIA") && credentials.expiration != nil)
        #expect(credentials.source == "web identity arn:aws:iam::123456789012:role/irsa")
    }

    @Test("a profile's web_identity_token_file and role_arn work too; with --profile the variables are ignored")
    func webIdentityFromProfile() throws {
        defer { fixture.remove() }
        let credentials = try resolve(
            profile: "webprofile",
            environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent",
                          "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ignored"],
            sts: try motoURL())
        #expect(credentials.source == "web identity arn:aws:iam::123456789012:role/web-profile")
        #expect {
            try resolve(profile: "webnorole", sts: "http://127.0.0.1:9")
        } throws: { error in
            String(describing: error).contains("no role to assume")
        }
    }

    @Test("source_profile loops are refused, naming the loop", arguments: [
        ("loopa", "loopa → loopb → loopa"), ("selfloop", "selfloop → selfloop"),
    ])
    func sourceProfileCycles(_ profile: String, _ loop: String) throws {
        defer { fixture.remove() }
        #expect {
            try resolve(profile: profile, sts: "http://127.0.0.1:9")
        } throws: { error in
            String(describing: error).contains("source_profile loop: " + loop)
        }
    }

    @Test("mfa_serial is refused with a way to get credentials instead of a prompt")
    func mfaSerial() throws {
        defer { fixture.remove() }
        #expect {
            try resolve(profile: "mfa", sts: "http://127.0.0.1:9")
        } throws: { error in
            let error = try #require(error as? CredentialsError)
            return error.message.contains("cannot prompt for an MFA code")
                && error.hint?.contains("aws sts get-session-token") == true
        }
    }

    @Test("an inconsistent role profile is reported", arguments: [
        ("both", "both source_profile and credential_source"), ("dangling", "source_profile nowhere"),
        ("badsource", "credential_source Laptop"),
    ])
    func invalidRoleProfiles(_ profile: String, _ expected: String) throws {
        defer { fixture.remove() }
        #expect {
            try resolve(profile: profile, sts: "http://127.0.0.1:9")
        } throws: { error in
            String(describing: error).contains(expected)
        }
    }

    @Test("an STS error answer is reported with its code and message")
    func stsErrors() throws {
        defer { fixture.remove() }
        let server = try CredentialTestServer(script: "credential_servers.py")
        defer { server.stop() }
        #expect {
            try resolve(profile: "reader", sts: server.url + "/sts-error")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("STS AssumeRole failed with AccessDenied: User is not authorized")
                && text.contains("HTTP 403") && !text.contains("base-secret")
        }
        let log = try server.requestLog()
        #expect(log.map(\.path) == ["/sts-error/"])
    }

    @Test("an unreachable STS is reported with its address, without secrets")
    func unreachableSTS() throws {
        defer { fixture.remove() }
        #expect {
            try resolve(profile: "reader", sts: "http://127.0.0.1:9")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("could not reach http://127.0.0.1:9") && !text.contains("base-secret")
        }
    }
}

@Suite struct CredentialSTSEndpointTests {
    func endpoint(region: String?, _ environment: [String: String] = [:], config: String = "") throws -> STSEndpoint {
        let settings = try AWSProfileSettings(region: region, environment: environment,
                                              files: try AWSConfigFiles(configText: config))
        return STSEndpoint(settings: settings)
    }

    @Test("STS is regional by default, global without a region or for legacy regions under `legacy`")
    func endpoints() throws {
        #expect(try endpoint(region: nil) == .global)
        #expect(try endpoint(region: "eu-west-1") == STSEndpoint(url: "https://sts.eu-west-1.amazonaws.com",
                                                                 signingRegion: "eu-west-1"))
        #expect(try endpoint(region: "eu-west-1", ["AWS_STS_REGIONAL_ENDPOINTS": "legacy"]) == .global)
        #expect(try endpoint(region: "af-south-1", ["AWS_STS_REGIONAL_ENDPOINTS": "legacy"]).url
                == "https://sts.af-south-1.amazonaws.com")
        #expect(try endpoint(region: "us-east-2", config: "[default]\nsts_regional_endpoints = legacy\n") == .global)
        #expect(try endpoint(region: "cn-north-1").url == "https://sts.cn-north-1.amazonaws.com.cn")
        #expect(try endpoint(region: "eu-west-1", ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000/"])
                == STSEndpoint(url: "http://127.0.0.1:5000", signingRegion: "eu-west-1"))
        #expect(try endpoint(region: nil, config: "[default]\nsts =\n  endpoint_url = http://127.0.0.1:6000\n").url
                == "http://127.0.0.1:6000")
    }
}
