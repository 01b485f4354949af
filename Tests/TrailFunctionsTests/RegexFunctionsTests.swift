import Testing
import TrailFunctions

// Semantics from trino.io/docs/current/functions/regexp.html (Java pattern syntax, Joni engine) and the documented
// examples there; replacement rules and error messages as Trino's Joni-based functions word them.

private func regex(_ pattern: String) throws -> CompiledRegex { try CompiledRegex(javaPattern: pattern) }

@Suite("Regex functions")
struct RegexFunctionsTests {
    @Test("regexp_like finds the pattern anywhere", arguments: [
        ("1a 2b 14m", "\\d+b", true),
        ("Stephen", "Ste(v|ph)en", true),
        ("Stevens", "Ste(v|ph)en", true),
        ("Stevens", "^Ste(v|ph)en$", false),
        ("hello\nworld", ".*hello\nworld.*", true),
        ("Hello", "^[a-z]+$", false),
        ("Hello", "^(?i)[a-z]+$", true),
        ("CreateBucket", "^(Create|RunInstances)", true),
        ("RunInstances", "^(Create|RunInstances)", true),
        ("DescribeInstances", "^(Create|RunInstances)", false),
        ("", "", true),
        ("", "a", false),
        ("a\n", "a$", true),
        ("café", "^caf.$", true),
        ("e\u{301}", "^e.$", true),
        ("é", "^e", false),
        ("a.b", "\\Qa.b\\E", true),
        ("axb", "\\Qa.b\\E", false),
        ("\u{1}", "\\cA", true),
        ("A", "\\0101", true),
        ("]", "[]]", true),
        ("b", "[^]a]", true),
        ("hello", "^[a-z&&[^aeiou]]+$", false),
        ("hll", "^[a-z&&[^aeiou]]+$", true),
        ("ab1", "^\\pL+", true),
        ("foo.bar", "\\bbar\\b", true),
        ("foobar", "\\bbar\\b", false),
        ("a\nb", "(?m)^b$", true),
    ])
    func like(value: String, pattern: String, expected: Bool) throws {
        #expect(RegexpLike.evaluate(value, try regex(pattern)) == expected)
    }

    @Test("regexp_extract returns the first match or group", arguments: [
        ("1a 2b 14m", "\\d+", 0, "1"),
        ("1a 2b 14m", "(\\d+)([a-z]+)", 2, "a"),
        ("Hello world bye", "\\b[a-z]([a-z]*)", 0, "world"),
        ("Hello world bye", "\\b[a-z]([a-z]*)", 1, "orld"),
        ("rat cat\nbat dog", "ra(.)|blah(.)(.)", 2, nil),
        ("12345", "x", 0, nil),
        ("aws-cli/2.15.30 Python/3.11.6 Linux/5.10", "aws-cli/([0-9.]+)", 1, "2.15.30"),
        ("console.amazonaws.com", "aws-cli/([0-9.]+)", 1, nil),
        ("arn:aws:iam::123456789012:role/Admin", "::(\\d{12}):", 1, "123456789012"),
        ("日本語テキスト", "(本.)", 1, "本語"),
    ] as [(String, String, Int64, String?)])
    func extract(value: String, pattern: String, group: Int64, expected: String?) throws {
        #expect(try RegexpExtract.evaluate(value, try regex(pattern), group: group) == expected)
    }

    @Test("regexp_extract appends bytes to a caller-owned buffer")
    func extractIntoBuffer() throws {
        var output = Array("prefix:".utf8)
        let value = Array("user/alice".utf8)
        let isPresent = try value.withUnsafeBytes { bytes in
            try RegexpExtract.evaluate(bytes, try regex("user/(\\w+)"), group: 1, into: &output)
        }
        #expect(isPresent)
        #expect(String(decoding: output, as: UTF8.self) == "prefix:alice")
    }

    @Test("group arguments are checked as Trino checks them")
    func groupErrors() throws {
        #expect(throws: FunctionError(function: "regexp_extract", message: "Pattern has 1 groups. Cannot access group 2")) {
            _ = try RegexpExtract.evaluate("Hello world bye", try regex("\\b[a-z]([a-z]*)"), group: 2)
        }
        #expect(throws: FunctionError(function: "regexp_extract", message: "Group cannot be negative")) {
            _ = try RegexpExtract.evaluate("Hello", try regex("(l)"), group: -1)
        }
        #expect(throws: FunctionError(function: "regexp_extract_all", message: "Pattern has 1 groups. Cannot access group 2")) {
            _ = try RegexpExtractAll.evaluate("hello", try regex("(.)"), group: 2)
        }
        // Checked even when nothing matches.
        #expect(throws: FunctionError(function: "regexp_extract", message: "Pattern has 0 groups. Cannot access group 1")) {
            _ = try RegexpExtract.evaluate("abc", try regex("x"), group: 1)
        }
    }

    @Test("regexp_extract_all returns every match", arguments: [
        ("1a 2b 14m", "\\d+", 0, ["1", "2", "14"]),
        ("1a 2b 14m", "(\\d+)([a-z]+)", 2, ["a", "b", "m"]),
        ("rat cat\nbat dog", ".at", 0, ["rat", "cat", "bat"]),
        ("rat cat\nbat dog", "(.)at", 1, ["r", "c", "b"]),
        ("rat cat\nbat dog", "ra(.)|blah(.)(.)", 2, [nil]),
        ("12345", "", 0, ["", "", "", "", "", ""]),
        ("baaa", "a*", 0, ["", "aaa", ""]),
        ("e\u{301}x", "", 0, ["", "", "", ""]),
        ("", "x", 0, []),
    ] as [(String, String, Int64, [String?])])
    func extractAll(value: String, pattern: String, group: Int64, expected: [String?]) throws {
        #expect(try RegexpExtractAll.evaluate(value, try regex(pattern), group: group) == expected)
    }

    @Test("regexp_replace substitutes groups and escapes", arguments: [
        ("1a 2b 14m", "\\d+[ab] ", "", "14m"),
        ("1a 2b 14m", "(\\d+)([ab]) ", "3c$2 ", "3ca 3cb 14m"),
        ("fun stuff.", "[a-z]", "", " ."),
        ("fun stuff.", "[a-z]", "*", "*** *****."),
        ("call 555.123.4444 now", "(\\d{3})\\.(\\d{3}).(\\d{4})", "($1) $2-$3", "call (555) 123-4444 now"),
        ("xxx xxx xxx", "x", "\\x", "xxx xxx xxx"),
        ("xxx", "", "y", "yxyxyxy"),
        ("xxx xxx xxx", "x", "$0", "xxx xxx xxx"),
        ("xxx", "(x)", "$01", "xxx"),
        ("xxx", "x", "$05", "x5x5x5"),
        ("123456789", "(1)(2)(3)(4)(5)(6)(7)(8)(9)", "$10", "10"),
        ("1234567890", "(1)(2)(3)(4)(5)(6)(7)(8)(9)(0)", "$10", "0"),
        ("1234567890", "(1)(2)(3)(4)(5)(6)(7)(8)(9)(0)", "$11", "11"),
        ("wxyz", "(?<xyz>[xyz])", "${xyz}${xyz}", "wxxyyzz"),
        ("wxyz", "(?<w>w)|(?<xyz>[xyz])", "[${w}](${xyz})", "[w]()[](x)[](y)[](z)"),
        ("xyz", "(?<xyz>[xyz])+", "${xyz}", "z"),
        ("price 5", "(\\d)", "\\$$1", "price $5"),
        ("a-b", "-", "\\\\", "a\\b"),
        ("abc", "x", "$9", "abc"),
        ("ünïcödé", "[^a-z]", "_", "_n_c_d_"),
        ("AKIAIOSFODNN7EXAMPLE", "^(AKIA)\\w+", "$1****", "AKIA****"),
    ])
    func replace(value: String, pattern: String, replacement: String, expected: String) throws {
        #expect(try RegexpReplace.evaluate(value, try regex(pattern), replacement: replacement) == expected)
    }

    @Test("bad replacements fail with Trino's messages", arguments: [
        ("x", "\\", "Illegal replacement sequence: \\"),
        ("x", "$", "Illegal replacement sequence: $"),
        ("x", "$a", "Illegal replacement sequence: $a"),
        ("x", "$1", "Illegal replacement sequence: unknown group 1"),
        ("(?<name>x)", "${}", "Illegal replacement sequence: unknown group {  }"),
        ("(?<name>x)", "${0}", "Illegal replacement sequence: unknown group { 0 }"),
        ("(?<name>x)", "${nam}", "Illegal replacement sequence: unknown group { nam }"),
    ])
    func badReplacement(pattern: String, replacement: String, message: String) throws {
        let compiled = try regex(pattern)
        #expect(throws: FunctionError(function: "regexp_replace", message: message)) {
            _ = try RegexpReplace.evaluate("xxx", compiled, replacement: replacement)
        }
    }

    @Test("regexp_count counts non-overlapping matches", arguments: [
        ("1a 2b 14m", "\\s*[a-z]+\\s*", 3),
        ("aaaa", "aa", 2),
        ("abc", "", 4),
        ("", "x", 0),
        ("GetObject PutObject GetObjectAcl", "Get\\w+", 2),
    ] as [(String, String, Int64)])
    func count(value: String, pattern: String, expected: Int64) throws {
        #expect(RegexpCount.evaluate(value, try regex(pattern)) == expected)
    }

    @Test("regexp_position finds the nth match from a start", arguments: [
        (1, 1, 8), (5, 1, 8), (12, 1, 19), (12, 2, 31), (12, 3, -1), (100, 1, -1),
    ] as [(Int64, Int64, Int64)])
    func position(start: Int64, occurrence: Int64, expected: Int64) throws {
        let value = "I have 23 apples, 5 pears and 13 oranges"
        #expect(try RegexpPosition.evaluate(value, try regex("\\b\\d+\\b"), start: start, occurrence: occurrence) == expected)
    }

    @Test("regexp_position counts code points and checks its arguments")
    func positionEdges() throws {
        #expect(try RegexpPosition.evaluate("日本語abc", try regex("b")) == 5)
        #expect(try RegexpPosition.evaluate("aaa", try regex("aa"), start: 2) == 2)
        #expect(throws: FunctionError(function: "regexp_position", message: "start position cannot be smaller than 1")) {
            _ = try RegexpPosition.evaluate("a", try regex("a"), start: 0)
        }
        #expect(throws: FunctionError(function: "regexp_position", message: "occurrence cannot be smaller than 1")) {
            _ = try RegexpPosition.evaluate("a", try regex("a"), occurrence: 0)
        }
    }

    @Test("regexp_split keeps empty pieces", arguments: [
        ("1a 2b 14m", "\\s*[a-z]+\\s*", ["1", "2", "14", ""]),
        ("a.b:c;d", "[\\.:;]", ["a", "b", "c", "d"]),
        ("a.b:c;d", "\\.", ["a", "b:c;d"]),
        ("a1b2346c3d", "\\d+", ["a", "b", "c", "d"]),
        ("abcd", "x", ["abcd"]),
        ("abcd", "", ["", "a", "b", "c", "d", ""]),
        ("", "x", [""]),
        (",,a,,,b,c,d,,", ",", ["", "", "a", "", "", "b", "c", "d", "", ""]),
        (",,,", ",", ["", "", "", ""]),
    ])
    func split(value: String, pattern: String, expected: [String]) throws {
        #expect(RegexpSplit.evaluate(value, try regex(pattern)) == expected)
    }

    @Test("counts capturing groups and names as Java numbers them")
    func groups() throws {
        let compiled = try regex("(a)(?:b)(?<third>c)(?i)(d)[(]\\(\\Q(\\E")
        #expect(compiled.groupCount == 3)
        #expect(compiled.groupNames == ["third": 2])
    }

    @Test("rejects what cannot be translated, with a clear message", arguments: [
        ("(?<=a)b", "lookbehind is not supported"),
        ("(?<!a)b", "lookbehind is not supported"),
        ("\\y", "illegal/unsupported escape sequence '\\y'"),
        ("\\K", "illegal/unsupported escape sequence '\\K'"),
        ("(?u)a", "the (?u) flag is not supported"),
        ("(?d)a", "the (?d) flag is not supported"),
        ("\\0", "illegal octal escape sequence"),
        ("(a)(?<a>b)(?<a>c)", "named capturing group <a> is already defined"),
    ])
    func rejects(pattern: String, message: String) {
        #expect(throws: FunctionError(function: "regexp_like", message: "Invalid regular expression '\(pattern)': \(message)")) {
            _ = try CompiledRegex(javaPattern: pattern)
        }
    }

    @Test("syntax errors name the pattern", arguments: ["(", "[a", "a{2,1}", "\\p{javaLowerCase}", "\\p{InGreek}", "*a"])
    func syntaxErrors(pattern: String) {
        do {
            _ = try CompiledRegex(javaPattern: pattern, function: "regexp_extract")
            Issue.record("expected an error for \(pattern)")
        } catch {
            #expect(error.function == "regexp_extract")
            #expect(error.message.hasPrefix("Invalid regular expression '\(pattern)': "))
        }
    }
}
