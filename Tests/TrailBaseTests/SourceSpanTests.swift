import Testing
import TrailBase

@Suite("source spans, positions and carets")
struct SourceSpanTests {
    @Test("line and column of a byte offset", arguments: [
        (0, "1:1"), (4, "1:5"), (6, "2:1"), (9, "2:4"),
    ])
    func lineColumn(_ offset: Int, _ expected: String) {
        #expect(LineColumn(offset: offset, in: "abcde\nfghij").description == expected)
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() {
        // "é" is two bytes; the byte after it is column 3.
        #expect(LineColumn(offset: 3, in: "aéb").description == "1:3")
    }

    @Test("the caret sits under the span on its own line")
    func caret() {
        let text = "{ $.a = 1 &&\n  $.b = }"
        let excerpt = text.caretExcerpt(for: SourceSpan(21, 22))
        #expect(excerpt.line == "  $.b = }")
        #expect(excerpt.caret == "        ^")
    }

    @Test("an empty span at the end still gets one caret")
    func caretAtEnd() {
        let excerpt = "{ $.a =".caretExcerpt(for: SourceSpan(7, 7))
        #expect(excerpt.caret == "       ^")
    }

    @Test("firstRange finds needles with memchr + memcmp", arguments: [
        ("hello world", "world", 6), ("aaab", "ab", 2), ("abc", "d", nil), ("", "a", nil), ("abc", "", 0),
    ] as [(String, String, Int?)])
    func search(_ haystack: String, _ needle: String, _ expected: Int?) {
        let found = Array(haystack.utf8).withUnsafeBytes { h in Array(needle.utf8).withUnsafeBytes { n in firstRange(of: n, in: h) } }
        #expect(found == expected)
    }
}
