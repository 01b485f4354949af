/// The EC2 instance profile's credentials from the instance metadata service, IMDSv2 first:
///
///     PUT  /latest/api/token                             X-aws-ec2-metadata-token-ttl-seconds: 21600 → token
///     GET  /latest/meta-data/iam/security-credentials/   X-aws-ec2-metadata-token: token → role name
///     GET  /latest/meta-data/iam/security-credentials/ROLE → {"Code": "Success", "AccessKeyId": …}
///
/// Off EC2 nothing answers, so the timeout is short (1 s, `AWS_METADATA_SERVICE_TIMEOUT`) and there is one
/// attempt (`AWS_METADATA_SERVICE_NUM_ATTEMPTS`): the chain then ends quickly with "no credentials". When the
/// token request is refused as unsupported (403, 404, 405), IMDSv1 is used unless
/// `AWS_EC2_METADATA_V1_DISABLED`. `AWS_EC2_METADATA_DISABLED=true` skips the service.
struct InstanceMetadataCredentialProvider: CredentialProvider {
    static let tokenTTLSeconds = "21600"
    static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    var name: String { "EC2 instance metadata" }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        let settings = context.settings
        if AWSProfileSettings.isTrue(settings.environment["AWS_EC2_METADATA_DISABLED"]) { return nil }
        let fetcher = Fetcher(
            endpoint: Self.endpoint(settings),
            timeoutSeconds: max(1, Int(settings.value(environment: "AWS_METADATA_SERVICE_TIMEOUT",
                                                      profile: "metadata_service_timeout") ?? "") ?? 1),
            attempts: max(1, Int(settings.value(environment: "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
                                                profile: "metadata_service_num_attempts") ?? "") ?? 1),
            allowsVersion1: !AWSProfileSettings.isTrue(
                settings.value(environment: "AWS_EC2_METADATA_V1_DISABLED", profile: "ec2_metadata_v1_disabled")),
            transport: context.transport)
        return try fetcher.credentials()
    }

    static func endpoint(_ settings: AWSProfileSettings) -> String {
        if let configured = settings.value(environment: "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                                           profile: "ec2_metadata_service_endpoint")
        {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        let mode = settings.value(environment: "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
                                  profile: "ec2_metadata_service_endpoint_mode")
        return mode?.lowercased() == "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254"
    }

    /// One resolution's requests.
    struct Fetcher {
        let endpoint: String
        let timeoutSeconds: Int
        let attempts: Int
        let allowsVersion1: Bool
        let transport: any HTTPTransport

        /// Nil when there is no metadata service or the instance has no role.
        func credentials() throws(CredentialsError) -> AWSCredentials? {
            var tokenRequest = HTTPRequest(method: "PUT", url: endpoint + "/latest/api/token",
                                           timeoutSeconds: timeoutSeconds)
            tokenRequest.setHeader("X-aws-ec2-metadata-token-ttl-seconds",
                                   InstanceMetadataCredentialProvider.tokenTTLSeconds)
            guard let tokenResponse = send(tokenRequest) else { return nil }
            let token: String?
            switch tokenResponse.status {
            case 200: token = tokenResponse.bodyText
            case 403, 404, 405:
                guard allowsVersion1 else {
                    throw CredentialsError("instance metadata does not offer IMDSv2 session tokens (HTTP "
                                           + "\(tokenResponse.status)), and IMDSv1 is disabled")
                }
                token = nil
            default:
                throw CredentialsError("instance metadata refused a session token (HTTP \(tokenResponse.status))")
            }
            guard let roleResponse = get(InstanceMetadataCredentialProvider.credentialsPath, token: token),
                  roleResponse.status == 200,
                  let role = roleResponse.bodyText.split(whereSeparator: \.isNewline).first.map(String.init),
                  !role.isEmpty
            else { return nil }
            guard let response = get(InstanceMetadataCredentialProvider.credentialsPath + role, token: token) else {
                return nil
            }
            guard response.status == 200, let document = CredentialDocument(json: response.body) else {
                throw CredentialsError("instance metadata has no usable credentials for role \(role) "
                                       + "(HTTP \(response.status))")
            }
            if let code = document.strings["Code"], code != "Success" {
                throw CredentialsError("instance metadata credentials for role \(role) are not available: \(code)"
                                       + (document.strings["Message"].map { ": \($0)" } ?? ""))
            }
            return try document.credentials(tokenKey: "Token", source: "instance metadata (role \(role))",
                                            origin: "instance metadata for role \(role)", answer: response)
        }

        private func get(_ path: String, token: String?) -> HTTPResponse? {
            var request = HTTPRequest(method: "GET", url: endpoint + path, timeoutSeconds: timeoutSeconds)
            if let token { request.setHeader("X-aws-ec2-metadata-token", token) }
            return send(request)
        }

        /// Nil when the service does not answer: off EC2 that is the normal case, not an error.
        private func send(_ request: HTTPRequest) -> HTTPResponse? {
            for _ in 0..<attempts {
                if let response = try? transport.send(request), response.status < 500 { return response }
            }
            return nil
        }
    }
}
