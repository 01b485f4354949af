extension AWSProfileSettings {
    /// The endpoint configured for an AWS service outside the command line, in the order of the SDKs'
    /// "service-specific endpoints": `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` > the profile's
    /// `[services NAME]` section > the profile's nested `<service>.endpoint_url` > the profile's `endpoint_url`.
    /// Nil when none is set or `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls` is true.
    /// - Parameter service: the config-file key of the service (`s3`, `sts`).
    public func configuredEndpointURL(service: String) -> String? {
        if Self.isTrue(value(environment: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                             profile: "ignore_configured_endpoint_urls")) {
            return nil
        }
        let variable = "AWS_ENDPOINT_URL_" + service.uppercased().replacingSpacesAndDashes()
        if let url = environment[variable].nonEmpty ?? environment["AWS_ENDPOINT_URL"].nonEmpty { return url }
        if let servicesName = setting("services"),
           let url = files.servicesSections[servicesName]?["\(service).endpoint_url"].nonEmpty
        {
            return url
        }
        return setting("\(service).endpoint_url") ?? setting("endpoint_url")
    }

    /// Booleans in the AWS files and variables are the words true/false, in any case.
    static func isTrue(_ value: String?) -> Bool { value?.lowercased() == "true" }
}

extension String {
    /// `AWS_ENDPOINT_URL_<SERVICE>` spells the service ID with underscores.
    fileprivate func replacingSpacesAndDashes() -> String {
        String(map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
