/// Turning scanned JSON bytes into output bytes: unescaped strings and compact JSON text.
extension JSONCursor {
    /// Appends the unescaped UTF-8 content of a string token. Lone surrogates become U+FFFD.
    @inlinable
    public func appendUnescaped(_ token: StringToken, to output: inout [UInt8]) {
        if !token.hasEscapes {
            output.append(contentsOf: UnsafeBufferPointer(start: base + token.start, count: token.count))
            return
        }
        JSONCursor.unescape(base, token.start, token.end, into: &output)
    }

    @usableFromInline
    static func unescape(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into output: inout [UInt8]) {
        // Unescaping never lengthens a string: reserve the escaped length, write in place, trim.
        let old = output.count
        output.append(contentsOf: repeatElement(0, count: end - start))
        let written = output.withUnsafeMutableBufferPointer { buffer in
            JSONString.unescape(base, start, end, into: buffer.baseAddress! + old)
        }
        output.removeLast(end - start - written)
    }

    /// Appends the bytes `start..<end` (an already validated JSON value) without insignificant whitespace.
    /// String contents and escapes are copied as written, so the text is CloudTrail's own, only compacted.
    @inlinable
    public func appendCompact(from start: Int, to end: Int, into output: inout [UInt8]) {
        JSONCursor.compact(base, start, end, into: &output)
    }

    @usableFromInline
    static func compact(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into output: inout [UInt8]) {
        var index = start
        var runStart = start
        while index < end {
            let byte = base[index]
            if byte == 0x22 {
                // Skip over the string (escapes included); strings are copied verbatim.
                index += 1
                while index < end, base[index] != 0x22 { index += base[index] == 0x5C ? 2 : 1 }
                index += 1
                continue
            }
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
                index += 1
                runStart = index
                continue
            }
            index += 1
        }
        if runStart < end { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: min(end, index) - runStart)) }
    }

    /// The bytes of the string token compared with `literal` exactly (after unescaping).
    public func stringEquals(_ token: StringToken, _ literal: UnsafeRawBufferPointer) -> Bool {
        if !token.hasEscapes {
            return token.count == literal.count
                && (token.count == 0 || memcmpBytes(base + token.start, literal.baseAddress!, token.count))
        }
        var scratch: [UInt8] = []
        appendUnescaped(token, to: &scratch)
        return scratch.elementsEqual(literal)
    }

    private func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        let bb = b.assumingMemoryBound(to: UInt8.self)
        for index in 0..<count where a[index] != bb[index] { return false }
        return true
    }
}
