import Foundation
import TrailGenerator
import TrailSource
import TrailTestSupport

/// One generated tree, read back into memory: paths, raw bytes, parsed records.
struct GeneratedCorpus: @unchecked Sendable {  // immutable after init; [String: Any] is not Sendable
    struct File {
        var path: String
        var gzip: [UInt8]
        var json: [UInt8]
        var records: [[String: Any]]
    }

    var options: GeneratorOptions
    var summary: GeneratorSummary
    var files: [File]
    var digests: [File]

    var allRecords: [[String: Any]] { files.flatMap(\.records) }

    /// Generates in memory (`plan()` and `contents(of:)`, no gzip and no files): `gzip` is empty.
    private init(memory configure: (inout GeneratorOptions) -> Void) throws {
        var o = GeneratorOptions(outputDirectory: "/nonexistent")
        configure(&o)
        options = o
        let g = try LogGenerator(options: o)
        files = []
        digests = []
        var raw = 0
        for planned in g.plan() {
            let json = g.contents(of: planned)
            raw += json.count
            guard let top = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
                let records = top["Records"] as? [[String: Any]]
            else { throw CorpusError("\(planned.relativePath): not {\"Records\":[…]}") }
            files.append(File(path: planned.relativePath, gzip: [], json: json, records: records))
        }
        let times = files.flatMap { $0.records.compactMap { $0["eventTime"] as? String } }.sorted()
        summary = GeneratorSummary(
            files: files.count, events: files.reduce(0) { $0 + $1.records.count }, rawBytes: raw, gzBytes: 0, digestFiles: 0,
            accounts: o.accounts, regions: o.regions, orgID: o.resolvedOrgID, firstEventTime: times.first,
            lastEventTime: times.last)
    }

    /// Generates into a fresh temporary folder, reads everything back, then removes the folder.
    private init(disk configure: (inout GeneratorOptions) -> Void) throws {
        let dir = try Fixtures.makeTemporaryDirectory("trailsql-gen")
        defer { Fixtures.cleanUp(dir) }
        var o = GeneratorOptions(outputDirectory: dir.path)
        configure(&o)
        options = o
        summary = try LogGenerator(options: o).run()
        files = []
        digests = []
        let inflater = Inflater()
        for path in GeneratedCorpus.relativePaths(under: dir) {
            let gz = try [UInt8](Data(contentsOf: dir.appendingPathComponent(path)))
            let json = try gz.withUnsafeBytes { try [UInt8](inflater.inflate($0)) }
            let object = try JSONSerialization.jsonObject(with: Data(json))
            if path.contains("/CloudTrail-Digest/") {
                digests.append(File(path: path, gzip: gz, json: json, records: [object as? [String: Any] ?? [:]]))
            } else {
                guard let top = object as? [String: Any], let records = top["Records"] as? [[String: Any]] else {
                    throw CorpusError("\(path): not {\"Records\":[…]}")
                }
                files.append(File(path: path, gzip: gz, json: json, records: records))
            }
        }
    }

    /// Generates in memory; see `init(memory:)`.
    static func inMemory(_ configure: (inout GeneratorOptions) -> Void) throws -> GeneratedCorpus {
        try GeneratedCorpus(memory: configure)
    }

    /// Writes to a temporary folder and reads back; see `init(disk:)`.
    static func written(_ configure: (inout GeneratorOptions) -> Void) throws -> GeneratedCorpus {
        try GeneratedCorpus(disk: configure)
    }

    /// Every regular file below `root`, as sorted paths relative to it.
    static func relativePaths(under root: URL) -> [String] {
        let base = root.resolvingSymlinksInPath().path
        var out: [String] = []
        if let e = FileManager.default.enumerator(atPath: base) {
            while let p = e.nextObject() as? String {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
            }
        }
        return out.sorted()
    }

    /// The standard corpus most content tests share, generated in memory: 3 accounts, 4 regions, 2 days, 12,000 events.
    static let standard: GeneratedCorpus = {
        do {
            return try GeneratedCorpus.inMemory { o in
                o.events = 12_000
                o.days = 2
                o.startDate = "2026-11-06"
                o.seed = 7
            }
        } catch {
            fatalError("generating the standard corpus failed: \(error)")
        }
    }()
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The top-level keys of one compact JSON object, in order (a tiny scanner: strings and nesting only).
func topLevelKeys(_ json: ArraySlice<UInt8>) -> [String] {
    var keys: [String] = []
    var depth = 0
    var i = json.startIndex
    var expectKey = false
    while i < json.endIndex {
        let c = json[i]
        switch c {
        case UInt8(ascii: "{"):
            depth += 1
            expectKey = depth == 1
        case UInt8(ascii: "["):
            depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
        case UInt8(ascii: ","):
            expectKey = depth == 1
        case UInt8(ascii: "\""):
            var j = i + 1
            while json[j] != UInt8(ascii: "\"") { j += json[j] == UInt8(ascii: "\\") ? 2 : 1 }
            if expectKey && depth == 1 {
                keys.append(String(decoding: json[(i + 1)..<j], as: UTF8.self))
                expectKey = false
            }
            i = j
        default:
            break
        }
        i += 1
    }
    return keys
}

/// Splits `{"Records":[{…},{…}]}` into the byte ranges of its records.
func recordSlices(_ json: [UInt8]) -> [ArraySlice<UInt8>] {
    var out: [ArraySlice<UInt8>] = []
    var depth = 0
    var start = 0
    var i = 0
    while i < json.count {
        let c = json[i]
        if c == UInt8(ascii: "\"") {
            var j = i + 1
            while json[j] != UInt8(ascii: "\"") { j += json[j] == UInt8(ascii: "\\") ? 2 : 1 }
            i = j + 1
            continue
        }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            if depth == 2 && c == UInt8(ascii: "{") { start = i }
            depth += 1
        } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
            depth -= 1
            if depth == 2 && c == UInt8(ascii: "}") { out.append(json[start...i]) }
        }
        i += 1
    }
    return out
}

extension Dictionary where Key == String, Value == Any {
    func string(_ path: String...) -> String? {
        var v: Any? = self
        for p in path { v = (v as? [String: Any])?[p] }
        return v as? String
    }
}
