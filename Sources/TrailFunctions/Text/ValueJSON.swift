import TrailColumnar

/// Values as JSON text, for `CAST(x AS json)` and the json/jsonl result formats: rows and maps → objects (row
/// fields by name), arrays → arrays, numbers and booleans as themselves, NULL → null, date-times and intervals as
/// their printed text (`ValueText`), JSON values inlined. NaN and infinities are strings (`"NaN"`), as Jackson —
/// which Trino uses — writes them, so the output is always valid JSON.
public enum ValueJSON {
    /// - Parameter sortingMapKeys: write map entries by key order (Trino's CAST to json) rather than as stored.
    public static func write(_ value: Value, _ type: LogicalType, into output: inout [UInt8], sortingMapKeys: Bool) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .boolean(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .double(let number):
            let text = JSONTextWriter.javaDoubleString(number)
            if number.isFinite { output.append(contentsOf: text.utf8) } else { JSONTextWriter.appendQuoted(text.utf8, into: &output) }
        case .int(let number):
            switch type {
            case .date, .timestamp, .timestampWithTimeZone, .intervalDayToSecond, .intervalYearToMonth:
                JSONTextWriter.appendQuoted(ValueText.render(value, type).utf8, into: &output)
            default:
                output.append(contentsOf: String(number).utf8)
            }
        case .bytes(let bytes):
            if type == .json { output.append(contentsOf: bytes) } else { JSONTextWriter.appendQuoted(bytes, into: &output) }
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, type.elementType ?? .unknown, into: &output, sortingMapKeys: sortingMapKeys)
            }
            output.append(UInt8(ascii: "]"))
        case .row(let items):
            let fields = type.rowFields ?? []
            output.append(UInt8(ascii: "{"))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONTextWriter.appendQuoted((index < fields.count ? fields[index].name : "field\(index)").utf8, into: &output)
                output.append(UInt8(ascii: ":"))
                write(item, index < fields.count ? fields[index].type : .unknown, into: &output, sortingMapKeys: sortingMapKeys)
            }
            output.append(UInt8(ascii: "}"))
        case .map(let keys, let values):
            guard case .map(let keyType, let valueType) = type else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            var order = Array(keys.indices)
            if sortingMapKeys {
                let texts = keys.map { ValueText.render($0, keyType) }
                order.sort { texts[$0].utf8.lexicographicallyPrecedes(texts[$1].utf8) }
            }
            output.append(UInt8(ascii: "{"))
            for (position, index) in order.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONTextWriter.appendQuoted(ValueText.render(keys[index], keyType).utf8, into: &output)
                output.append(UInt8(ascii: ":"))
                write(values[index], valueType, into: &output, sortingMapKeys: sortingMapKeys)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
