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
                _ = EVP_Digest(base, count, digest.baseAddress, nil, sha256Algorithm.pointer, nil)
            }
            initialized = sha256Length
        }
    }

    /// OpenSSL's SHA-256, looked up once.
    ///
    /// PERF: `SHA256()` looks the algorithm up in OpenSSL 3's provider store on every call (a lock and a search):
    /// 470 ns for 300 bytes against 255 ns with the algorithm fetched once (a C loop over both, this machine).
    private static let sha256Algorithm = Algorithm(pointer: EVP_MD_fetch(nil, "SHA256", nil))

    /// An OpenSSL algorithm object: immutable once fetched, and usable from any thread.
    private struct Algorithm: @unchecked Sendable {
        let pointer: OpaquePointer?
    }

    public static func sha256<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        // Contiguous storage (arrays, String.UTF8View of native strings) is hashed in place; anything else is copied.
        if let digest = bytes.withContiguousStorageIfAvailable({ sha256(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { sha256($0) }
    }

    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        HMACKey(key).authenticate(message)
    }

    /// An HMAC-SHA256 key made ready once (OpenSSL's MAC context after the key's pads), for many messages.
    ///
    /// PERF: `HMAC()` looks up HMAC and SHA-256 in OpenSSL 3's provider store and pads the key on every call;
    /// copying a keyed context took 550 ns per 150-byte message against 1,200 ns (a C loop over both, this
    /// machine). SigV4 signs every request with the day's key.
    public final class HMACKey: @unchecked Sendable, CustomReflectable {
        /// Never changed after `init`; `authenticate` works on copies, so threads may share the key.
        private let context: OpaquePointer?

        public init(_ key: [UInt8]) {
            context = EVP_MAC_CTX_new(hmacAlgorithm.pointer)
            "digest".withCString { name in
                "SHA256".withCString { value in
                    var parameters = [
                        OSSL_PARAM_construct_utf8_string(name, UnsafeMutablePointer(mutating: value), 0),
                        OSSL_PARAM_construct_end(),
                    ]
                    key.withUnsafeBytes { keyBytes in
                        withNonNullBase(keyBytes) { base, count in
                            precondition(EVP_MAC_init(context, base, count, &parameters) == 1, "HMAC-SHA256 setup failed")
                        }
                    }
                }
            }
        }

        deinit { EVP_MAC_CTX_free(context) }

        /// HMAC-SHA256 of `message` under this key.
        public func authenticate(_ message: [UInt8]) -> [UInt8] {
            let copy = EVP_MAC_CTX_dup(context)
            defer { EVP_MAC_CTX_free(copy) }
            return [UInt8](unsafeUninitializedCapacity: sha256Length) { mac, initialized in
                var macLength = 0
                message.withUnsafeBytes { messageBytes in
                    withNonNullBase(messageBytes) { base, count in
                        precondition(EVP_MAC_update(copy, base, count) == 1
                                     && EVP_MAC_final(copy, mac.baseAddress, &macLength, sha256Length) == 1,
                                     "HMAC-SHA256 failed")
                    }
                }
                precondition(macLength == sha256Length, "HMAC-SHA256 gave \(macLength) bytes")
                initialized = sha256Length
            }
        }

        /// Mirrors (`dump`, the debugger) must not walk into the key.
        public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
    }

    private static let hmacAlgorithm = Algorithm(pointer: EVP_MAC_fetch(nil, "HMAC", nil))

    /// Appends lowercase hex, two digits a byte.
    public static func appendHex(_ bytes: [UInt8], to text: inout [UInt8]) {
        for byte in bytes {
            text.append(lowercaseHexDigits[Int(byte >> 4)])
            text.append(lowercaseHexDigits[Int(byte & 0x0F)])
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
