import Testing
@testable import TrailFilterPattern

// parse → print → parse gives the same syntax, and printing is a fixed point.

let roundTripPatterns: [String] =
    DocCase.json.map(\.pattern) + DocCase.numeric.map(\.pattern) + DocCase.terms.map(\.pattern) + DocCase.regex.map(\.pattern)
    + RuleCase.all.map(\.pattern) + SemanticsCase.presence.map(\.pattern) + SemanticsCase.text.map(\.pattern)
    + SemanticsCase.selectors.map(\.pattern) + SemanticsCase.terms.map(\.pattern)
    + [
        "{ $.a = 1 && ($.b = 2 || $.c = 3) && $.d = 4 }", "{ ((($.a = 1))) }", "{ ($.a = 1 || ($.b = 2 || $.c = 3)) }",
        #"{ $.['it\'s'] = "x" }"#, #"{ $.a = "tab\there" }"#, #"{ $.a = "\\*" }"#, #"ERROR "with \"quotes\"" -"back\\slash""#,
        "{ $.a = +1 }", "{ $.a = 1E+3 }", "{ $.a = -0.5e-10 }", "{ $.a = a\\*b }", "{ $.a = \\5 }",
        "{\n\t$.a\n=\n1\n}", "?ERROR ?WARN", #"- "x""#,
    ]

@Test("printing a parsed pattern and parsing it again gives the same syntax", arguments: roundTripPatterns)
func roundTrip(_ text: String) throws {
    let first = try FilterPattern(parsing: text)
    let printed = first.description
    let second = try FilterPattern(parsing: printed)
    #expect(second.syntax == first.syntax, "\(text) printed as \(printed)")
    #expect(second.description == printed)
}

@Test("canonical spellings", arguments: [
    ("{($.eventName=ConsoleLogin)&&($.errorMessage=\"Failed authentication\")}",
     #"{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed authentication" }"#),
    ("{ $.a = 1 && ($.b = 2 || $.c = 3) }", "{ $.a = 1 && ($.b = 2 || $.c = 3) }"),
    ("{ ($.a = 1 && $.b = 2) || $.c = 3 }", "{ $.a = 1 && $.b = 2 || $.c = 3 }"),
    ("{ ($.a = 1 || $.b = 2) || $.c = 3 }", "{ $.a = 1 || $.b = 2 || $.c = 3 }"),
    ("{ $.['cluster.name'] = c }", #"{ $.['cluster.name'] = "c" }"#),
    ("{ $.['plain'] = c }", #"{ $.plain = "c" }"#),
    ("{ $.a['b.c'][0].d = 1 }", "{ $.a['b.c'][0].d = 1 }"),
    ("{ $.a.* = 1 }", "{ $.a[*] = 1 }"),
    ("{ $.* = %Trail% }", "{ $.* = %Trail% }"),
    ("{ $.x is null }", "{ $.x IS NULL }"),
    ("{ $.x not   exists }", "{ $.x NOT EXISTS }"),
    ("{ $.x = AccessDenied** }", #"{ $.x = "AccessDenied*" }"#),
    ("{ $.x = a\\*b }", #"{ $.x = "a\*b" }"#),
    ("{ $.x = 1.0E3 }", "{ $.x = 1.0E3 }"),
    (#"{ $.x = "1.0E3" }"#, #"{ $.x = "1.0E3" }"#),
    ("ERROR  Exception", "ERROR Exception"),
    (#""ERROR" - "Exiting""#, "ERROR -Exiting"),
    (#"?"two words" -x"#, #"?"two words" -x"#),
    (#"" ""#, #""""#),
    ("", #""""#),
    ("  %a|b%  ", "%a|b%"),
])
func canonicalSpelling(_ input: String, _ expected: String) throws {
    #expect(try FilterPattern(parsing: input).description == expected)
}

/// A small deterministic generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum RandomSyntax {
    static let keys = ["a", "eventName", "x-y", "cluster.name", "it's", "back\\slash", "sp ace", "é", "", "0"]
    static let texts = ["", "x", "ConsoleLogin", "two words", "q\"uote", "back\\slash", "st*ar", "José", "1.5", "true"]

    static func selector(_ rng: inout SplitMix, wildcards: inout Int) -> PropertySelector {
        var components: [PropertySelector.Component] = []
        var used = false
        for position in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where position > 0: components.append(.index(Int.random(in: 0...20, using: &rng)))
            case 1 where !used && wildcards < 3:
                used = true
                wildcards += 1
                components.append(.wildcard)
            default: components.append(.key(keys.randomElement(using: &rng)!))
            }
        }
        return PropertySelector(components)
    }

    static func value(_ rng: inout SplitMix) -> ComparisonValue {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            let text = texts.randomElement(using: &rng)!
            return .number(NumberLiteral(text: ["1", "-2.5", "+3e4", "0.0E-1"].randomElement(using: &rng)!, value: 0)).fixed(text)
        case 1:
            var parts: [TextPattern.Part] = []
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                parts.append(Bool.random(using: &rng) ? .wildcard : .literal(texts.randomElement(using: &rng)!))
            }
            return .string(TextPattern(parts: parts))
        case 2:
            return .regex(RegexSyntax(source: ["a", "^x|y$", #"\d{1,3}\.\d"#, "[a-z]+", "a{,2}"].randomElement(using: &rng)!))
        default:
            return .string(TextPattern(literal: texts.randomElement(using: &rng)!))
        }
    }

    static func condition(_ rng: inout SplitMix, depth: Int, wildcards: inout Int, regexes: inout Int) -> JSONCondition {
        if depth > 2 || Int.random(in: 0..<3, using: &rng) == 0 {
            let selector = selector(&rng, wildcards: &wildcards)
            let test: JSONTest
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: test = .isNull
            case 1: test = .isTrue
            case 2: test = .isFalse
            case 3: test = .notExists
            default:
                var value = value(&rng)
                if case .regex = value {
                    if regexes >= 2 { value = .string(TextPattern(literal: "r")) } else { regexes += 1 }
                }
                var op = ComparisonOperator.allCases.randomElement(using: &rng)!
                if case .number = value {} else { op = Bool.random(using: &rng) ? .equal : .notEqual }
                test = .compare(op, value)
            }
            return .test(selector, test)
        }
        let operands = (0..<Int.random(in: 2...3, using: &rng)).map { _ in
            condition(&rng, depth: depth + 1, wildcards: &wildcards, regexes: &regexes)
        }
        // Build through the parser's normal form: no and directly inside and, no or directly inside or.
        if Bool.random(using: &rng) {
            return .and(operands.flatMap { if case .and(let inner) = $0 { inner } else { [$0] } })
        }
        return .or(operands.flatMap { if case .or(let inner) = $0 { inner } else { [$0] } })
    }
}

extension ComparisonValue {
    /// Numbers carry their parsed value; recompute it from the text.
    func fixed(_: String) -> ComparisonValue {
        guard case .number(let number) = self else { return self }
        return .number(Parser.number(Array(number.text.utf8)[...])!)
    }
}

@Test("random syntax trees survive printing and parsing")
func randomRoundTrips() throws {
    var rng = SplitMix(state: 0x5EED)
    var checked = 0
    for _ in 0..<2_000 {
        var wildcards = 0
        var regexes = 0
        let syntax = FilterPatternSyntax.json(RandomSyntax.condition(&rng, depth: 0, wildcards: &wildcards, regexes: &regexes))
        let printed = syntax.description
        guard printed.unicodeScalars.count <= 1024 else { continue }
        let parsed = try FilterPattern(parsing: printed)
        #expect(parsed.syntax == syntax, "\(printed)")
        checked += 1
    }
    #expect(checked > 1_500)
}
