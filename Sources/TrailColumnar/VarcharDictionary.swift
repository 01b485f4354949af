#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The dictionary form of a varchar column in the cache: each distinct string once, and one small code per row.
///
/// CloudTrail's strings repeat: within a segment of ~1,000 records there are a few dozen event names, sources,
/// regions, error codes and identity types, and a few hundred principals and IP addresses. Stored plainly they
/// dominate a cache entry.
// PERF: over the benchmark's 1M events, Q3's cache entries (five columns) went from 186 to 78 MB, Q5's from 116 to
// 49 MB, Q4's from 197 to 151 MB. Copying Q3's entries into the page cache was 8.6% of its cold profile, now 2-4%;
// its cold run went from 3.39-3.46 to 3.01-3.50 s (interleaved runs, a noisy host); warm runs are unchanged.
struct VarcharDictionary {
    /// Each distinct string once: code `c` is `bytes[offsets[c]..<offsets[c+1]]`.
    var offsets: [UInt32] = [0]
    var bytes: [UInt8] = []
    /// One code per row (a NULL row has the code of its empty bytes).
    var codes: [UInt32] = []

    var distinct: Int { offsets.count - 1 }

    /// Bytes per code in the encoded form.
    var codeWidth: Int { distinct <= 1 << 8 ? 1 : distinct <= 1 << 16 ? 2 : 4 }

    /// Size of the dictionary form, to compare with the plain form's.
    var encodedSize: Int { 8 + offsets.count * 4 + 8 + bytes.count + 1 + codes.count * codeWidth }

    /// The dictionary of `column`, or nil when it would not pay (mostly distinct values, like event ids): after
    /// the first `probe` rows, more than `probe * 7/8` distinct strings gives up; overall, more than half.
    static func build(_ column: VarcharColumn, probe: Int = 256) -> VarcharDictionary? {
        let count = column.count
        guard count >= 16 else { return nil }
        var dictionary = VarcharDictionary()
        dictionary.codes.reserveCapacity(count)
        var table = [Int32](repeating: -1, count: 256)
        var hashes: [UInt64] = []
        var mask = table.count - 1
        let limit = count / 2
        let found = column.offsets.withUnsafeBufferPointer { offsets in
            column.bytes.withUnsafeBytes { source -> Bool in
                for row in 0..<count {
                    if row == probe && dictionary.distinct > probe * 7 / 8 { return false }
                    let start = Int(offsets[row]), end = Int(offsets[row + 1])
                    let value = UnsafeRawBufferPointer(rebasing: source[start..<end])
                    let hash = hashBytes(value)
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    var code: Int32 = -1
                    while table[slot] >= 0 {
                        let candidate = Int(table[slot])
                        if hashes[candidate] == hash && dictionary.equals(candidate, value) {
                            code = Int32(candidate)
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                    if code < 0 {
                        if dictionary.distinct >= limit { return false }
                        code = Int32(dictionary.distinct)
                        dictionary.bytes.append(contentsOf: value)
                        dictionary.offsets.append(UInt32(truncatingIfNeeded: dictionary.bytes.count))
                        hashes.append(hash)
                        table[slot] = code
                        if hashes.count * 2 > table.count {
                            table = rehash(hashes, capacity: table.count * 2)
                            mask = table.count - 1
                        }
                    }
                    dictionary.codes.append(UInt32(code))
                }
                return true
            }
        }
        return found ? dictionary : nil
    }

    private func equals(_ code: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        let start = Int(offsets[code]), end = Int(offsets[code + 1])
        guard end - start == value.count else { return false }
        return bytes.withUnsafeBytes { stored in
            value.count == 0 || memcmp(stored.baseAddress! + start, value.baseAddress!, value.count) == 0
        }
    }

    private static func rehash(_ hashes: [UInt64], capacity: Int) -> [Int32] {
        var table = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(code)
        }
        return table
    }

    /// A word-at-a-time multiply-mix hash; strings here are short (names, ARNs, addresses).
    private static func hashBytes(_ value: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(value.count)
        var index = 0
        while index + 8 <= value.count {
            let word = UInt64(littleEndian: value.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < value.count {
            tail |= UInt64(value[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }

    /// Writes the dictionary part (after the column header): distinct count, offsets, bytes, code width, codes.
    func encode(into out: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(distinct).littleEndian) { out += $0 }
        offsets.withUnsafeBytes { out += $0 }
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { out += $0 }
        out += bytes
        let width = codeWidth
        out.append(UInt8(width))
        switch width {
        case 1: out += codes.map { UInt8(truncatingIfNeeded: $0) }
        case 2: codes.map { UInt16(truncatingIfNeeded: $0).littleEndian }.withUnsafeBytes { out += $0 }
        default: codes.map { $0.littleEndian }.withUnsafeBytes { out += $0 }
        }
    }
}

extension ColumnCodec.Reader {
    /// Reads the dictionary part of a `count`-row column and expands it into the plain varchar form, checking every
    /// offset and code so that no input can index out of bounds.
    mutating func expandDictionary(_ count: Int, validity: Bitmap) throws(ColumnCodec.DecodeError) -> VarcharColumn {
        let distinct = try length()
        let offsets: [UInt32] = try array(distinct + 1)
        let byteCount = try length()
        let bytes: [UInt8] = try array(byteCount)
        guard offsets.first == 0, offsets.last.map({ Int($0) == byteCount }) == true,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw ColumnCodec.DecodeError(message: "bad dictionary offsets")
        }
        let width = Int(try byte())
        let codes: [UInt32]
        switch width {
        case 1: codes = (try array(count) as [UInt8]).map { UInt32($0) }
        case 2: codes = (try array(count) as [UInt16]).map { UInt32(UInt16(littleEndian: $0)) }
        case 4: codes = (try array(count) as [UInt32]).map { UInt32(littleEndian: $0) }
        default: throw ColumnCodec.DecodeError(message: "bad dictionary code width \(width)")
        }
        var total = 0
        for code in codes {
            guard Int(code) < distinct else { throw ColumnCodec.DecodeError(message: "dictionary code out of range") }
            total += Int(offsets[Int(code) + 1] - offsets[Int(code)])
        }
        guard total <= Int(UInt32.max) else { throw ColumnCodec.DecodeError(message: "implausible varchar size") }
        var rowOffsets = [UInt32](repeating: 0, count: count + 1)
        let expanded = [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
            bytes.withUnsafeBytes { source in
                var position = 0
                for (row, code) in codes.enumerated() {
                    let start = Int(offsets[Int(code)]), length = Int(offsets[Int(code) + 1]) - start
                    if length > 0 {
                        (out.baseAddress! + position).initialize(
                            from: source.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, count: length)
                    }
                    position += length
                    rowOffsets[row + 1] = UInt32(truncatingIfNeeded: position)
                }
            }
            initialized = total
        }
        return VarcharColumn(offsets: rowOffsets, bytes: expanded, validity: validity)
    }
}
