/// `lower(string) → varchar` and `upper(string) → varchar`: code point by code point, as Java's
/// `Character.toLowerCase(int)`/`toUpperCase(int)` map them (one code point to one; no locale, no `ß` → `SS`).
///
///     lower('CreateBucket')   -- 'createbucket'
///     upper('straße')         -- 'STRAßE'
public enum CaseMapping {
    public static func lower(_ value: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        map(value.bindMemory(to: UInt8.self), into: &output, isUpper: false)
    }

    public static func upper(_ value: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        map(value.bindMemory(to: UInt8.self), into: &output, isUpper: true)
    }

    public static func lower(_ value: String) -> String { convenience(value, isUpper: false) }
    public static func upper(_ value: String) -> String { convenience(value, isUpper: true) }

    static func convenience(_ value: String, isUpper: Bool) -> String {
        var output: [UInt8] = []
        let bytes = Array(value.utf8)
        bytes.withUnsafeBufferPointer { map($0, into: &output, isUpper: isUpper) }
        return UTF8Text.string(output)
    }

    static func map(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], isUpper: Bool) {
        output.reserveCapacity(output.count + bytes.count)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            for byte in bytes {
                let isLowerLetter = byte >= 0x61 && byte <= 0x7A
                let isUpperLetter = byte >= 0x41 && byte <= 0x5A
                output.append(isUpper && isLowerLetter ? byte - 0x20 : !isUpper && isUpperLetter ? byte + 0x20 : byte)
            }
            return
        }
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let mapped = isUpper ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
            // Keep one-to-one mappings only (Java's simple case mapping); `ß` stays `ß`.
            let scalars = mapped.unicodeScalars
            let single = scalars.count == 1 ? scalars.first! : scalar
            output.append(contentsOf: String(single).utf8)
        }
    }
}
