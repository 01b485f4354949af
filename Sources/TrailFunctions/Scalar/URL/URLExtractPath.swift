/// `url_extract_path(url) → varchar`: the path, `%`-decoded as `java.net.URI.getPath()` returns it (Trino's
/// `UrlFunctions`). `''` for an opaque URI (`mailto:…`) or an empty path; NULL for an invalid URI.
///
///     url_extract_path('http://example.com/path1/p.php?k1=v1#Ref1')   -- '/path1/p.php'
///     url_extract_path('http://example.com/a%20b')                    -- '/a b'
///     url_extract_path('foo')                                         -- 'foo'
///     url_extract_path('https://example.com')                         -- ''
public enum URLExtractPath {
    /// Appends the decoded path to `output`; returns false for NULL.
    public static func evaluate(_ url: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        let bytes = url.bindMemory(to: UInt8.self)
        guard let uri = JavaURI(bytes) else { return false }
        if let path = uri.path { JavaURI.appendDecoded(bytes, path, into: &output) }
        return true
    }

    public static func evaluate(_ url: String) -> String? { JavaURI.string(url, evaluate) }
}
