import Testing
import TrailBase
import TrailPlan
import TrailSQL

/// The raw-text prefilter: which predicates yield needles, and the byte search that tests them.
@Suite("text needles")
struct TextNeedlesTests {
    static func needles(_ whereClause: String) throws -> [[String]] {
        let plan = Optimizer.optimize(try Analyzer.plan(try SQLParser.parse("SELECT * FROM t WHERE " + whereClause)))
        return TextNeedles(plan.scans[0]).groups.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test("=, IN, LIKE and OR of them give needles; anything the raw text may spell differently gives none")
    func derivation() throws {
        #expect(try Self.needles("eventname = 'ConsoleLogin' AND useridentity.type = 'IAMUser'") == [["ConsoleLogin"], ["IAMUser"]])
        #expect(try Self.needles("'AccessDenied' = errorcode") == [["AccessDenied"]])
        #expect(try Self.needles("eventname IN ('RunInstances', 'StartInstances')") == [["RunInstances", "StartInstances"]])
        #expect(try Self.needles("requestparameters LIKE '%i-0abc%'") == [["i-0abc"]])
        #expect(try Self.needles("eventsource LIKE 's3.%.amazonaws.com'") == [[".amazonaws.com"]])
        #expect(try Self.needles("eventname = 'Abc' OR errorcode = 'Xyz'") == [["Abc", "Xyz"]])
        // None: functions of the column, negations, slashes and quotes (JSON may escape them), spaces and
        // JSON punctuation (objects decode to compact text), short LIKE runs, partition columns, OR with a
        // branch that has no needle.
        #expect(try Self.needles("lower(eventname) = 'consolelogin'").isEmpty)
        #expect(try Self.needles("eventname <> 'ConsoleLogin'").isEmpty)
        #expect(try Self.needles("NOT (requestparameters LIKE '%i-0abc%')").isEmpty)
        #expect(try Self.needles("useragent = 'aws-cli/2.0'").isEmpty)
        #expect(try Self.needles("requestparameters LIKE '%\"bucketName\"%'").isEmpty)
        #expect(try Self.needles("requestparameters LIKE '%a, b%'").isEmpty)
        #expect(try Self.needles("requestparameters LIKE '%ab%'").isEmpty)
        #expect(try Self.needles("region = 'us-east-1'").isEmpty)
        #expect(try Self.needles("eventname = 'A' OR eventtime > '2024'").isEmpty)
    }

    @Test("a text without the needle is ruled out unless it holds a \\u escape")
    func mayMatch() {
        let needles = TextNeedles(groups: [[Array("ConsoleLogin".utf8)], [Array("IAMUser".utf8), Array("Root".utf8)]])
        func test(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBytes { needles.mayMatch($0) }
        }
        #expect(test(#"{"eventName":"ConsoleLogin","userIdentity":{"type":"Root"}}"#))
        #expect(!test(#"{"eventName":"ConsoleLogin","userIdentity":{"type":"AssumedRole"}}"#))
        #expect(!test(#"{"eventName":"GetObject"}"#))
        #expect(test(#"{"eventName":"Console\u004cogin","userIdentity":{"type":"Root"}}"#))
    }

    @Test("the byte search finds what a naive search finds", arguments: 0..<40)
    func search(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let alphabet = Array("ab-0\"".utf8)
        let text = (0..<Int(next() % 300)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
        let needle = (0..<Int(1 + next() % 6)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
        let naive = text.count >= needle.count && (0...(text.count - needle.count)).contains { Array(text[$0..<$0 + needle.count]) == needle }
        let found = text.withUnsafeBytes { text in needle.withUnsafeBytes { firstRange(of: $0, in: text) != nil } }
        #expect(found == naive, "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
    }
}
