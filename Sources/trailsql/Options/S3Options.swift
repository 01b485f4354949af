import ArgumentParser
import Foundation
import TrailEngine
import TrailS3

/// How to reach `s3://` sources; the AWS CLI's options and environment variables mean the same here.
struct S3Options: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "AWS profile for s3:// sources (from ~/.aws/config and ~/.aws/credentials; default: AWS_PROFILE or default).",
        valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp(
        "Region to sign s3:// requests for (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region). A bucket in another region is followed.",
        valueName: "region"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp(
        "An S3-compatible endpoint, addressed path-style (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's endpoint_url).",
        valueName: "url"))
    var endpointURL: String?

    @Option(name: .customLong("s3-concurrency"), help: ArgumentHelp(
        "S3 requests in flight at most, LISTs and GETs together; more helps many small objects on a slow link.",
        valueName: "n"))
    var concurrency: Int = S3Settings.defaultConcurrency

    @Option(name: .customLong("s3-max-attempts"), help: ArgumentHelp(
        "Tries per S3 request on throttling, 5xx, resets, timeouts and truncated bodies.", valueName: "n"))
    var maxAttempts: Int = S3Settings.defaultMaxAttempts

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--s3-concurrency must be at least 1") }
        if maxAttempts < 1 { throw ValidationError("--s3-max-attempts must be at least 1") }
        if let endpointURL, !(endpointURL.hasPrefix("http://") || endpointURL.hasPrefix("https://")) {
            throw ValidationError("--endpoint-url must start with http:// or https://")
        }
    }

    var accessOptions: S3Access.Options {
        S3Access.Options(profile: profile, region: region, endpointURL: endpointURL, concurrency: concurrency,
                         maxAttempts: maxAttempts)
    }
}
