import Foundation
import Testing
import TrailEngine
import TrailFilterPattern
import TrailGenerator
import TrailSource
import TrailTestSupport

/// `trailsql filter` end to end (discover → read → inflate → match → print), checked against a naive reference:
/// every record parsed with Foundation's JSONSerialization and the same condition written by hand in Swift.
@Suite("filter finds exactly the right events")
struct FilterRunTests {
    typealias Event = [String: Any]

    struct Case: @unchecked Sendable, CustomTestStringConvertible {
        var pattern: String
        var reference: (Event) -> Bool
        var testDescription: String { pattern }
    }

    static func string(_ event: Event, _ path: String...) -> String? {
        var value: Any? = event
        for key in path { value = (value as? [String: Any])?[key] }
        return value as? String
    }

    static func has(_ event: Event, _ path: String...) -> Bool {
        var value: Any? = event
        for key in path {
            guard let object = value as? [String: Any], let next = object[key] else { return false }
            value = next
        }
        return true
    }

    static let cases: [Case] = [
        Case(pattern: #"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#) {
            string($0, "eventName") == "ConsoleLogin" && string($0, "errorMessage") == "Failed authentication"
        },
        Case(pattern: #"{ $.eventSource = kms.amazonaws.com && $.errorCode = "*Exception" }"#) {
            string($0, "eventSource") == "kms.amazonaws.com" && string($0, "errorCode")?.hasSuffix("Exception") == true
        },
        Case(pattern: #"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#) {
            guard let code = string($0, "errorCode") else { return false }
            return code.hasSuffix("UnauthorizedOperation") || code.hasPrefix("AccessDenied")
        },
        Case(pattern: #"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }"#) {
            string($0, "userIdentity", "type") == "Root" && !has($0, "userIdentity", "invokedBy")
        },
        Case(pattern: #"{ $.eventName = Describe* && $.awsRegion = sa-east-1 }"#) {
            string($0, "eventName")?.hasPrefix("Describe") == true && string($0, "awsRegion") == "sa-east-1"
        },
        Case(pattern: #"{ ($.eventName = CreateUser) || ($.eventName = CreateLoginProfile) || ($.eventName = CreateAccessKey) }"#) {
            ["CreateUser", "CreateLoginProfile", "CreateAccessKey"].contains(string($0, "eventName") ?? "")
        },
        Case(pattern: #"{ $.requestParameters.instanceType = "*.micro" }"#) {
            string($0, "requestParameters", "instanceType")?.hasSuffix(".micro") == true
        },
        Case(pattern: #"{ $.additionalEventData.MFAUsed = "No" && $.eventName = "ConsoleLogin" }"#) {
            string($0, "additionalEventData", "MFAUsed") == "No" && string($0, "eventName") == "ConsoleLogin"
        },
    ]

    /// Canonical text of an event for comparing multisets (sorted keys).
    static func canonical(_ event: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    /// Every record of the given files, parsed naively with Foundation.
    static func referenceEvents(_ paths: [String]) throws -> [Event] {
        var events: [Event] = []
        let inflater = Inflater()
        for path in paths {
            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let bytes: [UInt8] = Inflater.isGzip(raw.withUnsafeBytes { $0 }) ? try raw.withUnsafeBytes { buffer in
                let result = Result { () throws(GzipError) in Array(try inflater.inflate(buffer)) }
                return try result.get()
            } : raw
            let data = Data(bytes)
            if let object = try? JSONSerialization.jsonObject(with: data) {
                if let log = object as? [String: Any], let records = log["Records"] as? [Event] {
                    events += records
                } else if let array = object as? [Event] {
                    events += array
                } else if let single = object as? Event, single["digestStartTime"] == nil {
                    events.append(single)
                }
            } else {
                for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.isEmpty {
                    if let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? Event { events.append(event) }
                }
            }
        }
        return events
    }

    static func run(_ pattern: String, _ sources: [String]) throws -> (lines: [String], result: FilterRun.Result) {
        let compiled = try FilterPattern(parsing: pattern)
        var output: [UInt8] = []
        let result = try FilterRun.run(pattern: compiled, sources: sources, options: ParallelScan.Options()) { output += $0 }
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        return (lines, result)
    }

    static let corpusFiles = (try? RealCorpus.dataFiles()) ?? []
    nonisolated(unsafe) static let corpusEvents = (try? referenceEvents(corpusFiles)) ?? []  // read-only after init

    @Test("on the real corpus, the same events as the reference", arguments: cases)
    func realCorpus(_ c: Case) throws {
        #expect(Self.corpusEvents.count == RealCorpus.expectedRecordCount)
        let (lines, result) = try Self.run(c.pattern, Self.corpusFiles)
        #expect(result.statistics.records == RealCorpus.expectedRecordCount)
        #expect(result.statistics.filesFailed == 0)
        let expected = Self.corpusEvents.filter(c.reference).map(Self.canonical).sorted()
        let actual = try lines.map { Self.canonical(try JSONSerialization.jsonObject(with: Data($0.utf8))) }.sorted()
        #expect(actual == expected)
        #expect(result.matches == expected.count)
    }

    @Test("the alarm patterns find something in the real corpus")
    func corpusHasMatches() throws {
        let matched = Self.cases.map { c in Self.corpusEvents.filter(c.reference).count }
        #expect(matched.filter { $0 > 0 }.count >= 6)
    }

    @Test("on generated logs, the same events as the reference, in file order")
    func generated() throws {
        let folder = try Fixtures.makeTemporaryDirectory("filter-generated")
        defer { Fixtures.cleanUp(folder) }
        var options = GeneratorOptions(outputDirectory: folder.path)
        options.events = 20_000
        options.days = 2
        options.seed = 11
        _ = try LogGenerator(options: options).run()
        let discovery = try LocalDiscovery.discover([folder.path])
        let events = try Self.referenceEvents(discovery.files.map(\.path))
        #expect(events.count == 20_000)
        for c in Self.cases {
            let (lines, result) = try Self.run(c.pattern, [folder.path])
            #expect(result.statistics.records == 20_000)
            let expected = events.filter(c.reference).map(Self.canonical)
            let actual = try lines.map { Self.canonical(try JSONSerialization.jsonObject(with: Data($0.utf8))) }
            // Files are walked in path order and records in file order, so even the order agrees.
            #expect(actual == expected, "\(c.pattern)")
        }
    }
}
