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
        var index = start
        var runStart = start
        while index < end {
            guard base[index] == 0x5C else {
                index += 1
                continue
            }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
            let kind = base[index + 1]
            index += 2
            switch kind {
            case 0x62: output.append(0x08)
            case 0x66: output.append(0x0C)
            case 0x6E: output.append(0x0A)
            case 0x72: output.append(0x0D)
            case 0x74: output.append(0x09)
            case 0x75:
                var scalar = hex4(base, index)
                index += 4
                if scalar & 0xFC00 == 0xD800 {
                    // High surrogate: combine with a following \uDC00-\uDFFF, else it is a lone surrogate.
                    if index + 6 <= end, base[index] == 0x5C, base[index + 1] == 0x75 {
                        let low = hex4(base, index + 2)
                        if low & 0xFC00 == 0xDC00 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar & 0xFC00 == 0xDC00 {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &output)
            default: output.append(kind)  // \" \\ \/
            }
            runStart = index
        }
        if runStart < end { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: end - runStart)) }
    }

    @usableFromInline
    static func hex4(_ base: UnsafePointer<UInt8>, _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (hexValue(base[at + offset]) ?? 0) }
        return value
    }

    @usableFromInline
    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
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
