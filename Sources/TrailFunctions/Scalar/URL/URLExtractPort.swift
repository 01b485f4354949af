/// `url_extract_port(url) → bigint`: the port of a server-based authority, as `java.net.URI.getPort()` reads it
/// (Trino's `UrlFunctions`). NULL without a port (`http://host/`, `http://host:/`), for a registry-based authority,
/// and for an invalid URI. A port beyond Java's `int` range makes the authority registry-based, hence NULL.
///
///     url_extract_port('http://example.com:8080/path1/p.php')   -- 8080
///     url_extract_port('http://example.com/path1/p.php')        -- NULL
public enum URLExtractPort {
    public static func evaluate(_ url: UnsafeRawBufferPointer) -> Int64? {
        guard let uri = JavaURI(url.bindMemory(to: UInt8.self)) else { return nil }
        return uri.port
    }

    public static func evaluate(_ url: String) -> Int64? {
        Array(url.utf8).withUnsafeBytes { evaluate($0) }
    }
}
