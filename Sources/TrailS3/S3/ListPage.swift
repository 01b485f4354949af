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
                                  lastModified: ISO8601Timestamp.epochNanoseconds(content.text(of: "LastModified") ?? "") ?? 0))
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
        return String(decoding: URIEncoding.decode(text.utf8.map { $0 == UInt8(ascii: "+") ? 0x20 : $0 }), as: UTF8.self)
    }
}
