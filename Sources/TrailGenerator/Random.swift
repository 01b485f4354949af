/// A seedable, portable pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The generator never reads the system's entropy, so the same seed gives the same stream on every platform and
/// every run. `LogGenerator` derives one generator per output file from (seed, stream, window, part), which keeps
/// files independent of the order in which workers write them.
public struct TrailRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the state with four SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var sm = seed
        s0 = TrailRandom.splitMix(&sm)
        s1 = TrailRandom.splitMix(&sm)
        s2 = TrailRandom.splitMix(&sm)
        s3 = TrailRandom.splitMix(&sm)
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// A generator for a sub-stream identified by `parts`, independent of the others for practical purposes.
    public init(seed: UInt64, _ parts: UInt64...) {
        var h = TrailRandom.mix(seed ^ 0x5851_F42D_4C95_7F2D)
        for p in parts { h = TrailRandom.mix(h ^ TrailRandom.mix(p &+ 0x632B_E59B_D9B4_E019)) }
        self.init(seed: h)
    }

    @inlinable static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        return mix(x)
    }

    @inlinable static func mix(_ v: UInt64) -> UInt64 {
        var z = v
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    @inlinable public mutating func next() -> UInt64 {
        let result = TrailRandom.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = TrailRandom.rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<n` (`n > 0`), by Lemire's multiply-shift (bias below 2^-40 for our ranges).
    @inlinable public mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in `range`.
    @inlinable public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound &+ below(range.upperBound &- range.lowerBound &+ 1)
    }

    /// True with probability `perMillion / 1_000_000`.
    @inlinable public mutating func chance(perMillion: Int) -> Bool {
        below(1_000_000) < perMillion
    }

    /// True with probability `percent / 100`.
    @inlinable public mutating func chance(percent: Int) -> Bool {
        below(100) < percent
    }

    /// A uniform double in `[0, 1)` built from the top 53 bits.
    @inlinable public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// One element of a non-empty array.
    @inlinable public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}
