import TrailBase

/// One page of a `ListObjectsV2` answer, keys decoded.
public struct ListPage: Sendable {
    public struct Object: Sendable, Equatable {
        public var key: String
        public var size: Int
        /// The ETag as S3 gives it (quotes removed): the object's version for caches.
        public var etag: String
        /// Nanoseconds since the epoch.
        public var lastModified: Int64
    }

    public var objects: [Object] = []
    /// Sub-"folders" under the prefix (ending in the delimiter).
    public var commonPrefixes: [String] = []
    /// Set when more pages follow.
    public var continuationToken: String?

    public init() {}

    /// Reads a `ListBucketResult` document.
    public static func parse(_ xml: [UInt8]) throws(XMLError) -> ListPage { try ListPage(xml: xml) }

    init(xml: [UInt8]) throws(XMLError) {
        let root = try XMLTree.parse(xml)
        let encoded = root.text(of: "EncodingType") == "url"
        func decoded(_ text: String) -> String { encoded ? ListPage.urlDecoded(text) : text }
        for content in root.children("Contents") {
            guard let key = content.text(of: "Key") else { continue }
            var etag = content.text(of: "ETag") ?? ""
            if etag.hasPrefix("\""), etag.hasSuffix("\""), etag.count >= 2 { etag = String(etag.dropFirst().dropLast()) }
            objects.append(Object(key: decoded(key), size: Int(content.text(of: "Size") ?? "") ?? 0, etag: etag,
                                  lastModified: ListPage.parseTimestamp(content.text(of: "LastModified") ?? "") ?? 0))
        }
        for common in root.children("CommonPrefixes") {
            if let prefix = common.text(of: "Prefix") { commonPrefixes.append(decoded(prefix)) }
        }
        if root.text(of: "IsTruncated") == "true" {
            continuationToken = root.text(of: "NextContinuationToken")
        }
    }

    /// `encoding-type=url` uses form encoding: `%XX` bytes and `+` for a space (a real `+` comes as `%2B`).
    static func urlDecoded(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2024-01-02T03:04:05.000Z` → nanoseconds since the epoch.
    static func parseTimestamp(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 0x30
                guard digit >= 0 && digit < 10 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var nanos = 0
        if bytes[19] == UInt8(ascii: ".") {
            var index = 20
            var scale = 100_000_000
            while index < bytes.count, bytes[index] &- 0x30 < 10 {
                nanos += Int(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        let days = CivilDate(year: year, month: month, day: day).dayNumber
        let seconds = Int64(((days * 24 + hour) * 60 + minute) * 60 + second)
        // Nanoseconds since 1970 end in 2262: a later (or garbled) date is not a time we can keep.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        return scaled + Int64(nanos)
    }
}
