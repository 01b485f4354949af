/// `url_extract_parameter(url, name) → varchar`: the value of the first query parameter called `name`, as Trino's
/// `UrlFunctions` finds it: the raw (undecoded) query of a valid `java.net.URI` is split on `&`, each piece on its
/// first `=`, keys compare byte for byte without decoding, and the value is decoded with `URLDecoder` (`+` is a
/// space, `%hh` runs are UTF-8). A key without `=` has the value `''`. NULL when the URI is invalid, has no query,
/// or has no such key.
///
///     url_extract_parameter('http://example.com/path1/p.php?k1=v1&k2=v2&k3&k4#Ref1', 'k2')   -- 'v2'
///     url_extract_parameter('http://example.com/path1/p.php?k1=v1&k2=v2&k3&k4#Ref1', 'k3')   -- ''
///     url_extract_parameter('http://example.com/path1/p.php?k=a=b=c&x=y#Ref1', 'k')          -- 'a=b=c'
///     url_extract_parameter('http://example.com/?q=a+b%26c', 'q')                           -- 'a b&c'
public enum URLExtractParameter {
    /// Appends the decoded value to `output`; returns false for NULL.
    public static func evaluate(_ url: UnsafeRawBufferPointer, name: UnsafeRawBufferPointer, into output: inout [UInt8])
        -> Bool
    {
        let bytes = url.bindMemory(to: UInt8.self)
        guard let uri = JavaURI(bytes), let query = uri.query else { return false }
        let key = name.bindMemory(to: UInt8.self)
        var pieceStart = query.lowerBound
        while pieceStart <= query.upperBound {
            var pieceEnd = pieceStart
            while pieceEnd < query.upperBound, bytes[pieceEnd] != UInt8(ascii: "&") { pieceEnd += 1 }
            var keyEnd = pieceStart
            while keyEnd < pieceEnd, bytes[keyEnd] != UInt8(ascii: "=") { keyEnd += 1 }
            if keyEnd - pieceStart == key.count, zip(bytes[pieceStart..<keyEnd], key).allSatisfy({ $0 == $1 }) {
                if keyEnd < pieceEnd {
                    JavaURI.appendDecoded(bytes, keyEnd + 1..<pieceEnd, plusAsSpace: true, into: &output)
                }
                return true
            }
            pieceStart = pieceEnd + 1
        }
        return false
    }

    public static func evaluate(_ url: String, name: String) -> String? {
        Array(name.utf8).withUnsafeBytes { nameBytes in
            JavaURI.string(url) { urlBytes, output in evaluate(urlBytes, name: nameBytes, into: &output) }
        }
    }
}
