import TrailFilterPattern
import TrailBase
import TrailJSON

// Input: PATTERN, or PATTERN \0 EVENT. The pattern is parsed; when it parses, these invariants are checked (a
// violation traps, which libFuzzer reports as a crash):
//  - printing and parsing again gives the same syntax, and printing is a fixed point;
//  - both entry points (whole record, cursor) agree on every event;
//  - the literal pre-filter never rejects an event that matches (alone, or in a text large enough for the
//    alternatives to be checked).
// Events: the bytes after \0 when present, else a few fixed CloudTrail-shaped events.

let fixedEvents: [[UInt8]] = [
    #"{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"},"eventTime":"2024-03-05T10:11:12Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.10","userAgent":"Mozilla/5.0","errorMessage":"Failed authentication","requestParameters":null,"responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"MFAUsed":"No"},"eventID":"e1","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"111122223333"}"#,
    #"{"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation","requestParameters":{"instanceType":"m5.8xlarge","minCount":1,"maxCount":2.5e0,"tags":[{"key":"a","value":"b"},{"key":"c\u0041","value":null}]},"resources":[{"ARN":"arn:aws:ec2:us-east-1:111122223333:instance/i-1","type":"AWS::EC2::Instance"}],"readOnly":true,"n":-0.0,"big":1e400,"s":"Jos\u00e9 \ud83d\ude00 \ud800 tab\tend"}"#,
    #"{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111","arrayKey":["value","another value"],"objectList":[{"name":"a","id":1},{"name":"b","id":2}],"SomeObject":null,"cluster.name":"c","coordinates":[[0,1,2],[4,5,6]],"e":{},"a":[]}"#,
    #"[1,"two",{"three":3}]"#,
    #"  {"x":"y"}  "#,
].map { Array($0.utf8) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilterPattern(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: size)
    let split = input.firstIndex(of: 0)
    let patternBytes = split.map { input[..<$0] } ?? input[...]
    let text = String(decoding: patternBytes, as: UTF8.self)
    let pattern: FilterPattern
    do {
        pattern = try FilterPattern(parsing: text)
    } catch {
        // Errors must point into the pattern.
        precondition(error.span.start >= 0 && error.span.start <= error.span.end && error.span.end <= text.utf8.count + 1)
        _ = error.rendered(in: text)
        return 0
    }
    // Printer round trip.
    let printed = pattern.description
    if let again = try? FilterPattern(parsing: printed) {
        precondition(again.syntax == pattern.syntax, "round trip changed \(text) into \(printed)")
        precondition(again.description == printed, "printing is not a fixed point for \(text)")
    } else if printed.unicodeScalars.count <= 1024 {
        preconditionFailure("canonical form \(printed) of \(text) does not parse")
    }
    var events = fixedEvents
    if let split { events = [Array(input[(split + 1)...])] }
    var values: [JSONValueRef] = []
    for event in events {
        event.withUnsafeBytes { buffer in
            let whole = Result { () throws(JSONError) -> Bool in try pattern.matches(record: buffer) }
            var cursor = JSONCursor(buffer)
            let viaCursor = Result { () throws(JSONError) -> Bool in try pattern.matches(&cursor, values: &values) }
            if case .success(let a) = whole, case .success(let b) = viaCursor, cursor.isAtEnd,
                buffer.first.map({ !$0.isJSONWhitespace }) ?? false
            {
                // Compare only when the buffer is exactly one JSON value: the cursor reads the first value only
                // (from its first byte to its last), while text patterns search the whole buffer as it is.
                precondition(a == b, "entry points disagree for \(text)")
            }
            if case .success(true) = whole {
                precondition(pattern.mayMatch(buffer), "pre-filter rejected a match of \(text)")
                if !pattern.requiredAlternatives.isEmpty {
                    // Large enough for the alternatives to be checked too.
                    var large = Array(buffer)
                    large += [UInt8](repeating: 0x20, count: FilterPattern.alternativesThreshold)
                    precondition(large.withUnsafeBytes { pattern.mayMatch($0) }, "pre-filter rejected a large text of \(text)")
                }
            }
        }
    }
    return 0
}
