import Foundation

/// Credentials from the container agent (ECS task roles, EKS Pod Identity): `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// (a path on http://169.254.170.2) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the `Authorization` header
/// from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read each time: it rotates) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
///
/// A full URI must be https or a loopback or container-agent address, as the SDKs require: anything else would
/// send the token to an arbitrary host.
struct ContainerCredentialProvider: CredentialProvider {
    static let ecsHost = "http://169.254.170.2"
    /// The agent addresses allowed over plain http besides loopback: ECS, and EKS Pod Identity (IPv4, IPv6).
    static let agentHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

    var name: String { "container credentials (AWS_CONTAINER_CREDENTIALS_*_URI)" }

    func load(_ context: CredentialContext) throws(CredentialsError) -> AWSCredentials? {
        let environment = context.environment
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"].nonEmpty {
            url = Self.ecsHost + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"].nonEmpty {
            guard Self.isAllowed(fullURI: full) else {
                throw CredentialsError(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI \(full) is neither https nor a loopback or container-agent "
                        + "address", hint: "use https, or a 127.0.0.1/localhost address")
            }
            url = full
        } else {
            return nil
        }
        var request = HTTPRequest(method: "GET", url: url, timeoutSeconds: 2)
        if let token = try Self.authorizationToken(environment) { request.setHeader("Authorization", token) }
        let response = try send(request, context.transport)
        guard response.status == 200 else {
            throw CredentialsError("container credentials endpoint \(url) answered HTTP \(response.status)"
                                   + Self.reason(response))
        }
        guard let document = CredentialDocument(json: response.body) else {
            throw CredentialsError("container credentials endpoint \(url) did not answer with JSON")
        }
        return try document.credentials(tokenKey: "Token", source: "container",
                                        origin: "container credentials endpoint \(url)", answer: response)
    }

    /// Three tries, as botocore's ContainerMetadataFetcher: the agent may be briefly busy. A 4xx is final.
    private func send(_ request: HTTPRequest, _ transport: any HTTPTransport) throws(CredentialsError) -> HTTPResponse {
        var failure = ""
        for _ in 0..<3 {
            do {
                let response = try transport.send(request)
                if response.status < 500 { return response }
                failure = "HTTP \(response.status)" + Self.reason(response)
            } catch {
                failure = error.message
            }
        }
        throw CredentialsError("cannot get container credentials from \(request.url): \(failure)")
    }

    private static func authorizationToken(_ environment: [String: String]) throws(CredentialsError) -> String? {
        var token: String?
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"].nonEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CredentialsError("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)")
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"].nonEmpty
        }
        // A line break would smuggle another header into the request.
        if let token, token.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            throw CredentialsError("the container authorization token holds a line break")
        }
        return token
    }

    static func isAllowed(fullURI: String) -> Bool {
        let lowered = fullURI.lowercased()
        if lowered.hasPrefix("https://") { return true }
        guard lowered.hasPrefix("http://") else { return false }
        let host = Self.host(ofURL: lowered)
        return host == "localhost" || host == "[::1]" || host.hasPrefix("127.") || agentHosts.contains(host)
    }

    /// The host of `scheme://[user@]host[:port]/…`, IPv6 literals kept in brackets.
    static func host(ofURL url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return "" }
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        return String(authority.prefix { $0 != ":" })
    }

    /// The agent's `{"code": …, "message": …}` error, if it sent one (errors hold no secrets).
    private static func reason(_ response: HTTPResponse) -> String {
        guard let document = CredentialDocument(json: response.body) else { return "" }
        let code = document.strings["code"] ?? document.strings["Code"]
        let message = document.strings["message"] ?? document.strings["Message"]
        let parts = [code, message].compactMap { $0 }
        return parts.isEmpty ? "" : ": " + parts.joined(separator: ": ")
    }
}
