// inflate-limit: the physical limit a scan of gzipped logs can reach on this machine — read every file and inflate
// it into a reused buffer, on N threads, doing nothing with the bytes. The query benchmark divides trailsql's
// throughput by this one's (issue 4: ≥ 0.6×). `--zlib` measures zlib instead of libdeflate on the same files.
//
// Usage: inflate-limit FILELIST [--threads N] [--zlib]   (FILELIST: NUL-separated paths)
// Prints: files, inflated bytes, seconds, MB/s of inflated output.
#if canImport(Glibc)
import Glibc
#endif
import CTrailZlib
import Dispatch
import Synchronization
import TrailBase
import TrailSource

func seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// zlib's streaming inflate into a reused 1 MiB buffer (the fallback engine, measured for comparison).
final class ZlibInflater {
    var out = [UInt8](repeating: 0, count: 1 << 20)

    func inflate(_ input: UnsafeRawBufferPointer) -> Int {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return 0 }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        var total = 0
        while true {
            let status: Int32 = out.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                let status = CTrailZlib.inflate(&stream, Z_NO_FLUSH)
                total += buffer.count - Int(stream.avail_out)
                return status
            }
            if status == Z_STREAM_END {
                if stream.avail_in == 0 { return total }
                inflateReset(&stream)
            } else if status != Z_OK {
                return total
            }
        }
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var threads = 2
var useZlib = false
if let index = arguments.firstIndex(of: "--threads"), index + 1 < arguments.count {
    threads = Int(arguments[index + 1]) ?? 2
    arguments.removeSubrange(index...(index + 1))
}
if let index = arguments.firstIndex(of: "--zlib") {
    useZlib = true
    arguments.remove(at: index)
}
guard let listPath = arguments.first else {
    print("usage: inflate-limit FILELIST [--threads N] [--zlib]")
    exit(2)
}
let listReader = FileReader()
let list = try listReader.read(listPath)
let zlibMode = useZlib
let paths = list.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }

let next = Atomic<Int>(0)
let inflatedTotal = Atomic<Int>(0)
let start = seconds()
let workers = (0..<threads).map { _ in
    WorkerThread.start {
        let reader = FileReader()
        let inflater = Inflater()
        let zlib = ZlibInflater()
        var inflated = 0
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            if index >= paths.count { break }
            guard let raw = try? reader.read(paths[index]) else { continue }
            if zlibMode {
                inflated += zlib.inflate(raw)
            } else if let bytes = try? inflater.inflate(raw) {
                inflated += bytes.count
            }
        }
        inflatedTotal.add(inflated, ordering: .relaxed)
    }
}
for worker in workers { worker.join() }
let elapsed = seconds() - start
let bytes = inflatedTotal.load(ordering: .relaxed)
print("files \(paths.count) inflated \(bytes) seconds \(elapsed) MB/s \(Double(bytes) / 1e6 / elapsed)")
