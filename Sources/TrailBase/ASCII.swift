import CTrailSearch

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
/// PERF: the SIMD first/last-byte search of `containsBytes`; it replaced memchr on the first byte + memcmp, which
/// stalls on needles whose first byte is common in CloudTrail text (`"`, `a`, `-`).
public func firstRange(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
    guard let nBase = needle.baseAddress, needle.count > 0 else { return 0 }
    guard let hBase = haystack.baseAddress else { return nil }
    let offset = ctrail_find(hBase, haystack.count, nBase, needle.count, nil)
    return offset < 0 ? nil : offset
}
