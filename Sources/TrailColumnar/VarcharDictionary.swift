import TrailBase

/// The dictionary form of a varchar column in the cache: each distinct string once, and one small code per row.
///
/// CloudTrail's strings repeat: within a segment of ~1,000 records there are a few dozen event names, sources,
/// regions, error codes and identity types, and a few hundred principals and IP addresses. Stored plainly they
/// dominate a cache entry.
// PERF: over the benchmark's 1M events, Q3's cache entries (five columns) went from 186 to 78 MB, Q5's from 116 to
// 49 MB, Q4's from 197 to 151 MB. Copying Q3's entries into the page cache was 8.6% of its cold profile, now 2-4%;
// its cold run went from 3.39-3.46 to 3.01-3.50 s (interleaved runs, a noisy host); warm runs are unchanged.
struct VarcharDictionary {
    /// Each distinct string once: code `c` is key `c` of the table.
    var values = ByteKeyTable()
    /// One code per row (a NULL row has the code of its empty bytes).
    var codes: [UInt32] = []

    var distinct: Int { values.count }

    /// Bytes per code in the encoded form.
    var codeWidth: Int { distinct <= 1 << 8 ? 1 : distinct <= 1 << 16 ? 2 : 4 }

    /// Size of the dictionary form, to compare with the plain form's.
    var encodedSize: Int { 8 + (distinct + 1) * 4 + 8 + values.keyBytes.count + 1 + codes.count * codeWidth }

    /// The dictionary of `column`, or nil when it would not pay (mostly distinct values, like event ids): after
    /// the first `probe` rows, more than `probe * 7/8` distinct strings gives up; overall, more than half.
    static func build(_ column: VarcharColumn, probe: Int = 256) -> VarcharDictionary? {
        let count = column.count
        guard count >= 16 else { return nil }
        var dictionary = VarcharDictionary()
        dictionary.codes.reserveCapacity(count)
        let found = column.bytes.withUnsafeBytes { source -> Bool in
            for row in 0..<count {
                if row == probe && dictionary.distinct > probe * 7 / 8 { return false }
                let value = UnsafeRawBufferPointer(rebasing: source[Int(column.offsets[row])..<Int(column.offsets[row + 1])])
                let (code, inserted) = dictionary.values.id(of: value)
                if inserted && dictionary.distinct > count / 2 { return false }
                dictionary.codes.append(UInt32(code))
            }
            return true
        }
        return found ? dictionary : nil
    }

    /// Writes the dictionary part (after the column header): distinct count, offsets, bytes, code width, codes.
    func encode(into out: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(distinct).littleEndian) { out += $0 }
        values.keyStarts.map { UInt32(truncatingIfNeeded: $0).littleEndian }.withUnsafeBytes { out += $0 }
        withUnsafeBytes(of: UInt64(values.keyBytes.count).littleEndian) { out += $0 }
        out += values.keyBytes
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
