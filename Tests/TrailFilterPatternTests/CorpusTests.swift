import Foundation
import Testing
import TrailJSON
import TrailSource
import TrailTestSupport
@testable import TrailFilterPattern

// Every pattern of these tests, run over the real CloudTrail corpus (../shared/corpus/real, 18,719 records written
// by others), must agree with the independent reference evaluator (Reference.swift) on every record, through both
// entry points, and never be rejected by the literal pre-filter when it matches.

/// Every record of the corpus, as its own bytes.
let corpusRecords: [[UInt8]] = {
    struct Collector: RecordVisitor {
        var records: [[UInt8]] = []
        mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
            _ = cursor.peek()
            let start = cursor.position
            try cursor.skipValue()
            records.append(Array(UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start)))
        }
    }
    let root = Fixtures.realCorpus
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
    var collector = Collector()
    var scratch: [UInt8] = []
    let inflater = Inflater()
    for case let url as URL in walker {
        let name = url.lastPathComponent
        guard name.hasSuffix(".json") || name.hasSuffix(".json.gz") || name.hasSuffix(".ndjson") else { continue }
        guard let data = try? Data(contentsOf: url) else { continue }
        let bytes = [UInt8](data)
        bytes.withUnsafeBytes { raw in
            if name.hasSuffix(".gz") {
                guard let inflated = try? inflater.inflate(raw) else { return }
                _ = CloudTrailDocument.read(inflated, visitor: &collector, scratch: &scratch)
            } else {
                _ = CloudTrailDocument.read(raw, visitor: &collector, scratch: &scratch)
            }
        }
    }
    return collector.records
}()

/// Patterns for the corpus run: the alarm rules, the JSON documentation examples, and CloudTrail-shaped extras that
/// exercise wildcards, regexes, numbers, booleans and nesting.
let corpusPatterns: [String] = Array(Set(RuleCase.all.map(\.pattern) + DocCase.json.map(\.pattern))).sorted() + [
    "{ $.resources[*].type = AWS::S3::Object }",
    "{ $.resources[0].ARN = %^arn:aws:s3:::% }",
    "{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = true }",
    "{ $.userIdentity.sessionContext.sessionIssuer.* = Role }",
    "{ $.readOnly IS FALSE && $.eventSource != ec2.amazonaws.com }",
    "{ $.requestParameters.maxResults > 100 || $.requestParameters.maxResults = 50 }",
    "{ $.requestParameters.instancesSet.items[0].instanceId = i-* }",
    "{ $.responseElements IS NULL && $.requestParameters NOT EXISTS }",
    "{ $.additionalEventData.bytesTransferredOut >= 1000 }",
    "{ $.sourceIPAddress = %^\\d{1,3}\\.\\d{1,3}\\.% && $.userAgent != *aws-cli* }",
    "{ $.userAgent = %Mozilla|Boto3% || $.tlsDetails.tlsVersion = TLSv1.2 }",
    "{ $.* = %Trail% }",
    "{ $.requestParameters.* NOT EXISTS }",
    "{ $.eventVersion < 1.05 }",
    "{ $.recipientAccountId = 974349055189 }",
    "{ $.errorCode = * && $.errorMessage NOT EXISTS }",
]

/// The corpus parsed by the reference parser, once.
let corpusEvents: [RefJSON] = corpusRecords.map { RefParser.parse($0)! }

/// How many of the corpus records each pattern is checked on: every `corpusStride`-th record, starting at an offset
/// that differs per pattern, so that together the patterns cover the whole corpus and a run stays short in debug.
let corpusStride = 3

@Test("the compiled matcher agrees with the reference evaluator on the corpus records", arguments: corpusPatterns.indices)
func corpusAgreesWithReference(_ index: Int) throws {
    let source = corpusPatterns[index]
    let records = corpusRecords
    try #require(records.count > 18_000, "corpus not found under \(Fixtures.realCorpus.path) (set TRAILSQL_CORPUS)")
    let events = corpusEvents
    let pattern = try FilterPattern(parsing: source)
    guard case .json(let condition) = pattern.syntax else { return }
    var values: [JSONValueRef] = []
    var disagreements = 0
    for position in stride(from: index % corpusStride, to: records.count, by: corpusStride) {
        let record = records[position]
        let expected = RefEval.evaluate(condition, events[position])
        let viaCursor = try record.withUnsafeBytes { buffer in
            Result { () throws(JSONError) -> Bool in
                var cursor = JSONCursor(buffer)
                return try pattern.matches(&cursor, values: &values)
            }
        }.get()
        let viaRecord = try record.withUnsafeBytes { buffer in
            Result { () throws(JSONError) -> Bool in try pattern.matches(record: buffer) }
        }.get()
        if viaCursor != expected || viaRecord != expected {
            disagreements += 1
            if disagreements <= 3 {
                Issue.record("\(source): expected \(expected), cursor \(viaCursor), record \(viaRecord) on \(String(decoding: record, as: UTF8.self))")
            }
        }
        if expected {
            #expect(record.withUnsafeBytes { pattern.mayMatch($0) }, "pre-filter rejected a match of \(source)")
        }
    }
    #expect(disagreements == 0, "\(source)")
}

@Test("the pre-filter never rejects a chunk of the corpus that holds a match", arguments: corpusPatterns.indices)
func corpusChunksPassThePreFilter(_ index: Int) throws {
    let source = corpusPatterns[index]
    try #require(corpusRecords.count > 18_000)
    let pattern = try FilterPattern(parsing: source)
    guard case .json(let condition) = pattern.syntax,
        !pattern.requiredLiterals.isEmpty || !pattern.requiredAlternatives.isEmpty
    else { return }
    var rejected = 0
    var chunk: [UInt8] = []
    var holdsMatch = false
    for (position, record) in corpusRecords.enumerated() {
        chunk += record
        chunk.append(UInt8(ascii: ","))
        holdsMatch = holdsMatch || RefEval.evaluate(condition, corpusEvents[position])
        if chunk.count >= FilterPattern.alternativesThreshold || position == corpusRecords.count - 1 {
            let may = chunk.withUnsafeBytes { pattern.mayMatch($0) }
            #expect(may || !holdsMatch, "\(source) rejected a chunk that holds a match")
            if !may { rejected += 1 }
            chunk.removeAll(keepingCapacity: true)
            holdsMatch = false
        }
    }
    _ = rejected
}

@Test("the alarm rules fire on the real corpus")
func corpusRulesFire() throws {
    try #require(corpusRecords.count > 18_000)
    var firing = 0
    for rule in RuleCase.all {
        let pattern = try FilterPattern(parsing: rule.pattern)
        var values: [JSONValueRef] = []
        var count = 0
        for record in corpusRecords {
            let hit = try record.withUnsafeBytes { buffer in
                Result { () throws(JSONError) -> Bool in
                    var cursor = JSONCursor(buffer)
                    return try pattern.matches(&cursor, values: &values)
                }
            }.get()
            if hit { count += 1 }
        }
        if count > 0 { firing += 1 }
    }
    #expect(firing >= 15)
}

@Test("term and regex patterns agree with a naive search on every corpus record")
func corpusTermsAgreeWithNaiveSearch() throws {
    let records = corpusRecords
    try #require(records.count > 18_000)
    let cases: [(String, (String) -> Bool)] = [
        ("ConsoleLogin", { $0.contains("ConsoleLogin") }),
        (#""Failed authentication""#, { $0.contains("Failed authentication") }),
        ("AccessDenied -Decrypt", { $0.contains("AccessDenied") && !$0.contains("Decrypt") }),
        ("?kms ?iam", { $0.contains("kms") || $0.contains("iam") }),
        ("%AccessDenied|UnauthorizedOperation%", { $0.contains("AccessDenied") || $0.contains("UnauthorizedOperation") }),
        (#"%"eventName":"Delete%"#.replacingOccurrences(of: "\"", with: "\\x22"), { $0.contains(#""eventName":"Delete"#) }),
        ("%^\\{\\x22eventVersion%", { $0.hasPrefix(#"{"eventVersion"#) }),
        ("%\\}$%", { $0.hasSuffix("}") }),
    ]
    for (source, naive) in cases {
        let pattern = try FilterPattern(parsing: source)
        var count = 0
        for record in records {
            let text = String(decoding: record, as: UTF8.self)
            let fast = try record.withUnsafeBytes { buffer in Result { () throws(JSONError) in try pattern.matches(record: buffer) } }.get()
            #expect(fast == naive(text), "\(source) on \(text.prefix(200))")
            if fast { count += 1 }
        }
        #expect(count > 0, "\(source) matches nothing in the corpus")
    }
}
