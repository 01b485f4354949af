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
/// On disk: `TSQLSEG5` (entries of an older format fail it and are rebuilt), the header's length (u64), the
/// header, its CRC-32, then one blob per column (`ColumnCodec`), each with its own CRC-32 in the header — so a
/// query reads and checks only the columns it needs. Every column holds every row of the segment, or, in a
/// needle view (`View`), every row of the records that may hold a query's search text.
///
/// The header holds the segment's absolute folder once, then per file its name front-coded against the previous
/// one (the length shared with it, then the rest), size, modification time, version and record count, all
/// integers as LEB128 varints. Last comes the view: 0, or 1, its needles and per file its kept rows and whether
/// its text was skipped.
/// PERF: full paths and fixed 8-byte integers made the headers most of the 47 MB a count(*) over 213,864 files
/// caches; front-coded names and varints take the entries to 12 MB (3.9× smaller). A warm run whose entries are
/// in the page cache is no faster (its `stat`s dominate); one whose entries were evicted reads a quarter.
struct SegmentEntry {
    struct File: Equatable {
        var name: String
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

    /// An entry made by a scan with search text (`TextNeedles`) holds only the rows of the records that may
    /// contain it: files (or, for wide scans, records) without it were never parsed. It serves only scans with
    /// the same needles, tested the same way; `File.records` still counts every record the scan met.
    struct View: Equatable {
        /// The needles and how they were tested (`SegmentScan.viewName`).
        var needles: String
        /// Per file: the rows it contributes to the columns.
        var rows: [Int]
        /// Per file: its text lacked the needles, so it was not parsed.
        var textSkipped: [Bool]
    }

    static let magic: [UInt8] = Array("TSQLSEG5".utf8)

    /// The absolute folder of every file (`CacheIdentity.folder`).
    var folder: String
    var files: [File]
    /// Rows in each column: the files' records, or the view's rows.
    var rowCount: Int
    var columns: [ColumnInfo]
    var view: View?

    /// Each file's rows in the columns.
    var rowsPerFile: [Int] { view?.rows ?? files.map(\.records) }

    /// Serialises the header for `columns` (offsets relative to the first blob).
    func encodeHeader() -> [UInt8] {
        var out: [UInt8] = []
        func int(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                out.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            out.append(UInt8(value))
        }
        func int(_ value: Int) { int(UInt64(bitPattern: Int64(value))) }
        func text(_ value: String) { int(value.utf8.count); out += value.utf8 }
        int(rowCount)
        text(folder)
        int(files.count)
        var previous: [UInt8] = []
        for file in files {
            let name = Array(file.name.utf8)
            var shared = 0
            while shared < min(name.count, previous.count) && name[shared] == previous[shared] { shared += 1 }
            int(shared)
            int(name.count - shared)
            out += name[shared...]
            int(file.size); int(UInt64(bitPattern: file.modificationTime)); int(file.version); int(file.records)
            previous = name
        }
        int(columns.count)
        for column in columns {
            text(column.path); text(column.type)
            int(column.offset); int(column.length); int(Int(column.checksum))
        }
        if let view {
            int(1)
            text(view.needles)
            for (rows, skipped) in zip(view.rows, view.textSkipped) { int(rows << 1 | (skipped ? 1 : 0)) }
        } else {
            int(0)
        }
        return out
    }

    struct Corrupt: Error {
        var reason: String
    }

    /// What a header is checked against: the segment's files now, their absolute folder, and the needles of
    /// the view wanted (nil: a whole entry).
    struct Expected {
        var folder: String
        var files: ArraySlice<LogFile>
        var needles: String? = nil
    }

    /// Decodes a header. With `expected`, names are compared in place instead of being decoded (PERF: a String
    /// per file was most of a warm query's entry reading over 200k files); `matches` tells whether every file
    /// has the expected folder, name, size, modification time and version.
    static func decodeHeader(_ bytes: UnsafeRawBufferPointer, expected: Expected? = nil) throws(Corrupt)
        -> (entry: SegmentEntry, matches: Bool)
    {
        var matches = true
        var offset = 0
        func int() throws(Corrupt) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count, shift < 64 else { throw Corrupt(reason: "header truncated") }
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
        /// A length or a number of items: each item takes at least one byte, so it cannot exceed what is left.
        func count() throws(Corrupt) -> Int {
            let value = try int()
            guard value <= UInt64(bytes.count - offset) else { throw Corrupt(reason: "implausible count") }
            return Int(value)
        }
        func number() throws(Corrupt) -> Int {
            let value = try int()
            guard value <= UInt64(Int.max) else { throw Corrupt(reason: "implausible number") }
            return Int(value)
        }
        func slice() throws(Corrupt) -> UnsafeRawBufferPointer {
            let length = try count()
            guard offset + length <= bytes.count else { throw Corrupt(reason: "header truncated") }
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        }
        func text() throws(Corrupt) -> String { String(decoding: try slice(), as: UTF8.self) }

        let rowCount = try number()
        let folder = try text()
        let fileCount = try count()
        if let expected, expected.files.count != fileCount || expected.folder != folder { matches = false }
        var files: [File] = []
        files.reserveCapacity(fileCount)
        var previous: [UInt8] = []
        for index in 0..<fileCount {
            let shared = try number()
            let rest = try slice()
            var name = ""
            if let expected, matches {
                // The previous name matched, so the shared part is the previous expected name's.
                var expectedName = expected.files[expected.files.startIndex + index].name
                var previousName = index > 0 ? expected.files[expected.files.startIndex + index - 1].name : ""
                matches = expectedName.withUTF8 { now in
                    previousName.withUTF8 { before in
                        shared <= before.count && now.count == shared + rest.count
                            && (shared == 0 || memcmp(now.baseAddress!, before.baseAddress!, shared) == 0)
                            && (rest.isEmpty || memcmp(now.baseAddress! + shared, rest.baseAddress!, rest.count) == 0)
                    }
                }
            } else if expected == nil {
                guard shared <= previous.count else { throw Corrupt(reason: "bad name prefix") }
                previous = Array(previous[..<shared]) + rest
                name = String(decoding: previous, as: UTF8.self)
            }
            let file = File(name: name, size: try number(), modificationTime: Int64(bitPattern: try int()),
                            version: try int(), records: try number())
            if let expected, matches {
                let now = expected.files[expected.files.startIndex + index]
                if now.size != file.size || now.modificationTime != file.modificationTime || now.version != file.version {
                    matches = false
                }
            }
            files.append(file)
        }
        var columns: [ColumnInfo] = []
        for _ in 0..<(try count()) {
            let path = try text()
            let type = try text()
            columns.append(ColumnInfo(path: path, type: type, offset: try number(), length: try number(),
                                      checksum: UInt32(truncatingIfNeeded: try int())))
        }
        var view: View?
        switch try int() {
        case 0:
            break
        case 1:
            var found = View(needles: try text(), rows: [], textSkipped: [])
            for file in files {
                let value = try number()
                let rows = value >> 1
                // A view keeps some of a file's records, and none of a file it did not parse.
                guard rows <= file.records, value & 1 == 0 || file.records == 0 else { throw Corrupt(reason: "view rows exceed records") }
                found.rows.append(rows)
                found.textSkipped.append(value & 1 == 1)
            }
            view = found
        default:
            throw Corrupt(reason: "unknown view kind")
        }
        if let expected, expected.needles != view?.needles { matches = false }
        guard offset == bytes.count else { throw Corrupt(reason: "bytes after the header") }
        let entry = SegmentEntry(folder: folder, files: files, rowCount: rowCount, columns: columns, view: view)
        guard entry.rowsPerFile.reduce(0, +) == rowCount else { throw Corrupt(reason: "row count differs") }
        return (entry, matches)
    }
}
