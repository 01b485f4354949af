import TrailBase
import TrailColumnar
import TrailFunctions
import TrailJSON
import TrailPlan

/// CAST and TRY_CAST with Trino's conversions and messages (`Cannot cast 'abc' to BIGINT`).
extension ExpressionEvaluator {
    func cast(_ column: Column, from source: LogicalType, to target: LogicalType, isTry: Bool) throws(QueryError) -> Column {
        if source == target { return column }
        // PERF: integer widening and varchar → varchar need no per-row work.
        if source == .integer && target == .bigint { return column }
        let builder = ColumnBuilder(type: target)
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isNull {
                builder.appendNull()
                continue
            }
            switch Result(catching: { try castValue(value, from: source, to: target) }) {
            case .success(let converted): builder.append(converted)
            case .failure(let error):
                if isTry { builder.appendNull(); continue }
                if let error = error as? QueryError { throw error }
                throw QueryError(.invalidCast, "\(error)", at: nil)
            }
        }
        return builder.finish()
    }

    func castError(_ value: Value, _ source: LogicalType, _ target: LogicalType) -> QueryError {
        let shown = value.string ?? (try? castToText(value, source)) ?? "value"
        // Trino's message names integer INT.
        let name = target == .integer ? "INT" : target.description.uppercased()
        return QueryError(.invalidCast, "Cannot cast '\(shown)' to \(name)", at: nil,
                          help: "TRY_CAST returns NULL instead of failing")
    }

    func castValue(_ value: Value, from source: LogicalType, to target: LogicalType) throws -> Value {
        switch target {
        case .varchar:
            // Trino: a JSON string loses its quotes, JSON null is NULL, an object or array cannot be cast.
            if source == .json {
                do { return try JSONCast.value(fromJSON: value.bytes ?? [], as: .varchar, nestedAsText: false) } catch {
                    throw castError(value, source, target)
                }
            }
            return .string(try castToText(value, source))
        case .bigint, .integer:
            let result: Int64
            switch value {
            case .int(let number): result = number
            case .double(let number):
                guard number.isFinite, number.rounded() >= -9.3e18, number.rounded() <= 9.3e18 else {
                    throw castError(value, source, target)
                }
                result = Int64(number.rounded(.toNearestOrAwayFromZero))
            case .boolean(let flag): result = flag ? 1 : 0
            case .bytes(let bytes):
                let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
                if source == .json {
                    guard let number = Int64(text) ?? Double(text).flatMap({ Int64(exactly: $0.rounded()) }) else {
                        throw castError(value, source, target)
                    }
                    result = number
                } else {
                    guard let number = Int64(text) else { throw castError(value, source, target) }
                    result = number
                }
            default: throw castError(value, source, target)
            }
            if target == .integer && (result < Int64(Int32.min) || result > Int64(Int32.max)) {
                throw QueryError(.invalidCast, "Out of range for integer: \(result)", at: nil)
            }
            return .int(result)
        case .double:
            switch value {
            case .int(let number): return .double(Double(number))
            case .double: return value
            case .boolean(let flag): return .double(flag ? 1 : 0)
            case .bytes(let bytes):
                let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
                switch text.lowercased() {
                case "nan": return .double(.nan)
                case "infinity", "+infinity": return .double(.infinity)
                case "-infinity": return .double(-.infinity)
                default: break
                }
                guard let number = Double(text) else { throw castError(value, source, target) }
                return .double(number)
            default: throw castError(value, source, target)
            }
        case .boolean:
            switch value {
            case .boolean: return value
            case .int(let number): return .boolean(number != 0)
            case .double(let number): return .boolean(number != 0)
            case .bytes(let bytes):
                switch String(decoding: bytes, as: UTF8.self).trimmingWhitespace.lowercased() {
                case "true", "t", "1": return .boolean(true)
                case "false", "f", "0": return .boolean(false)
                default: throw castError(value, source, target)
                }
            default: throw castError(value, source, target)
            }
        case .date:
            if case .bytes(let bytes) = value {
                let text = String(decoding: bytes, as: UTF8.self)
                if source == .json { return .int(Int64(try TimestampText.parseDate(jsonAsVarchar(text)))) }
                return .int(Int64(try TimestampText.parseDate(text)))
            }
            return .int(DateTimeValues.raw(DateTimeValues.timestamp(value.int ?? 0, source), as: .date))
        case .timestamp, .timestampWithTimeZone:
            if case .bytes(let bytes) = value {
                let (local, zone) = try TimestampText.parse(String(decoding: bytes, as: UTF8.self))
                if target == .timestamp { return .int(local) }
                let offset = zone ?? .utc
                return .int(PackedTimestamp.pack(millis: local - Int64(offset.offsetMinutes) * 60_000, offsetMinutes: offset.offsetMinutes))
            }
            let time = DateTimeValues.timestamp(value.int ?? 0, source)
            if source == .timestamp && target == .timestampWithTimeZone {
                return .int(PackedTimestamp.pack(millis: time.epochMillis, offsetMinutes: 0))
            }
            if source == .date && target == .timestampWithTimeZone {
                return .int(PackedTimestamp.pack(millis: time.epochMillis, offsetMinutes: 0))
            }
            return .int(DateTimeValues.raw(time, as: target))
        case .json:
            return .string(jsonText(value, source))
        case .array, .map, .row:
            if source == .json || source == .varchar {
                return try JSONCast.value(fromJSON: value.bytes ?? [], as: target, nestedAsText: false)
            }
            return try castNested(value, from: source, to: target)
        default:
            throw castError(value, source, target)
        }
    }

    func castNested(_ value: Value, from source: LogicalType, to target: LogicalType) throws -> Value {
        switch (value, source, target) {
        case (.array(let items), .array(let from), .array(let to)):
            return .array(try items.map { $0.isNull ? .null : try castValue($0, from: from, to: to) })
        case (.map(let keys, let values), .map(let fk, let fv), .map(let tk, let tv)):
            return .map(keys: try keys.map { try castValue($0, from: fk, to: tk) },
                        values: try values.map { $0.isNull ? .null : try castValue($0, from: fv, to: tv) })
        case (.row(let items), .row(let from), .row(let to)):
            return .row(try zip(items, zip(from, to)).map { item, types in
                item.isNull ? .null : try castValue(item, from: types.0.type, to: types.1.type)
            })
        default:
            throw castError(value, source, target)
        }
    }

    /// A JSON string value's content, or the JSON text of anything else (Trino: CAST(json AS varchar)).
    func jsonAsVarchar(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "\"") else { return text }
        return JSONExtractScalar.evaluate(text, try! JSONPathExpression(parsing: "$")) ?? text
    }

    /// The text of a value as CAST(x AS varchar) gives it: Athena's printed form (`ValueText`) for scalars.
    func castToText(_ value: Value, _ type: LogicalType) throws -> String {
        switch value {
        case .array, .row, .map: throw QueryError(.invalidCast, "Cannot cast \(type) to varchar", at: nil)
        default: return ValueText.render(value, type, null: "")
        }
    }

    /// JSON text of a value (CAST(x AS json)): map keys sorted, as Trino writes them.
    func jsonText(_ value: Value, _ type: LogicalType) -> String {
        var output: [UInt8] = []
        ValueJSON.write(value, type, into: &output, sortingMapKeys: true)
        return String(decoding: output, as: UTF8.self)
    }
}
