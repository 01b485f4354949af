import TrailBase

/// Reads an HTTP `Date` header in the one form HTTP/1.1 servers send (RFC 9110 IMF-fixdate):
/// `Sun, 22 Nov 2026 08:49:37 GMT`. S3 answers a skewed request with it, and trailsql takes S3's time from it.
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func epochSeconds(_ text: String) -> Int64? {
        // "Sun," "22" "Nov" "2026" "08:49:37" "GMT"
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 6, fields[0].hasSuffix(","), fields[5] == "GMT",
              fields[1].count == 2, let day = Int(fields[1]),
              let monthIndex = months.firstIndex(where: { $0 == fields[2] }),
              fields[3].count == 4, let year = Int(fields[3])
        else { return nil }
        let clock = fields[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2])
        else { return nil }
        return CivilDate.epochSeconds(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
    }
}
