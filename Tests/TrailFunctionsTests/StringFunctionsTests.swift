import Testing
import TrailFunctions

// Semantics from trino.io/docs/current/functions/string.html: strings are counted and sliced by Unicode code points;
// errors carry Trino's messages.

@Suite("String functions")
struct StringFunctionsTests {
    @Test("length counts code points", arguments: [
        ("", 0), ("abc", 3), ("naïve", 5), ("e\u{301}", 2), ("日本語", 3), ("😀", 1),
    ] as [(String, Int64)])
    func length(value: String, expected: Int64) {
        #expect(Length.evaluate(value) == expected)
        let bytes = Array(value.utf8)
        #expect(bytes.withUnsafeBytes { Length.evaluate($0) } == expected)
    }

    @Test("lower and upper map code point by code point", arguments: [
        ("CreateBucket", "createbucket", "CREATEBUCKET"),
        ("", "", ""),
        ("ÀÉÎõü", "àéîõü", "ÀÉÎÕÜ"),
        ("straße", "straße", "STRAßE"),
        ("ΣΑΣ", "σασ", "ΣΑΣ"),
        ("123-_!", "123-_!", "123-_!"),
    ])
    func caseMapping(value: String, lower: String, upper: String) {
        #expect(CaseMapping.lower(value) == lower)
        #expect(CaseMapping.upper(value) == upper)
    }

    @Test("substr slices by code points", arguments: [
        ("DescribeInstances", 9, Int64.max, "Instances"),
        ("DescribeInstances", 1, 8, "Describe"),
        ("DescribeInstances", -9, 4, "Inst"),
        ("DescribeInstances", -9, Int64.max, "Instances"),
        ("abc", 0, Int64.max, ""),
        ("abc", 4, Int64.max, ""),
        ("abc", 3, 10, "c"),
        ("abc", -3, 2, "ab"),
        ("abc", -4, 2, ""),
        ("abc", 1, 0, ""),
        ("abc", 1, -1, ""),
        ("", 1, 1, ""),
        ("日本語テキスト", 2, 2, "本語"),
        ("日本語テキスト", -4, 4, "テキスト"),
        ("abc", Int64.max, 1, ""),
        ("abc", Int64.min, 1, ""),
    ] as [(String, Int64, Int64, String)])
    func substr(value: String, start: Int64, length: Int64, expected: String) {
        #expect(Substr.evaluate(value, start: start, length: length) == expected)
    }

    @Test("strpos finds the nth occurrence from either end", arguments: [
        ("high", "ig", 1, 2),
        ("high", "igx", 1, 0),
        ("Quadratically", "a", 1, 3),
        ("foobarfoo", "fo", 2, 7),
        ("foobarfoo", "fo", 3, 0),
        ("foobarfoo", "fo", -1, 7),
        ("foobarfoo", "fo", -2, 1),
        ("foobarfoo", "fo", -3, 0),
        ("aaa", "aa", 2, 2),
        ("abc", "", 1, 1),
        ("", "a", 1, 0),
        ("日本語テキスト", "テ", 1, 4),
        ("arn:aws:iam::123456789012:user/alice", ":", -1, 26),
    ] as [(String, String, Int64, Int64)])
    func strpos(value: String, substring: String, instance: Int64, expected: Int64) throws {
        #expect(try Strpos.evaluate(value, substring, instance: instance) == expected)
    }

    @Test("strpos rejects instance 0")
    func strposZero() {
        #expect(throws: FunctionError(function: "strpos", message: "'instance' must be a positive or negative number.")) {
            _ = try Strpos.evaluate("abc", "a", instance: 0)
        }
    }

    @Test("replace substitutes left to right, and an empty search inserts between code points", arguments: [
        ("GetObject", "Get", "Put", "PutObject"),
        ("a-b-c", "-", "", "abc"),
        ("aaa", "aa", "b", "ba"),
        ("abc", "", ".", ".a.b.c."),
        ("", "", ".", "."),
        ("日本", "", "-", "-日-本-"),
        ("abc", "x", "y", "abc"),
        ("s3.amazonaws.com", ".amazonaws.com", "", "s3"),
    ])
    func replace(value: String, search: String, replacement: String, expected: String) {
        #expect(Replace.evaluate(value, search: search, replacement: replacement) == expected)
    }

    @Test("trim removes Java whitespace or the given characters", arguments: [
        ("  alice  ", Trim.Side.both, nil, "alice"),
        ("  alice  ", .leading, nil, "alice  "),
        ("  alice  ", .trailing, nil, "  alice"),
        ("\t\n\u{0B}\u{0C}\r\u{1C} x \u{3000}", .both, nil, "x"),
        ("\u{A0}x\u{A0}", .both, nil, "\u{A0}x\u{A0}"),
        ("", .both, nil, ""),
        ("   ", .both, nil, ""),
        ("bucket///", .trailing, "/", "bucket"),
        ("xxyabcxx", .leading, "xy", "abcxx"),
        ("xxyabcxx", .both, "xy", "abc"),
        ("ééaéé", .both, "é", "a"),
        ("abc", .both, "", "abc"),
    ] as [(String, Trim.Side, String?, String)])
    func trim(value: String, side: Trim.Side, characters: String?, expected: String) {
        #expect(Trim.evaluate(value, side: side, characters: characters) == expected)
    }

    @Test("split keeps empty pieces and honours the limit", arguments: [
        ("a.b.c", ".", nil, ["a", "b", "c"]),
        ("a.b.c", ".", 2, ["a", "b.c"]),
        ("a.b.c", ".", 1, ["a.b.c"]),
        ("a.b.c", ".", 10, ["a", "b", "c"]),
        (".a..b.", ".", nil, ["", "a", "", "b", ""]),
        ("", ".", nil, [""]),
        ("abc", "x", nil, ["abc"]),
        ("a::b::c", "::", nil, ["a", "b", "c"]),
    ] as [(String, String, Int64?, [String])])
    func split(value: String, delimiter: String, limit: Int64?, expected: [String]) throws {
        #expect(try Split.evaluate(value, delimiter: delimiter, limit: limit) == expected)
    }

    @Test("split checks its arguments")
    func splitErrors() {
        #expect(throws: FunctionError(function: "split", message: "The delimiter may not be the empty string")) {
            _ = try Split.evaluate("abc", delimiter: "")
        }
        #expect(throws: FunctionError(function: "split", message: "Limit must be positive")) {
            _ = try Split.evaluate("abc", delimiter: ",", limit: 0)
        }
        #expect(throws: FunctionError(function: "split", message: "Limit is too large")) {
            _ = try Split.evaluate("abc", delimiter: ",", limit: Int64(Int32.max) + 1)
        }
    }

    @Test("split_part returns the nth piece, NULL past the end", arguments: [
        ("arn:aws:iam::123456789012:user/alice", ":", 5, "123456789012"),
        ("arn:aws:iam::123456789012:user/alice", ":", 4, ""),
        ("arn:aws:iam::123456789012:user/alice", ":", 6, "user/alice"),
        ("arn:aws:iam::123456789012:user/alice", ":", 7, nil),
        ("a,b", ",", 3, nil),
        ("abc", ",", 1, "abc"),
        ("abc", ",", 2, nil),
        ("", ",", 1, ""),
        ("", ",", 2, nil),
        ("a,", ",", 2, ""),
        ("a,,b", ",,", 2, "b"),
        ("日本語", "", 2, "本"),
        ("日本語", "", 4, nil),
    ] as [(String, String, Int64, String?)])
    func splitPart(value: String, delimiter: String, index: Int64, expected: String?) throws {
        #expect(try SplitPart.evaluate(value, delimiter: delimiter, index: index) == expected)
    }

    @Test("split_part rejects index 0")
    func splitPartZero() {
        #expect(throws: FunctionError(function: "split_part", message: "Index must be greater than zero")) {
            _ = try SplitPart.evaluate("a,b", delimiter: ",", index: 0)
        }
    }

    @Test("lpad and rpad pad or truncate to code points", arguments: [
        ("7", 3, "0", Pad.Side.left, "007"),
        ("ab", 5, "xy", .right, "abxyx"),
        ("ab", 5, "xy", .left, "xyxab"),
        ("abcdef", 3, "0", .left, "abc"),
        ("abcdef", 3, "0", .right, "abc"),
        ("abc", 3, "0", .left, "abc"),
        ("abc", 0, "0", .left, ""),
        ("", 2, "é", .right, "éé"),
        ("日本", 5, "語テ", .left, "語テ語日本"),
    ] as [(String, Int64, String, Pad.Side, String)])
    func pad(value: String, size: Int64, padding: String, side: Pad.Side, expected: String) throws {
        #expect(try Pad.evaluate(value, size: size, padding: padding, side: side) == expected)
    }

    @Test("lpad and rpad check their arguments")
    func padErrors() {
        #expect(throws: FunctionError(function: "lpad", message: "Padding string must not be empty")) {
            _ = try Pad.evaluate("a", size: 3, padding: "", side: .left)
        }
        #expect(throws: FunctionError(function: "rpad", message: "Target length must be in the range [0..2147483647]")) {
            _ = try Pad.evaluate("a", size: -1, padding: "x", side: .right)
        }
    }

    @Test("reverse reverses code points", arguments: [
        ("abc", "cba"), ("", ""), ("日本語", "語本日"), ("e\u{301}x", "x\u{301}e"), ("a😀b", "b😀a"),
    ])
    func reverse(value: String, expected: String) {
        #expect(Reverse.evaluate(value).unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    @Test("starts_with compares bytes", arguments: [
        ("DescribeInstances", "Describe", true),
        ("DescribeInstances", "describe", false),
        ("abc", "", true),
        ("", "a", false),
        ("é", "e", false),
    ])
    func startsWith(value: String, prefix: String, expected: Bool) {
        #expect(StartsWith.evaluate(value, prefix) == expected)
    }

    @Test("concat joins strings and is NULL when any argument is")
    func concat() {
        #expect(Concat.evaluate(["s3.amazonaws.com", ":", "GetObject"]) == "s3.amazonaws.com:GetObject")
        #expect(Concat.evaluate(["a", nil, "b"]) == nil)
        #expect(Concat.evaluate(["", ""]) == "")
    }

    @Test("chr and codepoint convert between code points and strings")
    func chrAndCodepoint() throws {
        #expect(try Chr.evaluate(65) == "A")
        #expect(try Chr.evaluate(0x1F600) == "😀")
        #expect(try Chr.codepoint("é") == 233)
        #expect(try Chr.codepoint("😀") == 0x1F600)
        for invalid: Int64 in [-1, 0x110000, 0xD800] {
            #expect(throws: FunctionError(function: "chr", message: "Not a valid Unicode code point: \(invalid)")) {
                _ = try Chr.evaluate(invalid)
            }
        }
        for invalid in ["", "ab", "e\u{301}"] {
            #expect(throws: FunctionError(function: "codepoint", message: "Input string must be a single character string")) {
                _ = try Chr.codepoint(invalid)
            }
        }
    }
}
