/// The two STS calls the credential chain makes, as form POSTs (Query protocol, version 2011-06-15):
/// `AssumeRole` signed with the source credentials, and `AssumeRoleWithWebIdentity`, which is unsigned (the web
/// identity token is the proof).
struct STSClient: Sendable {
    let endpoint: STSEndpoint
    let transport: any HTTPTransport

    struct AssumeRoleRequest {
        var roleARN: String
        var sessionName: String
        var externalID: String?
        var durationSeconds: Int?
    }

    func assumeRole(_ request: AssumeRoleRequest, with sourceCredentials: AWSCredentials, now: Int64,
                    source: String) throws(CredentialsError) -> AWSCredentials
    {
        var parameters = [("RoleArn", request.roleARN), ("RoleSessionName", request.sessionName)]
        if let externalID = request.externalID { parameters.append(("ExternalId", externalID)) }
        if let duration = request.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        return try call("AssumeRole", parameters, signedWith: sourceCredentials, now: now, source: source)
    }

    func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, webIdentityToken: String,
                                   source: String) throws(CredentialsError) -> AWSCredentials
    {
        let parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName),
                          ("WebIdentityToken", webIdentityToken)]
        return try call("AssumeRoleWithWebIdentity", parameters, signedWith: nil, now: 0, source: source)
    }

    private func call(_ action: String, _ parameters: [(String, String)], signedWith credentials: AWSCredentials?,
                      now: Int64, source: String) throws(CredentialsError) -> AWSCredentials
    {
        let form = ([("Action", action), ("Version", "2011-06-15")] + parameters)
            .map { "\($0.0)=\(URIEncoding.encode($0.1))" }
            .joined(separator: "&")
        var signedAt = now
        var response = try send(action, form, signedWith: credentials, at: signedAt)
        // STS found the signature's time too far from its own (this machine's clock is off): sign again, once,
        // with the time STS gave, as the AWS SDKs do.
        if let credentials, response.status != 200,
            let serverTime = Self.serverTimeOfSkewRefusal(status: response.status, ErrorDetails(response)),
            abs(serverTime - signedAt) >= S3Client.skewWorthCorrecting
        {
            signedAt = serverTime
            response = try send(action, form, signedWith: credentials, at: signedAt)
        }
        guard response.status == 200 else { throw Self.failure(action, response.status, ErrorDetails(response)) }
        guard let root = try? XMLTree.parse(response.body),
              let result = root.child("\(action)Result"),
              let credentials = result.child("Credentials"),
              let accessKeyID = credentials.text(of: "AccessKeyId"), !accessKeyID.isEmpty,
              let secretAccessKey = credentials.text(of: "SecretAccessKey"), !secretAccessKey.isEmpty
        else {
            // The body holds secrets when it is a success, so it is not quoted.
            throw CredentialsError("STS \(action) answered without credentials")
        }
        // The expiration is STS's time; the cache compares it with this machine's, so it moves by the correction.
        let correction = signedAt - now
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            sessionToken: credentials.text(of: "SessionToken").nonEmpty,
            expiration: credentials.text(of: "Expiration").flatMap(ISO8601Timestamp.epochSeconds).map { $0 - correction },
            source: source)
    }

    private func send(_ action: String, _ form: String, signedWith credentials: AWSCredentials?,
                      at epochSeconds: Int64) throws(CredentialsError) -> HTTPResponse
    {
        var request = HTTPRequest(
            method: "POST", url: endpoint.url + "/",
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.utf8), timeoutSeconds: 30)
        if let credentials {
            SigV4Signer(credentials: credentials, region: endpoint.signingRegion, service: "sts")
                .sign(&request, epochSeconds: epochSeconds)
        }
        do {
            return try transport.send(request)
        } catch {
            throw CredentialsError("STS \(action) could not reach \(endpoint.url): \(error.message)",
                                   hint: "check the network, or the STS endpoint configured")
        }
    }

    /// STS's time, when `response` refuses a request for being signed too far from it: STS says
    /// `SignatureDoesNotMatch` "Signature expired: 20261122T080000Z is now earlier than 20261122T094500Z
    /// (20261122T100000Z - 15 min.)" (or "Signature not yet current: … is still later than … (… + 15 min.)"); other
    /// endpoints say `RequestExpired` and the like. The time is the `Date` header's, else the one in parentheses.
    static func serverTimeOfSkewRefusal(_ response: HTTPResponse) -> Int64? {
        serverTimeOfSkewRefusal(status: response.status, ErrorDetails(response))
    }

    private static func serverTimeOfSkewRefusal(status: Int, _ details: ErrorDetails) -> Int64? {
        guard [400, 403].contains(status), refusesClock(details) else { return nil }
        if let serverTime = details.serverTime { return serverTime }
        guard let message = details.message, let open = message.lastIndex(of: "(") else { return nil }
        return AMZDate.epochSeconds(String(message[message.index(after: open)...].prefix(16)))
    }

    /// Whether the error says the request's time is too far from the server's.
    private static func refusesClock(_ details: ErrorDetails) -> Bool {
        guard let code = details.code else { return false }
        let message = details.message ?? ""
        return S3Client.clockSkewCodes.contains(code)
            || (["SignatureDoesNotMatch", "InvalidSignatureException"].contains(code)
                && (message.hasPrefix("Signature expired") || message.hasPrefix("Signature not yet current")))
    }

    /// `<ErrorResponse><Error><Code>AccessDenied</Code><Message>…</Message></Error></ErrorResponse>`.
    private static func failure(_ action: String, _ status: Int, _ details: ErrorDetails) -> CredentialsError {
        guard let code = details.code else { return CredentialsError("STS \(action) failed with HTTP \(status)") }
        let message = details.message.map { ": \($0)" } ?? ""
        let hint = refusesClock(details) ? "this machine's clock is off: set it right (NTP, `timedatectl set-ntp true`)" : nil
        return CredentialsError("STS \(action) failed with \(code)\(message) (HTTP \(status))", hint: hint)
    }
}
