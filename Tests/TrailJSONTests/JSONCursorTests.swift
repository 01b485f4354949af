import Foundation
import Testing
import TrailJSON

@Suite("the JSON scanner agrees with Foundation on validity")
struct JSONCursorTests {
    static let documents: [String] = [
        "{}", "[]", "[1,2,3]", #"{"a":{"b":[true,false,null,-0.5e-3,"x\u0041"]}}"#, #""\\\"""#, "0", "-0", "1e5",
        "[1,]", "{,}", #"{"a"}"#, "[01]", "[1 2]", #"{"a":1,}"#, "[", "]", "tru", "[\"\u{7}\"]", "1.5e", "--1",
        #"["\uZZZZ"]"#, "[[[[[]]]]]", #"[{"a":[{"b":{}}]}]"#, "nul", "[true false]", " [ 1 , 2 ] ",
    ]

    @Test("skipValue accepts exactly the valid JSON texts", arguments: documents)
    func validity(_ text: String) {
        let bytes = Array(text.utf8)
        // Foundation accepts trailing commas; RFC 8259 (and Athena's JSON SerDe) do not, and neither do we.
        let lenient = text.contains(",]") || text.contains(",}")
        let foundation = !lenient && (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
        let ours = bytes.withUnsafeBytes { buffer -> Bool in
            var cursor = JSONCursor(buffer)
            do {
                try cursor.skipValue()
                return cursor.peek() == 0
            } catch {
                return false
            }
        }
        #expect(ours == foundation)
    }

    @Test("JSONPathSet extracts values in one pass")
    func pathSet() throws {
        let set = JSONPathSet([
            [.key("eventName")], [.key("userIdentity"), .key("type")], [.key("resources"), .index(1), .key("ARN")],
            [.key("missing")], [.key("eventName")],
        ])
        let text = #"{"eventName":"A","userIdentity":{"type":"Root"},"resources":[{"ARN":"x"},{"ARN":"y"}]}"#
        let bytes = Array(text.utf8)
        var values: [JSONValueRef] = []
        try bytes.withUnsafeBytes { buffer in
            var cursor = JSONCursor(buffer)
            try set.extract(&cursor, into: &values)
            func string(_ ref: JSONValueRef) -> String { String(decoding: buffer[ref.start..<ref.end], as: UTF8.self) }
            #expect(string(values[0]) == "A")
            #expect(string(values[1]) == "Root")
            #expect(string(values[2]) == "y")
            #expect(values[3].kind == .missing)
            #expect(string(values[4]) == "A")
        }
    }
}
