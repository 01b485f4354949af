import Foundation
import Testing
@testable import TrailS3

/// The container and instance-metadata providers, against a fake agent on 127.0.0.1 that checks tokens.
@Suite struct CredentialEndpointsTests {
    static let containerToken = "container-authorization-token"

    func resolve(_ environment: [String: String], transport: any HTTPTransport = CurlTransport()) throws
        -> AWSCredentials
    {
        let fixture = try AWSFilesFixture()
        defer { fixture.remove() }
        return try CredentialChain.resolve(settings: try fixture.settings(environment: environment),
                                           transport: transport)
    }

    @Test("a full container URI on loopback is fetched with the authorization token")
    func containerWithToken() throws {
        let server = try CredentialTestServer(script: "credential_servers.py")
        defer { server.stop() }
        let credentials = try resolve([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/container/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": Self.containerToken,
        ])
        #expect(credentials.accessKeyID == "ASIACONTAINER")
        #expect(credentials.sessionToken == "container-session-token")
        #expect(credentials.expiration == 4_070_908_800)
        #expect(credentials.source == "container")
        #expect(try server.requestLog().map(\.tokenOK) == [true])
    }

    @Test("the token file wins over the token variable and is read as written")
    func containerTokenFile() throws {
        let server = try CredentialTestServer(script: "credential_servers.py")
        defer { server.stop() }
        let fixture = try AWSFilesFixture()
        defer { fixture.remove() }
        let tokenFile = try fixture.write("token", Self.containerToken + "\n")
        let credentials = try resolve([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/container/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong-token",
        ])
        #expect(credentials.accessKeyID == "ASIACONTAINER")
    }

    @Test("a refused container request is an error with the agent's reason, not a fall-through")
    func containerRefusals() throws {
        let server = try CredentialTestServer(script: "credential_servers.py")
        defer { server.stop() }
        #expect {
            try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/container/creds",
                         "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong-token"])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("HTTP 401: Unauthorized: bad token") && !text.contains("wrong-token")
        }
        #expect {
            try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/container/denied"])
        } throws: { error in
            String(describing: error).contains("HTTP 403: AccessDenied: task role revoked")
        }
        #expect {
            try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/container/broken"])
        } throws: { error in
            String(describing: error).contains("HTTP 500")
        }
        #expect(try server.requestLog().filter { $0.path == "/container/broken" }.count == 3, "5xx is retried")
    }

    @Test("a full URI must be https or loopback; nothing is sent otherwise", arguments: [
        ("http://example.com/creds", false), ("http://10.0.0.1:80/creds", false), ("ftp://127.0.0.1/creds", false),
        ("https://example.com/creds", true), ("http://127.0.0.1:51679/creds", true), ("http://localhost/creds", true),
        ("http://[::1]:8080/creds", true), ("http://169.254.170.23/v1/credentials", true),
        ("http://user@127.0.0.1/x", true),
    ])
    func fullURIRule(_ url: String, _ allowed: Bool) throws {
        #expect(ContainerCredentialProvider.isAllowed(fullURI: url) == allowed)
        if !allowed {
            let transport = CredentialScriptedTransport { _ in HTTPResponse(status: 500) }
            #expect(throws: CredentialsError.self) {
                try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": url], transport: transport)
            }
            #expect(transport.requests.isEmpty)
        }
    }

    @Test("a relative URI goes to the ECS agent address (answered here without any network)")
    func relativeURI() throws {
        let transport = CredentialScriptedTransport { _ in
            HTTPResponse(status: 200, body: Array(#"""
                {"AccessKeyId": "ASIAECS", "SecretAccessKey": "s", "Token": "t", "Expiration": "2099-01-01T00:00:00Z"}
                """#.utf8))
        }
        let credentials = try resolve(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"],
                                      transport: transport)
        #expect(credentials.accessKeyID == "ASIAECS")
        #expect(transport.requests.map(\.url) == ["http://169.254.170.2/v2/credentials/abc"])
    }

    @Test("instance metadata is read with an IMDSv2 session token on every request")
    func instanceMetadataV2() throws {
        let server = try CredentialTestServer(script: "credential_servers.py")
        defer { server.stop() }
        let credentials = try resolve(["AWS_EC2_METADATA_DISABLED": "false",
                                       "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url + "/"])
        #expect(credentials.accessKeyID == "ASIAINSTANCE")
        #expect(credentials.sessionToken == "instance-session-token")
        #expect(credentials.source == "instance metadata (role trail-instance-role)")
        let log = try server.requestLog()
        #expect(log.map { "\($0.method) \($0.path)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/trail-instance-role",
        ])
        #expect(log.dropFirst().allSatisfy { $0.tokenOK })
    }

    /// The agent's clock is two hours ahead of this machine's: its Expiration (2099-01-01, its time) is two hours
    /// earlier on this machine's clock, which the credentials cache compares it with. A minute off is left alone.
    @Test("an endpoint's expiration moves by the difference between its Date and this machine's clock",
          arguments: [(Int64(7_200), Int64(7_200)), (-7_200, -7_200), (30, 0)])
    func expirationsFollowTheEndpointsClock(offset: Int64, shift: Int64) throws {
        let server = try CredentialTestServer(script: "credential_servers.py", arguments: ["--clock-offset", "\(offset)"])
        defer { server.stop() }
        let container = try resolve([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/container/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": Self.containerToken,
        ])
        let instance = try resolve(["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url])
        for credentials in [container, instance] {
            let expiration = try #require(credentials.expiration)
            // Within the seconds the requests took.
            #expect(abs(expiration - (4_070_908_800 - shift)) <= 3, "\(credentials.source): \(expiration)")
        }
    }

    @Test("without IMDSv2, IMDSv1 is used unless it is disabled")
    func instanceMetadataV1Fallback() throws {
        let server = try CredentialTestServer(script: "credential_servers.py", arguments: ["--imds-v1-only"])
        defer { server.stop() }
        let environment = ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url]
        #expect(try resolve(environment).accessKeyID == "ASIAINSTANCE")
        var v2Only = environment
        v2Only["AWS_EC2_METADATA_V1_DISABLED"] = "true"
        #expect(throws: CredentialsError.self) { try resolve(v2Only) }
    }

    @Test("with no metadata service the chain fails fast; disabled, it sends nothing")
    func instanceMetadataAbsent() throws {
        let start = ContinuousClock.now
        #expect {
            try resolve(["AWS_EC2_METADATA_DISABLED": "false",
                         "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9"])
        } throws: { error in
            String(describing: error).contains("no AWS credentials found")
        }
        #expect(ContinuousClock.now - start < .seconds(5))

        let transport = CredentialScriptedTransport { _ in HTTPResponse(status: 500) }
        #expect(throws: CredentialsError.self) { try resolve([:], transport: transport) }
        #expect(transport.requests.isEmpty, "AWS_EC2_METADATA_DISABLED=true is in every fixture environment")
    }

    @Test("the metadata endpoint defaults to 169.254.169.254, or the IPv6 address in IPv6 mode")
    func instanceMetadataEndpoint() throws {
        let plain = try AWSProfileSettings(environment: [:], files: try AWSConfigFiles())
        #expect(InstanceMetadataCredentialProvider.endpoint(plain) == "http://169.254.169.254")
        let ipv6 = try AWSProfileSettings(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"],
                                          files: try AWSConfigFiles())
        #expect(InstanceMetadataCredentialProvider.endpoint(ipv6) == "http://[fd00:ec2::254]")
    }
}
