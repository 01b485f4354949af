import Testing
import TrailBase
@testable import TrailFilterPattern

// Every example of the AWS documentation, with the documented result on the documented events.
//
// Sources (checked 2025/2026):
//  [S] "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail",
//      https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
//  [J] "Using filter patterns to match terms in JSON log events",
//      https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/matching-terms-json-log-events.html
//  [R] "Supported regular expressions (regex) syntax", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html
//  [O] the earlier "Filter and Pattern Syntax" page (awsdocs/amazon-cloudwatch-logs-user-guide,
//      doc_source/FilterAndPatternSyntax.md), whose examples (IS TRUE, OR, numeric) the current page dropped.

struct DocCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var event: String
    var expected: Bool
    var testDescription: String { "\(expected ? "matches" : "misses"): \(pattern) on \(event.prefix(40))" }
}

/// [S], [J]: the JSON log event of the JSON examples (on one line, as the page says to test it).
let docJSONEvent = #"{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111","arrayKey":["value","another value"],"objectList":[{"name":"a","id":1},{"name":"b","id":2}],"SomeObject":null,"cluster.name":"c"}"#

/// [O]: the same event with `ThisFlag`, used by the IS TRUE example.
let oldDocJSONEvent = #"{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111","arrayKey":["value","another value"],"objectList":[{"name":"a","id":1},{"name":"b","id":2}],"SomeObject":null,"ThisFlag":true}"#

/// [S], [J], [O]: the JSON object of the compound-expression examples.
let docCompoundEvent = #"{"user":{"id":1,"email":"John.Stiles@example.com"},"users":[{"id":2,"email":"John.Doe@example.com"},{"id":3,"email":"Jane.Doe@example.com"}],"actions":["GET","PUT","DELETE"],"coordinates":[[0,1,2],[4,5,6],[7,8,9]]}"#

extension DocCase {
    static let json: [DocCase] = [
        // [S]/[J] "The following filters would match" the JSON log event.
        .init(pattern: #"{ $.eventType = "UpdateTrail" }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.sourceIPAddress != 123.123.* }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.arrayKey[0] = "value" }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.eventType = %Trail% }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.arrayKey[*] = %val.{2}% }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.* = %111\.111\.111\.1[0-9]{1,2}% }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.['cluster.name'] = "c" }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.SomeObject IS NULL }"#, event: docJSONEvent, expected: true),
        .init(pattern: #"{ $.SomeOtherObject NOT EXISTS }"#, event: docJSONEvent, expected: true),
        // [O] on its event.
        .init(pattern: #"{ $.objectList[1].id = 2 }"#, event: oldDocJSONEvent, expected: true),
        .init(pattern: #"{ $.ThisFlag IS TRUE }"#, event: oldDocJSONEvent, expected: true),
        .init(pattern: #"{ $.ThisFlag IS FALSE }"#, event: oldDocJSONEvent, expected: false),
        // [O] "If arrayKey is not an array this will be false"; "If objectList is not an array this will be false".
        .init(pattern: #"{ $.arrayKey[0] = "value" }"#, event: #"{"arrayKey":"value"}"#, expected: false),
        .init(pattern: #"{ $.objectList[1].id = 2 }"#, event: #"{"objectList":{"1":{"id":2}}}"#, expected: false),
        // [O] "both {$.users = 1} and {$.users != 1} will fail to match a log event where users is an array".
        .init(pattern: #"{$.users = 1}"#, event: #"{"users":[1,2,3]}"#, expected: false),
        .init(pattern: #"{$.users != 1}"#, event: #"{"users":[1,2,3]}"#, expected: false),
        // [O] OR pattern matching: {$.foo = bar} matches event 1, {$.foo = baz } event 2, the OR both.
        .init(pattern: #"{$.foo = bar}"#, event: #"{"foo": "bar"}"#, expected: true),
        .init(pattern: #"{$.foo = bar}"#, event: #"{"foo": "baz"}"#, expected: false),
        .init(pattern: #"{$.foo = baz }"#, event: #"{"foo": "bar"}"#, expected: false),
        .init(pattern: #"{$.foo = baz }"#, event: #"{"foo": "baz"}"#, expected: true),
        .init(pattern: #"{$.foo = bar || $.foo = baz }"#, event: #"{"foo": "bar"}"#, expected: true),
        .init(pattern: #"{$.foo = bar || $.foo = baz }"#, event: #"{"foo": "baz"}"#, expected: true),
        // [S]/[J] compound expressions on the compound event.
        .init(pattern: #"{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }"#, event: docCompoundEvent, expected: true),
        .init(pattern: #"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }"#,
              event: docCompoundEvent, expected: true),
        .init(pattern: #"{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }"#,
              event: docCompoundEvent, expected: false),
        .init(pattern: #"{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }"#, event: docCompoundEvent, expected: false),
        // [O] the same with unquoted values.
        .init(pattern: #"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }"#,
              event: docCompoundEvent, expected: true),
        .init(pattern: #"{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }"#,
              event: docCompoundEvent, expected: false),
    ]

    /// [S] "Writing filter patterns that match numeric values" and [O] "Numeric Comparisons": the pages give the
    /// patterns without events, so each gets one event on each side of its boundary.
    static let numeric: [DocCase] = [
        .init(pattern: "{ $.bandwidth > 75 }", event: #"{"bandwidth":76}"#, expected: true),
        .init(pattern: "{ $.bandwidth > 75 }", event: #"{"bandwidth":75}"#, expected: false),
        .init(pattern: "{ $.latency < 50 }", event: #"{"latency":49.9}"#, expected: true),
        .init(pattern: "{ $.latency < 50 }", event: #"{"latency":50}"#, expected: false),
        .init(pattern: "{ $.refreshRate >= 60 }", event: #"{"refreshRate":60}"#, expected: true),
        .init(pattern: "{ $.refreshRate >= 60 }", event: #"{"refreshRate":59}"#, expected: false),
        .init(pattern: "{ $.responseTime <= 5 }", event: #"{"responseTime":5.0}"#, expected: true),
        .init(pattern: "{ $.responseTime <= 5 }", event: #"{"responseTime":5.01}"#, expected: false),
        .init(pattern: "{ $.errorCode = 400}", event: #"{"errorCode":400}"#, expected: true),
        .init(pattern: "{ $.errorCode = 400}", event: #"{"errorCode":404}"#, expected: false),
        .init(pattern: "{ $.errorCode != 500 }", event: #"{"errorCode":400}"#, expected: true),
        .init(pattern: "{ $.errorCode != 500 }", event: #"{"errorCode":5e2}"#, expected: false),
        .init(pattern: "{ $.number[0] = 1e+3 }", event: #"{"number":[1000]}"#, expected: true),
        .init(pattern: "{ $.number[0] = 1e+3 }", event: #"{"number":[100]}"#, expected: false),
        .init(pattern: "{ $.number[0] != 1e-3 }", event: #"{"number":[0.002]}"#, expected: true),
        .init(pattern: "{ $.number[0] != 1e-3 }", event: #"{"number":[0.001]}"#, expected: false),
        .init(pattern: "{ $.latency >= 500 }", event: #"{"latency":500}"#, expected: true),
        .init(pattern: "{ $.numbers[0] < 10e3 }", event: #"{"numbers":[9999]}"#, expected: true),
        .init(pattern: "{ $.numbers[0] < 10e3 }", event: #"{"numbers":[10000]}"#, expected: false),
        .init(pattern: "{ $.numbers[0] < 10e-3 }", event: #"{"numbers":[0.009]}"#, expected: true),
        .init(pattern: "{ $.numbers[0] < 10e-3 }", event: #"{"numbers":[0.01]}"#, expected: false),
        .init(pattern: "{ $.processes[4].averageRuntime <= 55.5 }", event: #"{"processes":[{},{},{},{},{"averageRuntime":55.5}]}"#, expected: true),
        .init(pattern: "{ $.processes[4].averageRuntime <= 55.5 }", event: #"{"processes":[{"averageRuntime":1}]}"#, expected: false),
        .init(pattern: "{ $.latency > +1000 }", event: #"{"latency":1001}"#, expected: true),
        .init(pattern: "{ $.latency > +1000 }", event: #"{"latency":1000}"#, expected: false),
        // [O] "Publishing numerical values": { $.latency = * } selects events that have a latency.
        .init(pattern: "{ $.latency = * }", event: #"{"latency":50,"requestType":"GET"}"#, expected: true),
        .init(pattern: "{ $.latency = * }", event: #"{"requestType":"GET"}"#, expected: false),
    ]

    /// [S] "Using filter patterns to match terms in unstructured log events", with its example messages.
    static let terms: [DocCase] = {
        let e400 = "[ERROR 400] BAD REQUEST", e401 = "[ERROR 401] UNAUTHORIZED REQUEST"
        let e419 = "[ERROR 419] MISSING ARGUMENTS", e420 = "[ERROR 420] INVALID ARGUMENTS"
        var cases: [DocCase] = []
        func add(_ pattern: String, _ matching: [String], _ missing: [String]) {
            cases += matching.map { DocCase(pattern: pattern, event: $0, expected: true) }
            cases += missing.map { DocCase(pattern: pattern, event: $0, expected: false) }
        }
        add("ERROR", [e400, e401, e419, e420], [])
        add("ERROR ARGUMENTS", [e419, e420], [e400, e401])
        add("?ERROR ?ARGUMENTS", [e400, e401, e419, e420], ["[INFO] REQUEST FAILED"])
        // "the question mark filter terms are ignored and have no effect".
        add("?ERROR ?ARGUMENTS REQUEST", ["[INFO] REQUEST FAILED", "[WARN] UNAUTHORIZED REQUEST", "[ERROR] 400 BAD REQUEST"], [e419])
        add(#""INTERNAL SERVER ERROR""#, ["[ERROR 500] INTERNAL SERVER ERROR"], ["[ERROR 500] INTERNAL ERROR"])
        add("ERROR -ARGUMENTS", [e400, e401], [e419, e420])
        add(#"" ""#, [e400, e419, "", "x"], [])
        // [O] "Matching Terms in Log Events".
        add(#""ERROR""#, ["[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1"], [])
        add(#""ERROR" - "Exiting""#, ["[ERROR] A fatal exception has occurred"], ["Exiting with ERRORCODE: -1"])
        add("ERROR Exception", ["[ERROR] Caught IllegalArgumentException", "[ERROR] Unhandled Exception"], ["[ERROR] Unhandled"])
        add(#""Failed to process the request""#,
            ["[WARN] Failed to process the request", "[ERROR] Unable to continue: Failed to process the request"],
            ["[WARN] Failed to process request"])
        // [O] "OR Pattern Matching" over "ERROR WARN message", "ERROR message", "WARN message".
        let m1 = "ERROR WARN message", m2 = "ERROR message", m3 = "WARN message"
        add("ERROR", [m1, m2], [m3])
        add("?ERROR ?WARN", [m1, m2, m3], [])
        add("ERROR WARN", [m1], [m2, m3])
        add("ERROR -WARN", [m2], [m1, m3])
        // "Metric filters are case sensitive."
        add("ERROR", [], ["[error 400] bad request"])
        return cases
    }()

    /// [S]/[R] regex examples, with the strings the pages say they match (and, where stated, do not).
    static let regex: [DocCase] = {
        var cases: [DocCase] = []
        func add(_ pattern: String, _ matching: [String], _ missing: [String] = []) {
            cases += matching.map { DocCase(pattern: pattern, event: $0, expected: true) }
            cases += missing.map { DocCase(pattern: pattern, event: $0, expected: false) }
        }
        add("%AUTHORIZED%", ["[ERROR 401] UNAUTHORIZED REQUEST", "[SUCCESS 200] AUTHORIZED REQUEST"], ["[ERROR 401] unauthorized"])
        add(#"%\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}%"#, ["from 10.0.12.255 port 22", "1.2.3.4"], ["1.2.3", "a.b.c.d"])
        add("%[Ee]rror|[Ff]ail%", ["Error", "error", "Fail", "fail"], ["ERROR", "FAIL"])
        add("%^[hc]at%", ["hat", "cat", "cat on a mat"], ["a hat", "bat"])
        add("%[hc]at$%", ["hat", "a cat"], ["hats", "cat "])
        add("%colou?r%", ["color", "colour"], ["colouur"])
        add("%[abc]%", ["a", "b", "c"], ["d"])
        add("%[a-z]%", ["m", "A z"], ["ABC", "123"])
        add("%[abcx-z]%", ["a", "b", "c", "x", "y", "z"], ["d", "w"])
        add("%a{3,5}%", ["aaa", "aaaa", "aaaaa"], ["aa", "a"])
        add("%gra|ey%", ["gray", "grey"], ["gr y"])
        add("%^starting|^initializing|^shutting down%", ["starting ...", "initializing ...", "shutting down"],
            ["skipping initializing ..."])
        // The page writes "%abcc|ab[^c]$" (closing % missing) and "aba ..." for a text ending in "aba".
        add("%abcc|ab[^c]$%", ["abcc ...", "aba"], ["aac ..."])
        add(#"%\[.\]%"#, ["[a]", "[b]", "[7]", "[@]", "[]]", "[ ]"], ["[ab]", "[]"])
        add(#"%10\.10\.0\.1%"#, ["10.10.0.1"], ["10010,051"])
        add("%10.10.0.1%", ["10.10.0.1", "10010,051"])
        add("%ab*c%", ["ac", "abc", "abbbc"], ["ab"])
        add("%ab[0-9]*%", ["ab", "ab0", "ab129"], ["a b"])
        add("%ab+c%", ["abc", "abbc", "abbbc"], ["ac"])
        add("%.at%", ["hat", "cat", "bat", "4at", "#at", " at"], ["at"])
        add(#"%\d%"#, ["7"], ["x"])
        add("%[0-9]%", ["7"], ["x"])
        add(#"%\D%"#, ["x"], ["7"])
        add("%[^0-9]%", ["x"], ["7"])
        add(#"%\s%"#, ["a b", "a\tb", "a\nb"], ["ab"])
        add(#"%\S%"#, ["a"], [" \t"])
        add(#"%\w%"#, ["_", "a", "Z", "5"], [":-"])
        add("%[a-zA-Z_0-9]%", ["_"], [":-"])
        add(#"%\W%"#, [":"], ["abc_9"])
        add(#"%\x3A%"#, [":"], [";"])
        add(#"%\x28%"#, ["("], [")"])
        return cases
    }()
}

@Test("JSON filter patterns match the AWS documentation examples", arguments: DocCase.json)
func documentedJSONExamples(_ c: DocCase) throws {
    #expect(try match(c.pattern, c.event) == c.expected)
}

@Test("numeric comparisons behave as documented", arguments: DocCase.numeric)
func documentedNumericExamples(_ c: DocCase) throws {
    #expect(try match(c.pattern, c.event) == c.expected)
}

@Test("term patterns match the documented unstructured log examples", arguments: DocCase.terms)
func documentedTermExamples(_ c: DocCase) throws {
    #expect(try match(c.pattern, c.event) == c.expected)
}

@Test("regex patterns match what the documentation says they match", arguments: DocCase.regex)
func documentedRegexExamples(_ c: DocCase) throws {
    #expect(try match(c.pattern, c.event) == c.expected)
}

@Test("the documented rejected regex is rejected")
func documentedRejectedRegex() {
    // [R]: "%something!% would be rejected since '!' is not supported".
    let error = parseError("%something!%")
    #expect(error?.code == .badRegex)
    #expect(error?.span == SourceSpan(10, 11))
}

@Test("IS NOT and EXISTS are rejected as documented")
func documentedUnsupportedKeywords() {
    // [S]/[J]: "The variables IS NOT and EXISTS currently aren't supported."
    #expect(parseError("{ $.SomeObject IS NOT NULL }")?.code == .unsupported)
    #expect(parseError("{ $.SomeObject EXISTS }")?.code == .unsupported)
}
