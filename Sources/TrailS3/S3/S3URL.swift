/// `s3://bucket[/prefix]`, as given to `--logs`.
public struct S3URL: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    /// A key prefix, without a leading `/`; may stop anywhere (`AWSLogs/`, an account, a day, one object).
    public var prefix: String

    public init(bucket: String, prefix: String = "") {
        self.bucket = bucket
        self.prefix = prefix
    }

    /// Nil when `text` is not an `s3://` URL with a bucket.
    public init?(_ text: String) {
        guard S3URL.isS3(text) else { return nil }
        let rest = text.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        self.bucket = String(bucket)
        self.prefix = String(rest.dropFirst(bucket.count).drop { $0 == "/" })
    }

    public static func isS3(_ text: String) -> Bool { text.hasPrefix("s3://") }

    /// The `s3://bucket/` that starts every file of this bucket (LogFile.folder begins with it).
    public var bucketRoot: String { "s3://\(bucket)/" }

    public var description: String { "s3://\(bucket)/\(prefix)" }

    /// Splits an `s3://bucket/key` path into bucket and key.
    public static func object(_ path: String) -> (bucket: String, key: String)? {
        guard let url = S3URL(path) else { return nil }
        return (url.bucket, url.prefix)
    }
}
