import Testing
import TrailS3

/// SHA-256 against FIPS 180-2's examples, HMAC-SHA256 against RFC 4231's test cases.
@Suite struct DigestTests {
    @Test func sha256OfNothing() {
        #expect(Digest.hex(Digest.sha256([UInt8]())) == Digest.emptySHA256Hex)
        #expect(Digest.emptySHA256Hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.hex(Digest.sha256(UnsafeRawBufferPointer(start: nil, count: 0))) == Digest.emptySHA256Hex)
    }

    @Test func sha256OfABC() {
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(Digest.hex(Digest.sha256("abc".utf8)) == expected)
        #expect(Digest.hex(Digest.sha256(Array("abc".utf8))) == expected)
        #expect(Digest.hex(Array("abc".utf8).withUnsafeBytes { Digest.sha256($0) }) == expected)
        // A collection without contiguous storage is copied first.
        #expect(Digest.hex(Digest.sha256(Array("abc".utf8).lazy.map { $0 })) == expected)
        #expect(Digest.sha256("abc".utf8).count == 32)
    }

    @Test func sha256OfTwoBlocks() {
        #expect(Digest.hex(Digest.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hmacRFC4231Case1() {
        let mac = Digest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        #expect(Digest.hex(mac) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func hmacRFC4231Case2() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Digest.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// A key longer than SHA-256's 64-byte block is hashed first.
    @Test func hmacRFC4231Case6() {
        let mac = Digest.hmacSHA256(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        #expect(Digest.hex(mac) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func hmacWithEmptyKeyAndMessage() {
        // HMAC-SHA256("", ""), a widely published value; checks the zero-length pointers OpenSSL is given.
        #expect(Digest.hex(Digest.hmacSHA256(key: [], message: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func hexIsLowercaseTwoDigitsAByte() {
        #expect(Digest.hex([]) == "")
        #expect(Digest.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
