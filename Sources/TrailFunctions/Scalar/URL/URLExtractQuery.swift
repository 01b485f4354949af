/// `url_extract_query(url) → varchar`: the query string without the `?`, `%`-decoded as `java.net.URI.getQuery()`
/// returns it (Trino's `UrlFunctions`). `''` without a query; NULL for an invalid URI.
///
///     url_extract_query('http://example.com/path1/p.php?k1=v1&k2=v2#Ref1')   -- 'k1=v1&k2=v2'
///     url_extract_query('http://example.com/path1/p.php?')                   -- ''
///     url_extract_query('http://example.com/?q=a%26b')                       -- 'q=a&b'
public enum URLExtractQuery {
    /// Appends the decoded query to `output`; returns false for NULL.
    public static func evaluate(_ url: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        let bytes = url.bindMemory(to: UInt8.self)
        guard let uri = JavaURI(bytes) else { return false }
        if let query = uri.query { JavaURI.appendDecoded(bytes, query, into: &output) }
        return true
    }

    public static func evaluate(_ url: String) -> String? { JavaURI.string(url, evaluate) }
}
