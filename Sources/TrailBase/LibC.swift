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
