/// `url_extract_host(url) → varchar`: the host of a server-based authority, as `java.net.URI.getHost()` returns it
/// (Trino's `UrlFunctions`): not decoded, IPv6 literals in brackets. `''` when there is no host, including Java's
/// registry-based authorities (a name that is not an RFC 2396 hostname, such as one with `_`); NULL for an invalid URI.
///
///     url_extract_host('http://example.com:8080/path1/p.php?k1=v1#Ref1')   -- 'example.com'
///     url_extract_host('https://username:password@example.com')          -- 'example.com'
///     url_extract_host('http://[::1]:8080/')                              -- '[::1]'
///     url_extract_host('https://my_bucket.s3.amazonaws.com/key')          -- '' (registry-based authority)
///     url_extract_host('mailto:test@example.com')                         -- ''
public enum URLExtractHost {
    /// Appends the host to `output`; returns false for NULL.
    public static func evaluate(_ url: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        let bytes = url.bindMemory(to: UInt8.self)
        guard let uri = JavaURI(bytes) else { return false }
        if let host = uri.host { output.append(contentsOf: bytes[host]) }
        return true
    }

    public static func evaluate(_ url: String) -> String? { JavaURI.string(url, evaluate) }
}
