import CTrailSearch
import Testing
import TrailBase

/// The SIMD byte search (CTrailSearch) against a naive search: every length of text around the 16- and 32-byte
/// blocks, needles of 1 to 40 bytes, texts at every alignment, and the `\u` noted when the needle is absent.
@Suite("needle search")
struct NeedleSearchTests {
    struct Generator {
        var state: UInt64
        init(seed: Int) { state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1 }
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    static func naiveFirst(_ needle: [UInt8], in text: [UInt8]) -> Int? {
        guard needle.count <= text.count else { return nil }
        return (0...(text.count - needle.count)).first { Array(text[$0..<$0 + needle.count]) == needle }
    }

    static func search(_ needle: [UInt8], in text: [UInt8], shift: Int) -> NeedleSearch {
        // The text starts `shift` bytes into a larger buffer, so blocks straddle every alignment.
        let padded = [UInt8](repeating: 0x75, count: shift) + text + [0x5C, 0x75]
        return padded.withUnsafeBytes { NeedleSearch(needle, in: $0.baseAddress! + shift, count: text.count) }
    }

    @Test("finds the first occurrence or reports whether the text holds \\u", arguments: 0..<200)
    func matchesNaiveSearch(seed: Int) {
        var random = Generator(seed: seed)
        // A small alphabet makes first/last-byte candidates frequent; `\` and `u` make escapes.
        let alphabet = Array("ab-0\\u\"".utf8)
        let length = [0, 1, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 300, 1_000][random.next(15)]
        let text = (0..<length).map { _ in alphabet[random.next(alphabet.count)] }
        var needle = (0..<(1 + random.next(seed % 3 == 0 ? 40 : 6))).map { _ in alphabet[random.next(alphabet.count)] }
        if seed % 4 == 1, !text.isEmpty {  // a needle taken from the text, so that most seeds find one
            let start = random.next(text.count)
            needle = Array(text[start..<min(text.count, start + 1 + random.next(40))])
        }
        let expected: NeedleSearch = Self.naiveFirst(needle, in: text).map { .found($0) }
            ?? .absent(unicodeEscape: Self.naiveFirst(Array("\\u".utf8), in: text) != nil)
        let found = Self.search(needle, in: text, shift: seed % 37)
        #expect(found == expected, "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
        // The SSE2 and scalar paths, which this machine's AVX2 would otherwise hide.
        for level in [Int32(0), 1] {
            var escape = false
            let offset = text.withUnsafeBytes { text in
                needle.withUnsafeBytes { ctrail_find_at_level(text.baseAddress, text.count, $0.baseAddress, $0.count, &escape, level) }
            }
            #expect((offset < 0 ? .absent(unicodeEscape: escape) : .found(offset)) == expected, "level \(level)")
        }
        let offset = text.withUnsafeBytes { text in needle.withUnsafeBytes { firstRange(of: $0, in: text) } }
        #expect(offset == Self.naiveFirst(needle, in: text))
    }

    @Test("a needle or escape in the last bytes of a long text is found")
    func endsOfLongTexts() {
        for length in [40, 64, 65, 97, 4_096] {
            var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            text.replaceSubrange((length - 5)..<length, with: Array("i-0ab".utf8))
            #expect(Self.search(Array("i-0ab".utf8), in: text, shift: 3) == .found(length - 5))
            text.replaceSubrange((length - 2)..<length, with: Array("\\u".utf8))
            #expect(Self.search(Array("i-0ab".utf8), in: text, shift: 1) == .absent(unicodeEscape: true))
            // `\` as the very last byte, with `u` only beyond the text: no escape.
            text[length - 1] = UInt8(ascii: "\\")
            #expect(Self.search(Array("zz".utf8), in: text, shift: 0) == .absent(unicodeEscape: false))
        }
    }
}
