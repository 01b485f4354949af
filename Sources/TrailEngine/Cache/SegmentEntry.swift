#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrailColumnar
import TrailSource

/// One cache entry: the decoded columns of a segment (a run of log files of one folder), with the identity of
/// every file it was decoded from.
///
/// On disk: `TSQLSEG3` (entries of an older format fail it and are rebuilt), the header's length (u64), the
/// header, its CRC-32, then one blob per column
/// (`ColumnCodec`), each with its own CRC-32 in the header — so a query reads and checks only the columns it
/// needs. Every column holds every row of the segment.
struct SegmentEntry {
    struct File: Equatable {
        var path: String
        var size: Int
        var modificationTime: Int64
        /// The content version (an S3 object's ETag hash; 0 for local files).
        var version: UInt64
        var records: Int
    }

    struct ColumnInfo {
        var path: String
        var type: String
        var offset: Int
        var length: Int
        var checksum: UInt32
    }

    static let magic: [UInt8] = Array("TSQLSEG3".utf8)

    var files: [File]
    var rowCount: Int
    var columns: [ColumnInfo]

    /// Serialises the header for `columns` (offsets relative to the first blob).
    func encodeHeader() -> [UInt8] {
        var out: [UInt8] = []
        func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { out += $0 } }
        func text(_ value: String) { int(value.utf8.count); out += value.utf8 }
        int(rowCount)
        int(files.count)
        for file in files {
            text(file.path); int(file.size); int(Int(file.modificationTime)); int(Int(bitPattern: UInt(file.version))); int(file.records)
        }
        int(columns.count)
        for column in columns {
            text(column.path); text(column.type)
            int(column.offset); int(column.length); int(Int(column.checksum))
        }
        return out
    }

    /// Whether `bytes` are the UTF-8 of `first + second`, compared in place.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                guard a.count + b.count == bytes.count else { return false }
                if a.count > 0 && memcmp(a.baseAddress!, bytes.baseAddress!, a.count) != 0 { return false }
                return b.count == 0 || memcmp(b.baseAddress!, bytes.baseAddress! + a.count, b.count) == 0
            }
        }
    }

    struct Corrupt: Error {
        var reason: String
    }

    /// Decodes a header. With `expected`, file paths are compared in place instead of being decoded (PERF: a
    /// String per file was most of a warm query's entry reading over 200k files); `matches` tells whether
    /// every file has the expected path, size and modification time.
    static func decodeHeader(_ bytes: UnsafeRawBufferPointer, expected: ArraySlice<LogFile>? = nil) throws(Corrupt)
        -> (entry: SegmentEntry, matches: Bool)
    {
        var matches = true
        var offset = 0
        func int() throws(Corrupt) -> Int {
            guard offset + 8 <= bytes.count else { throw Corrupt(reason: "header truncated") }
            let value = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
            offset += 8
            return Int(value)
        }
        func count() throws(Corrupt) -> Int {
            let value = try int()
            guard value >= 0, value <= bytes.count - offset || value < 1 << 24 else { throw Corrupt(reason: "implausible count") }
            return value
        }
        func text() throws(Corrupt) -> String {
            let length = try count()
            guard offset + length <= bytes.count else { throw Corrupt(reason: "header truncated") }
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        }
        let rowCount = try count()
        var files: [File] = []
        let fileCount = try count()
        if let expected, expected.count != fileCount { matches = false }
        for index in 0..<fileCount {
            let path: String
            if let expected, matches {
                let length = try count()
                guard offset + length <= bytes.count else { throw Corrupt(reason: "header truncated") }
                let stored = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
                let file = expected[expected.startIndex + index]
                if !SegmentEntry.equals(stored, file.folder, file.name) { matches = false }
                offset += length
                path = ""
            } else {
                path = try text()
            }
            let entry = File(path: path, size: try int(), modificationTime: Int64(try int()),
                             version: UInt64(UInt(bitPattern: try int())), records: try int())
            if let expected, matches {
                let file = expected[expected.startIndex + index]
                if file.size != entry.size || file.modificationTime != entry.modificationTime || file.version != entry.version {
                    matches = false
                }
            }
            files.append(entry)
        }
        var columns: [ColumnInfo] = []
        for _ in 0..<(try count()) {
            let path = try text()
            let type = try text()
            columns.append(ColumnInfo(path: path, type: type, offset: try int(), length: try count(),
                                      checksum: UInt32(truncatingIfNeeded: try int())))
        }
        guard files.reduce(0, { $0 + $1.records }) == rowCount else { throw Corrupt(reason: "row count differs") }
        return (SegmentEntry(files: files, rowCount: rowCount, columns: columns), matches)
    }
}
