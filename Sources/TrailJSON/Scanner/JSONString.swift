/// JSON string escapes: the one implementation of unescaping, used by the decoder and the filter patterns.
public enum JSONString {
    /// Unescapes the JSON string content `start..<end` (already validated by the cursor) into `output`, which must
    /// hold at least `end - start` bytes (unescaping never lengthens a string). Returns the unescaped length.
    /// Lone surrogates become U+FFFD, as `JSONCursor.appendUnescaped` does.
    public static func unescape(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into output: UnsafeMutablePointer<UInt8>) -> Int {
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

    public static func hex4(_ base: UnsafePointer<UInt8>, _ at: Int) -> UInt32? {
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

    public static func encodeUTF8(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
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
