import CTrailCrypto

/// SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto, and the lowercase hex that Signature Version 4 prints them in.
///
///     Digest.hex(Digest.sha256("abc".utf8))   // "ba7816bf…15ad"
public enum Digest {
    /// The length of a SHA-256 digest in bytes.
    public static let sha256Length = 32

    /// The hex SHA-256 of no bytes: the payload hash of every request without a body.
    public static let emptySHA256Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: sha256Length) { digest, initialized in
            withNonNullBase(bytes) { base, count in
                _ = SHA256(base, count, digest.baseAddress)
            }
            initialized = sha256Length
        }
    }

    public static func sha256<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        // Contiguous storage (arrays, String.UTF8View of native strings) is hashed in place; anything else is copied.
        if let digest = bytes.withContiguousStorageIfAvailable({ sha256(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { sha256($0) }
    }

    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: sha256Length) { mac, initialized in
            var macLength: UInt32 = 0
            key.withUnsafeBytes { keyBytes in
                message.withUnsafeBytes { messageBytes in
                    withNonNullBase(keyBytes) { keyBase, keyCount in
                        withNonNullBase(messageBytes) { messageBase, messageCount in
                            _ = HMAC(EVP_sha256(), keyBase, Int32(keyCount), messageBase, messageCount,
                                     mac.baseAddress, &macLength)
                        }
                    }
                }
            }
            precondition(macLength == UInt32(sha256Length), "HMAC-SHA256 gave \(macLength) bytes")
            initialized = sha256Length
        }
    }

    /// Lowercase hex, two digits a byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            for (index, byte) in bytes.enumerated() {
                text[index * 2] = lowercaseHexDigits[Int(byte >> 4)]
                text[index * 2 + 1] = lowercaseHexDigits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }

    private static let lowercaseHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// An empty buffer may have no base address; OpenSSL wants a pointer even for zero bytes.
    private static func withNonNullBase<Result>(
        _ bytes: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt8>, Int) -> Result
    ) -> Result {
        if let base = bytes.baseAddress, bytes.count > 0 {
            return body(base.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        let placeholder: UInt8 = 0
        return withUnsafePointer(to: placeholder) { body($0, 0) }
    }
}
