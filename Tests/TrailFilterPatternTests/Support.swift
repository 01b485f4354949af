import Testing
import TrailJSON
@testable import TrailFilterPattern

/// Matches `event` (JSON or plain text) against `pattern` with both entry points and checks that they agree.
func match(_ pattern: String, _ event: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
    let compiled = try FilterPattern(parsing: pattern)
    let viaRecord = try compiled.matches(json: event)
    if event.first == "{" {
        // The cursor entry point needs a JSON value (it finds the record's end by scanning it).
        var bytes = Array(event.utf8)
        bytes.append(contentsOf: Array(" \n".utf8))
        let viaCursor = try bytes.withUnsafeBytes { buffer in
            var cursor = JSONCursor(buffer)
            var values: [JSONValueRef] = [JSONValueRef(kind: .string, start: 99, end: 100, hasEscapes: true)]  // stale scratch
            return Result { () throws(JSONError) in try compiled.matches(&cursor, values: &values) }
        }.get()
        #expect(viaCursor == viaRecord, "cursor and record entry points disagree for \(pattern)", sourceLocation: sourceLocation)
    }
    if viaRecord {
        // A matching event never fails the literal pre-filter.
        let ok = Array(event.utf8).withUnsafeBytes { compiled.mayMatch($0) }
        #expect(ok, "mayMatch rejected a matching event for \(pattern)", sourceLocation: sourceLocation)
    }
    return viaRecord
}

/// The error thrown when parsing `pattern` fails (nil if it parses).
func parseError(_ pattern: String) -> FilterPatternError? {
    do {
        _ = try FilterPattern(parsing: pattern)
        return nil
    } catch {
        return error
    }
}

/// A CloudTrail event, as CloudTrail writes it (compact JSON), with the given fields in the usual order.
/// `identity`, `request`, `response`, `additional` and `extra` are JSON text (extra: `"key":value,…`).
func cloudTrailEvent(
    source: String, name: String, identity: String = Identity.iamUser, type: String = "AwsApiCall",
    errorCode: String? = nil, errorMessage: String? = nil, request: String = "null", response: String = "null",
    additional: String? = nil, extra: String? = nil, readOnly: Bool = false
) -> String {
    var fields = [
        #""eventVersion":"1.08""#, #""userIdentity":\#(identity)"#, #""eventTime":"2024-03-05T10:11:12Z""#,
        #""eventSource":"\#(source)""#, #""eventName":"\#(name)""#, #""awsRegion":"us-east-1""#,
        #""sourceIPAddress":"192.0.2.10""#, #""userAgent":"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64""#,
    ]
    if let errorCode { fields.append(#""errorCode":"\#(errorCode)""#) }
    if let errorMessage { fields.append(#""errorMessage":"\#(errorMessage)""#) }
    fields.append(#""requestParameters":\#(request)"#)
    fields.append(#""responseElements":\#(response)"#)
    if let additional { fields.append(#""additionalEventData":\#(additional)"#) }
    if let extra { fields.append(extra) }
    fields += [
        #""requestID":"5f6e0b4e-0d7c-4b5a-9d0c-1a2b3c4d5e6f""#, #""eventID":"9a8b7c6d-1111-2222-3333-444455556666""#,
        #""readOnly":\#(readOnly)"#, #""eventType":"\#(type)""#, #""managementEvent":true"#,
        #""recipientAccountId":"111122223333""#, #""eventCategory":"Management""#,
    ]
    return "{" + fields.joined(separator: ",") + "}"
}

enum Identity {
    static let iamUser = #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/Alice","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"Alice"}"#
    static let root = #"{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","accessKeyId":""}"#
    static let rootInvokedBySupport = #"{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","invokedBy":"support.amazonaws.com"}"#
    static let assumedRole = #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:bob","arn":"arn:aws:sts::111122223333:assumed-role/Admin/bob","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"},"attributes":{"creationDate":"2024-03-05T10:00:00Z","mfaAuthenticated":"false"}}}"#
    static let configService = #"{"type":"AssumedRole","principalId":"AROACONFIG:AWSConfig-Describe","arn":"arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe","accountId":"111122223333","invokedBy":"config.amazonaws.com"}"#
    static let awsService = #"{"accountId":"111122223333","invokedBy":"AWS Internal"}"#
}
