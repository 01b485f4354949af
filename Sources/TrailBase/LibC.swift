import CTrailSearch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@inlinable
func memchrShim(_ base: UnsafeRawPointer, _ byte: Int32, _ count: Int) -> UnsafeRawPointer? {
    UnsafeRawPointer(memchr(base, byte, count))
}

@inlinable
func memcmpShim(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
    memcmp(a, b, count)
}

/// The first occurrence of `byte` in `count` bytes at `base` (vectorised libc `memchr`).
@inlinable
public func findByte(_ byte: UInt8, in base: UnsafeRawPointer, count: Int) -> Int? {
    guard count > 0, let hit = memchr(base, Int32(byte), count) else { return nil }
    return base.distance(to: UnsafeRawPointer(hit))
}

/// Whether `needle` occurs in `count` bytes at `base`.
///
/// The SIMD first/last-byte search of CTrailSearch (see Search.c for its speed).
@inlinable
public func containsBytes(_ needle: [UInt8], in base: UnsafeRawPointer, count: Int) -> Bool {
    firstOffset(of: needle, in: base, count: count) != nil
}

/// The offset of the first occurrence of `needle` in `count` bytes at `base`.
@inlinable
public func firstOffset(of needle: [UInt8], in base: UnsafeRawPointer, count: Int) -> Int? {
    needle.withUnsafeBytes { pattern in
        guard let pointer = pattern.baseAddress else { return 0 }
        let offset = ctrail_find(base, count, pointer, pattern.count, nil)
        return offset < 0 ? nil : offset
    }
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
