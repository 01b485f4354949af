import TrailSource

/// What a query read and what Athena would have charged to read it.
public struct QueryStatistics: Sendable {
    public var scan: ScanStatistics
    /// Files left out by partition and time pruning, before any byte of them was read.
    public var filesPruned = 0
    /// Folders not even listed: their path (region, date, account) ruled out every file in them.
    public var foldersPruned = 0
    /// Bytes of the files to be read after pruning (checked against --max-scan-bytes before reading).
    public var bytesToScan = 0
    /// Files to be read after pruning (summed over the plan's scans).
    public var filesToScan = 0
    /// Table scans in the plan (a self-join or UNION scans twice).
    public var scans = 0
    public var rowsReturned = 0
    /// Cache entries found corrupt (deleted and rebuilt) during the query.
    public var cacheCorrupt = 0

    public init(listsEveryFile: Bool) {
        scan = ScanStatistics(listsEveryFile: listsEveryFile)
    }

    /// Athena: $5 per TB scanned, rounded up to the megabyte, 10 MB minimum per query.
    public static func athenaCost(bytes: Int) -> Double {
        let megabyte = 1 << 20
        let billed = max(10 * megabyte, (bytes + megabyte - 1) / megabyte * megabyte)
        return Double(billed) / Double(1 << 40) * 5
    }

    public var summary: String {
        let text = scan.summary()
        var parts: [String] = []
        if filesPruned > 0 { parts.append("\(filesPruned.grouped) pruned by partition/time") }
        if foldersPruned > 0 { parts.append("\(foldersPruned.grouped) folder\(foldersPruned == 1 ? "" : "s") not listed (partition/time)") }
        if cacheCorrupt > 0 { parts.append("\(cacheCorrupt.grouped) corrupt cache entr\(cacheCorrupt == 1 ? "y" : "ies") rebuilt") }
        parts.append("\(rowsReturned.grouped) row\(rowsReturned == 1 ? "" : "s") returned")
        // Athena reads every file the query needs, cached here or not.
        let scanned = scan.bytesRead + scan.bytesFromCache
        let cost = QueryStatistics.athenaCost(bytes: scanned)
        parts.append("Athena would charge $\(dollars(cost)) (\(scanned.grouped) bytes scanned; $5/TB, 10 MB minimum)")
        return text + "; " + parts.joined(separator: ", ")
    }

    func dollars(_ value: Double) -> String {
        // Six decimals: the minimum charge is $0.0000477.
        let scaled = Int((value * 1e7).rounded())
        let whole = scaled / 10_000_000
        var fraction = String(scaled % 10_000_000)
        fraction = String(repeating: "0", count: 7 - fraction.count) + fraction
        return "\(whole).\(fraction)"
    }
}

