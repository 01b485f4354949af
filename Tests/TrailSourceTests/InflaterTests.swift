import Testing
import TrailSource

/// Inflates `gz`, returning the bytes or the typed error.
func inflate(_ gz: [UInt8], limit: Int = 1 << 30) -> Result<[UInt8], GzipError> {
    // The inflated bytes live in the inflater's buffer: keep it alive until they are copied out.
    let inflater = Inflater(maxOutputBytes: limit)
    return withExtendedLifetime(inflater) {
        gz.withUnsafeBytes { buffer in
            Result { () throws(GzipError) in Array(try inflater.inflate(buffer)) }
        }
    }
}

@Suite("gzip inflate")
struct InflaterTests {
    let text = Array(String(repeating: #"{"eventName":"GetObject","eventSource":"s3.amazonaws.com"},"#, count: 2_000).utf8)

    @Test("round trip through libdeflate")
    func roundTrip() throws {
        let gz = GzipWriter.compress(text)
        #expect(try inflate(gz).get() == text)
    }

    @Test("every member of a multi-member file is inflated")
    func multiMember() throws {
        let gz = GzipWriter.compress(text) + GzipWriter.compress(Array("tail".utf8))
        #expect(try inflate(gz).get() == text + Array("tail".utf8))
    }

    @Test("a truncated file is an error naming the compressed offset")
    func truncated() throws {
        let whole = GzipWriter.compress(text)
        let gz = Array(whole.prefix(whole.count / 2))
        guard case .failure(let error) = inflate(gz) else {
            Issue.record("a truncated file inflated without error")
            return
        }
        #expect(error.reason == .truncated)
        #expect(error.compressedOffset == gz.count)
        #expect(error.description.contains("truncated gzip stream"))
    }

    @Test("corrupt data is an error")
    func corrupt() throws {
        var gz = GzipWriter.compress(text)
        for index in 20..<60 { gz[index] ^= 0x5A }
        guard case .failure(let error) = inflate(gz) else {
            Issue.record("corrupt gzip inflated without error")
            return
        }
        #expect(error.description.contains("gzip stream"))
    }

    @Test("a gzip bomb stops at the size limit")
    func sizeLimit() throws {
        let gz = GzipWriter.compress([UInt8](repeating: 0x20, count: 10_000_000))
        guard case .failure(let error) = inflate(gz, limit: 1_000_000) else {
            Issue.record("inflated past the limit")
            return
        }
        #expect(error.reason == .tooLarge(limit: 1_000_000))
    }
}
