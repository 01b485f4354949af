#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The first occurrence of `byte` in `count` bytes at `base` (vectorised libc `memchr`).
@inlinable
public func findByte(_ byte: UInt8, in base: UnsafeRawPointer, count: Int) -> Int? {
    guard count > 0, let hit = memchr(base, Int32(byte), count) else { return nil }
    return base.distance(to: UnsafeRawPointer(hit))
}
