import Dispatch
import Foundation
import Synchronization
import TrailSource

/// What to generate.
public struct GeneratorOptions: Sendable {
    /// The folder that receives `AWSLogs/…`.
    public var outputDirectory: String
    /// Exact number of records written, over all files.
    public var events: Int = 10_000
    /// Number of UTC days of activity, starting at `startDate` 00:00Z.
    public var days: Int = 1
    /// Twelve-digit account ids. The first has its own trail; the others log through the organization trail.
    public var accounts: [String] = GeneratorOptions.defaultAccounts
    /// Regions with activity. Global services (IAM, sign-in, Organizations, Route 53) log in us-east-1 when it is
    /// listed, else in the first region.
    public var regions: [String] = GeneratorOptions.defaultRegions
    /// First day, `YYYY-MM-DD` (UTC).
    public var startDate: String = "2026-11-01"
    /// Seed of every random choice: the same options give byte-identical files.
    public var seed: UInt64 = 1
    /// Organization id (`o-` and 10 to 32 lowercase letters or digits); derived from the seed when nil.
    public var orgID: String? = nil
    /// When true (and there are two accounts or more), accounts after the first are written under
    /// `AWSLogs/<o-id>/<account>/`, as an organization trail does.
    public var organizationTrail = true
    /// Upper bound of records in one file; a busier 5-minute window is split into several files, as CloudTrail does.
    public var maxRecordsPerFile = 500
    /// libdeflate level for the `.json.gz` files (1–12).
    public var gzipLevel: Int32 = 6
    /// Also write hourly `CloudTrail-Digest` files (hashes are real SHA-256; signatures are placeholders).
    public var digests = false
    /// Worker threads; 0 means one per core.
    public var workers = 0

    public static let defaultAccounts = ["406712345678", "731920458163", "258374619020"]
    public static let defaultRegions = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"]

    public init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
    }

    /// The organization id used for the organization trail folder.
    public var resolvedOrgID: String {
        if let orgID { return orgID }
        var rng = TrailRandom(seed: seed, 0x0467)
        var o = JSONOut(capacity: 16)
        o.raw("o-")
        o.charsUniform(&rng, 10, from: Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8))
        return String(decoding: o.bytes, as: UTF8.self)
    }
}

/// Why the options cannot be used.
public struct GeneratorError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a run wrote.
public struct GeneratorSummary: Sendable, Equatable {
    /// Log files written (`.json.gz` under `CloudTrail/`).
    public var files: Int
    /// Records written.
    public var events: Int
    /// Bytes of JSON before compression.
    public var rawBytes: Int
    /// Bytes of the gzip files.
    public var gzBytes: Int
    /// Digest files written (0 unless `digests`).
    public var digestFiles: Int
    public var accounts: [String]
    public var regions: [String]
    public var orgID: String
    /// `YYYY-MM-DDTHH:MM:SSZ` of the earliest and latest record, nil when no record was written.
    public var firstEventTime: String?
    public var lastEventTime: String?

    public init(
        files: Int, events: Int, rawBytes: Int, gzBytes: Int, digestFiles: Int, accounts: [String], regions: [String],
        orgID: String, firstEventTime: String?, lastEventTime: String?
    ) {
        self.files = files
        self.events = events
        self.rawBytes = rawBytes
        self.gzBytes = gzBytes
        self.digestFiles = digestFiles
        self.accounts = accounts
        self.regions = regions
        self.orgID = orgID
        self.firstEventTime = firstEventTime
        self.lastEventTime = lastEventTime
    }
}

/// One log file of the plan: where it goes and what it holds.
public struct PlannedFile: Sendable, Hashable {
    /// Path below the output directory, `AWSLogs/…/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<random>.json.gz`.
    public var relativePath: String
    public var account: String
    public var region: String
    /// Number of records in the file.
    public var records: Int
    /// Delivery time (seconds since 1970, UTC): the folder date and the time in the file name.
    public var deliveryTime: Int64
    /// The 5-minute window of the records' eventTime: `[windowStart, windowStart + 300)`.
    public var windowStart: Int64
    var accountIndex: Int
    var regionIndex: Int
    var window: Int
    var part: Int
    var firstRecord: Int
}

/// Writes synthetic CloudTrail logs in the S3 layout CloudTrail uses.
///
/// Activity is spread over (account, region, 5-minute window) slots with weights for account size, region,
/// hour of day and weekday, and noise; each slot becomes one or more files delivered a few minutes after the
/// window ends (so late-evening events land in the next day's folder). Every file is generated from its own
/// random stream, so the files do not depend on how workers share them, and the same options always write the
/// same bytes.
public struct LogGenerator: Sendable {
    public let options: GeneratorOptions
    let world: World
    let startTime: Int64

    public init(options: GeneratorOptions) throws {
        try LogGenerator.validate(options)
        self.options = options
        // validate() checked the date.
        startTime = CivilTime.parseDate(options.startDate).map(\.epochSeconds) ?? 0
        world = World(accounts: options.accounts, regions: options.regions, orgID: options.resolvedOrgID, seed: options.seed)
    }

    static func validate(_ o: GeneratorOptions) throws {
        if o.events < 0 { throw GeneratorError("--events must be 0 or more (got \(o.events))") }
        if o.days < 1 || o.days > 3660 { throw GeneratorError("--days must be between 1 and 3660 (got \(o.days))") }
        if o.accounts.isEmpty { throw GeneratorError("at least one account is needed") }
        for a in o.accounts where a.utf8.count != 12 || !a.utf8.allSatisfy({ $0 &- 0x30 < 10 }) {
            throw GeneratorError("account id '\(a)' is not twelve digits")
        }
        if Set(o.accounts).count != o.accounts.count { throw GeneratorError("account ids must be distinct") }
        if o.regions.isEmpty { throw GeneratorError("at least one region is needed") }
        for r in o.regions where !LogGenerator.isRegionName(r) {
            throw GeneratorError("'\(r)' is not a region name such as us-east-1")
        }
        if Set(o.regions).count != o.regions.count { throw GeneratorError("regions must be distinct") }
        if CivilTime.parseDate(o.startDate) == nil {
            throw GeneratorError("start date '\(o.startDate)' is not a calendar date YYYY-MM-DD")
        }
        if let org = o.orgID {
            let body = org.utf8.dropFirst(2)
            guard org.hasPrefix("o-"), (10...32).contains(body.count), body.allSatisfy({ $0 &- 0x30 < 10 || $0 &- 0x61 < 26 }) else {
                throw GeneratorError("organization id '\(org)' must be o- followed by 10 to 32 lowercase letters or digits")
            }
        }
        if o.maxRecordsPerFile < 1 { throw GeneratorError("maxRecordsPerFile must be at least 1") }
        if !(1...12).contains(o.gzipLevel) { throw GeneratorError("gzip level must be between 1 and 12") }
    }

    /// `xx-name-N`, `xx-gov-name-N`, `xx-iso-name-N`, … (lowercase letters, dashes, a final number).
    static func isRegionName(_ r: String) -> Bool {
        let parts = r.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 &- 0x61 < 26 } } && parts[0].count == 2
    }

    // MARK: - Plan

    /// Relative activity per hour of the UTC day (a working day in Europe and the Americas, quieter at night).
    static let hourWeights: [Double] = [
        0.45, 0.40, 0.35, 0.32, 0.30, 0.32, 0.40, 0.55, 0.75, 0.95, 1.10, 1.20,
        1.25, 1.35, 1.45, 1.50, 1.50, 1.40, 1.25, 1.05, 0.85, 0.70, 0.58, 0.50,
    ]

    /// The files this run writes, in a stable order (account, region, window, part).
    public func plan() -> [PlannedFile] {
        let nA = world.accounts.count
        let nR = world.regions.count
        let windowsPerDay = 288
        let nW = options.days * windowsPerDay
        let slots = nA * nR * nW
        var rng = TrailRandom(seed: options.seed, 0x9A1A)

        // Region order by importance: the home region first.
        var regionRank = [Int](repeating: 0, count: nR)
        var rank = 1
        for r in 0..<nR {
            if r == world.homeRegion { continue }
            regionRank[r] = rank
            rank += 1
        }
        var weights = [Double](repeating: 0, count: slots)
        var total = 0.0
        for a in 0..<nA {
            let aw = 1.0 / (1.0 + 0.6 * Double(a))
            for r in 0..<nR {
                let rw = 1.0 / (1.0 + 1.2 * Double(regionRank[r]))
                for w in 0..<nW {
                    let start = startTime + Int64(w) * 300
                    let hour = Int(start % 86_400 / 3600)
                    let weekday = Int((start / 86_400 + 4) % 7)  // 0 = Sunday
                    let dw = weekday == 0 || weekday == 6 ? 0.55 : 1.0
                    let u = rng.unit()
                    var noise = 0.35 + 1.3 * u * u
                    if rng.below(150) == 0 { noise += 5.0 }
                    let x = aw * rw * LogGenerator.hourWeights[hour] * dw * noise
                    weights[(a * nR + r) * nW + w] = x
                    total += x
                }
            }
        }
        // Whole parts of each slot's share, then the remainder drawn by weight (multinomial), so the total is exact.
        var counts = [Int](repeating: 0, count: slots)
        var assigned = 0
        let n = Double(options.events)
        var cumulative = [Double](repeating: 0, count: slots)
        var running = 0.0
        for i in 0..<slots {
            let q = n * weights[i] / total
            let whole = Int(q)
            counts[i] = whole
            assigned += whole
            running += q - Double(whole)
            cumulative[i] = running
        }
        var left = options.events - assigned
        while left > 0 && running > 0 {
            let x = rng.unit() * running
            var lo = 0
            var hi = slots - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
            }
            counts[lo] += 1
            left -= 1
        }

        var files: [PlannedFile] = []
        let org = world.orgID
        for a in 0..<nA {
            let acct = options.accounts[a]
            let underOrg = options.organizationTrail && nA > 1 && a > 0
            let prefix = underOrg ? "AWSLogs/\(String(decoding: org, as: UTF8.self))/\(acct)/CloudTrail/" : "AWSLogs/\(acct)/CloudTrail/"
            for r in 0..<nR {
                let region = options.regions[r]
                for w in 0..<nW {
                    let count = counts[(a * nR + r) * nW + w]
                    if count == 0 { continue }
                    let parts = (count + options.maxRecordsPerFile - 1) / options.maxRecordsPerFile
                    let windowStart = startTime + Int64(w) * 300
                    var first = 0
                    for p in 0..<parts {
                        let c = count / parts + (p < count % parts ? 1 : 0)
                        var frng = TrailRandom(seed: options.seed, 0xF11E, UInt64(a), UInt64(r), UInt64(w), UInt64(p))
                        // Delivered 1 to 10 minutes after the window closes.
                        let delivery = (windowStart + 300 + 60 + Int64(frng.below(540)) + Int64(p) * 20) / 60 * 60
                        let d = CivilTime(epochSeconds: delivery)
                        var name = JSONOut(capacity: 128)
                        name.raw(Array(prefix.utf8))
                        name.raw(Array(region.utf8))
                        name.byte(0x2F)
                        name.padded(d.year, width: 4)
                        name.byte(0x2F)
                        name.padded(d.month, width: 2)
                        name.byte(0x2F)
                        name.padded(d.day, width: 2)
                        name.byte(0x2F)
                        name.raw(Array(acct.utf8))
                        name.raw("_CloudTrail_")
                        name.raw(Array(region.utf8))
                        name.byte(0x5F)
                        name.padded(d.year, width: 4)
                        name.padded(d.month, width: 2)
                        name.padded(d.day, width: 2)
                        name.byte(0x54)
                        name.padded(d.hour, width: 2)
                        name.padded(d.minute, width: 2)
                        name.raw("Z_")
                        name.charsUniform(&frng, 16, from: JSONOut.alnum)
                        name.raw(".json.gz")
                        files.append(
                            PlannedFile(
                                relativePath: String(decoding: name.bytes, as: UTF8.self), account: acct, region: region,
                                records: c, deliveryTime: delivery, windowStart: windowStart, accountIndex: a,
                                regionIndex: r, window: w, part: p, firstRecord: first))
                        first += c
                    }
                }
            }
        }
        return files
    }

    // MARK: - Content

    /// The uncompressed JSON of one planned file (`{"Records":[…]}`), exactly as `run()` writes it before gzip.
    public func contents(of file: PlannedFile) -> [UInt8] {
        var buffer = JSONOut(capacity: 1 << 16)
        write(file, into: &buffer, table: KindTable(specs: Catalog.specs, homeRegion: file.regionIndex == world.homeRegion))
        return buffer.bytes
    }

    /// The JSON of one log file holding exactly `records` records of `account` in `region`, from a 5-minute window
    /// starting at `start` 00:00Z: bytes for tests and benchmarks that need a log file but not a tree of them.
    public static func sampleFile(
        records: Int, seed: UInt64 = 1, account: String = GeneratorOptions.defaultAccounts[0], region: String = "us-east-1",
        start: String = "2026-11-01"
    ) throws -> [UInt8] {
        var o = GeneratorOptions(outputDirectory: "/nonexistent")
        o.accounts = [account]
        o.regions = [region]
        o.startDate = start
        o.seed = seed
        o.events = max(records, 0)
        let g = try LogGenerator(options: o)
        let file = PlannedFile(
            relativePath: "", account: account, region: region, records: max(records, 0), deliveryTime: g.startTime + 600,
            windowStart: g.startTime, accountIndex: 0, regionIndex: 0, window: 0, part: 0, firstRecord: 0)
        return g.contents(of: file)
    }

    /// Cumulative weights over the specs that may occur in a region.
    struct KindTable {
        var specs: [EventSpec]
        var cumulative: [Int]
        var total: Int

        init(specs all: [EventSpec], homeRegion: Bool) {
            specs = all.filter { homeRegion || !$0.global }
            cumulative = []
            var run = 0
            for s in specs {
                run += s.weight
                cumulative.append(run)
            }
            total = run
        }

        func pick(_ rng: inout TrailRandom) -> Int {
            let x = rng.below(total)
            var lo = 0
            var hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
    }

    /// Writes the file's JSON into `buffer` and returns the times of its oldest and newest records.
    @discardableResult
    func write(_ file: PlannedFile, into buffer: inout JSONOut, table: KindTable) -> (oldest: Int64, newest: Int64) {
        buffer.reset()
        var rng = TrailRandom(seed: options.seed, 0xC0DE, UInt64(file.accountIndex), UInt64(file.regionIndex), UInt64(file.window), UInt64(file.part))
        // Event times: sorted offsets in the window; later parts of a split window hold later events.
        var offsets = [Int](repeating: 0, count: file.records)
        for i in 0..<file.records { offsets[i] = rng.below(300) }
        offsets.sort()
        // A file is often dominated by one busy caller pattern (a Lambda decrypting, an agent polling).
        let hot = rng.below(100) < 35 ? table.pick(&rng) : -1
        var writer = RecordWriter(
            rng: TrailRandom(seed: rng.next()), account: world.accounts[file.accountIndex], region: world.regions[file.regionIndex],
            homeRegion: world.regions[world.homeRegion])
        swap(&writer.out, &buffer)
        writer.out.raw(#"{"Records":["#)
        for i in 0..<file.records {
            if i > 0 { writer.out.byte(0x2C) }
            let k = hot >= 0 && rng.below(100) < 40 ? hot : table.pick(&rng)
            writer.record(table.specs[k], at: file.windowStart + Int64(offsets[i]))
        }
        writer.out.raw("]}")
        swap(&writer.out, &buffer)
        return (file.windowStart + Int64(offsets.first ?? 0), file.windowStart + Int64(offsets.last ?? 0))
    }

    // MARK: - Run

    /// Writes every planned file (and digests when asked) and returns what was written.
    public func run() throws -> GeneratorSummary {
        let files = plan()
        let root = options.outputDirectory
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let workerCount = max(1, min(options.workers > 0 ? options.workers : ProcessInfo.processInfo.activeProcessorCount, max(files.count, 1)))
        let next = Atomic<Int>(0)
        let failure = Mutex<Error?>(nil)
        let partials = Mutex<[Partial]>([])
        let hashes = Mutex<[Int: FileDigest]>([:])
        let wantDigests = options.digests
        let homeRegion = world.homeRegion
        let level = options.gzipLevel

        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var buffer = JSONOut(capacity: 1 << 20)
            var createdDirs = Set<String>()
            var part = Partial()
            var localHashes: [Int: FileDigest] = [:]
            let home = KindTable(specs: Catalog.specs, homeRegion: true)
            let away = KindTable(specs: Catalog.specs, homeRegion: false)
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= files.count { break }
                if failure.withLock({ $0 != nil }) { break }
                let file = files[i]
                let times = write(file, into: &buffer, table: file.regionIndex == homeRegion ? home : away)
                let gz = GzipWriter.compress(buffer.bytes, level: level)
                do {
                    let path = root + "/" + file.relativePath
                    let dir = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
                    if !createdDirs.contains(dir) {
                        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                        createdDirs.insert(dir)
                    }
                    try LogGenerator.writeFile(path, gz)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    break
                }
                if wantDigests {
                    localHashes[i] = FileDigest(hash: SHA256.hash(buffer.bytes), oldest: times.oldest, newest: times.newest)
                }
                part.add(file: file, raw: buffer.count, gz: gz.count, oldest: times.oldest, newest: times.newest)
            }
            let done = part
            partials.withLock { $0.append(done) }
            let h = localHashes
            if wantDigests { hashes.withLock { $0.merge(h) { a, _ in a } } }
        }
        if let error = failure.withLock({ $0 }) { throw error }

        var total = Partial()
        for p in partials.withLock({ $0 }) { total.merge(p) }
        var digestCount = 0
        if wantDigests {
            digestCount = try writeDigests(files: files, hashes: hashes.withLock { $0 })
        }
        return GeneratorSummary(
            files: total.files, events: total.events, rawBytes: total.raw, gzBytes: total.gz, digestFiles: digestCount,
            accounts: options.accounts, regions: options.regions, orgID: String(decoding: world.orgID, as: UTF8.self),
            firstEventTime: total.first.map(LogGenerator.iso), lastEventTime: total.last.map(LogGenerator.iso))
    }

    static func iso(_ t: Int64) -> String {
        var o = JSONOut(capacity: 24)
        o.isoTime(t)
        return String(decoding: o.bytes, as: UTF8.self)
    }

    struct Partial: Sendable {
        var files = 0
        var events = 0
        var raw = 0
        var gz = 0
        var first: Int64?
        var last: Int64?

        mutating func add(file: PlannedFile, raw r: Int, gz g: Int, oldest: Int64, newest: Int64) {
            files += 1
            events += file.records
            raw += r
            gz += g
            first = min(first ?? oldest, oldest)
            last = max(last ?? newest, newest)
        }

        mutating func merge(_ o: Partial) {
            files += o.files
            events += o.events
            raw += o.raw
            gz += o.gz
            if let f = o.first { first = min(first ?? f, f) }
            if let l = o.last { last = max(last ?? l, l) }
        }
    }

    /// Writes `bytes` to a new file at `path` (replacing any). POSIX calls: Foundation's `Data.write` also
    /// fsyncs every file, which costs ~0.1 ms per file here and buys nothing for generated data.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw GeneratorError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = posixWrite(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw GeneratorError("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
private let posixWrite = Glibc.write
#elseif canImport(Musl)
import Musl
private let posixWrite = Musl.write
#elseif canImport(Darwin)
import Darwin
private let posixWrite = Darwin.write
#endif
