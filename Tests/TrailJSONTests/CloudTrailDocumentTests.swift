import Testing
import TrailColumnar
import TrailJSON

@Suite("recognising documents by content")
struct CloudTrailDocumentTests {
    @Test("a log file {\"Records\":[…]}")
    func logFile() throws {
        let (batch, report) = try decode(#"{"Records":[{"eventName":"A"},{"eventName":"B"}]}"#, columns: ["eventname"])
        #expect(report.shape == .logFile)
        #expect(values(batch, "eventname") == ["A", "B"])
    }

    @Test("a log file with other keys around Records, and a BOM")
    func logFileOtherKeys() throws {
        let (batch, report) = try decode("\u{FEFF}{\"Records\":[{\"eventName\":\"A\"}],\"extra\":{\"x\":[1]}}", columns: ["eventname"])
        #expect(report.shape == .logFile)
        #expect(report.failure == nil)
        #expect(values(batch, "eventname") == ["A"])
    }

    @Test("a JSON array of events")
    func array() throws {
        let (batch, report) = try decode(#"[{"eventName":"A"},{"eventName":"B"}]"#, columns: ["eventname"])
        #expect(report.shape == .eventArray)
        #expect(values(batch, "eventname") == ["A", "B"])
    }

    @Test("JSON lines, one event per line")
    func lines() throws {
        let (batch, report) = try decode("{\"eventName\":\"A\"}\n{\"eventName\":\"B\"}\n\n{\"eventName\":\"C\"}", columns: ["eventname"])
        #expect(report.shape == .eventLines)
        #expect(values(batch, "eventname") == ["A", "B", "C"])
    }

    @Test("a single event object")
    func single() throws {
        let (batch, report) = try decode("{\n  \"eventVersion\": \"1.08\",\n  \"eventName\": \"A\"\n}\n", columns: ["eventname"])
        #expect(report.shape == .eventLines)
        #expect(values(batch, "eventname") == ["A"])
    }

    @Test("CloudWatch Logs export lines with a timestamp prefix")
    func cloudWatchExport() throws {
        let text = "2024-01-02T03:04:05.678Z {\"eventName\":\"A\"}\n2024-01-02T03:04:06.000Z {\"eventName\":\"B\"}\n"
        let (batch, report) = try decode(text, columns: ["eventname"])
        #expect(report.failure == nil)
        #expect(values(batch, "eventname") == ["A", "B"])
    }

    @Test("LookupEvents JSON lines with the event as a JSON string in CloudTrailEvent")
    func lookupLines() throws {
        let text = #"{"EventId":"1","EventName":"X","CloudTrailEvent":"{\"eventName\":\"A\",\"userIdentity\":{\"type\":\"IAMUser\"}}"}"# + "\n"
            + #"{"EventId":"2","CloudTrailEvent":"{\"eventName\":\"B\"}"}"#
        let (batch, report) = try decode(text, columns: ["eventname", "useridentity.type"])
        #expect(report.shape == .embeddedEvents)
        #expect(values(batch, "eventname") == ["A", "B"])
        #expect(values(batch, "useridentity") == ["{type=IAMUser}", nil])
    }

    @Test("aws cloudtrail lookup-events output {\"Events\":[…]}")
    func lookupEvents() throws {
        let text = #"{"Events":[{"EventId":"1","CloudTrailEvent":"{\"eventName\":\"A\"}"},{"CloudTrailEvent":"{\"eventName\":\"B\"}"}],"NextToken":"x"}"#
        let (batch, report) = try decode(text, columns: ["eventname"])
        #expect(report.shape == .embeddedEvents)
        #expect(values(batch, "eventname") == ["A", "B"])
    }

    @Test("a digest file is recognised and yields no records")
    func digest() throws {
        let text = #"{"awsAccountId":"111122223333","digestStartTime":"2015-08-17T14:01:31Z","logFiles":[]}"#
        let (batch, report) = try decode(text, columns: ["eventname"])
        #expect(report.shape == .digest)
        #expect(batch.count == 0)
    }

    @Test("an empty file has no records and no failure")
    func empty() throws {
        let (_, report) = try decode("  \n", columns: ["eventname"])
        #expect(report.shape == .empty)
        #expect(report.failure == nil)
    }
}

@Suite("bad input gets a clear error with its byte offset")
struct BadInputTests {
    @Test("a JSON object that is not CloudTrail names its keys")
    func notCloudTrail() throws {
        let (_, report) = try decode(#"{"foo":1,"bar":[2]}"#, columns: ["eventname"])
        let failure = try #require(report.failure)
        #expect(failure.offset == 0)
        #expect(failure.message.contains("not a CloudTrail log"))
        #expect(failure.message.contains("foo, bar"))
    }

    @Test("text that is not JSON at all")
    func notJSON() throws {
        let (_, report) = try decode("hello, world", columns: ["eventname"])
        let failure = try #require(report.failure)
        #expect(failure.offset == 0)
        #expect(failure.message.contains("expected '{' or '['"))
    }

    @Test("invalid JSON inside Records: the error names the byte, records before it are kept")
    func invalidInRecords() throws {
        let text = #"{"Records":[{"eventName":"A"},{"eventName":"B",}]}"#
        let (batch, report) = try decode(text, columns: ["eventname"])
        let failure = try #require(report.failure)
        #expect(failure.offset == 47)
        #expect(failure.message.contains("expected a string key"))
        #expect(values(batch, "eventname") == ["A"])
    }

    @Test("a truncated log file fails at its end, with the complete records kept")
    func truncated() throws {
        let text = #"{"Records":[{"eventName":"A"},{"eventName":"B"#
        let (batch, report) = try decode(text, columns: ["eventname"])
        let failure = try #require(report.failure)
        #expect(failure.message.contains("unexpected end"))
        #expect(values(batch, "eventname") == ["A"])
    }

    @Test("a bad JSON line is skipped, counted and listed; the other lines are read")
    func badLine() throws {
        let text = "{\"eventName\":\"A\"}\n{\"eventName\": tru}\n{\"eventName\":\"C\"}\n"
        let (batch, report) = try decode(text, columns: ["eventname"])
        #expect(report.failure == nil)
        #expect(report.badRecordCount == 1)
        #expect(report.badRecords.first?.offset == 32)
        #expect(values(batch, "eventname") == ["A", "C"])
    }

    @Test("records that are not objects are skipped and listed")
    func nonObjectRecords() throws {
        let (batch, report) = try decode(#"{"Records":[1,{"eventName":"A"},"x",null]}"#, columns: ["eventname"])
        #expect(report.failure == nil)
        #expect(report.badRecordCount == 3)
        #expect(report.badRecords.map(\.offset) == [12, 32, 36])
        #expect(values(batch, "eventname") == ["A"])
    }

    @Test("a bad event inside a CloudTrailEvent string is a bad record, not a bad file")
    func badEmbedded() throws {
        let text = #"{"CloudTrailEvent":"{\"eventName\":"}"# + "\n" + #"{"CloudTrailEvent":"{\"eventName\":\"B\"}"}"#
        let (batch, report) = try decode(text, columns: ["eventname"])
        #expect(report.badRecordCount == 1)
        #expect(values(batch, "eventname") == ["B"])
    }

    @Test("nesting 100,000 deep is an error, not a crash", arguments: ["[", "{\"a\":"])
    func deepNesting(_ opener: String) throws {
        let text = #"{"Records":[{"eventName":"A","x":"# + String(repeating: opener, count: 100_000)
        let (batch, report) = try decode(text, columns: ["eventname"])
        let failure = try #require(report.failure)
        #expect(failure.message.contains("nesting deeper than"))
        #expect(batch.count == 0)
    }

    @Test("nesting deep inside a requested JSON-text column is an error too")
    func deepNestingInRequested() throws {
        let text = #"{"Records":[{"requestParameters":"# + String(repeating: "[", count: 100_000)
        let (_, report) = try decode(text, columns: ["requestparameters"])
        #expect(report.failure?.message.contains("nesting deeper than") == true)
    }

    @Test("a 100 MB record decodes without trouble")
    func hugeRecord() throws {
        let big = String(repeating: "x", count: 100_000_000)
        let text = #"{"Records":[{"eventName":"Big","requestParameters":{"blob":"\#(big)"}}]}"#
        let (batch, report) = try decode(text, columns: ["eventname", "requestparameters"])
        #expect(report.failure == nil)
        #expect(values(batch, "eventname") == ["Big"])
        if case .varchar(let column) = batch.column(named: "requestparameters") {
            #expect(column.bytes.count == 100_000_000 + 11)
        }
    }

    @Test("invalid escapes, numbers, literals and control characters are errors", arguments: [
        (#"{"Records":[{"a":"\x"}]}"#, "invalid escape"),
        (#"{"Records":[{"a":01}]}"#, "expected ',' or a closing bracket"),
        (#"{"Records":[{"a":-}]}"#, "invalid JSON number"),
        (#"{"Records":[{"a":1.}]}"#, "invalid JSON number"),
        (#"{"Records":[{"a":nul}]}"#, "invalid JSON literal"),
        ("{\"Records\":[{\"a\":\"x\u{01}\"}]}", "control character"),
        (#"{"Records":[{"a" 1}]}"#, "expected ':'"),
        (#"{"Records":[{"a":1}]} x"#, "unexpected content after"),
    ])
    func invalidJSON(_ text: String, _ message: String) throws {
        let (_, report) = try decode(text, columns: ["eventname"])
        let failure = try #require(report.failure)
        #expect(failure.message.contains(message))
    }
}
