import TrailBase

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

    /// Unescapes the JSON string content `start..<end` (already validated by the cursor) into `output`, which must
    /// hold at least `end - start` bytes (unescaping never lengthens a string). Returns the unescaped length.
    /// Lone surrogates become U+FFFD, as `JSONCursor.appendUnescaped` does.
    static func unescape(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var index = start
        var count = 0
        while index < end {
            let byte = base[index]
            guard byte == 0x5C, index + 1 < end else {
                output[count] = byte
                count += 1
                index += 1
                continue
            }
            let kind = base[index + 1]
            index += 2
            switch kind {
            case 0x62: output[count] = 0x08; count += 1
            case 0x66: output[count] = 0x0C; count += 1
            case 0x6E: output[count] = 0x0A; count += 1
            case 0x72: output[count] = 0x0D; count += 1
            case 0x74: output[count] = 0x09; count += 1
            case 0x75:
                guard index + 4 <= end, var scalar = hex4(base, index) else {
                    output[count] = kind
                    count += 1
                    continue
                }
                index += 4
                if scalar & 0xFC00 == 0xD800 {
                    if index + 6 <= end, base[index] == 0x5C, base[index + 1] == 0x75, let low = hex4(base, index + 2),
                        low & 0xFC00 == 0xDC00
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar & 0xFC00 == 0xDC00 {
                    scalar = 0xFFFD
                }
                count += encodeUTF8(scalar, into: output + count)
            default:
                output[count] = kind  // \" \\ \/
                count += 1
            }
        }
        return count
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
                let unescaped = unescape(base, start + 1, end, into: scratch.baseAddress!)
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

    static func hex4(_ base: UnsafePointer<UInt8>, _ at: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = base[at + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x37)
            case 0x61...0x66: digit = UInt32(byte - 0x57)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    static func encodeUTF8(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(0xC0 | scalar >> 6)
            output[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(0xE0 | scalar >> 12)
            output[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            output[0] = UInt8(0xF0 | scalar >> 18)
            output[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            output[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
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
