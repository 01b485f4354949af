/// `url_extract_fragment(url) → varchar`: the fragment without the `#`, `%`-decoded as
/// `java.net.URI.getFragment()` returns it (Trino's `UrlFunctions`). `''` without one; NULL for an invalid URI.
///
///     url_extract_fragment('http://example.com/path1/p.php?k1=v1&k2=v2#Ref1')   -- 'Ref1'
///     url_extract_fragment('mailto:someone@example.com#top')                    -- 'top'
public enum URLExtractFragment {
    /// Appends the decoded fragment to `output`; returns false for NULL.
    public static func evaluate(_ url: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        let bytes = url.bindMemory(to: UInt8.self)
        guard let uri = JavaURI(bytes) else { return false }
        if let fragment = uri.fragment { JavaURI.appendDecoded(bytes, fragment, into: &output) }
        return true
    }

    public static func evaluate(_ url: String) -> String? { JavaURI.string(url, evaluate) }
}
