/// `url_extract_protocol(url) → varchar`: the scheme, without the `:`. Trino (`UrlFunctions`) parses with
/// `java.net.URI`: an invalid URI gives NULL, a URI without a scheme gives `''`.
///
///     url_extract_protocol('http://localhost:8080/req_path')    -- 'http'
///     url_extract_protocol('ftp://path/file')                   -- 'ftp'
///     url_extract_protocol('/relative/path')                    -- ''
///     url_extract_protocol('http://example.com/^')              -- NULL (invalid URI)
public enum URLExtractProtocol {
    /// Appends the scheme to `output`; returns false for NULL.
    public static func evaluate(_ url: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        let bytes = url.bindMemory(to: UInt8.self)
        guard let uri = JavaURI(bytes) else { return false }
        if let scheme = uri.scheme { output.append(contentsOf: bytes[scheme]) }
        return true
    }

    public static func evaluate(_ url: String) -> String? { JavaURI.string(url, evaluate) }
}
