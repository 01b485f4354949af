/// AWS's `UriEncode`: the unreserved characters `A–Z a–z 0–9 - _ . ~` stay, every other UTF-8 byte becomes `%XX`
/// with uppercase hex. This is stricter than RFC 3986 percent-encoding in the usual libraries (which keep `*`, `!`,
/// `'`, `(`, `)` or turn space into `+`), and a signature computed with any of those does not match.
///
///     URIEncoding.encode("a b/c")                       // "a%20b%2Fc"
///     URIEncoding.encode("a b/c", encodesSlash: false)  // "a%20b/c"
public enum URIEncoding {
    /// - Parameter encodesSlash: false keeps `/`, for object keys in paths.
    public static func encode(_ text: String, encodesSlash: Bool = true) -> String {
        encode(bytes: text.utf8, encodesSlash: encodesSlash) ?? text
    }

    /// Encodes `bytes`, or returns nil when none needs encoding (so the caller can keep the text it has).
    static func encode<Bytes: Collection<UInt8>>(bytes: Bytes, encodesSlash: Bool = true) -> String? {
        guard bytes.contains(where: { !isKept($0, encodesSlash: encodesSlash) }) else { return nil }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if isKept(byte, encodesSlash: encodesSlash) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(uppercaseHexDigits[Int(byte >> 4)])
                encoded.append(uppercaseHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Encodes `bytes`, always returning a string.
    static func encodeToString<Bytes: Collection<UInt8>>(bytes: Bytes) -> String {
        encode(bytes: bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-decoding: `%XX` becomes its byte; a `%` without two hex digits after it stays as it is, so a query
    /// that was never encoded survives a round trip. `+` stays `+` (it is form encoding, not URI encoding).
    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let first = bytes.index(after: index)
            if byte == UInt8(ascii: "%"), first != bytes.endIndex {
                let second = bytes.index(after: first)
                if second != bytes.endIndex, let high = hexValue(bytes[first]), let low = hexValue(bytes[second]) {
                    decoded.append(high << 4 | low)
                    index = bytes.index(after: second)
                    continue
                }
            }
            decoded.append(byte)
            index = first
        }
        return decoded
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isKept(_ byte: UInt8, encodesSlash: Bool) -> Bool {
        isUnreserved(byte) || (!encodesSlash && byte == UInt8(ascii: "/"))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    private static let uppercaseHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
