import Testing
import TrailFunctions

// Cases from trino.io/docs/current/functions/json.html (json_extract_scalar, json_array_contains, json_size,
// json_parse examples), the JsonExtract path examples in Trino's source comments, and CloudTrail-shaped inputs.

private let store = """
    { "store": { "book": [ { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", \
    "price": 8.95, "contributors": [["Adam", "Levine"], ["Bob", "Strong"]] }, { "category": "fiction", \
    "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99, "isbn": "0-553-21311-3", \
    "last_owner": null } ], "bicycle": { "color": "red", "price": 19.95 } } }
    """

private let requestParameters = #"{"bucketName":"my-bucket","Host":"my-bucket.s3.amazonaws.com","acl":"","tags":["a","b"],"nested":{"x":{"y":7}},"encoded":"caf\u00e9 \"q\""}"#

@Suite("JSON functions")
struct JSONFunctionsTests {
    @Test("json_extract_scalar returns scalars as text and NULL otherwise", arguments: [
        (store, "$.store.book[0].author", "Nigel Rees"),
        (store, "$.store.bicycle.price", "19.95"),
        (store, "$.store.book[0].isbn", nil),
        (store, "$.store.book[1].last_owner", nil),
        (store, "$.store.book[0].contributors[0][1]", "Levine"),
        (store, #"$["store"]["book"][0]["author"]"#, "Nigel Rees"),
        (store, #"$["store"]["bicycle"]["price"]"#, "19.95"),
        (store, "$.store.bicycle", nil),
        (store, "$.store.book", nil),
        (store, "$.store.book[5]", nil),
        (store, "$.store.book.0.author", "Nigel Rees"),
        (requestParameters, "$.bucketName", "my-bucket"),
        (requestParameters, "$.Host", "my-bucket.s3.amazonaws.com"),
        (requestParameters, "$.host", nil),
        (requestParameters, "$.acl", ""),
        (requestParameters, "$.tags[1]", "b"),
        (requestParameters, "$.nested.x.y", "7"),
        (requestParameters, "$.encoded", "café \"q\""),
        (requestParameters, "$.bucketName.x", nil),
        ("[1, 2, 3]", "$[2]", "3"),
        ("[1, 2, 3]", #"$["-1"]"#, nil),
        (#"{"a": 1.50e2}"#, "$.a", "1.50e2"),
        (#"{"a": true, "b": false}"#, "$.b", "false"),
        (#""plain""#, "$", "plain"),
        ("12", "$", "12"),
        ("12x", "$", nil),
        ("", "$", nil),
        ("   ", "$.a", nil),
        ("not json", "$.a", nil),
        (#"{"a": tru}"#, "$.a", nil),
        (#"{"x": [1,}, "a": 1}"#, "$.a", nil),
        (#"{"a": 1, "b": oops}"#, "$.a", "1"),
        (#"{"a": 1, "a": 2}"#, "$.a", "1"),
        (#"{"a:b": 1}"#, "$.a:b", "1"),
        (#"{"a.b": 1}"#, #"$["a.b"]"#, "1"),
        (#"{"q\"k": 1}"#, #"$["q\"k"]"#, "1"),
        (#"{"é": 1}"#, "$.é", "1"),
        (#"{"1": "one"}"#, "$.1", "one"),
        (#"["zero", "one"]"#, #"$["1"]"#, "one"),
    ] as [(String, String, String?)])
    func extractScalar(json: String, path: String, expected: String?) throws {
        let compiled = try JSONPathExpression(parsing: path)
        #expect(JSONExtractScalar.evaluate(json, compiled) == expected)
    }

    @Test("json_extract returns the value's compact JSON text", arguments: [
        (store, "$.store.book[0].author", #""Nigel Rees""#),
        (store, "$.store.bicycle.price", "19.95"),
        (store, "$.store.book[0].isbn", nil),
        (store, "$.store.book[1].last_owner", "null"),
        (store, "$.store.book[0].contributors[0]", #"["Adam","Levine"]"#),
        (store, "$.store.bicycle", #"{"color":"red","price":19.95}"#),
        (#"{"a":"é"}"#, "$.a", #""é""#),
        (#"{"a":"\u00e9\/x"}"#, "$.a", #""é/x""#),
        (#"{"a":"tab\there\u0001"}"#, "$.a", #""tab\there\u0001""#),
        (#"{"a": {"z": 1, "b": [ 1 , 2 ]}}"#, "$.a", #"{"z":1,"b":[1,2]}"#),
        (#"{"a": 1.50}"#, "$.a", "1.5"),
        (#"{"a": 1e2}"#, "$.a", "100.0"),
        (#"{"a": 1E7}"#, "$.a", "1.0E7"),
        (#"{"a": 0.0001}"#, "$.a", "1.0E-4"),
        (#"{"a": -0}"#, "$.a", "0"),
        (#"{"a": 12345678901234567890}"#, "$.a", "12345678901234567890"),
        (#"{"a": [1, {"b": tru}]}"#, "$.a", nil),
        (requestParameters, "$.nested", #"{"x":{"y":7}}"#),
        (requestParameters, "$.encoded", #""café \"q\"""#),
        ("[10, 20, [30, 40]]", "$[2]", "[30,40]"),
        ("[10, 20, [30, 40]]", "$", "[10,20,[30,40]]"),
    ] as [(String, String, String?)])
    func extract(json: String, path: String, expected: String?) throws {
        let compiled = try JSONPathExpression(parsing: path)
        #expect(JSONExtract.evaluate(json, compiled) == expected)
    }

    @Test("an invalid JSON path fails with Trino's message", arguments: [
        "", "a", "$.", "$..a", "$.*", "$[*]", "$['a']", "$[\"a\"", "$[\"a]", "$[0", "$[]", "$.a b", "$a", #"$["a\n"]"#, "$.a-b", "$[-1]",
    ])
    func invalidPath(path: String) {
        #expect(throws: FunctionError(function: "json_path", message: "Invalid JSON path: '\(path)'")) {
            _ = try JSONPathExpression(parsing: path)
        }
    }

    @Test("valid JSON paths compile to their steps")
    func validPaths() throws {
        #expect(try JSONPathExpression(parsing: "$").steps.isEmpty)
        let path = try JSONPathExpression(parsing: #"$.a[0]["b c"][x_1]"#)
        #expect(path.steps.map { String(decoding: $0.name, as: UTF8.self) } == ["a", "0", "b c", "x_1"])
        #expect(path.steps.map(\.index) == [nil, 0, nil, nil])
    }

    @Test("json_size counts members or elements, 0 for scalars", arguments: [
        (#"{"x": {"a": 1, "b": 2}}"#, "$.x", 2),
        (#"{"x": [1, 2, 3]}"#, "$.x", 3),
        (#"{"x": {"a": 1, "b": 2}}"#, "$.x.a", 0),
        (#"{"x": null}"#, "$.x", 0),
        (#"{"x": {}}"#, "$.x", 0),
        (#"{"x": 1}"#, "$.y", nil),
        (#"{"x": [1, 2"#, "$.x", nil),
        (requestParameters, "$", 6),
    ] as [(String, String, Int64?)])
    func size(json: String, path: String, expected: Int64?) throws {
        #expect(JSONSize.evaluate(json, try JSONPathExpression(parsing: path)) == expected)
    }

    @Test("json_array_length counts top-level elements of an array", arguments: [
        ("[1, 2, 3]", 3), ("[]", 0), ("[[1, 2], {\"a\": [3]}]", 2), ("{\"a\": 1}", nil), ("1", nil), ("", nil),
        ("[1, 2", nil), ("[1 2]", nil),
    ] as [(String, Int64?)])
    func arrayLength(json: String, expected: Int64?) {
        #expect(JSONArrayLength.evaluate(json) == expected)
    }

    @Test("json_array_contains matches elements of the needle's type", arguments: [
        ("[1, 2, 3]", JSONArrayContains.Needle.bigint(2), true),
        ("[1, 2, 3]", .bigint(4), false),
        ("[1.0, 2]", .bigint(1), false),
        ("[1, 2.5]", .double(2.5), true),
        ("[1, 2]", .double(1), false),
        ("[1e0]", .double(1), true),
        ("[1.5]", .double(.infinity), false),
        (#"["a", "b"]"#, .varchar("b"), true),
        (#"["a", ["b"]]"#, .varchar("b"), false),
        (#"["caf\u00e9"]"#, .varchar("café"), true),
        ("[1, \"1\"]", .varchar("1"), true),
        ("[true]", .boolean(true), true),
        ("[true]", .boolean(false), false),
        ("[false, 1]", .boolean(false), true),
        (#"{"a": 1}"#, .bigint(1), nil),
        ("[1, 2", .bigint(3), nil),
        ("[1, oops", .bigint(1), true),
        ("[99999999999999999999]", .bigint(0), false),
    ] as [(String, JSONArrayContains.Needle, Bool?)])
    func arrayContains(json: String, needle: JSONArrayContains.Needle, expected: Bool?) {
        #expect(JSONArrayContains.evaluate(json, needle) == expected)
    }

    @Test("json_parse writes canonical JSON text", arguments: [
        (#"[1, 2, 3]"#, "[1,2,3]"),
        (#"{"b": 1, "a": [true, null, 1.50]}"#, #"{"a":[true,null,1.5],"b":1}"#),
        (#"{"a": 1, "a": 2}"#, #"{"a":2}"#),
        (#""abc""#, #""abc""#),
        (#" {"z": {"y": 1, "x": 2}} "#, #"{"z":{"x":2,"y":1}}"#),
        (#"{"a":"\u00e9"}"#, #"{"a":"é"}"#),
    ])
    func parse(text: String, expected: String) throws {
        #expect(try JSONParse.evaluate(text) == expected)
        #expect(JSONParse.format(try JSONParse.evaluate(text)) == expected)
    }

    @Test("json_parse rejects invalid JSON with Trino's message", arguments: ["", "{", "[1,]", "{\"a\" 1}", "abc", "[1] x"])
    func parseInvalid(text: String) {
        #expect(throws: FunctionError(function: "json_parse", message: "Cannot convert value to JSON: '\(text)'")) {
            _ = try JSONParse.evaluate(text)
        }
    }

    @Test("Java's Double.toString is reproduced", arguments: [
        (1.0, "1.0"), (100.0, "100.0"), (0.001, "0.001"), (0.0001, "1.0E-4"), (1e7, "1.0E7"), (9999999.0, "9999999.0"),
        (12345678.9, "1.23456789E7"), (-1.5, "-1.5"), (1e-300, "1.0E-300"), (0.1, "0.1"), (123.456, "123.456"),
        (0.0, "0.0"), (1.7976931348623157e308, "1.7976931348623157E308"),
    ])
    func javaDouble(value: Double, expected: String) {
        #expect(JSONTextWriter.javaDoubleString(value) == expected)
    }
}
