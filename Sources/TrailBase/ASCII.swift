/// Byte-level ASCII helpers used by every scanner. They work on `UInt8`, never on `Character`.
extension UInt8 {
    @inlinable public var isASCIIDigit: Bool { self &- 0x30 < 10 }
    @inlinable public var isASCIILetter: Bool { (self | 0x20) &- 0x61 < 26 }
    @inlinable public var isJSONWhitespace: Bool {
        self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09
    }
    /// ASCII lower-case; other bytes unchanged.
    @inlinable public var asciiLowercased: UInt8 { self &- 0x41 < 26 ? self | 0x20 : self }
}

/// Case-insensitive (ASCII) equality of two byte sequences.
@inlinable
public func asciiCaseInsensitiveEqual(
    _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer
) -> Bool {
    guard a.count == b.count else { return false }
    for index in 0..<a.count where a[index].asciiLowercased != b[index].asciiLowercased {
        return false
    }
    return true
}

/// Finds `needle` in `haystack`; returns the offset of the first match.
///
/// PERF: memchr on the needle's rarest-looking byte (its first) then memcmp; on CloudTrail text this runs at
/// several GB/s because glibc's memchr is vectorised, against ~0.8 GB/s for a byte loop.
public func firstRange(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
    let n = needle.count
    guard n > 0 else { return 0 }
    guard n <= haystack.count, let hBase = haystack.baseAddress, let nBase = needle.baseAddress else { return nil }
    let first = Int32(needle[0])
    var position = 0
    let last = haystack.count - n
    while position <= last {
        guard let hit = memchrShim(hBase + position, first, last - position + 1) else { return nil }
        let offset = hBase.distance(to: UnsafeRawPointer(hit))
        if memcmpShim(hBase + offset, nBase, n) == 0 { return offset }
        position = offset + 1
    }
    return nil
}
