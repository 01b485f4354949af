import Foundation
import Testing
@testable import TrailFilterPattern

// The regex engine against ICU (NSRegularExpression) on random expressions of CloudWatch's subset and random texts.
// The subset's semantics are those of the common regex dialects, so ICU is a fair oracle; expressions are limited
// to forms both spell the same way ({,n} is written {0,n} for ICU; texts have no line breaks, where ICU's `$`
// differs).

enum RandomRegex {
    static let atoms = ["a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", #"\d"#, #"\D"#, #"\w"#, #"\W"#, #"\s"#, #"\S"#, #"\x61"#, #"\."#, "1", " ", "-", "[\\w.]"]

    /// The same expression for ICU, whose \d \w \s are Unicode-aware: AWS defines them on ASCII ("\w is
    /// equivalent to [a-zA-Z_0-9]").
    static func icu(_ source: String) -> String {
        source.replacingOccurrences(of: #"[\w.]"#, with: "[a-zA-Z_0-9.]")
            .replacingOccurrences(of: #"\d"#, with: "[0-9]").replacingOccurrences(of: #"\D"#, with: "[^0-9]")
            .replacingOccurrences(of: #"\w"#, with: "[a-zA-Z_0-9]").replacingOccurrences(of: #"\W"#, with: "[^a-zA-Z_0-9]")
            .replacingOccurrences(of: #"\s"#, with: #"[ \t\n\r\f\x0B]"#).replacingOccurrences(of: #"\S"#, with: #"[^ \t\n\r\f\x0B]"#)
    }
    static let quantifiers = ["", "", "", "?", "*", "+", "{2}", "{1,2}", "{0,3}", "{2,}", "*?", "+?"]

    static func make(_ rng: inout SplitMix) -> String {
        var branches: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            var branch = Int.random(in: 0..<5, using: &rng) == 0 ? "^" : ""
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                branch += atoms.randomElement(using: &rng)! + quantifiers.randomElement(using: &rng)!
            }
            if Int.random(in: 0..<5, using: &rng) == 0 { branch += "$" }
            branches.append(branch)
        }
        return branches.joined(separator: "|")
    }

    static func text(_ rng: inout SplitMix) -> String {
        let alphabet: [Character] = ["a", "b", "c", "1", " ", ".", "-", "é", "x"]
        return String((0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }
}

@Test("the regex engine agrees with ICU on random expressions and texts")
func regexAgreesWithICU() throws {
    var rng = SplitMix(state: 42)
    var compared = 0
    for _ in 0..<1_500 {
        let source = RandomRegex.make(&rng)
        let ours = try CompiledRegex(source: Array(source.utf8)[...], offset: 0)
        let icu = try NSRegularExpression(pattern: RandomRegex.icu(source), options: [.dotMatchesLineSeparators])
        for _ in 0..<20 {
            let text = RandomRegex.text(&rng)
            let expected = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            let actual = Array(text.utf8).withUnsafeBufferPointer { ours.matches($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, $0.count) }
            #expect(actual == expected, "%\(source)% on \"\(text)\"")
            compared += 1
        }
    }
    #expect(compared == 30_000)
}

@Test("regex forms outside the common dialects", arguments: [
    ("a{,2}b", "xaab", true), ("a{,2}b", "b", true), ("^a{ 1 , 2 }$", "aa", true), ("^a{2}$", "aaa", false),
    ("[]a]", "]", true), ("[a-]", "-", true), ("[\\]]", "]", true), ("[\\d.]", ".", true), ("^$", "", true),
    ("^", "anything", true), ("$", "", true), ("x|", "y", true), ("|x", "", true), ("[^a]", "é", true),
    ("^.$", "é", true), ("^..$", "é", false), ("a\\x2Ab", "a*b", true), ("\\t", "\t", true), ("\\n", "\n", true),
    ("a$|^b", "ba", true), ("a$|^b", "ab", false), ("\\^", "^", true), ("\\$", "$", true), ("\\|", "|", true),
])
func regexEdgeForms(_ source: String, _ text: String, _ expected: Bool) throws {
    let regex = try CompiledRegex(source: Array(source.utf8)[...], offset: 0)
    let actual = Array(text.utf8).withUnsafeBufferPointer { regex.matches($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, $0.count) }
    #expect(actual == expected)
}

@Test("regex work stays bounded on adversarial input")
func regexIsLinear() throws {
    // Exponential for a backtracking engine: (a*)*b on a long run of a's. Here a*a*a*…b has no groups but the
    // same blow-up for backtracking; the NFA simulation is linear in the text.
    let source = String(repeating: "a*", count: 40) + "b"
    let regex = try CompiledRegex(source: Array(source.utf8)[...], offset: 0)
    let text = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000)
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        let hit = text.withUnsafeBufferPointer { regex.matches($0.baseAddress!, $0.count) }
        #expect(!hit)
    }
    #expect(elapsed < .seconds(5))
    // The largest expression accepted is bounded too.
    #expect(parseError("%a{1999}%") == nil)
    #expect(parseError("%a{2001}%")?.code == .quotaExceeded)
    #expect(parseError("%a{1000}b{1000}c%")?.code == .quotaExceeded)
}
