extension ScanStatistics {
    /// The one-line summary printed on stderr after a command, e.g.
    /// `12 files read, 3 skipped (2 digest, 1 hidden), 1 failed, 1,234 events scanned, 56 matched,
    /// 1.20 MB read (9.80 MB inflated) in 0.04 s`.
    public func summary(matches: Int? = nil) -> String {
        var parts = ["\(filesRead.grouped) file\(filesRead == 1 ? "" : "s") read"
            + (filesFromCache > 0 ? " (\(filesFromCache.grouped) from cache)" : "")]
        if filesSkipped > 0 {
            let reasons = skippedReasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value.grouped) \($0.key)" }
            parts.append("\(filesSkipped.grouped) skipped (" + reasons.joined(separator: ", ") + ")")
        }
        if filesFailed > 0 { parts.append("\(filesFailed.grouped) failed") }
        parts.append("\(records.grouped) event\(records == 1 ? "" : "s") scanned")
        if filesTextSkipped > 0 {
            parts.append("\(filesTextSkipped.grouped) file\(filesTextSkipped == 1 ? "" : "s") without the query's text not parsed")
        }
        if badRecords > 0 { parts.append("\(badRecords.grouped) bad record\(badRecords == 1 ? "" : "s") skipped") }
        if let matches { parts.append("\(matches.grouped) matched") }
        var volume = "\(megabytes(bytesRead)) read (\(megabytes(bytesInflated)) inflated)"
        if bytesFromCache > 0 { volume += " + \(megabytes(bytesFromCache)) of files answered from the cache" }
        parts.append(volume + " in \(String(format2: seconds)) s")
        if s3Lists + s3Gets > 0 {
            parts.append("S3: \(s3Lists.grouped) LIST + \(s3Gets.grouped) GET request\(s3Lists + s3Gets == 1 ? "" : "s")"
                + (s3Retries > 0 ? " (\(s3Retries.grouped) retried)" : ""))
        }
        if s3ClockCorrection != 0 {
            let seconds = Int(s3ClockCorrection.magnitude).grouped
            parts.append("this machine's clock is \(seconds) s \(s3ClockCorrection > 0 ? "behind" : "ahead of") S3's: requests were signed with S3's time")
        }
        return parts.joined(separator: ", ")
    }

    /// One line per failed file or bad record (at most `maxListed`), naming the path and byte offset.
    public var problemLines: [String] {
        var lines = problems.map { "  \($0)" }
        let total = filesFailed + badRecords
        if total > problems.count { lines.append("  … and \(total - problems.count) more") }
        return lines
    }

    private func megabytes(_ bytes: Int) -> String {
        if bytes < 1_000_000 { return "\(String(format2: Double(bytes) / 1e3)) kB" }
        return "\(String(format2: Double(bytes) / 1e6)) MB"
    }
}

extension Int {
    /// 1234567 → "1,234,567".
    var grouped: String {
        let digits = String(magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (self < 0 ? "-" : "") + out
    }
}

extension String {
    /// Two decimals without Foundation's `String(format:)`.
    init(format2 value: Double) {
        let scaled = (value * 100).rounded()
        let whole = Int(scaled / 100)
        let fraction = Int(abs(scaled).truncatingRemainder(dividingBy: 100))
        self = "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
