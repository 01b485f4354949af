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
        var request = HTTPRequest(
            method: "POST", url: endpoint.url + "/",
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.utf8), timeoutSeconds: 30)
        if let credentials {
            SigV4Signer(credentials: credentials, region: endpoint.signingRegion, service: "sts")
                .sign(&request, epochSeconds: now)
        }
        let response: HTTPResponse
        do {
            response = try transport.send(request)
        } catch {
            throw CredentialsError("STS \(action) could not reach \(endpoint.url): \(error.message)",
                                   hint: "check the network, or the STS endpoint configured")
        }
        guard response.status == 200 else { throw Self.failure(action, response) }
        guard let root = try? XMLTree.parse(response.body),
              let result = root.child("\(action)Result"),
              let credentials = result.child("Credentials"),
              let accessKeyID = credentials.text(of: "AccessKeyId"), !accessKeyID.isEmpty,
              let secretAccessKey = credentials.text(of: "SecretAccessKey"), !secretAccessKey.isEmpty
        else {
            // The body holds secrets when it is a success, so it is not quoted.
            throw CredentialsError("STS \(action) answered without credentials")
        }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            sessionToken: credentials.text(of: "SessionToken").nonEmpty,
            expiration: credentials.text(of: "Expiration").flatMap(ISO8601Timestamp.epochSeconds), source: source)
    }

    /// `<ErrorResponse><Error><Code>AccessDenied</Code><Message>…</Message></Error></ErrorResponse>`.
    private static func failure(_ action: String, _ response: HTTPResponse) -> CredentialsError {
        if let root = try? XMLTree.parse(response.body),
           let error = root.child("Error") ?? root.find("Errors", "Error"),
           let code = error.text(of: "Code")
        {
            let message = error.text(of: "Message").map { ": \($0)" } ?? ""
            return CredentialsError("STS \(action) failed with \(code)\(message) (HTTP \(response.status))")
        }
        return CredentialsError("STS \(action) failed with HTTP \(response.status)")
    }
}
