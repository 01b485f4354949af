#if canImport(Glibc)
import Glibc
#endif
import TrailEngine

/// The only place that writes to stdout and stderr. Results go to stdout, everything else to stderr.
enum Terminal {
    /// Writes all of `bytes` to a file descriptor, retrying short writes.
    private static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return  // EPIPE and friends: the reader went away (e.g. `| head`); nothing more to do.
            }
            offset += written
        }
    }

    static func writeOut(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(1, $0) }
    }

    static func writeOut(_ text: String) {
        var text = text
        text.withUTF8 { write(1, UnsafeRawBufferPointer($0)) }
    }

    static func printError(_ line: String) {
        var text = line
        text.append("\n")
        text.utf8CString.withUnsafeBytes { write(2, UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
    }

    /// Every skipped file with its reason: collected only with --verbose (`listsEveryFile`).
    static func printSkipped(_ statistics: ScanStatistics) {
        guard !statistics.skippedFiles.isEmpty else { return }
        printError("trailsql: skipped:")
        for (path, reason) in statistics.skippedFiles { printError("  \(path): \(reason)") }
    }

    /// The statistics summary and, if any, the failed files and bad records with their byte offsets.
    static func printStatistics(_ statistics: ScanStatistics, matches: Int?) {
        printError("trailsql: " + statistics.summary(matches: matches))
        printSkipped(statistics)
        if !statistics.problems.isEmpty {
            printError("trailsql: \(statistics.filesFailed) failed file(s), \(statistics.badRecords) bad record(s):")
            for line in statistics.problemLines { printError(line) }
        }
    }
}
