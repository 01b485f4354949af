/// Where STS requests go and the region they are signed for.
///
/// A configured endpoint (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, `[services]`, `sts.endpoint_url`,
/// `endpoint_url`) wins: that is how tests reach a local STS. Otherwise `sts_regional_endpoints`
/// (`AWS_STS_REGIONAL_ENDPOINTS`) decides, `regional` by default as in AWS CLI v2; `legacy` keeps the global
/// endpoint for the regions that used it before regional endpoints existed. Without any region, the global
/// endpoint `https://sts.amazonaws.com`, signed for us-east-1.
struct STSEndpoint: Sendable, Equatable {
    var url: String
    var signingRegion: String

    static let global = STSEndpoint(url: "https://sts.amazonaws.com", signingRegion: "us-east-1")

    /// The regions botocore sends to the global endpoint under `sts_regional_endpoints = legacy`.
    static let legacyGlobalRegions: Set<String> = [
        "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
        "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2",
        "us-west-1", "us-west-2",
    ]

    init(url: String, signingRegion: String) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.signingRegion = signingRegion
    }

    init(settings: AWSProfileSettings) {
        let region = settings.region
        if let configured = settings.configuredEndpointURL(service: "sts") {
            self.init(url: configured, signingRegion: region ?? "us-east-1")
            return
        }
        guard let region, region != "aws-global" else {
            self = .global
            return
        }
        let mode = settings.value(environment: "AWS_STS_REGIONAL_ENDPOINTS", profile: "sts_regional_endpoints")
        if mode?.lowercased() == "legacy" && Self.legacyGlobalRegions.contains(region) {
            self = .global
            return
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        self.init(url: "https://sts.\(region).\(suffix)", signingRegion: region)
    }
}
