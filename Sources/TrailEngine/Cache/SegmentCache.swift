#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import TrailColumnar
import TrailSource

/// The persistent cache of decoded columns (`~/.cache/trailsql` by default): one entry file per segment of
/// log files, named by a hash of the segment's key, under `<directory>/v1/<2 hex>/`.
///
/// An entry is served only if every file of the segment still has the absolute path, size and modification time
/// (and for S3 the ETag) it was decoded from; a changed or vanished file makes it a miss. Every byte read back is checked (CRC-32 of
/// the header and of each column) and a corrupt entry is deleted and rebuilt, never trusted. Entries are
/// written to a temporary file and renamed, so a reader never sees half an entry. When the cache grows past
/// its size limit, the least recently used entries go.
public final class SegmentCache: Sendable {
    public let directory: String
    public let sizeLimit: Int
    let counters = Mutex(Counters())

    struct Counters {
        var bytesWritten = 0
        var corrupt = 0
    }

    public static let defaultSizeLimit = 2 << 30

    public init(directory: String, sizeLimit: Int = SegmentCache.defaultSizeLimit) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.sizeLimit = sizeLimit
    }

    /// `$XDG_CACHE_HOME/trailsql`, else `~/.cache/trailsql`.
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/trailsql" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/trailsql" }
        return nil
    }

    var root: String { directory + "/v1" }

    func entryPath(_ key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        let name = String(repeating: "0", count: 16 - hex.count) + hex
        return root + "/" + name.prefix(2) + "/" + name + ".seg"
    }

    /// An open entry: its header, and the columns read on demand.
    final class Reader {
        let descriptor: Int32
        let entry: SegmentEntry
        let dataStart: Int
        /// Every file of the segment has the path, size and modification time the entry was made from.
        let matches: Bool

        init(descriptor: Int32, entry: SegmentEntry, dataStart: Int, matches: Bool) {
            self.descriptor = descriptor
            self.entry = entry
            self.dataStart = dataStart
            self.matches = matches
        }

        deinit { close(descriptor) }

        /// The raw blob of `info`, checked against its CRC.
        func blob(_ info: SegmentEntry.ColumnInfo) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: info.length)
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, info.length, off_t(dataStart + info.offset)) }
            guard read == info.length, bytes.withUnsafeBytes({ crc32($0) }) == info.checksum else { return nil }
            return bytes
        }

        func column(_ info: SegmentEntry.ColumnInfo, as type: LogicalType) -> Column? {
            guard let bytes = blob(info) else { return nil }
            return bytes.withUnsafeBytes { raw -> Column? in
                var offset = 0
                guard let column = try? ColumnCodec.decode(raw, at: &offset, as: type), offset == raw.count else { return nil }
                return column
            }
        }
    }

    /// Opens the entry for `key`, or nil when there is none or it is corrupt (then it is deleted). `expected`
    /// holds the segment's files now, checked against the entry's (`Reader.matches`).
    func open(_ key: String, expected: SegmentEntry.Expected) -> Reader? {
        let path = entryPath(key)
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard let header = SegmentCache.readHeader(descriptor, expected: expected) else { return corrupt(path, descriptor) }
        // Least recently used goes first: a hit counts as a use.
        if header.matches { futimens(descriptor, nil) }
        return Reader(descriptor: descriptor, entry: header.entry, dataStart: header.dataStart, matches: header.matches)
    }

    /// Reads and checks an entry's magic, header and header CRC; nil when any of them is wrong.
    static func readHeader(_ descriptor: Int32, expected: SegmentEntry.Expected? = nil)
        -> (entry: SegmentEntry, matches: Bool, dataStart: Int)?
    {
        var prefix = [UInt8](repeating: 0, count: 16)
        guard prefix.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 16, 0) }) == 16,
              Array(prefix[0..<8]) == SegmentEntry.magic else { return nil }
        let length = Int(Int64(littleEndian: prefix.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: Int64.self) }))
        guard length > 0, length < 1 << 30 else { return nil }
        var header = [UInt8](repeating: 0, count: length + 4)
        guard header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, length + 4, 16) }) == length + 4 else { return nil }
        return header.withUnsafeBytes { raw -> (entry: SegmentEntry, matches: Bool, dataStart: Int)? in
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<length])
            guard crc32(body) == UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: length, as: UInt32.self)),
                  let decoded = try? SegmentEntry.decodeHeader(body, expected: expected) else { return nil }
            return (decoded.entry, decoded.matches, 16 + length + 4)
        }
    }

    private func corrupt(_ path: String, _ descriptor: Int32) -> Reader? {
        close(descriptor)
        unlink(path)
        counters.withLock { $0.corrupt += 1 }
        return nil
    }

    /// Notes that a column of an entry failed its check: the entry is deleted (and rebuilt by the caller).
    func discard(_ key: String) {
        unlink(entryPath(key))
        counters.withLock { $0.corrupt += 1 }
    }

    /// Writes an entry: `columns` are (info without offsets, blob bytes).
    func write(_ key: String, folder: String, files: [SegmentEntry.File], rowCount: Int,
               columns: [(SegmentEntry.ColumnInfo, [UInt8])], view: SegmentEntry.View? = nil) {
        var infos: [SegmentEntry.ColumnInfo] = []
        var offset = 0
        for (info, blob) in columns {
            var placed = info
            placed.offset = offset
            placed.length = blob.count
            placed.checksum = blob.withUnsafeBytes { crc32($0) }
            infos.append(placed)
            offset += blob.count
        }
        let entry = SegmentEntry(folder: folder, files: files, rowCount: rowCount, columns: infos, view: view)
        let header = entry.encodeHeader()
        var out = SegmentEntry.magic
        withUnsafeBytes(of: Int64(header.count).littleEndian) { out += $0 }
        out += header
        withUnsafeBytes(of: header.withUnsafeBytes { crc32($0) }.littleEndian) { out += $0 }
        for (_, blob) in columns { out += blob }

        let path = entryPath(key)
        let folder = String(path[..<path.lastIndex(of: "/")!])
        SegmentCache.makeDirectories(folder)
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }  // a read-only or full cache only costs speed
        var written = 0
        while written < out.count {
            let count = out.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, out.count - written) }
            if count <= 0 { break }
            written += count
        }
        close(descriptor)
        if written == out.count, rename(temporary, path) == 0 {
            counters.withLock { $0.bytesWritten += out.count }
        } else {
            unlink(temporary)
        }
    }

    static func makeDirectories(_ path: String) {
        var current = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            current += current.isEmpty && path.hasPrefix("/") ? "/" : (current.isEmpty ? "" : "/")
            current += component
            if !current.isEmpty && current != "/" { mkdir(current, 0o755) }
        }
    }

    // MARK: maintenance

    public struct Statistics: Sendable {
        public var entries = 0
        public var bytes = 0
        /// Files and rows of the whole entries.
        public var files = 0
        public var rows = 0
        /// Needle views (`SegmentEntry.View`, counted in `entries`), the files they cover and the rows they keep.
        public var views = 0
        public var viewFiles = 0
        public var viewRows = 0
        public var corrupt = 0
    }

    struct EntryFile {
        var path: String
        var size: Int
        var accessed: Int64
    }

    func entryFiles() -> [EntryFile] {
        var found: [EntryFile] = []
        guard let top = opendir(root) else { return [] }
        defer { closedir(top) }
        while let bucket = readdir(top) {
            let name = SegmentCache.name(bucket)
            guard name.count == 2 else { continue }
            let folder = root + "/" + name
            guard let inner = opendir(folder) else { continue }
            while let item = readdir(inner) {
                let file = SegmentCache.name(item)
                guard file.hasSuffix(".seg") || file.contains(".seg.tmp-") else { continue }
                var info = stat()
                let path = folder + "/" + file
                guard stat(path, &info) == 0 else { continue }
                #if canImport(Darwin)
                let time = Int64(info.st_mtimespec.tv_sec)
                #else
                let time = Int64(info.st_mtim.tv_sec)
                #endif
                found.append(EntryFile(path: path, size: Int(info.st_size), accessed: time))
            }
            closedir(inner)
        }
        return found
    }

    static func name(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
    }

    /// Deletes the least recently used entries until the cache is within 90% of its limit (when it is over).
    /// Returns how many were deleted.
    @discardableResult
    public func evictIfNeeded() -> Int {
        var files = entryFiles()
        var total = files.reduce(0) { $0 + $1.size }
        guard total > sizeLimit else { return 0 }
        files.sort { ($0.accessed, $0.path) < ($1.accessed, $1.path) }
        var deleted = 0
        for file in files where total > sizeLimit / 10 * 9 {
            if unlink(file.path) == 0 {
                total -= file.size
                deleted += 1
            }
        }
        return deleted
    }

    /// Walks every entry (headers only) for `trailsql cache stats`.
    public func statistics() -> Statistics {
        var result = Statistics()
        for file in entryFiles() where file.path.hasSuffix(".seg") {
            result.entries += 1
            result.bytes += file.size
            let descriptor = Glibc.open(file.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            guard let entry = SegmentCache.readHeader(descriptor)?.entry else {
                result.corrupt += 1
                continue
            }
            if entry.view == nil {
                result.files += entry.files.count
                result.rows += entry.rowCount
            } else {
                result.views += 1
                result.viewFiles += entry.files.count
                result.viewRows += entry.rowCount
            }
        }
        return result
    }

    /// Deletes every entry; returns how many files went.
    @discardableResult
    public func clear() -> Int {
        var deleted = 0
        for file in entryFiles() where unlink(file.path) == 0 { deleted += 1 }
        if let top = opendir(root) {
            var buckets: [String] = []
            while let bucket = readdir(top) {
                let name = SegmentCache.name(bucket)
                if name.count == 2 { buckets.append(root + "/" + name) }
            }
            closedir(top)
            for bucket in buckets { rmdir(bucket) }
        }
        rmdir(root)
        return deleted
    }

    /// Corrupt entries met since this cache object was made.
    public var corruptEntries: Int { counters.withLock { $0.corrupt } }
    public var bytesWritten: Int { counters.withLock { $0.bytesWritten } }
}
