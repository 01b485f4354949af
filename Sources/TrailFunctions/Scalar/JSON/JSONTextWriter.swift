import TrailJSON

/// Writes JSON values the way Trino's Jackson generator re-serializes them: compact, strings re-escaped (`"`, `\`,
/// `\b \t \n \f \r`, other control characters as `\u00XX`; non-ASCII and `/` written as is), integers as written
/// (`-0` as `0`) and fractional or exponent numbers as Java's `Double.toString` prints them (`1.50` → `1.5`,
/// `1e2` → `100.0`, `1e7` → `1.0E7`).
///
///     // json_extract('{"a":"\u00e9"}', '$.a') = "é"
public enum JSONTextWriter {
    /// Writes the value at `cursor` (validated first) and leaves the cursor after it; false if it is invalid.
    public static func writeValue(_ cursor: inout JSONCursor, into output: inout [UInt8]) -> Bool {
        var probe = cursor
        do throws(JSONError) {
            try probe.skipValue()
            try write(&cursor, into: &output)
            return true
        } catch {
            return false
        }
    }

    static func write(_ cursor: inout JSONCursor, into output: inout [UInt8]) throws(JSONError) {
        switch cursor.peekKind() {
        case .object:
            output.append(UInt8(ascii: "{"))
            var first = true
            try cursor.forEachMember { (key, inner) throws(JSONError) in
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                var scratch: [UInt8] = []
                inner.appendUnescaped(key, to: &scratch)
                appendQuoted(scratch, into: &output)
                output.append(UInt8(ascii: ":"))
                try write(&inner, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array:
            output.append(UInt8(ascii: "["))
            try cursor.forEachElement { (index, inner) throws(JSONError) in
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try write(&inner, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .string:
            let token = try cursor.scanString()
            var scratch: [UInt8] = []
            cursor.appendUnescaped(token, to: &scratch)
            appendQuoted(scratch, into: &output)
        case .number:
            let start = cursor.position
            try cursor.skipNumber()
            appendNumber(UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start), into: &output)
        case .true, .false, .null:
            let start = cursor.position
            try cursor.skipValue()
            output.append(contentsOf: UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start))
        case .missing:
            try cursor.skipValue()  // throws the right error
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends `bytes` (UTF-8) as a quoted JSON string with Jackson's escapes.
    public static func appendQuoted(_ bytes: some Sequence<UInt8>, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case 0x22: output.append(0x5C); output.append(0x22)
            case 0x5C: output.append(0x5C); output.append(0x5C)
            case 0x08: output.append(0x5C); output.append(UInt8(ascii: "b"))
            case 0x09: output.append(0x5C); output.append(UInt8(ascii: "t"))
            case 0x0A: output.append(0x5C); output.append(UInt8(ascii: "n"))
            case 0x0C: output.append(0x5C); output.append(UInt8(ascii: "f"))
            case 0x0D: output.append(0x5C); output.append(UInt8(ascii: "r"))
            case 0..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends a validated JSON number token as Jackson re-writes it.
    public static func appendNumber(_ token: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let isIntegral = !token.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }
        if isIntegral {
            if token.count == 2, token[0] == UInt8(ascii: "-"), token[1] == UInt8(ascii: "0") {
                output.append(UInt8(ascii: "0"))
            } else {
                output.append(contentsOf: token)
            }
            return
        }
        let value = Double(String(decoding: token, as: UTF8.self)) ?? .nan
        guard value.isFinite else {
            // Jackson quotes non-finite numbers by default.
            output.append(contentsOf: Array((value > 0 ? "\"Infinity\"" : "\"-Infinity\"").utf8))
            return
        }
        output.append(contentsOf: Array(javaDoubleString(value).utf8))
    }

    /// Java's `Double.toString` (shortest round-trip digits): plain between 10⁻³ and 10⁷, else `d.dddE±n`.
    public static func javaDoubleString(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        // Decompose Swift's shortest representation into digits and a decimal exponent.
        var text = Substring(value.magnitude.description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var digits = ""
        var pointPosition = text.count
        if let dot = text.firstIndex(of: ".") {
            pointPosition = text.distance(from: text.startIndex, to: dot)
            digits = String(text[..<dot]) + String(text[text.index(after: dot)...])
        } else {
            digits = String(text)
        }
        // Strip leading zeros (adjusting the point) and trailing zeros.
        var leading = 0
        for character in digits { if character == "0" { leading += 1 } else { break } }
        digits.removeFirst(leading)
        pointPosition -= leading
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { digits = "0" }
        // value = 0.digits × 10^(pointPosition + exponent); scientific exponent is one less.
        let decimalExponent = pointPosition + exponent - 1
        let sign = value < 0 ? "-" : ""
        if decimalExponent >= -3 && decimalExponent < 7 {
            if decimalExponent < 0 {
                return sign + "0." + String(repeating: "0", count: -decimalExponent - 1) + digits
            }
            let integerCount = decimalExponent + 1
            if digits.count <= integerCount {
                return sign + digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: integerCount)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        return sign + first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(decimalExponent)
    }
}
