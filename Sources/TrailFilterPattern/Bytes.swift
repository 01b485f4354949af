import TrailBase
import TrailJSON

/// Byte-level helpers of the evaluator: JSON string unescaping into caller memory, number parsing, glob matching.
enum Bytes {
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int) -> Bool {
        aCount == bCount && (aCount == 0 || memcmp(a, b, aCount) == 0)
    }

    /// Offset of the first occurrence of `needle` in `haystack`, or nil.
    @inline(__always)
    static func find(
        _ needle: UnsafePointer<UInt8>, _ needleCount: Int, in haystack: UnsafePointer<UInt8>, _ haystackCount: Int
    ) -> Int? {
        firstRange(
            of: UnsafeRawBufferPointer(start: needle, count: needleCount),
            in: UnsafeRawBufferPointer(start: haystack, count: haystackCount))
    }

    /// Whether some JSON string of the text that contains a `\u` escape contains `literal` once unescaped.
    ///
    /// `\u` escapes are the only way a value can be spelled differently from its own bytes (for literals without
    /// `" \ /` and control characters), so a literal absent from the raw text can still be a value of it only in
    /// such a string. Each string is unescaped once (O(text)); a `\u` whose string starts or ends outside the text
    /// (a chunk cut inside a string) counts as a possible match.
    static func escapedStringsContain(_ literal: UnsafeBufferPointer<UInt8>, in base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let marker: [UInt8] = [0x5C, 0x75]
        var position = 0
        while position < count {
            guard let hit = marker.withUnsafeBufferPointer({ find($0.baseAddress!, 2, in: base + position, count - position) }) else {
                return false
            }
            let backslash = position + hit
            // `\\u` is an escaped backslash followed by `u`, not an escape.
            var preceding = 0
            while backslash - preceding > 0, base[backslash - preceding - 1] == 0x5C { preceding += 1 }
            if preceding % 2 == 1 {
                position = backslash + 2
                continue
            }
            // The enclosing string: the nearest quotes before and after that are not escaped.
            var start = backslash - 1
            while start >= 0, !(base[start] == 0x22 && isUnescaped(base, start)) { start -= 1 }
            var end = backslash + 2
            while end < count, !(base[end] == 0x22 && isUnescaped(base, end)) { end += 1 }
            guard start >= 0, end < count else { return true }
            let length = end - (start + 1)
            let found = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { scratch -> Bool in
                let unescaped = JSONString.unescape(base, start + 1, end, into: scratch.baseAddress!)
                return literal.isEmpty || find(literal.baseAddress!, literal.count, in: scratch.baseAddress!, unescaped) != nil
            }
            if found { return true }
            position = end + 1
        }
        return false
    }

    /// Whether the byte at `index` is preceded by an even number of backslashes.
    private static func isUnescaped(_ base: UnsafePointer<UInt8>, _ index: Int) -> Bool {
        var preceding = 0
        while index - preceding > 0, base[index - preceding - 1] == 0x5C { preceding += 1 }
        return preceding % 2 == 0
    }
}

/// Numbers as written in JSON or in a pattern, to `Double`.
enum NumberParsing {
    /// Parses `count` bytes of a valid number (`-?digits(.digits)?([eE][+-]?digits)?`, a leading `+` allowed).
    /// Integers of up to 15 digits take an exact fast path; everything else goes through the correctly rounded
    /// standard-library parser (a small string, so no heap allocation for ordinary lengths).
    static func double(_ base: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        guard count > 0 else { return nil }
        var index = 0
        var negative = false
        if base[0] == UInt8(ascii: "-") || base[0] == UInt8(ascii: "+") {
            negative = base[0] == UInt8(ascii: "-")
            index = 1
        }
        if count - index <= 15 {
            var value: Int64 = 0
            var simple = index < count
            while index < count {
                let digit = base[index] &- 0x30
                guard digit < 10 else {
                    simple = false
                    break
                }
                value = value * 10 + Int64(digit)
                index += 1
            }
            if simple { return negative ? -Double(value) : Double(value) }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
        return Double(text)
    }

    static func double(_ bytes: ArraySlice<UInt8>) -> Double? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return double(base, buffer.count)
        }
    }
}

/// A string value with `*` wildcards, split: the text must start with `prefix`, end with `suffix`, and contain the
/// `middle` pieces in order between them (leftmost matching is exact for `*`-only globs; `JSONProgram` matches).
struct Glob: Sendable, Hashable {
    var prefix: [UInt8] = []
    var middle: [[UInt8]] = []
    var suffix: [UInt8] = []

    init(_ pattern: TextPattern) {
        var literals: [[UInt8]] = []
        var leadingWildcard = false
        var trailingWildcard = false
        for (position, part) in pattern.parts.enumerated() {
            switch part {
            case .literal(let text): literals.append(Array(text.utf8))
            case .wildcard:
                if position == 0 { leadingWildcard = true }
                if position == pattern.parts.count - 1 { trailingWildcard = true }
            }
        }
        if !leadingWildcard, !literals.isEmpty { prefix = literals.removeFirst() }
        if !trailingWildcard, !literals.isEmpty { suffix = literals.removeLast() }
        middle = literals
    }

    /// The literal pieces (every matching text contains each of them).
    var pieces: [[UInt8]] { ([prefix, suffix] + middle).filter { !$0.isEmpty } }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
