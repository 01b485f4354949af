import Foundation
import Testing
import TrailColumnar
import TrailEngine
import TrailJSON
import TrailSource
import TrailTestSupport

// The reference reproduces the semantics documented on `RecordProjector` (Athena's Hive JSON SerDe):
// - keys match column names case-insensitively;
// - a varchar gets a string unescaped, `true`/`false` for booleans, a number as written, an object or array as
//   compact JSON text; JSON null and absent keys are NULL;
// - a row column that receives a non-object is a NULL row; an array column that receives a non-array is NULL;
// - the map column (`webidfederationdata.attributes`) holds each key with its value read as a varchar.
//
// What Foundation cannot see, and how the comparison copes:
// - **Number text.** `JSONSerialization` keeps only the value, so a number read into a varchar is checked to be a
//   JSON number literal whose value equals the reference's (integers as Int64, others as Double). Re-serialising
//   would not help: Foundation prints `8.82145e-05` and `70.0` differently from how the source wrote them.
// - **Key order.** Object-valued varchars are parsed back with `JSONSerialization` and compared structurally
//   (strings byte for byte, booleans apart from numbers, which `NSDictionary` equality would confuse); the text is
//   also checked to be compact (no whitespace outside strings). That the original key order is kept is not
//   checked here. Map entries are compared as a set for the same reason.
// - **Duplicate keys.** `JSONSerialization` cannot tell which of two equal keys came first, so "the first one
//   counts" is not checked. The corpus has no exact duplicate keys (checked once with an order-preserving
//   parser); keys that differ only in case within one object are reported as ambiguous by the reference. The
//   only such pair in the corpus (`tagging`/`Tagging`) sits inside `requestParameters`, a JSON-text column, where
//   both are kept and compared structurally.
//
// Document shapes: the reference reads `{"Records":[…]}` files, JSON arrays of events, JSON lines and single
// events, unwrapping LookupEvents entries (`CloudTrailEvent` as a string or an object). The corpus holds only
// `{"Records":[…]}` files (1,356), one JSON-lines file (103 events) and two digest files, skipped by both sides.

/// Decodes every event column of the whole real corpus with the production decoder (`DecodeWorker` through
/// `ParallelScan`) and compares it, value by value, with a naive reference decoder built on Foundation's
/// `JSONSerialization`.
@Suite("CorpusColumnDifferential: every column of the real corpus against a Foundation reference decoder")
struct CorpusColumnDifferentialTests {
    static let columns = CloudTrailSchema.eventColumns

    @Test("every column of every real record decodes as the Foundation reference reads it")
    func everyColumnMatchesTheReference() throws {
        let paths = try RealCorpus.dataFiles()
        #expect(paths.count > 1_300)
        let plain = try ReferenceDecoder.inflate(paths)
        defer { Fixtures.cleanUp(plain.directory) }

        let discovery = try LocalDiscovery.discover(paths)
        #expect(discovery.skipped.isEmpty)
        let names = Self.columns.map(\.name)
        var comparator = ColumnComparator(fields: Self.columns)
        var seen: Set<String> = []
        var referenceRecords = 0
        var decodedRows = 0
        var digests = 0
        var issues: [String] = []
        ParallelScan.run(discovery.files, makeWorker: { try! DecodeWorker(columns: names) }) { outcome, batch in
            let path = outcome.file.path
            let file = ReferenceDecoder.relative(path)
            seen.insert(path)
            decodedRows += batch.count
            let document: ReferenceDocument
            do {
                document = try ReferenceDecoder.read(contentsOf: plain.files[path] ?? path)
            } catch {
                issues.append("\(file): the reference cannot read it: \(error)")
                return
            }
            switch document {
            case .digest:
                digests += 1
                if outcome.status != .skipped(.digest) { issues.append("\(file): a digest, but decoded as \(outcome.status)") }
                if batch.count != 0 { issues.append("\(file): a digest, but \(batch.count) rows were decoded") }
            case .records(let records, let nonObjects):
                referenceRecords += records.count
                if outcome.status != .read { issues.append("\(file): \(outcome.status)") }
                if outcome.badRecords != nonObjects {
                    issues.append("\(file): \(outcome.badRecords) bad records, the reference finds \(nonObjects)")
                }
                comparator.compare(batch, records, file: file)
            }
        }

        #expect(issues == [])
        #expect(Set(paths).subtracting(seen).sorted() == [], "files the scan never delivered")
        #expect(digests == RealCorpus.expectedDigestCount)
        #expect(referenceRecords == RealCorpus.expectedRecordCount)
        #expect(decodedRows == RealCorpus.expectedRecordCount)
        #expect(comparator.recordsCompared == RealCorpus.expectedRecordCount)
        // The comparison really looked at values (the corpus, run once: 372,296 strings, 1,681 booleans, 16,193 JSON
        // texts, 54,786 rows and 108,452 NULL rows, 1,162 arrays, 278 NULL maps). No real record reads a number
        // straight into a varchar (numbers occur only inside JSON texts) and no `webIdFederationData` has
        // `attributes`, so those two branches are exercised by the sample in the test below.
        let counts = comparator.counts
        #expect(counts.strings > 300_000 && counts.booleans > 1_000 && counts.jsonTexts > 10_000, "\(counts)")
        #expect(counts.rows > 50_000 && counts.nullRows > 0 && counts.arrays > 1_000 && counts.nullArrays > 0, "\(counts)")
        #expect(counts.nullMaps > 0, "\(counts)")
        let mismatches = comparator.mismatches.map(\.description)
        #expect(comparator.mismatchCount == 0,
                "\(comparator.mismatchCount) mismatches; the first \(mismatches.count):\n\(mismatches.joined(separator: "\n"))")
    }

    /// A small document with every kind of value, for checking that the comparator does find differences.
    static let sample = #"""
    {"Records":[
    {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:me",
     "arn":"arn:aws:sts::111122223333:assumed-role/R/me","accountId":"111122223333",
     "sessionContext":{"attributes":{"mfaAuthenticated":false,"creationDate":"2024-01-02T03:04:05Z"},
      "sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/R","userName":"R"},
      "webIdFederationData":{"federatedProvider":"accounts.google.com","attributes":{"aud":"x\u00e9","n":12,"o":{"k":[1,true]}}}}},
     "eventTime":"2024-01-02T03:04:05Z","eventSource":"s3.amazonaws.com","eventName":"GetObject",
     "awsRegion":"us-east-1","sourceIPAddress":"1.2.3.4","userAgent":"a \"quoted\" agent\n",
     "requestParameters":{"bucketName":"b","key":"k/é","size":8.82145e-05,"list":[1,2.5,null,false,{"z":"y"}]},
     "responseElements":null,"apiVersion":2.5,"readOnly":true,"managementEvent":false,
     "resources":[{"ARN":"arn:aws:s3:::b","type":"AWS::S3::Bucket"},"not an object",{"arn":"arn:aws:s3:::b/k","accountId":"1"}],
     "recipientAccountId":"111122223333","eventCategory":"Data","tlsDetails":"not an object","additionalEventData":"plain"},
    {"eventversion":"1.05","useridentity":null,"eventname":"ConsoleLogin","resources":{"arn":"x"},"readonly":"false",
     "serviceEventDetails":[{"a":1},[]],"errorCode":12345678901234}
    ]}
    """#

    @Test("the comparator reports a value that differs from the decoded one, at its column path")
    func comparatorFindsAlteredValues() throws {
        let data = Data(Self.sample.utf8)
        var worker = try DecodeWorker(columns: Self.columns.map(\.name))
        var scratch: [UInt8] = []
        let report = data.withUnsafeBytes { CloudTrailDocument.read($0, visitor: &worker, scratch: &scratch) }
        #expect(report.failure == nil && report.badRecordCount == 0 && report.records == 2)
        let batch = worker.endFile()
        guard case .records(let records, _) = try ReferenceDecoder.read(data) else {
            Issue.record("the sample is not read as records")
            return
        }

        // Unaltered, the two sides agree.
        var clean = ColumnComparator(fields: Self.columns)
        clean.compare(batch, records, file: "sample")
        #expect(clean.mismatches.map(\.description) == [])
        #expect(clean.counts.maps == 1 && clean.counts.numbers == 3 && clean.counts.booleans == 3, "\(clean.counts)")
        #expect(clean.counts.nullRows > 3 && clean.counts.nullArrays == 1 && clean.counts.jsonTexts == 3, "\(clean.counts)")

        // Each alteration of the reference must be reported once, at the altered column.
        let alterations: [(path: [String], value: Any?, column: String)] = [
            (["userIdentity", "sessionContext", "sessionIssuer", "arn"], "arn:aws:iam::111122223333:role/S",
             "useridentity.sessioncontext.sessionissuer.arn"),
            (["userIdentity", "sessionContext", "attributes", "mfaAuthenticated"], true,
             "useridentity.sessioncontext.attributes.mfaauthenticated"),
            (["userIdentity", "sessionContext", "webIdFederationData", "attributes", "n"], 13,
             "useridentity.sessioncontext.webidfederationdata.attributes[\"n\"]"),
            (["userIdentity", "sessionContext", "webIdFederationData", "attributes", "extra"], "v",
             "useridentity.sessioncontext.webidfederationdata.attributes"),
            (["userIdentity", "sessionContext"], "a string", "useridentity.sessioncontext"),
            (["eventName"], nil, "eventname"),
            (["userAgent"], "a \"quoted\" agent", "useragent"),
            (["requestParameters", "size"], 8.82146e-05, "requestparameters"),
            (["requestParameters", "list", "3"], 0, "requestparameters"),
            (["requestParameters", "list", "4", "z"], "Y", "requestparameters"),
            (["apiVersion"], 2.25, "apiversion"),
            (["readOnly"], 1, "readonly"),
            (["managementEvent"], "False", "managementevent"),
            (["resources", "0", "ARN"], "arn:aws:s3:::c", "resources[0].arn"),
            (["resources", "1"], ["arn": "x"], "resources[1]"),
            (["resources", "2"], nil, "resources"),
            (["tlsDetails"], ["tlsVersion": "TLSv1.2"], "tlsdetails"),
            (["additionalEventData"], ["plain"], "additionaleventdata"),
            (["eventCategory"], NSNull(), "eventcategory"),
        ]
        for alteration in alterations {
            var altered = records
            altered[0] = ReferenceDecoder.replacing(altered[0], at: alteration.path[...], with: alteration.value)
            var comparator = ColumnComparator(fields: Self.columns)
            comparator.compare(batch, altered, file: "sample")
            #expect(comparator.mismatches.map(\.path) == [alteration.column], "altering \(alteration.path)")
            #expect(comparator.mismatches.allSatisfy { $0.file == "sample" && $0.record == 0 })
        }

        // The second record: lower-case keys, a null row, a non-array into an array column, a big integer.
        let second: [(path: [String], value: Any?, column: String)] = [
            (["useridentity"], ["type": "Root"], "useridentity"),
            (["resources"], [["arn": "x"]], "resources"),
            (["readonly"], true, "readonly"),
            (["errorCode"], 12345678901235, "errorcode"),
            (["serviceEventDetails", "1"], [[]], "serviceeventdetails"),
            // Keys equal but for case: the reference cannot tell which came first, and says so.
            (["EventName"], "Other", "eventname"),
        ]
        for alteration in second {
            var altered = records
            altered[1] = ReferenceDecoder.replacing(altered[1], at: alteration.path[...], with: alteration.value)
            var comparator = ColumnComparator(fields: Self.columns)
            comparator.compare(batch, altered, file: "sample")
            #expect(comparator.mismatches.map(\.path) == [alteration.column], "altering \(alteration.path)")
            #expect(comparator.mismatches.allSatisfy { $0.record == 1 })
        }

        // A report names the file, the record, the column path and both values.
        var one = ColumnComparator(fields: Self.columns)
        one.compare(batch, [ReferenceDecoder.replacing(records[0], at: ["apiVersion"], with: 2.25), records[1]], file: "sample")
        #expect(one.mismatches.map(\.description) == [#"sample record 0 apiversion: expected 2.25 (a number), decoded "2.5""#])

        // A missing record is reported too, not silently ignored.
        var short = ColumnComparator(fields: Self.columns)
        short.compare(batch, Array(records.prefix(1)), file: "sample")
        #expect(short.mismatchCount == 1 && short.mismatches.first?.path == "(rows)")
    }
}

// MARK: - reference decoder

enum ReferenceDocument {
    /// The events in file order, and how many array elements were not objects (bad records for the decoder).
    case records([[String: Any]], nonObjects: Int)
    case digest
}

struct ReferenceError: Error, CustomStringConvertible {
    var description: String
}

/// A naive CloudTrail reader: the whole file through `JSONSerialization`, or each line if it is JSON lines.
enum ReferenceDecoder {
    /// Gunzips every `.gz` among `paths` into a temporary folder with one `gzip -d` run; maps each to its copy.
    static func inflate(_ paths: [String]) throws -> (directory: URL, files: [String: String]) {
        let directory = try Fixtures.makeTemporaryDirectory("corpus-diff")
        var files: [String: String] = [:]
        var arguments = ["-d"]
        for (index, path) in paths.enumerated() where path.hasSuffix(".gz") {
            let copy = directory.appendingPathComponent("\(index).json.gz").path
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            arguments.append(copy)
            files[path] = String(copy.dropLast(3))
        }
        guard arguments.count > 1 else { return (directory, files) }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/bin/gzip") ? "/bin/gzip" : "/usr/bin/gzip")
        gzip.arguments = arguments
        try gzip.run()
        gzip.waitUntilExit()
        guard gzip.terminationStatus == 0 else { throw ReferenceError(description: "gzip -d exited with \(gzip.terminationStatus)") }
        return (directory, files)
    }

    static func relative(_ path: String) -> String {
        let root = Fixtures.realCorpus.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    static func read(contentsOf path: String) throws -> ReferenceDocument {
        try read(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func read(_ data: Data) throws -> ReferenceDocument {
        let values: [Any]
        if let whole = try? JSONSerialization.jsonObject(with: data) {
            if let object = whole as? [String: Any] {
                if let records = object["Records"] as? [Any] {
                    let events = records.compactMap { $0 as? [String: Any] }
                    return .records(events, nonObjects: records.count - events.count)
                }
                if object["digestStartTime"] != nil || object["logFiles"] != nil || object["previousDigestSignature"] != nil {
                    return .digest
                }
                values = [object]
            } else if let array = whole as? [Any] {
                values = array
            } else {
                throw ReferenceError(description: "not an object or an array")
            }
        } else {
            // JSON lines: one event per non-blank line.
            values = try data.split(separator: 0x0A).filter { line in line.contains { $0 > 0x20 } }.map {
                try JSONSerialization.jsonObject(with: Data($0))
            }
        }
        var events: [[String: Any]] = []
        var nonObjects = 0
        for value in values {
            guard let object = value as? [String: Any] else {
                nonObjects += 1
                continue
            }
            events.append(try unwrapEmbedded(object))
        }
        return .records(events, nonObjects: nonObjects)
    }

    /// A LookupEvents entry holds its event in `CloudTrailEvent`, as a JSON string or an object.
    static func unwrapEmbedded(_ object: [String: Any]) throws -> [String: Any] {
        guard let inner = object["CloudTrailEvent"] else { return object }
        if let event = inner as? [String: Any] { return event }
        guard let text = inner as? String,
              let event = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { throw ReferenceError(description: "CloudTrailEvent holds no event") }
        return event
    }

    /// `value` with the member at `path` replaced (nil removes it); a numeric component indexes an array.
    static func replacing(_ value: Any, at path: ArraySlice<String>, with newValue: Any?) -> Any {
        guard let key = path.first else { return newValue ?? NSNull() }
        if var array = value as? [Any], let index = Int(key) {
            if path.count == 1, newValue == nil {
                array.remove(at: index)
            } else {
                array[index] = replacing(array[index], at: path.dropFirst(), with: newValue)
            }
            return array
        }
        var object = value as? [String: Any] ?? [:]
        if path.count == 1, newValue == nil {
            object[key] = nil
        } else {
            object[key] = replacing(object[key] ?? NSNull(), at: path.dropFirst(), with: newValue)
        }
        return object
    }

    static func replacing(_ record: [String: Any], at path: ArraySlice<String>, with newValue: Any?) -> [String: Any] {
        replacing(record as Any, at: path, with: newValue) as? [String: Any] ?? [:]
    }
}

// MARK: - comparator

struct Mismatch: CustomStringConvertible {
    var file: String
    var record: Int
    var path: String
    var expected: String
    var decoded: String

    var description: String { "\(file) record \(record) \(path): expected \(expected), decoded \(decoded)" }
}

/// Compares decoded batches with reference records, value by value, following the types of `fields`.
struct ColumnComparator {
    struct Counts: CustomStringConvertible {
        var strings = 0, numbers = 0, booleans = 0, jsonTexts = 0, nulls = 0
        var rows = 0, nullRows = 0, arrays = 0, nullArrays = 0, maps = 0, nullMaps = 0

        var description: String {
            "strings \(strings), numbers \(numbers), booleans \(booleans), JSON texts \(jsonTexts), NULL varchars \(nulls), "
                + "rows \(rows) (\(nullRows) NULL), arrays \(arrays) (\(nullArrays) NULL), maps \(maps) (\(nullMaps) NULL)"
        }
    }

    static let maxKept = 20

    let fields: [Field]
    private(set) var mismatches: [Mismatch] = []
    private(set) var mismatchCount = 0
    private(set) var recordsCompared = 0
    private(set) var counts = Counts()
    private var file = ""
    private var record = 0

    init(fields: [Field]) {
        self.fields = fields
    }

    mutating func compare(_ batch: Batch, _ records: [[String: Any]], file: String) {
        self.file = file
        record = 0
        if batch.schema != fields {
            report("(schema)", fields.map(\.name).joined(separator: ","), batch.schema.map(\.name).joined(separator: ","))
            return
        }
        if batch.count != records.count {
            report("(rows)", "\(records.count) records", "\(batch.count) rows")
            return
        }
        for (field, column) in zip(fields, batch.columns) where column.count != batch.count {
            report(field.name, "\(batch.count) values", "\(column.count) values")
            return
        }
        for (index, object) in records.enumerated() {
            record = index
            let lookup = KeyLookup(object)
            for (field, column) in zip(fields, batch.columns) {
                guard let value = member(lookup, field.name, at: field.name) else { continue }
                compare(field.type, column, index, value, field.name)
            }
            recordsCompared += 1
        }
    }

    // MARK: by type

    private mutating func compare(_ type: LogicalType, _ column: Column, _ row: Int, _ expected: Any?, _ path: String) {
        switch type {
        case .varchar:
            compareVarchar(column, row, expected, path)
        case .row(let subfields):
            guard case .row(let rows) = column else { return report(path, "a row column", Self.kind(column)) }
            guard let object = expected as? [String: Any] else {
                counts.nullRows += 1
                if rows.validity[row] { report(path, "NULL (\(Self.render(expected)))", "a row") }
                return
            }
            counts.rows += 1
            guard rows.validity[row] else { return report(path, "a row", "NULL") }
            guard rows.fields.map(\.name) == subfields.map(\.name) else {
                return report(path, "fields \(subfields.map(\.name))", "fields \(rows.fields.map(\.name))")
            }
            let lookup = KeyLookup(object)
            for (field, child) in zip(subfields, rows.children) {
                let childPath = path + "." + field.name
                guard let value = member(lookup, field.name, at: childPath) else { continue }
                compare(field.type, child, row, value, childPath)
            }
        case .array(let elementType):
            guard case .array(let arrays) = column else { return report(path, "an array column", Self.kind(column)) }
            guard let items = expected as? [Any] else {
                counts.nullArrays += 1
                if arrays.validity[row] { report(path, "NULL (\(Self.render(expected)))", "an array") }
                return
            }
            counts.arrays += 1
            guard arrays.validity[row] else { return report(path, "an array of \(items.count)", "NULL") }
            let start = Int(arrays.offsets[row])
            let count = Int(arrays.offsets[row + 1]) - start
            guard count == items.count else { return report(path, "\(items.count) elements", "\(count) elements") }
            for (offset, item) in items.enumerated() {
                compare(elementType, arrays.element, start + offset, Self.nonNull(item), "\(path)[\(offset)]")
            }
        case .map(_, let valueType):
            guard case .map(let maps) = column else { return report(path, "a map column", Self.kind(column)) }
            guard let object = expected as? [String: Any] else {
                counts.nullMaps += 1
                if maps.validity[row] { report(path, "NULL (\(Self.render(expected)))", "a map") }
                return
            }
            counts.maps += 1
            guard maps.validity[row] else { return report(path, "a map of \(object.count)", "NULL") }
            guard case .varchar(let keys) = maps.keys else { return report(path, "varchar keys", Self.kind(maps.keys)) }
            let range = Int(maps.offsets[row])..<Int(maps.offsets[row + 1])
            let decodedKeys = range.map { keys.string(at: $0) ?? "NULL" }
            guard Set(decodedKeys).count == range.count, decodedKeys.count == object.count,
                  decodedKeys.allSatisfy({ object[$0] != nil })
            else {
                return report(path, "keys \(object.keys.sorted())", "keys \(decodedKeys.sorted())")
            }
            for (index, key) in zip(range, decodedKeys) {
                compare(valueType, maps.values, index, Self.nonNull(object[key]), "\(path)[\"\(key)\"]")
            }
        default:
            report(path, "a type the reference knows (\(type))", Self.kind(column))
        }
    }

    /// A varchar, as the SerDe reads any JSON value into one.
    private mutating func compareVarchar(_ column: Column, _ row: Int, _ expected: Any?, _ path: String) {
        guard case .varchar(let strings) = column else { return report(path, "a varchar column", Self.kind(column)) }
        let decoded: ArraySlice<UInt8>? =
            strings.validity[row] ? strings.bytes[Int(strings.offsets[row])..<Int(strings.offsets[row + 1])] : nil
        let shown = decoded.map { Self.quote(String(decoding: $0, as: UTF8.self)) } ?? "NULL"
        guard let expected else {
            counts.nulls += 1
            if decoded != nil { report(path, "NULL", shown) }
            return
        }
        guard let decoded else { return report(path, Self.render(expected), "NULL") }
        if let string = expected as? String {
            counts.strings += 1
            if !decoded.elementsEqual(string.utf8) { report(path, Self.quote(string), shown) }
        } else if let number = expected as? NSNumber {
            if Self.isBoolean(number) {
                counts.booleans += 1
                if !decoded.elementsEqual((number.boolValue ? "true" : "false").utf8) { report(path, Self.render(number), shown) }
            } else {
                counts.numbers += 1
                let text = String(decoding: decoded, as: UTF8.self)
                if !Self.isNumberLiteral(decoded) || !Self.numberEquals(text, number) {
                    report(path, Self.render(number) + " (a number)", shown)
                }
            }
        } else if expected is [String: Any] || expected is [Any] {
            counts.jsonTexts += 1
            let parsed = try? JSONSerialization.jsonObject(with: Data(decoded), options: [.fragmentsAllowed])
            if !Self.isCompact(decoded) || parsed.map({ Self.jsonEquals($0, expected) }) != true {
                report(path, Self.render(expected) + " (JSON text)", shown)
            }
        } else {
            report(path, "a JSON value (\(type(of: expected)))", shown)
        }
    }

    // MARK: JSON values

    /// Case-insensitive member lookup, with the keys of one object lower-cased once.
    struct KeyLookup {
        let object: [String: Any]
        let keys: [String: [String]]

        init(_ object: [String: Any]) {
            self.object = object
            keys = Dictionary(grouping: object.keys) { $0.lowercased() }
        }

        /// The keys that equal `name` ignoring case.
        func matches(_ name: String) -> [String] { keys[name] ?? [] }
    }

    /// The member whose key is `name` ignoring case (`.some(nil)` when absent or JSON null), or nil, reported, when
    /// several keys match: JSONSerialization loses the order they came in, so "the first one counts" cannot be
    /// checked.
    private mutating func member(_ lookup: KeyLookup, _ name: String, at path: String) -> Any?? {
        let matches = lookup.matches(name)
        guard let first = matches.first else { return .some(nil) }
        guard matches.count == 1 else {
            report(path, "one key", "several keys \(matches.sorted()) (which came first is not checkable)")
            return nil
        }
        return .some(Self.nonNull(lookup.object[first]))
    }

    static func nonNull(_ value: Any?) -> Any? {
        value is NSNull ? nil : value
    }

    /// Foundation parses JSON booleans into NSNumber (`__NSCFBoolean`, Objective-C type `c`).
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    static func isDouble(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type == "d" || type == "f"
    }

    static func numberEquals(_ text: String, _ number: NSNumber) -> Bool {
        if isDouble(number) { return Double(text) == number.doubleValue }
        return Int64(text) == number.int64Value
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, the JSON number grammar.
    static func isNumberLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        func digits() -> Int {
            let start = index
            while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.endIndex, bytes[index] == 0x2D { index += 1 }
        let leading = index
        guard digits() > 0, bytes[leading] != 0x30 || index - leading == 1 else { return false }
        if index < bytes.endIndex, bytes[index] == 0x2E {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.endIndex, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < bytes.endIndex, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.endIndex
    }

    /// No whitespace outside strings.
    static func isCompact(_ bytes: ArraySlice<UInt8>) -> Bool {
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
            } else if byte == 0x22 {
                inString = true
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                return false
            }
        }
        return true
    }

    /// Structural equality: strings byte for byte, booleans apart from numbers, object keys as sets.
    static func jsonEquals(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String {
            guard let b = b as? String else { return false }
            return a.utf8.elementsEqual(b.utf8)
        }
        if let a = a as? [String: Any] {
            guard let b = b as? [String: Any], a.count == b.count else { return false }
            return a.allSatisfy { key, value in b[key].map { jsonEquals(value, $0) } ?? false }
        }
        if let a = a as? [Any] {
            guard let b = b as? [Any], a.count == b.count else { return false }
            return zip(a, b).allSatisfy { jsonEquals($0, $1) }
        }
        if a is NSNull { return b is NSNull }
        if let a = a as? NSNumber {
            guard let b = b as? NSNumber, isBoolean(a) == isBoolean(b) else { return false }
            if isBoolean(a) { return a.boolValue == b.boolValue }
            if isDouble(a) || isDouble(b) { return a.doubleValue == b.doubleValue }
            return a.int64Value == b.int64Value
        }
        return false
    }

    // MARK: reporting

    mutating func report(_ path: String, _ expected: String, _ decoded: String) {
        mismatchCount += 1
        guard mismatches.count < Self.maxKept else { return }
        mismatches.append(Mismatch(file: file, record: record, path: path, expected: expected, decoded: decoded))
    }

    static func kind(_ column: Column) -> String {
        if case .varchar = column { return "a varchar column" }
        if case .row = column { return "a row column" }
        if case .array = column { return "an array column" }
        if case .map = column { return "a map column" }
        return "another kind of column"
    }

    static func render(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "NULL" }
        if let string = value as? String { return quote(string) }
        if let number = value as? NSNumber { return isBoolean(number) ? (number.boolValue ? "true" : "false") : number.stringValue }
        if JSONSerialization.isValidJSONObject(value),
           let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]) {
            return clip(String(decoding: data, as: UTF8.self))
        }
        return clip("\(value)")
    }

    static func quote(_ string: String) -> String {
        clip("\"" + string.replacingOccurrences(of: "\n", with: "\\n") + "\"")
    }

    static func clip(_ text: String) -> String {
        text.count > 300 ? text.prefix(300) + "…" : text
    }
}
