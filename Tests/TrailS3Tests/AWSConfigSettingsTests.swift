import Testing
@testable import TrailS3

@Suite struct AWSConfigSettingsTests {
    static let config = """
        [default]
        region = us-east-1
        [profile dev]
        region = eu-west-1
        endpoint_url = http://127.0.0.1:1111
        [profile cli]
        region = ap-south-1
        [profile envprofile]
        region = eu-central-1
        [profile s3only]
        endpoint_url = http://127.0.0.1:1111
        s3 =
          endpoint_url = http://127.0.0.1:2222
          addressing_style = virtual
        [profile withservices]
        services = local
        s3 =
          endpoint_url = http://127.0.0.1:2222
        [services local]
        s3 =
          endpoint_url = http://127.0.0.1:3333
        sts =
          endpoint_url = http://127.0.0.1:4444
        [profile ignoring]
        ignore_configured_endpoint_urls = true
        endpoint_url = http://127.0.0.1:1111
        [profile badstyle]
        s3 =
          addressing_style = sideways
        """

    static func settings(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                         _ environment: [String: String] = [:]) throws -> AWSProfileSettings
    {
        try AWSProfileSettings(profile: profile, region: region, endpointURL: endpointURL, environment: environment,
                               files: try AWSConfigFiles(configText: config))
    }

    @Test("the profile is --profile, then AWS_PROFILE, then AWS_DEFAULT_PROFILE, then default")
    func profilePrecedence() throws {
        let both = ["AWS_PROFILE": "envprofile", "AWS_DEFAULT_PROFILE": "dev"]
        #expect(try Self.settings(profile: "cli", both).profileName == "cli")
        #expect(try Self.settings(profile: "cli", both).isProfileFromCommandLine)
        #expect(try Self.settings(both).profileName == "envprofile")
        #expect(try Self.settings(both).isProfileFromCommandLine == false)
        #expect(try Self.settings(["AWS_DEFAULT_PROFILE": "dev"]).profileName == "dev")
        #expect(try Self.settings(["AWS_PROFILE": ""]).profileName == "default", "an empty variable is unset")
    }

    @Test("the region is --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's")
    func regionPrecedence() throws {
        let both = ["AWS_REGION": "us-west-1", "AWS_DEFAULT_REGION": "us-west-2"]
        #expect(try Self.settings(profile: "dev", region: "sa-east-1", both).region == "sa-east-1")
        #expect(try Self.settings(profile: "dev", both).region == "us-west-1")
        #expect(try Self.settings(profile: "dev", ["AWS_DEFAULT_REGION": "us-west-2"]).region == "us-west-2")
        #expect(try Self.settings(profile: "dev").region == "eu-west-1")
        #expect(try Self.settings(["AWS_PROFILE": "envprofile"]).region == "eu-central-1")
        let noFiles = try AWSProfileSettings(environment: [:], files: try AWSConfigFiles())
        #expect(noFiles.region == nil)
    }

    @Test("the S3 endpoint is --endpoint-url, then AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, then the profile's")
    func endpointPrecedence() throws {
        let both = ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:5555", "AWS_ENDPOINT_URL": "http://127.0.0.1:6666"]
        #expect(try Self.settings(profile: "dev", endpointURL: "http://127.0.0.1:7777", both).s3EndpointURL
                == "http://127.0.0.1:7777")
        #expect(try Self.settings(profile: "dev", both).s3EndpointURL == "http://127.0.0.1:5555")
        #expect(try Self.settings(profile: "dev", ["AWS_ENDPOINT_URL": "http://127.0.0.1:6666"]).s3EndpointURL
                == "http://127.0.0.1:6666")
        #expect(try Self.settings(profile: "withservices").s3EndpointURL == "http://127.0.0.1:3333",
                "a [services] section comes before the profile's own keys")
        #expect(try Self.settings(profile: "s3only").s3EndpointURL == "http://127.0.0.1:2222",
                "s3.endpoint_url comes before endpoint_url")
        #expect(try Self.settings(profile: "dev").s3EndpointURL == "http://127.0.0.1:1111")
        #expect(try Self.settings(profile: "cli").s3EndpointURL == nil)
    }

    @Test("ignoring configured endpoints drops the variables and the files, never --endpoint-url")
    func ignoringConfiguredEndpoints() throws {
        let ignore = ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE", "AWS_ENDPOINT_URL": "http://127.0.0.1:6666"]
        #expect(try Self.settings(profile: "dev", ignore).s3EndpointURL == nil)
        #expect(try Self.settings(profile: "dev", endpointURL: "http://127.0.0.1:7777", ignore).s3EndpointURL
                == "http://127.0.0.1:7777")
        #expect(try Self.settings(profile: "ignoring").s3EndpointURL == nil)
        #expect(try Self.settings(profile: "dev", ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"]).s3EndpointURL
                == "http://127.0.0.1:1111")
    }

    @Test("other services' endpoints follow the same order (STS for assume-role)")
    func serviceEndpoints() throws {
        #expect(try Self.settings(profile: "withservices").configuredEndpointURL(service: "sts")
                == "http://127.0.0.1:4444")
        #expect(try Self.settings(profile: "dev", ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:8888"])
            .configuredEndpointURL(service: "sts") == "http://127.0.0.1:8888")
        #expect(try Self.settings(profile: "dev", ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:5555"])
            .configuredEndpointURL(service: "sts") == "http://127.0.0.1:1111", "S3's variable is S3's only")
    }

    @Test("s3.addressing_style is read and checked")
    func addressingStyle() throws {
        #expect(try Self.settings(profile: "s3only").s3AddressingStyle == .virtual)
        #expect(try Self.settings(profile: "dev").s3AddressingStyle == nil)
        #expect(try Self.settings(profile: "s3only").s3Settings().addressingStyle == .virtual)
        #expect(throws: AWSConfigError.self) { try Self.settings(profile: "badstyle") }
    }

    @Test("a named profile that does not exist is an error naming the files; a missing default is not")
    func missingProfiles() throws {
        let fixture = try AWSFilesFixture(config: "[profile dev]\nregion = eu-west-1\n")
        defer { fixture.remove() }
        for (profile, environment) in [("nope", [:]), (nil, ["AWS_PROFILE": "nope"])] as [(String?, [String: String])] {
            #expect {
                _ = try fixture.settings(profile: profile, environment: environment)
            } throws: { error in
                let description = String(describing: error)
                return description.contains("nope") && description.contains(fixture.configPath)
                    && description.contains(fixture.credentialsPath)
            }
        }
        let defaults = try fixture.settings()
        #expect(defaults.profileName == "default" && defaults.profile.isEmpty && defaults.region == nil)
    }

    @Test("a profile that exists only in the credentials file exists")
    func profileOnlyInCredentialsFile() throws {
        let fixture = try AWSFilesFixture(credentials: "[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = s\n")
        defer { fixture.remove() }
        #expect(try fixture.settings(profile: "ci").profile["aws_access_key_id"] == "AKIACI")
    }
}
