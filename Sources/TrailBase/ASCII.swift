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

