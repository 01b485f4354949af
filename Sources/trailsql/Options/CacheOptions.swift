import ArgumentParser
import Foundation
import TrailEngine

/// `--cache DIR`, `--no-cache`, `--cache-limit SIZE`: where decoded columns are kept between runs.
struct CacheOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Keep decoded columns here, so repeating a query over unchanged logs skips the JSON (default: $XDG_CACHE_HOME/trailsql or ~/.cache/trailsql).",
        valueName: "dir"))
    var cache: String?

    @Flag(name: .long, help: "Neither read nor write the cache: decode every file.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp(
        "The cache's size limit; least recently used entries go beyond it (bytes, or with K, M, G). Default: 2G.",
        valueName: "size"))
    var cacheLimit: String?

    func validate() throws {
        if noCache && cache != nil { throw ValidationError("--cache and --no-cache exclude each other") }
        if let cacheLimit, CacheOptions.bytes(cacheLimit) == nil {
            throw ValidationError("--cache-limit takes a size such as 500M or 2G, not \(cacheLimit)")
        }
    }

    /// The cache to use, or nil for `--no-cache` (or no home folder to put it in).
    var segmentCache: SegmentCache? {
        if noCache { return nil }
        guard let directory = cache ?? SegmentCache.defaultDirectory(environment: ProcessInfo.processInfo.environment) else {
            return nil
        }
        return SegmentCache(directory: directory, sizeLimit: cacheLimit.flatMap(CacheOptions.bytes) ?? SegmentCache.defaultSizeLimit)
    }

    /// "500M" → 524,288,000.
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        let upper = text.uppercased().replacingOccurrences(of: "B", with: "")
        if let last = upper.last, let unit = units[last], let value = Double(upper.dropLast()), value >= 0 {
            return Int(value * Double(unit))
        }
        return Int(upper).flatMap { $0 >= 0 ? $0 : nil }
    }
}
