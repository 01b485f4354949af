/// What an AWS error response says: S3's `<Error><Code>…</Code><Message>…</Message><Region>…</Region>…`, STS's
/// `<ErrorResponse><Error>…</Error></ErrorResponse>`, or `<Response><Errors><Error>…`.
struct ErrorDetails {
    var code: String?
    var message: String?
    var requestID: String?
    var region: String?
    /// The server's time: `<ServerTime>` of S3's RequestTimeTooSkewed error, else the `Date` header.
    var serverTime: Int64?

    init(_ response: HTTPResponse) {
        region = response.header("x-amz-bucket-region")
        requestID = response.header("x-amz-request-id")
        serverTime = response.header("date").flatMap(HTTPDate.epochSeconds)
        guard !response.body.isEmpty, let root = try? XMLTree.parse(response.body) else { return }
        let error = root.name == "Error" ? root : root.child("Error") ?? root.find("Errors", "Error")
        code = error?.text(of: "Code")
        message = error?.text(of: "Message")
        requestID = error?.text(of: "RequestId") ?? requestID
        region = region ?? error?.text(of: "Region")
        serverTime = error?.text(of: "ServerTime").flatMap(ISO8601Timestamp.epochSeconds) ?? serverTime
    }
}
