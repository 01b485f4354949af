import Testing
import TrailBase
@testable import TrailFilterPattern

struct ErrorCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var code: FilterPatternError.Code
    /// The offending text, as byte offsets into the pattern.
    var span: Range<Int>
    /// `line:column` of the span's start.
    var position: String
    var testDescription: String { "\(code): \(pattern)" }

    static let all: [ErrorCase] = [
        .init(pattern: "{ $.eventName = }", code: .expectedValue, span: 16..<17, position: "1:17"),
        .init(pattern: "{ $.eventName != }", code: .expectedValue, span: 17..<18, position: "1:18"),
        .init(pattern: "{ $.eventName =", code: .expectedValue, span: 14..<15, position: "1:15"),
        .init(pattern: "{ $.x = 1 && ($.y = 2 }", code: .unbalancedParens, span: 13..<14, position: "1:14"),
        .init(pattern: "{ $.eventName = ConsoleLogin) }", code: .unbalancedParens, span: 28..<29, position: "1:29"),
        .init(pattern: "{ ) }", code: .unbalancedParens, span: 2..<3, position: "1:3"),
        .init(pattern: "{ ((($.x = 1)) }", code: .unbalancedParens, span: 2..<3, position: "1:3"),
        .init(pattern: "{ eventName = x }", code: .badSelector, span: 2..<11, position: "1:3"),
        .init(pattern: "{ $eventName = x }", code: .badSelector, span: 2..<4, position: "1:3"),
        .init(pattern: "{ $[0] = 1 }", code: .badSelector, span: 2..<4, position: "1:3"),
        .init(pattern: "{ $. = 1 }", code: .badSelector, span: 2..<5, position: "1:3"),
        .init(pattern: "{ $.a[ = 1 }", code: .badSelector, span: 5..<7, position: "1:6"),
        .init(pattern: "{ $.a[x] = 1 }", code: .badSelector, span: 5..<7, position: "1:6"),
        .init(pattern: "{ $.a[0 = 1 }", code: .badSelector, span: 5..<8, position: "1:6"),
        .init(pattern: "{ $.a@b = 1 }", code: .badSelector, span: 5..<6, position: "1:6"),
        .init(pattern: "{ $.['a.b = 1 }", code: .unterminatedString, span: 5..<15, position: "1:6"),
        .init(pattern: #"{ $.eventName = "ConsoleLogin }"#, code: .unterminatedString, span: 16..<31, position: "1:17"),
        .init(pattern: #""unterminated"#, code: .unterminatedString, span: 0..<13, position: "1:1"),
        .init(pattern: #"ERROR "two words"#, code: .unterminatedString, span: 6..<16, position: "1:7"),
        .init(pattern: "{ $.x = %(a)% }", code: .badRegex, span: 9..<10, position: "1:10"),
        .init(pattern: "{ $.x = %a{2,1}% }", code: .badRegex, span: 10..<15, position: "1:11"),
        .init(pattern: "{ $.x = %*a% }", code: .badRegex, span: 9..<10, position: "1:10"),
        .init(pattern: "{ $.x = %a**% }", code: .badRegex, span: 11..<12, position: "1:12"),
        .init(pattern: "{ $.x = %[a% }", code: .badRegex, span: 9..<11, position: "1:10"),
        .init(pattern: #"{ $.x = %\b% }"#, code: .badRegex, span: 9..<11, position: "1:10"),
        .init(pattern: #"{ $.x = %\xG1% }"#, code: .badRegex, span: 9..<13, position: "1:10"),
        .init(pattern: #"%\x80%"#, code: .badRegex, span: 1..<5, position: "1:2"),
        .init(pattern: "%José%", code: .badRegex, span: 4..<6, position: "1:5"),
        .init(pattern: "%%", code: .badRegex, span: 0..<2, position: "1:1"),
        .init(pattern: "%[z-a]%", code: .badRegex, span: 2..<5, position: "1:3"),
        .init(pattern: "{ $.x = %abc }", code: .unterminatedRegex, span: 8..<14, position: "1:9"),
        .init(pattern: "%abc", code: .unterminatedRegex, span: 0..<4, position: "1:1"),
        .init(pattern: "{ $.x = 1 } extra", code: .trailingInput, span: 12..<17, position: "1:13"),
        .init(pattern: "%a% b", code: .trailingInput, span: 4..<5, position: "1:5"),
        .init(pattern: "{ $.x > abc }", code: .expectedNumber, span: 8..<11, position: "1:9"),
        .init(pattern: #"{ $.x <= "5" }"#, code: .expectedNumber, span: 9..<12, position: "1:10"),
        .init(pattern: "{ $.x >= 4* }", code: .expectedNumber, span: 9..<11, position: "1:10"),
        .init(pattern: "{ $.x < %5% }", code: .expectedNumber, span: 8..<11, position: "1:9"),
        .init(pattern: "{ $.x == 1 }", code: .unexpectedToken, span: 6..<8, position: "1:7"),
        .init(pattern: "{ $.x = 1 $.y = 2 }", code: .unexpectedToken, span: 10..<11, position: "1:11"),
        .init(pattern: "{ $.x = 1 & $.y = 2 }", code: .unexpectedToken, span: 10..<11, position: "1:11"),
        .init(pattern: "{ $.x = 1 ||| $.y = 2 }", code: .unexpectedToken, span: 12..<13, position: "1:13"),
        .init(pattern: "{ $.x = 1 && }", code: .unexpectedToken, span: 13..<14, position: "1:14"),
        .init(pattern: "{}", code: .unexpectedToken, span: 1..<2, position: "1:2"),
        .init(pattern: "{ $.x ! 1 }", code: .unexpectedToken, span: 6..<7, position: "1:7"),
        .init(pattern: "{ $.x IS MAYBE }", code: .unexpectedToken, span: 9..<14, position: "1:10"),
        .init(pattern: "{ $.x NOT NULL }", code: .unexpectedToken, span: 10..<14, position: "1:11"),
        .init(pattern: "{ $.x LIKE 1 }", code: .unexpectedToken, span: 6..<10, position: "1:7"),
        .init(pattern: "{ $.x = (1) }", code: .unexpectedToken, span: 8..<9, position: "1:9"),
        .init(pattern: #"ERROR"x""#, code: .unexpectedToken, span: 5..<6, position: "1:6"),
        .init(pattern: "{ $.x = 1", code: .unexpectedEnd, span: 0..<1, position: "1:1"),
        .init(pattern: "{", code: .unexpectedEnd, span: 1..<1, position: "1:2"),
        .init(pattern: "ERROR -", code: .unexpectedEnd, span: 6..<7, position: "1:7"),
        .init(pattern: "?", code: .unexpectedEnd, span: 0..<1, position: "1:1"),
        .init(pattern: "{ $.x IS NOT NULL }", code: .unsupported, span: 6..<12, position: "1:7"),
        .init(pattern: "{ $.x EXISTS }", code: .unsupported, span: 6..<12, position: "1:7"),
        .init(pattern: "[ip, user, status_code = 404]", code: .unsupported, span: 0..<29, position: "1:1"),
        .init(pattern: "ERROR %x%", code: .unsupported, span: 6..<9, position: "1:7"),
        .init(pattern: "{ $.a.*.b[*] = 1 }", code: .quotaExceeded, span: 2..<12, position: "1:3"),
        .init(pattern: "{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 || $.* = 1 }", code: .quotaExceeded, span: 43..<46, position: "1:44"),
        .init(pattern: "{ $.a = %a% || $.b = %b% || $.c = %c% }", code: .quotaExceeded, span: 34..<37, position: "1:35"),
        .init(pattern: "{ " + String(repeating: "(", count: 65) + "$.x = 1" + String(repeating: ")", count: 65) + " }",
              code: .quotaExceeded, span: 66..<67, position: "1:67"),
        .init(pattern: String(repeating: "x", count: 1025), code: .quotaExceeded, span: 1024..<1025, position: "1:1025"),
        .init(pattern: String(repeating: "é", count: 1025), code: .quotaExceeded, span: 2048..<2050, position: "1:1025"),
        // Multi-line patterns report the line of the error.
        .init(pattern: "{\n  $.eventName = ConsoleLogin &&\n  $.errorMessage =\n}", code: .expectedValue, span: 53..<54, position: "4:1"),
        .init(pattern: "{\n  $.eventName = ConsoleLogin\n  $.x = 1\n}", code: .unexpectedToken, span: 33..<34, position: "3:3"),
    ]
}

@Test("parse errors carry a stable code and point at the offending text", arguments: ErrorCase.all)
func parseErrorsPointAtTheProblem(_ c: ErrorCase) throws {
    let error = try #require(parseError(c.pattern), "\(c.pattern) should not parse")
    #expect(error.code == c.code, "\(error.rendered(in: c.pattern))")
    #expect(error.span.start..<error.span.end == c.span, "\(error.rendered(in: c.pattern))")
    #expect(LineColumn(offset: error.span.start, in: c.pattern).description == c.position)
    #expect(!error.message.isEmpty)
    #expect(error.code.rawValue.hasPrefix("E_FILTER_"))
}

@Test("every error code has a help line")
func errorsHaveHelp() {
    let helpless = ErrorCase.all.filter { c in
        guard let error = parseError(c.pattern) else { return false }
        return error.help == nil && error.code != .unexpectedToken && error.code != .unexpectedEnd
    }
    #expect(helpless.map(\.pattern) == [])
}

@Test("errors render with line, column, the pattern line and a caret")
func errorsRender() throws {
    let pattern = "{ $.eventName = }"
    let error = try #require(parseError(pattern))
    let rendered = error.rendered(in: pattern)
    #expect(rendered == """
        error[E_FILTER_EXPECTED_VALUE]: expected a value after '=' (a string, a number, * or %regex%)
         --> pattern:1:17
          | { $.eventName = }
          |                 ^
          = help: write for example = ConsoleLogin or = "text with spaces"
        """)
    #expect(error.description == "error[E_FILTER_EXPECTED_VALUE]: expected a value after '=' (a string, a number, * or %regex%)")
}

@Test("the error for a bare key suggests the selector")
func bareKeySuggestsSelector() throws {
    let error = try #require(parseError("{ eventName = ConsoleLogin }"))
    #expect(error.help == "write $.eventName")
}

@Test("a pattern of 1,024 characters is accepted, multi-byte ones included")
func longestPatternAccepted() throws {
    #expect(parseError(String(repeating: "x", count: 1024)) == nil)
    #expect(parseError(String(repeating: "é", count: 1024)) == nil)
}
