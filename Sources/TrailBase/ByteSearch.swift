import CTrailSearch

/// Byte-string search, for the raw-text prefilters (text needles, filter-pattern literals): the SIMD
/// first/last-byte search of CTrailSearch (see Search.c for its speed).

/// The offset of the first occurrence of `needle` in `haystack` (0 for an empty needle).
public func firstRange(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
    guard let nBase = needle.baseAddress, needle.count > 0 else { return 0 }
    guard let hBase = haystack.baseAddress else { return nil }
    let offset = ctrail_find(hBase, haystack.count, nBase, needle.count, nil)
    return offset < 0 ? nil : offset
}

/// Where `needle` first occurs in `count` bytes at `base` or, when it does not, whether the bytes hold a `\u`
/// escape (JSON's spelling of any character): the question a raw-text prefilter asks, answered in one pass.
public enum NeedleSearch: Equatable, Sendable {
    case found(Int)
    case absent(unicodeEscape: Bool)

    @inlinable
    public init(_ needle: [UInt8], in base: UnsafeRawPointer, count: Int) {
        self = needle.withUnsafeBytes { pattern in
            guard let pointer = pattern.baseAddress else { return .found(0) }
            var escape = false
            let offset = ctrail_find(base, count, pointer, pattern.count, &escape)
            return offset < 0 ? .absent(unicodeEscape: escape) : .found(offset)
        }
    }
}
