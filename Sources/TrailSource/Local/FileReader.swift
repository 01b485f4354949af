#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into a buffer reused from file to file (one reader per worker; not thread-safe).
public final class FileReader {
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int

    public init(initialCapacity: Int = 1 << 20) {
        capacity = initialCapacity
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// The file's bytes, valid until the next call.
    public func read(_ path: String) throws(SourceError) -> UnsafeRawBufferPointer {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SourceError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw SourceError(path: path, message: "cannot stat: \(String(cString: strerror(errno)))")
        }
        var expected = Int(info.st_size)
        if expected + 1 > capacity { grow(to: expected + 1, keeping: 0) }
        var total = 0
        while true {
            if total == capacity { grow(to: capacity * 2, keeping: total) }
            let count = Glibc.read(descriptor, buffer + total, capacity - total)
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceError(path: path, message: "read failed: \(String(cString: strerror(errno)))", offset: total)
            }
            if count == 0 { break }
            total += count
            // Files can grow while being read (a log being written); take what is there.
            if total >= expected && total < capacity { expected = total }
        }
        return UnsafeRawBufferPointer(start: buffer, count: total)
    }

    private func grow(to needed: Int, keeping used: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let newBuffer = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 64)
        newBuffer.copyMemory(from: buffer, byteCount: used)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }
}
