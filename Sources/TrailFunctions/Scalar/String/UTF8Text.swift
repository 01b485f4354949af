/// Byte-level UTF-8 helpers shared by the string functions: Trino counts and slices strings by code points, and a
/// substring search over valid UTF-8 bytes always lands on code-point boundaries.
///
///     UTF8Text.codePointCount(bytes of "naïve")   // 5 (6 bytes)
enum UTF8Text {
    @inline(__always) static func isLeadByte(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }

    static func codePointCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>? = nil) -> Int {
        var count = 0
        for index in range ?? 0..<bytes.count where isLeadByte(bytes[index]) { count += 1 }
        return count
    }

    /// The byte offset `count` code points after `start`, or nil past the end (the end itself is allowed).
    static func offset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, advancingBy count: Int) -> Int? {
        var position = start
        var remaining = count
        while remaining > 0 {
            guard position < bytes.count else { return nil }
            position += 1
            while position < bytes.count, !isLeadByte(bytes[position]) { position += 1 }
            remaining -= 1
        }
        return position
    }

    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty else { return start }
        guard haystack.count - start >= needle.count else { return nil }
        var index = start
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The last occurrence starting at or before `start`.
    static func findLast(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, atOrBefore start: Int)
        -> Int?
    {
        var index = min(start, haystack.count - needle.count)
        while index >= 0 {
            var matched = 0
            while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
            if matched == needle.count { return index }
            index -= 1
        }
        return nil
    }

    /// Runs `body` over the UTF-8 bytes of two strings (test and constant-folding conveniences).
    static func withRawBytes<Result>(
        _ first: String, _ second: String,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws(FunctionError) -> Result
    ) throws(FunctionError) -> Result {
        let firstBytes = Array(first.utf8)
        let secondBytes = Array(second.utf8)
        return try firstBytes.withUnsafeBufferPointer { (firstBuffer) throws(FunctionError) -> Result in
            try secondBytes.withUnsafeBufferPointer { (secondBuffer) throws(FunctionError) -> Result in
                try body(UnsafeRawBufferPointer(firstBuffer), UnsafeRawBufferPointer(secondBuffer))
            }
        }
    }

    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
