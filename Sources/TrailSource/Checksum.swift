import CTrailDeflate

/// CRC-32 (the gzip polynomial) of `bytes`, with libdeflate's vectorised implementation.
public func crc32(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return previous }
    return libdeflate_crc32(previous, base, bytes.count)
}
