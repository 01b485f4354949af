import TrailBase
/// An append-only byte buffer for writing compact JSON by hand.
///
/// Static parts (keys, punctuation, fixed values) are appended as `StaticString` bytes; dynamic values go through
/// `text(_:)`, which escapes quotes, backslashes and control characters and passes other UTF-8 through.
/// PERF: the generator writes every record through this type into one reused buffer per worker; there is no
/// `String` per field and no intermediate tree.
struct JSONOut {
    var bytes: [UInt8]

    init(capacity: Int = 1 << 20) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    /// `arn:aws:<service>:<region>:<account>:<resource><id>`; global services have no region.
    mutating func arn(_ service: StaticString, region: [UInt8]?, account: [UInt8], _ resource: StaticString, _ id: [UInt8]) {
        raw("arn:aws:")
        raw(service)
        byte(0x3A)
        if let region { raw(region) }
        byte(0x3A)
        raw(account)
        byte(0x3A)
        raw(resource)
        text(id)
    }

    @inline(__always) mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func raw(_ b: [UInt8]) {
        bytes.append(contentsOf: b)
    }

    @inline(__always) mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// Appends the JSON string body of `b` (no surrounding quotes), escaping what JSON requires.
    mutating func text(_ b: [UInt8]) {
        var needs = false
        for c in b where c < 0x20 || c == 0x22 || c == 0x5C {
            needs = true
            break
        }
        if !needs {
            bytes.append(contentsOf: b)
            return
        }
        for c in b {
            switch c {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x08: bytes.append(0x5C); bytes.append(0x62)
            case 0x0C: bytes.append(0x5C); bytes.append(0x66)
            case 0..<0x20:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                bytes.append(JSONOut.hexDigits[Int(c >> 4)])
                bytes.append(JSONOut.hexDigits[Int(c & 15)])
            default: bytes.append(c)
            }
        }
    }

    /// Appends `"` + escaped `b` + `"`.
    mutating func quoted(_ b: [UInt8]) {
        bytes.append(0x22)
        text(b)
        bytes.append(0x22)
    }

    /// Appends `"key":"value"` with `value` escaped; `key` is a static, already-valid JSON key.
    mutating func field(_ key: StaticString, _ value: [UInt8]) {
        bytes.append(0x22)
        raw(key)
        raw("\":\"")
        text(value)
        bytes.append(0x22)
    }

    mutating func bool(_ v: Bool) {
        if v { raw("true") } else { raw("false") }
    }

    mutating func int(_ v: Int) {
        if v < 0 {
            bytes.append(0x2D)
            uint(UInt64(-(v + 1)) + 1)
        } else {
            uint(UInt64(v))
        }
    }

    mutating func uint(_ v: UInt64) {
        if v < 10 {
            bytes.append(0x30 &+ UInt8(v))
            return
        }
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        var n = v
        var len = 0
        withUnsafeMutableBytes(of: &tmp) { p in
            while n > 0 {
                p[23 - len] = 0x30 &+ UInt8(n % 10)
                n /= 10
                len += 1
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[(24 - len)...]))
        }
    }

    /// Appends `v` zero-padded to `width` digits.
    mutating func padded(_ v: Int, width: Int) {
        var d = 1
        for _ in 1..<width { d *= 10 }
        var n = v
        while d > 0 {
            bytes.append(0x30 &+ UInt8(n / d % 10))
            n %= d
            d /= 10
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    static let alnum: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    static let upperAlnum: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    static let base32: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    static let base64: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `n` lowercase hex digits.
    mutating func hex(_ rng: inout TrailRandom, _ n: Int) {
        var left = n
        while left > 0 {
            var r = rng.next()
            let take = min(left, 16)
            for _ in 0..<take {
                bytes.append(JSONOut.hexDigits[Int(r & 15)])
                r >>= 4
            }
            left -= take
        }
    }

    /// `n` characters drawn from `alphabet` (whose count is a power of two up to 64).
    mutating func chars(_ rng: inout TrailRandom, _ n: Int, from alphabet: [UInt8]) {
        let mask = UInt64(alphabet.count - 1)
        let bits = UInt64(mask.nonzeroBitCount)
        var left = n
        while left > 0 {
            var r = rng.next()
            var avail = 64 / bits
            while avail > 0 && left > 0 {
                bytes.append(alphabet[Int(r & mask)])
                r >>= bits
                avail -= 1
                left -= 1
            }
        }
    }

    /// `n` characters drawn uniformly from `alphabet` (any size).
    mutating func charsUniform(_ rng: inout TrailRandom, _ n: Int, from alphabet: [UInt8]) {
        for _ in 0..<n { bytes.append(alphabet[rng.below(alphabet.count)]) }
    }

    /// A random version-4 UUID, lowercase (`8-4-4-4-12`).
    mutating func uuid(_ rng: inout TrailRandom) {
        var a = rng.next()
        var b = rng.next()
        // version 4 and RFC 4122 variant
        a = (a & ~(0xF << 12)) | (0x4 << 12)
        b = (b & ~(0x3 << 62)) | (0x2 << 62)
        let d = JSONOut.hexDigits
        for i in 0..<16 {
            if i == 8 || i == 12 { bytes.append(0x2D) }
            bytes.append(d[Int((a >> UInt64(60 - 4 * i)) & 15)])
        }
        bytes.append(0x2D)
        for i in 0..<16 {
            if i == 4 { bytes.append(0x2D) }
            bytes.append(d[Int((b >> UInt64(60 - 4 * i)) & 15)])
        }
    }

    /// A UUID-shaped id whose third group starts with 3 (as CloudTrail's eventIDs for many services do).
    mutating func uuidV3(_ rng: inout TrailRandom) {
        let start = bytes.count
        uuid(&rng)
        bytes[start + 14] = 0x33
    }

    /// An S3-style request id: 16 characters of `[A-Z0-9]`.
    mutating func s3RequestID(_ rng: inout TrailRandom) {
        charsUniform(&rng, 16, from: JSONOut.upperAlnum)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    mutating func isoTime(_ t: Int64) {
        let c = CivilTime(epochSeconds: t)
        padded(c.year, width: 4)
        bytes.append(0x2D)
        padded(c.month, width: 2)
        bytes.append(0x2D)
        padded(c.day, width: 2)
        bytes.append(0x54)
        padded(c.hour, width: 2)
        bytes.append(0x3A)
        padded(c.minute, width: 2)
        bytes.append(0x3A)
        padded(c.second, width: 2)
        bytes.append(0x5A)
    }

    /// `Mon D, YYYY, H:MM:SS AM` as STS writes credential expirations.
    mutating func stsTime(_ t: Int64) {
        let c = CivilTime(epochSeconds: t)
        raw(CivilTime.monthAbbrev[c.month - 1])
        bytes.append(0x20)
        int(c.day)
        raw(", ")
        int(c.year)
        raw(", ")
        let h12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        int(h12)
        bytes.append(0x3A)
        padded(c.minute, width: 2)
        bytes.append(0x3A)
        padded(c.second, width: 2)
        raw(c.hour < 12 ? " AM" : " PM")
    }

    /// A dotted IPv4 address.
    mutating func ipv4(_ v: UInt32) {
        int(Int(v >> 24))
        bytes.append(0x2E)
        int(Int((v >> 16) & 255))
        bytes.append(0x2E)
        int(Int((v >> 8) & 255))
        bytes.append(0x2E)
        int(Int(v & 255))
    }
}

/// A UTC calendar time split into fields, converted with Howard Hinnant's days-from-civil algorithms.
struct CivilTime: Equatable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    static let monthAbbrev: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    init(epochSeconds t: Int64) {
        var days = t / 86_400
        var secs = t % 86_400
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        let date = CivilDate(dayNumber: Int(days))
        year = date.year
        month = date.month
        day = date.day
        hour = Int(secs / 3600)
        minute = Int(secs % 3600 / 60)
        second = Int(secs % 60)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    var epochSeconds: Int64 {
        Int64(CivilDate(year: year, month: month, day: day).dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses `YYYY-MM-DD` (a real calendar date), or returns nil.
    static func parseDate(_ s: String) -> CivilTime? {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] &- 0x30 < 10 else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), (1...12).contains(m), d >= 1 else {
            return nil
        }
        let c = CivilTime(year: y, month: m, day: d)
        // Round-trip to reject 2026-02-30 and friends.
        guard CivilTime(epochSeconds: c.epochSeconds) == c else { return nil }
        return c
    }
}
