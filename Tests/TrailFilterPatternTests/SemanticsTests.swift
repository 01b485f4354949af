import Testing
import TrailBase
import TrailJSON
@testable import TrailFilterPattern

// The semantics decided in Docs/FilterPatterns.md ("Semantics"), one table per topic.

struct SemanticsCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var event: String
    var expected: Bool
    var why: String
    var testDescription: String { why }
    init(_ pattern: String, _ event: String, _ expected: Bool, _ why: String) {
        self.pattern = pattern
        self.event = event
        self.expected = expected
        self.why = why
    }
}

extension SemanticsCase {
    static let presence: [SemanticsCase] = [
        .init(#"{ $.x != "a" }"#, #"{"y":1}"#, false, "!= never matches an absent field"),
        .init(#"{ $.x != "a" }"#, #"{"x":"b"}"#, true, "!= matches a different string"),
        .init(#"{ $.x != "a" }"#, #"{"x":"a"}"#, false, "!= misses the equal string"),
        .init(#"{ $.x != "a" }"#, #"{"x":null}"#, false, "!= never matches null"),
        .init(#"{ $.x != "a" }"#, #"{"x":true}"#, false, "!= never matches a boolean"),
        .init(#"{ $.x != "a" }"#, #"{"x":{"a":1}}"#, false, "!= never matches an object"),
        .init(#"{ $.x != "a" }"#, #"{"x":["b"]}"#, false, "!= never matches an array"),
        .init(#"{ $.x != "a" || $.x NOT EXISTS }"#, #"{"y":1}"#, true, "the documented workaround for absent fields"),
        .init("{ $.x IS NULL }", #"{"x":null}"#, true, "IS NULL matches null"),
        .init("{ $.x IS NULL }", #"{"y":null}"#, false, "IS NULL does not match an absent field"),
        .init("{ $.x IS NULL }", #"{"x":"null"}"#, false, "IS NULL does not match the string null"),
        .init("{ $.x NOT EXISTS }", #"{"x":null}"#, false, "a null field exists"),
        .init("{ $.x NOT EXISTS }", #"{"y":1}"#, true, "NOT EXISTS matches an absent field"),
        .init("{ $.x NOT EXISTS }", #"{"x":{}}"#, false, "an empty object exists"),
        .init("{ $.x.y NOT EXISTS }", #"{"x":"s"}"#, true, "a path through a string does not exist"),
        .init("{ $.x[3] NOT EXISTS }", #"{"x":[1,2,3]}"#, true, "an index past the end does not exist"),
        .init("{ $.x IS TRUE }", #"{"x":true}"#, true, "IS TRUE matches true"),
        .init("{ $.x IS TRUE }", #"{"x":"true"}"#, false, "IS TRUE does not match the string true"),
        .init("{ $.x IS FALSE }", #"{"x":false}"#, true, "IS FALSE matches false"),
        .init("{ $.x IS FALSE }", #"{"y":false}"#, false, "IS FALSE does not match an absent field"),
        .init("{ $.x = true }", #"{"x":true}"#, false, "= true compares with the string true, not the boolean"),
        .init("{ $.x = true }", #"{"x":"true"}"#, true, "= true matches the string true"),
        .init("{ $.x = * }", #"{"x":""}"#, true, "= * matches any string, even empty"),
        .init("{ $.x = * }", #"{"x":0}"#, true, "= * matches any number"),
        .init("{ $.x = * }", #"{"x":null}"#, false, "= * does not match null"),
        .init("{ $.x = * }", #"{"x":false}"#, false, "= * does not match a boolean"),
        .init("{ $.x = * }", #"{"x":{}}"#, false, "= * does not match an object"),
        .init("{ $.x = * }", #"{}"#, false, "= * does not match an absent field"),
        .init("{ $.x != * }", #"{"x":"a"}"#, false, "!= * never matches"),
        .init("{ $.x is null }", #"{"x":null}"#, true, "keywords are case-insensitive"),
        .init("{ $.x Not Exists }", #"{}"#, true, "keywords are case-insensitive"),
    ]

    static let numbersAndStrings: [SemanticsCase] = [
        .init("{ $.x = 400 }", #"{"x":400}"#, true, "numbers compare numerically"),
        .init("{ $.x = 400 }", #"{"x":4e2}"#, true, "numbers compare numerically (exponent)"),
        .init("{ $.x = 400 }", #"{"x":400.0}"#, true, "numbers compare numerically (fraction)"),
        .init("{ $.x = 400.0 }", #"{"x":400}"#, true, "a fractional literal equals an integer"),
        .init("{ $.x = 1.0E3 }", #"{"x":1000}"#, true, "literal with exponent"),
        .init("{ $.x = -1.5E-2 }", #"{"x":-0.015}"#, true, "negative literal with negative exponent"),
        .init("{ $.x = 0 }", #"{"x":-0}"#, true, "minus zero equals zero"),
        .init("{ $.x > 1e300 }", #"{"x":1e400}"#, true, "out-of-range numbers are infinite"),
        .init("{ $.x = 400 }", #"{"x":"400"}"#, true, "a number literal equals a string with the same text"),
        .init("{ $.x = 400 }", #"{"x":"400.0"}"#, false, "…but strings are not parsed as numbers"),
        .init("{ $.x > 5 }", #"{"x":"6"}"#, false, "< > <= >= never match strings"),
        .init("{ $.x != 5 }", #"{"x":"6"}"#, true, "!= 5 against another string"),
        .init(#"{ $.x = "400" }"#, #"{"x":400}"#, true, "a quoted string equals a number with that exact text"),
        .init(#"{ $.x = "400" }"#, #"{"x":400.0}"#, false, "…only that exact text"),
        .init("{ $.x = 4* }", #"{"x":404}"#, true, "wildcards match the text of numbers"),
        .init("{ $.x = 4* }", #"{"x":"404"}"#, true, "wildcards match strings"),
        .init("{ $.x = 4* }", #"{"x":504}"#, false, "wildcard prefix"),
        .init(#"{ $.x = %^4\d\d$% }"#, #"{"x":404}"#, true, "regexes match the text of numbers"),
        .init("{ $.x > 5 }", #"{"x":true}"#, false, "booleans are not numbers"),
        .init("{ $.x >= 0 }", #"{"x":null}"#, false, "null is not a number"),
        .init("{ $.x = abc }", #"{"x":123}"#, false, "a number never equals a word"),
        .init("{ $.x != abc }", #"{"x":123}"#, true, "a number differs from a word"),
    ]

    static let text: [SemanticsCase] = [
        .init("{ $.x = ConsoleLogin }", #"{"x":"consolelogin"}"#, false, "values are case-sensitive"),
        .init("{ $.EventName = ConsoleLogin }", #"{"eventName":"ConsoleLogin"}"#, false, "keys are case-sensitive"),
        .init("ConsoleLogin", #"{"eventName":"consolelogin"}"#, false, "terms are case-sensitive"),
        .init(#"{ $.x = "Failed authentication" }"#, #"{"x":"Failed\u0020authentication"}"#, true, "values are unescaped"),
        .init(#"{ $.x = "say \"hi\"" }"#, #"{"x":"say \"hi\""}"#, true, "quotes escaped in the pattern and the event"),
        .init(#"{ $.x = "C:\\temp" }"#, #"{"x":"C:\\temp"}"#, true, "backslashes escaped in both"),
        .init(#"{ $.x = "a/b" }"#, #"{"x":"a\/b"}"#, true, "escaped solidus"),
        .init(#"{ $.x = "José" }"#, #"{"x":"José"}"#, true, "non-ASCII values"),
        .init(#"{ $.x = "José" }"#, #"{"x":"Jos\u00e9"}"#, true, "non-ASCII values spelled with a \\u escape"),
        .init(#"{ $.x = "😀" }"#, #"{"x":"\ud83d\ude00"}"#, true, "surrogate pairs"),
        .init(#"{ $.x = "\uFFFD" }"#, #"{"x":"\ud83d"}"#, false, "a \\u in a pattern string is not an escape"),
        .init(#"{ $.x = "a*b" }"#, #"{"x":"aXYZb"}"#, true, "* in a quoted value is a wildcard"),
        .init(#"{ $.x = "a\*b" }"#, #"{"x":"a*b"}"#, true, "\\* is a literal star"),
        .init(#"{ $.x = "a\*b" }"#, #"{"x":"aXb"}"#, false, "\\* is not a wildcard"),
        .init(#"{ $.x = a*b*c }"#, #"{"x":"abc"}"#, true, "wildcards may match nothing"),
        .init(#"{ $.x = a*b*c }"#, #"{"x":"a-b-b-c"}"#, true, "wildcards in the middle"),
        .init(#"{ $.x = a*b*c }"#, #"{"x":"a-c-b"}"#, false, "pieces in order"),
        .init(#"{ $.x = *ab*ab* }"#, #"{"x":"xab"}"#, false, "pieces do not overlap"),
        .init(#"{ $.x = 123.123.* }"#, #"{"x":"123.123.0.1"}"#, true, "unquoted dotted value with a wildcard"),
        .init(#"{ $.x = "" }"#, #"{"x":""}"#, true, "the empty string"),
        .init(#"{ $.x = %^Jos.$% }"#, #"{"x":"José"}"#, true, "regex . reads a whole character"),
        .init(#"{ $.x = %^Jos..$% }"#, #"{"x":"José"}"#, false, "regex . reads a whole character (not a byte)"),
        .init(#"{ $.x = %a b% }"#, #"{"x":"a\u0020b"}"#, true, "regexes see unescaped values"),
        .init(#"{ $.x != %^a% }"#, #"{"x":"ba"}"#, true, "!= with a regex negates it"),
        .init(#"{ $.x = %.% }"#, #"{"x":"\n"}"#, true, "regex . matches a newline"),
        .init(#"{ $.x = %ab+?c% }"#, #"{"x":"abbc"}"#, true, "lazy quantifiers are accepted"),
        .init(#"{ $.eventName = X }"#, #"{"event\u004eame":"X"}"#, true, "keys are unescaped"),
        .init(#"{ $.x = second }"#, #"{"x":"first","x":"second"}"#, true, "the last of duplicate keys wins"),
    ]

    static let selectors: [SemanticsCase] = [
        .init(#"{ $.resources.ARN = "arn:x" }"#, #"{"resources":[{"ARN":"arn:x"}]}"#, false, "no implicit array traversal"),
        .init(#"{ $.resources[0].ARN = "arn:x" }"#, #"{"resources":[{"ARN":"arn:x"}]}"#, true, "an index"),
        .init(#"{ $.resources[*].ARN = "arn:y" }"#, #"{"resources":[{"ARN":"arn:x"},{"ARN":"arn:y"}]}"#, true, "[*] tries every element"),
        .init(#"{ $.resources[*].ARN != "arn:x" }"#, #"{"resources":[{"ARN":"arn:x"},{"ARN":"arn:y"}]}"#, true, "wildcards are existential, != too"),
        .init(#"{ $.resources[*].ARN != "arn:x" }"#, #"{"resources":[{"ARN":"arn:x"}]}"#, false, "no element differs"),
        .init(#"{ $.resources[*].ARN NOT EXISTS }"#, #"{"resources":[{"type":"t"}]}"#, true, "NOT EXISTS: no element has it"),
        .init(#"{ $.resources[*].ARN NOT EXISTS }"#, #"{"resources":[{"type":"t"},{"ARN":null}]}"#, false, "NOT EXISTS: one has it (null)"),
        .init(#"{ $.resources[*].ARN NOT EXISTS }"#, #"{"resources":"none"}"#, true, "NOT EXISTS through a non-container"),
        .init(#"{ $.a[*] = 2 }"#, #"{"a":{"k":2}}"#, true, "[*] on an object tries its members"),
        .init(#"{ $.a.* = 2 }"#, #"{"a":[1,2]}"#, true, ".* on an array tries its elements"),
        .init(#"{ $.* = Trail }"#, #"{"a":{"b":"Trail"}}"#, false, "a wildcard reaches one level only"),
        .init(#"{ $.a[*][1] = 5 }"#, #"{"a":[[0,1],[4,5]]}"#, true, "suffix after a wildcard"),
        .init(#"{ $.a[*].b.c = 1 }"#, #"{"a":[{"b":{"c":1}}]}"#, true, "longer suffix after a wildcard"),
        .init(#"{ $.a[*].b = 1 }"#, #"{"a":[{"b\u0022":2},{"b":1}]}"#, true, "escaped keys after a wildcard"),
        .init(#"{ $.['a b'] = 1 }"#, #"{"a b":1}"#, true, "bracketed key with a space"),
        .init(#"{ $.x['a.b'][0] = 1 }"#, #"{"x":{"a.b":[1]}}"#, true, "bracketed key after a name"),
        .init(#"{ $.["it's"] = 1 }"#, #"{"it's":1}"#, true, "double-quoted bracket key"),
        .init(#"{ $.a-b_c = 1 }"#, #"{"a-b_c":1}"#, true, "names may contain - and _"),
        .init(#"{ $.x = 1 }"#, #"[{"x":1}]"#, false, "a record that is not an object has no fields"),
        .init(#"{ $.x[0] = 1 && $.x = * }"#, #"{"x":[1]}"#, false, "a prefix path and a longer path together"),
        .init(#"{ $.x[0] = 1 && $.x NOT EXISTS }"#, #"{"x":[1]}"#, false, "an array exists"),
        .init(#"{ $.a.b = 1 && $.a.b.c NOT EXISTS }"#, #"{"a":{"b":1}}"#, true, "overlapping paths"),
    ]

    static let terms: [SemanticsCase] = [
        .init(#""Failed authentication""#, #"{"errorMessage":"Failed authentication"}"#, true, "terms search the raw text"),
        .init(#""Failed authentication""#, #"{"errorMessage":"Failed\u0020authentication"}"#, false, "terms do not unescape"),
        .init("eventName", #"{"eventName":"X"}"#, true, "terms also see keys"),
        .init("kms.amazonaws.com", #"{"eventSource":"kms.amazonaws.com"}"#, true, "unquoted terms with dots"),
        .init(#""ERROR" -"DEBUG" ?x"#, #"{"m":"ERROR"}"#, true, "? terms ignored next to others"),
        .init("-DEBUG", #"{"m":"ERROR"}"#, true, "a pattern of exclusions only"),
        .init("-DEBUG", #"{"m":"DEBUG"}"#, false, "a pattern of exclusions only"),
        .init(#""José""#, #"{"u":"José"}"#, true, "non-ASCII terms"),
        .init("", #"{"u":1}"#, true, "the empty pattern matches everything"),
        .init("   ", #"{"u":1}"#, true, "a blank pattern matches everything"),
        .init(#""""#, #"{"u":1}"#, true, "\"\" matches everything"),
        .init(#"%^\{%"#, #"{"u":1}"#, true, "a standalone regex searches the raw text"),
        .init(#"%eventName\x22:\x22Console%"#, #"{"eventName":"ConsoleLogin"}"#, true, "regex with \\x22 for quotes"),
    ]
}

@Test("presence, null and booleans", arguments: SemanticsCase.presence)
func presenceSemantics(_ c: SemanticsCase) throws { #expect(try match(c.pattern, c.event) == c.expected) }

@Test("numbers and strings", arguments: SemanticsCase.numbersAndStrings)
func numberSemantics(_ c: SemanticsCase) throws { #expect(try match(c.pattern, c.event) == c.expected) }

@Test("text values: case, escapes, wildcards, non-ASCII", arguments: SemanticsCase.text)
func textSemantics(_ c: SemanticsCase) throws { #expect(try match(c.pattern, c.event) == c.expected) }

@Test("selectors, wildcard selectors and arrays", arguments: SemanticsCase.selectors)
func selectorSemantics(_ c: SemanticsCase) throws { #expect(try match(c.pattern, c.event) == c.expected) }

@Test("term patterns over the raw event text", arguments: SemanticsCase.terms)
func termSemantics(_ c: SemanticsCase) throws { #expect(try match(c.pattern, c.event) == c.expected) }

@Test("JSON patterns reject malformed events; text patterns do not read them")
func malformedEvents() throws {
    let json = try FilterPattern(parsing: "{ $.x = 1 }")
    #expect(throws: JSONError.self) { try json.matches(json: #"{"x":1"#) }
    #expect(throws: JSONError.self) { try json.matches(json: #"{"x":1} trailing"#) }
    #expect(throws: JSONError.self) { try json.matches(json: #"{"x":"\q"}"#) }
    #expect(throws: JSONError.self) { try json.matches(json: "") }
    let terms = try FilterPattern(parsing: "x")
    #expect(try terms.matches(json: #"{"x":1"#))
    #expect(try !terms.matches(json: ""))
    let all = try FilterPattern(parsing: "")
    #expect(try all.matches(json: "not json"))
    let regex = try FilterPattern(parsing: "%^$%")
    #expect(try regex.matches(json: ""))
}

@Test("the cursor entry point consumes exactly one record and reuses the scratch values")
func cursorConsumesOneRecord() throws {
    let pattern = try FilterPattern(parsing: #"{ $.eventName = ConsoleLogin }"#)
    let text = #"  {"eventName":"ConsoleLogin"} {"eventName":"Other","x":[1,2]}  {"eventName":"ConsoleLogin"}"#
    /// Runs `pattern` over every record of `text` with the cursor entry point.
    func run(_ pattern: FilterPattern) throws -> [Bool] {
        try Array(text.utf8).withUnsafeBytes { buffer in
            Result { () throws(JSONError) -> [Bool] in
                var cursor = JSONCursor(buffer)
                var values: [JSONValueRef] = []
                var results: [Bool] = []
                while cursor.peek() != 0 {
                    results.append(try pattern.matches(&cursor, values: &values))
                }
                return results
            }
        }.get()
    }
    #expect(try run(pattern) == [true, false, true])
    #expect(try run(FilterPattern(parsing: "ERROR")) == [false, false, false])
    #expect(try run(FilterPattern(parsing: "%Other%")) == [false, true, false])
    #expect(try run(FilterPattern(parsing: "")) == [true, true, true])
}

@Test("pattern kinds and paths")
func kindsAndPaths() throws {
    #expect(try FilterPattern(parsing: "").kind == .matchAll)
    #expect(try FilterPattern(parsing: #"" ""#).kind == .matchAll)
    #expect(try FilterPattern(parsing: "ERROR").kind == .terms)
    #expect(try FilterPattern(parsing: "%ERROR%").kind == .regex)
    let json = try FilterPattern(parsing: "{ $.a.b = 1 || $.a.b != 2 || $.c[*].d = 3 || $.* = 4 }")
    #expect(json.kind == .json)
    #expect(json.paths.paths == [[.key("a"), .key("b")], [.key("c")], []])
    #expect(try FilterPattern(parsing: "ERROR").paths.count == 0)
}

@Test("warnings flag legal patterns that probably do not do what was meant")
func warnings() throws {
    let boolean = try FilterPattern(parsing: "{ $.readOnly = false }")
    #expect(boolean.warnings.map(\.code) == ["W_FILTER_KEYWORD_AS_STRING"])
    #expect(boolean.warnings.first?.span == SourceSpan(13, 20))
    #expect(try FilterPattern(parsing: #"{ $.readOnly = "false" }"#).warnings.isEmpty)
    let optional = try FilterPattern(parsing: "?ERROR ?WARN REQUEST")
    #expect(optional.warnings.map(\.code) == ["W_FILTER_OPTIONAL_TERM_IGNORED", "W_FILTER_OPTIONAL_TERM_IGNORED"])
    #expect(optional.warnings.first?.span == SourceSpan(0, 6))
    #expect(try FilterPattern(parsing: "?ERROR ?WARN").warnings.isEmpty)
}

@Test("required literals and the pre-filter")
func requiredLiterals() throws {
    func literals(_ pattern: String) throws -> [String] {
        try FilterPattern(parsing: pattern).requiredLiterals.map { String(decoding: $0, as: UTF8.self) }
    }
    #expect(try literals("{ $.eventName = ConsoleLogin }") == ["ConsoleLogin"])
    #expect(try literals(#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#)
        == ["Failed authentication", "ConsoleLogin"])
    #expect(try literals("{ $.eventSource = kms.amazonaws.com && ($.eventName = DisableKey || $.eventName = ScheduleKeyDeletion) }")
        == ["kms.amazonaws.com"])
    #expect(try literals("{ $.a = x || $.b = x }") == ["x"])
    #expect(try literals(#"{ $.errorCode = "*UnauthorizedOperation" }"#) == ["UnauthorizedOperation"])
    #expect(try literals("{ $.a = 400 }") == [])  // 4e2 would match
    #expect(try literals("{ $.a != x }") == [])
    #expect(try literals(#"{ $.a = "a/b" }"#) == [])  // could be spelled a\/b
    #expect(try literals(#"{ $.a = "" }"#) == [])
    #expect(try literals("ERROR -DEBUG ?x") == ["ERROR"])
    #expect(try literals("?ERROR ?WARN") == [])

    let pattern = try FilterPattern(parsing: "{ $.eventName = ConsoleLogin }")
    func may(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes { pattern.mayMatch($0) } }
    #expect(!may(#"{"eventName":"AssumeRole"}"#))
    #expect(may(#"{"eventName":"ConsoleLogin"}"#))
    #expect(may(#"{"eventName":"Console\u004cogin"}"#))  // the escaped string holds the literal
    #expect(!may(#"{"eventName":"AssumeRole","userAgent":"caf\u00e9"}"#))  // escapes elsewhere do not
    #expect(!may(#"{"a":"\\u004cConsole","b":"x\\\u0041"}"#))  // \\u is not an escape; \u0041 is A
    #expect(may(#"Console\u004cogin","eventName":"x"}"#))  // a chunk cut inside a string: cannot tell
    #expect(may(#"{"eventName":"Con\u0073oleLogin" "#))  // string not closed: cannot tell
    #expect(try pattern.matches(json: #"{"eventName":"Console\u004cogin"}"#))
    let terms = try FilterPattern(parsing: "ConsoleLogin")
    #expect(!Array(#"{"eventName":"Console\u004cogin"}"#.utf8).withUnsafeBytes { terms.mayMatch($0) })
}

@Test("required alternatives pre-filter large texts")
func requiredAlternatives() throws {
    func groups(_ pattern: String) throws -> [[String]] {
        try FilterPattern(parsing: pattern).requiredAlternatives.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }
    #expect(try groups("{ $.eventName = CreateTrail || $.eventName = StopLogging }") == [["CreateTrail", "StopLogging"]])
    #expect(try groups("{ $.eventSource = kms.amazonaws.com && ($.eventName = DisableKey || $.eventName = ScheduleKeyDeletion) }")
        == [["ScheduleKeyDeletion", "DisableKey"]])
    // A branch without a literal makes the whole disjunction unusable.
    #expect(try groups("{ $.eventName = A1 || $.errorCode != x }") == [])
    // Alternatives that contain another one are implied by it.
    #expect(try groups("{ $.a = Policy || $.a = PutUserPolicy || $.a = Role }") == [["Policy", "Role"]])
    // Each branch contributes its strongest literal.
    #expect(try groups(#"{ ($.a = ConsoleLogin && $.b = "Failed authentication") || $.c = SwitchRole }"#)
        == [["Failed authentication", "SwitchRole"]])
    #expect(try groups("?ERROR ?WARN") == [["ERROR", "WARN"]])
    #expect(try groups(#"?ERROR ?" ""#) == [])
    // CloudWatch.4: 16 names, of which CreatePolicyVersion and DeletePolicyVersion contain CreatePolicy and DeletePolicy.
    #expect(try groups(RuleCase.securityHub[4].pattern).first?.count == 14)

    let pattern = try FilterPattern(parsing: "{ $.eventName = CreateTrail || $.eventName = StopLogging }")
    let filler = String(repeating: #"{"eventName":"DescribeTrails"},"#, count: FilterPattern.alternativesThreshold / 20)
    func may(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes { pattern.mayMatch($0) } }
    #expect(!may(filler))
    #expect(may(filler + #"{"eventName":"StopLogging"}"#))
    #expect(may(filler + #"{"eventName":"Stop\u004cogging"}"#))
    #expect(may(#"{"eventName":"DescribeTrails"}"#))  // small texts are not checked against alternatives
}

@Test("the pre-filter admits every \\u spelling of a required value")
func preFilterAdmitsEscapedSpellings() throws {
    let pattern = try FilterPattern(parsing: #"{ $.eventName = ConsoleLogin && $.errorCode = "*Exception" }"#)
    let name = Array("ConsoleLogin".utf8)
    for position in name.indices {
        var spelled = ""
        for (index, byte) in name.enumerated() {
            spelled += index == position ? "\\u00" + String(byte, radix: 16) : String(UnicodeScalar(byte))
        }
        let event = #"{"eventName":"\#(spelled)","errorCode":"Bad\u0045xception","x":"\\u0041"}"#
        #expect(try pattern.matches(json: event), "\(event)")
        let big = event + String(repeating: " ", count: FilterPattern.alternativesThreshold)
        #expect(Array(big.utf8).withUnsafeBytes { pattern.mayMatch($0) }, "\(event)")
    }
}
