import TrailBase
import TrailColumnar
import TrailFunctions
import TrailPlan

/// The row-at-a-time kernels: every scalar function on `Value`s, with Trino's semantics from TrailFunctions.
/// Hot functions also have column kernels (`Evaluator+Call.swift`); this is the complete reference path.
extension ExpressionEvaluator {
    func scalar(_ function: ScalarFunction, _ args: [Value], _ types: [LogicalType], _ type: LogicalType) throws(QueryError)
        -> Value
    {
        // Kernels throw FunctionError (Trino's message) or QueryError (engine checks); both become a QueryError.
        switch Result(catching: { try scalarKernel(function, args, types, type) }) {
        case .success(let value): return value
        case .failure(let error):
            if let error = error as? QueryError { throw error }
            if let error = error as? FunctionError { throw functionError(error) }
            throw QueryError(.functionFailed, "\(function.rawValue): \(error)", at: nil)
        }
    }

    private func scalarKernel(_ function: ScalarFunction, _ args: [Value], _ types: [LogicalType], _ type: LogicalType) throws
        -> Value
    {
        func text(_ index: Int) -> String { args[index].string ?? "" }
        func int(_ index: Int) -> Int64 { args[index].int ?? 0 }
        func double(_ index: Int) -> Double { args[index].double ?? 0 }
        func time(_ index: Int) -> Timestamp { DateTimeValues.timestamp(int(index), types[index]) }
        func string(_ value: String?) -> Value { value.map { Value.string($0) } ?? .null }
        func strings(_ values: [String]) -> Value { .array(values.map { .string($0) }) }
        func timeValue(_ value: Timestamp) -> Value { .int(DateTimeValues.raw(value, as: type)) }

        do {
            switch function {
            // Operators
            case .add, .subtract:
                // Date-time ± interval, date-time − date-time and interval ± interval (numbers take the column path).
                if types[0].isDateTime && types[1].isInterval {
                    let amount = function == .add ? int(1) : -int(1)
                    let unit: DateTimeUnit = types[1] == .intervalYearToMonth ? .month : .millisecond
                    if types[0] == .date && unit == .millisecond {
                        guard amount % 86_400_000 == 0 else {
                            throw QueryError(.functionFailed, "Cannot add hour, minutes or seconds to a date", at: nil)
                        }
                        return .int(int(0) + amount / 86_400_000)
                    }
                    return timeValue(try DateAdd.evaluate(unit, amount, time(0)))
                }
                if types[0].isDateTime && types[1].isDateTime {
                    return .int(time(0).epochMillis - time(1).epochMillis)
                }
                let (result, overflow) = function == .add ? int(0).addingReportingOverflow(int(1))
                    : int(0).subtractingReportingOverflow(int(1))
                if overflow { throw QueryError(.numericOverflow, "interval overflow", at: nil) }
                return .int(result)
            case .multiply:
                return .int(Int64((Double(int(0)) * double(1)).rounded()))
            case .divide:
                guard double(1) != 0 else { throw QueryError(.divisionByZero, "Division by zero", at: nil) }
                return .int(Int64((Double(int(0)) / double(1)).rounded()))
            case .modulo:
                return .null
            case .negate:
                switch args[0] {
                case .int(let value):
                    guard value != .min, !(type == .integer && value == Int64(Int32.min)) else {
                        throw QueryError(.numericOverflow, "\(type) negation overflow: \(value)", at: nil)
                    }
                    return .int(-value)
                case .double(let value): return .double(-value)
                default: return .null
                }
            case .concatOperator:
                return .bytes((args[0].bytes ?? []) + (args[1].bytes ?? []))
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                return .null  // column path
            case .isDistinctFrom, .isNotDistinctFrom:
                let same: Bool
                if args[0].isNull || args[1].isNull {
                    same = args[0].isNull && args[1].isNull
                } else {
                    same = ValueOrder.compare(args[0], args[1], types[0]) == 0
                }
                return .boolean(function == .isDistinctFrom ? !same : same)
            case .like:
                let escape = args.count == 3 ? text(2) : nil
                let pattern = try likePattern(args[1].bytes ?? [], escape: escape)
                return .boolean(pattern.matches(text(0)))
            case .subscript:
                if case .array(let items) = args[0] {
                    let index = int(1)
                    guard index >= 1, index <= items.count else {
                        throw QueryError(.subscriptOutOfBounds,
                                         index == 0 ? "SQL array indices start at 1"
                                            : index < 0 ? "Array subscript is negative: \(index)"
                                            : "Array subscript must be less than or equal to array length: \(index) > \(items.count)",
                                         at: nil, help: "element_at(array, n) returns NULL instead of failing")
                    }
                    return items[Int(index) - 1]
                }
                if case .map(let keys, let values) = args[0] {
                    guard let position = keys.firstIndex(of: args[1]) else {
                        throw QueryError(.subscriptOutOfBounds, "Key not present in map: \(args[1].string ?? "\(args[1])")",
                                         at: nil, help: "element_at(map, key) returns NULL for a missing key")
                    }
                    return values[position]
                }
                return .null
            case .nullif:
                if args[0].isNull { return .null }
                if !args[1].isNull, ValueOrder.equal(args[0], args[1], types[0]) == true { return .null }
                return args[0]
            case .greatest, .least:
                var best = args[0]
                for value in args.dropFirst() {
                    let order = ValueOrder.compare(value, best, type)
                    if function == .greatest ? order > 0 : order < 0 { best = value }
                }
                return best
            case .arrayConstructor: return .array(args)
            case .rowConstructor: return .row(args)
            case .atTimeZone:
                let value = time(0)
                let zone: TimeZoneOffset
                if types[1] == .intervalDayToSecond {
                    zone = TimeZoneOffset(offsetMinutes: Int(int(1) / 60_000))
                } else {
                    zone = try TimeZoneOffset(parsing: text(1), function: "AT TIME ZONE")
                }
                return .int(PackedTimestamp.pack(millis: value.epochMillis, offsetMinutes: zone.offsetMinutes))
            // Strings
            case .lower: return .string(CaseMapping.lower(text(0)))
            case .upper: return .string(CaseMapping.upper(text(0)))
            case .length: return .int(Length.evaluate(text(0)))
            case .substr:
                return .string(Substr.evaluate(text(0), start: int(1), length: args.count > 2 ? int(2) : .max))
            case .strpos:
                return .int(try Strpos.evaluate(text(0), text(1), instance: args.count > 2 ? int(2) : 1))
            case .replace:
                return .string(Replace.evaluate(text(0), search: text(1), replacement: args.count > 2 ? text(2) : ""))
            case .trim, .ltrim, .rtrim:
                let side: Trim.Side = function == .trim ? .both : function == .ltrim ? .leading : .trailing
                return .string(Trim.evaluate(text(0), side: side, characters: args.count > 1 ? text(1) : nil))
            case .split:
                return strings(try Split.evaluate(text(0), delimiter: text(1), limit: args.count > 2 ? int(2) : nil))
            case .splitPart:
                return string(try SplitPart.evaluate(text(0), delimiter: text(1), index: int(2)))
            case .concat:
                if case .array = type {
                    var items: [Value] = []
                    for value in args { if case .array(let part) = value { items += part } }
                    return .array(items)
                }
                return .bytes(args.flatMap { $0.bytes ?? [] })
            case .startsWith: return .boolean(StartsWith.evaluate(text(0), text(1)))
            case .reverse:
                if case .array(let items) = args[0] { return .array(items.reversed()) }
                return .string(Reverse.evaluate(text(0)))
            case .lpad, .rpad:
                return .string(try Pad.evaluate(text(0), size: int(1), padding: text(2), side: function == .lpad ? .left : .right))
            case .chr: return .string(try Chr.evaluate(int(0)))
            case .codepoint: return .int(try Chr.codepoint(text(0)))
            case .urlExtractHost: return string(URLExtractHost.evaluate(text(0)))
            case .urlExtractPath: return string(URLExtractPath.evaluate(text(0)))
            case .urlExtractPort: return URLExtractPort.evaluate(text(0)).map(Value.int) ?? .null
            case .urlExtractProtocol: return string(URLExtractProtocol.evaluate(text(0)))
            case .urlExtractQuery: return string(URLExtractQuery.evaluate(text(0)))
            case .urlExtractFragment: return string(URLExtractFragment.evaluate(text(0)))
            case .urlExtractParameter: return string(URLExtractParameter.evaluate(text(0), name: text(1)))
            // Regular expressions
            case .regexpLike, .regexpExtract, .regexpExtractAll, .regexpReplace, .regexpCount, .regexpPosition, .regexpSplit:
                let compiled = try regex(args[1].bytes ?? [], function: function.rawValue)
                switch function {
                case .regexpLike: return .boolean(RegexpLike.evaluate(text(0), compiled))
                case .regexpExtract:
                    return string(try RegexpExtract.evaluate(text(0), compiled, group: args.count > 2 ? int(2) : 0))
                case .regexpExtractAll:
                    let found = try RegexpExtractAll.evaluate(text(0), compiled, group: args.count > 2 ? int(2) : 0)
                    return .array(found.map { $0.map(Value.string) ?? .null })
                case .regexpReplace:
                    return .string(try RegexpReplace.evaluate(text(0), compiled, replacement: args.count > 2 ? text(2) : ""))
                case .regexpCount: return .int(RegexpCount.evaluate(text(0), compiled))
                case .regexpPosition:
                    return .int(try RegexpPosition.evaluate(text(0), compiled, start: args.count > 2 ? int(2) : 1,
                                                            occurrence: args.count > 3 ? int(3) : 1))
                default: return strings(RegexpSplit.evaluate(text(0), compiled))
                }
            // JSON
            case .jsonExtractScalar:
                return string(JSONExtractScalar.evaluate(text(0), try jsonPath(args[1].bytes ?? [])))
            case .jsonExtract:
                return string(JSONExtract.evaluate(text(0), try jsonPath(args[1].bytes ?? [])))
            case .jsonSize:
                return JSONSize.evaluate(text(0), try jsonPath(args[1].bytes ?? [])).map(Value.int) ?? .null
            case .jsonFormat: return args[0]
            case .jsonParse: return .string(try JSONParse.evaluate(text(0)))
            case .jsonArrayLength: return JSONArrayLength.evaluate(text(0)).map(Value.int) ?? .null
            case .jsonArrayContains:
                let needle: JSONArrayContains.Needle
                switch args[1] {
                case .bytes: needle = .varchar(text(1))
                case .int(let value): needle = .bigint(value)
                case .double(let value): needle = .double(value)
                case .boolean(let value): needle = .boolean(value)
                default: return .null
                }
                return JSONArrayContains.evaluate(text(0), needle).map(Value.boolean) ?? .null
            // Arrays and maps
            case .elementAt:
                if case .array(let items) = args[0] {
                    let index = int(1)
                    if index == 0 { throw QueryError(.subscriptOutOfBounds, "SQL array indices start at 1", at: nil) }
                    let position = index > 0 ? Int(index) - 1 : items.count + Int(index)
                    return position >= 0 && position < items.count ? items[position] : .null
                }
                if case .map(let keys, let values) = args[0] {
                    return keys.firstIndex(of: args[1]).map { values[$0] } ?? .null
                }
                return .null
            case .cardinality:
                if case .array(let items) = args[0] { return .int(Int64(items.count)) }
                if case .map(let keys, _) = args[0] { return .int(Int64(keys.count)) }
                return .null
            case .contains, .arrayPosition:
                guard case .array(let items) = args[0] else { return .null }
                let element = types[0].elementType ?? .unknown
                var sawNull = false
                for (index, item) in items.enumerated() {
                    guard let equal = ValueOrder.equal(item, args[1], element) else { sawNull = true; continue }
                    if equal { return function == .contains ? .boolean(true) : .int(Int64(index + 1)) }
                }
                if function == .arrayPosition { return .int(0) }
                return sawNull ? .null : .boolean(false)
            case .arrayJoin:
                guard case .array(let items) = args[0] else { return .null }
                let replacement = args.count > 2 ? args[2].string : nil
                var parts: [String] = []
                for item in items {
                    if item.isNull {
                        if let replacement { parts.append(replacement) }
                    } else {
                        parts.append(try castToText(item, types[0].elementType ?? .varchar))
                    }
                }
                return .string(parts.joined(separator: text(1)))
            case .arrayDistinct:
                guard case .array(let items) = args[0] else { return .null }
                var seen = Set<[UInt8]>()
                var result: [Value] = []
                for item in items {
                    var key: [UInt8] = []
                    KeyEncoder.appendValue(item, types[0].elementType ?? .unknown, to: &key)
                    if seen.insert(key).inserted { result.append(item) }
                }
                return .array(result)
            case .arraySort:
                guard case .array(let items) = args[0] else { return .null }
                let element = types[0].elementType ?? .unknown
                return .array(items.sorted { ValueOrder.compare($0, $1, element) < 0 })
            case .arrayMax, .arrayMin:
                guard case .array(let items) = args[0], !items.isEmpty else { return .null }
                if items.contains(where: \.isNull) { return .null }
                let element = types[0].elementType ?? .unknown
                return items.dropFirst().reduce(items[0]) { best, item in
                    let order = ValueOrder.compare(item, best, element)
                    return (function == .arrayMax ? order > 0 : order < 0) ? item : best
                }
            case .slice:
                guard case .array(let items) = args[0] else { return .null }
                let start = int(1), length = int(2)
                if start == 0 { throw QueryError(.functionFailed, "SQL array indices start at 1", at: nil) }
                guard length >= 0 else { throw QueryError(.functionFailed, "length must be greater than or equal to 0", at: nil) }
                let from = start > 0 ? Int(start) - 1 : items.count + Int(start)
                guard from >= 0, from < items.count else { return .array([]) }
                return .array(Array(items[from..<min(items.count, from + Int(min(length, Int64(items.count))))]))
            case .mapKeys:
                if case .map(let keys, _) = args[0] { return .array(keys) }
                return .null
            case .mapValues:
                if case .map(_, let values) = args[0] { return .array(values) }
                return .null
            // Date and time
            case .fromISO8601Timestamp: return timeValue(try FromISO8601Timestamp.evaluate(text(0)))
            case .fromISO8601Date: return .int(Int64(try FromISO8601Timestamp.evaluateDate(text(0))))
            case .toISO8601:
                if types[0] == .date { return .string(ToISO8601.evaluate(dayNumber: Int(int(0)))) }
                return .string(ToISO8601.evaluate(time(0)))
            case .dateTrunc:
                let unit = try DateTimeUnit(parsing: text(0), function: "date_trunc", isDate: types[1] == .date)
                if types[1] == .date {
                    return .int(DateTimeValues.raw(DateTrunc.evaluate(unit, time(1)), as: .date))
                }
                return .int(DateTimeValues.raw(DateTrunc.evaluate(unit, time(1)), as: types[1]))
            case .dateAdd:
                let unit = try DateTimeUnit(parsing: text(0), function: "date_add", isDate: types[2] == .date)
                return .int(DateTimeValues.raw(try DateAdd.evaluate(unit, int(1), time(2)), as: types[2]))
            case .dateDiff:
                let unit = try DateTimeUnit(parsing: text(0), function: "date_diff", isDate: types[1] == .date)
                return .int(DateDiff.evaluate(unit, time(1), time(2)))
            case .dateFormat: return .string(try DateFormat.evaluate(time(0), text(1)))
            case .dateParse, .parseDatetime, .formatDatetime:
                return try dateTimeText(function, args, types, type)
            case .fromUnixtime:
                if args.count == 2 { return timeValue(try FromUnixtime.evaluate(double(0), zone: text(1))) }
                if args.count == 3 { return timeValue(try FromUnixtime.evaluate(double(0), hours: int(1), minutes: int(2))) }
                return timeValue(FromUnixtime.evaluate(double(0)))
            case .toUnixtime: return .double(FromUnixtime.toUnixtime(time(0)))
            case .currentTimestamp, .currentDate: return .null  // column path
            case .year, .quarter, .month, .week, .day, .dayOfWeek, .dayOfYear, .hour, .minute, .second, .millisecond:
                let field = DateTimeField(rawValue: function.rawValue)!
                return .int(field.extract(time(0)))
            // Math
            case .abs:
                if case .double(let value) = args[0] { return .double(Swift.abs(value)) }
                guard int(0) != (type == .integer ? Int64(Int32.min) : .min) else {
                    throw QueryError(.numericOverflow, "Value \(int(0)) is out of range for abs(\(type))", at: nil)
                }
                return .int(Swift.abs(int(0)))
            case .sign:
                if case .double(let value) = args[0] { return .double(value > 0 ? 1 : value < 0 ? -1 : value) }
                return .int(int(0).signum())
            case .round:
                let digits = args.count > 1 ? int(1) : 0
                if case .double(let value) = args[0] {
                    let scale = pow10(digits)
                    // Trino rounds half away from zero.
                    return .double(value.isFinite ? (value * scale).rounded(.toNearestOrAwayFromZero) / scale : value)
                }
                if digits >= 0 { return args[0] }
                // Trino: divide by 10^-digits rounding half up, multiply back; overflow anywhere is an error.
                let value = int(0)
                let overflow = QueryError(.numericOverflow, "numerical overflow: \(value)", at: nil)
                var scale: Int64 = 1
                for _ in 0..<min(-digits, 19) {
                    let (next, over) = scale.multipliedReportingOverflow(by: 10)
                    if over { throw overflow }
                    scale = next
                }
                var quotient = value / scale
                let remainder = value % scale
                if remainder.magnitude * 2 >= scale.magnitude { quotient += value < 0 ? -1 : 1 }
                let (rounded, over) = quotient.multipliedReportingOverflow(by: scale)
                if over { throw overflow }
                if type == .integer && (rounded < Int64(Int32.min) || rounded > Int64(Int32.max)) {
                    throw QueryError(.numericOverflow, "Out of range for integer: \(rounded)", at: nil)
                }
                return .int(rounded)
            case .floor, .ceil:
                if case .double(let value) = args[0] { return .double(function == .floor ? value.rounded(.down) : value.rounded(.up)) }
                return args[0]
            case .power: return .double(pow(double(0), double(1)))
            case .sqrt: return .double(double(0).squareRoot())
            case .typeof: return .string(types[0].description)
            }
        }
    }

    func pow10(_ digits: Int64) -> Double {
        var result = 1.0
        for _ in 0..<min(Int(Swift.abs(digits)), 308) { result *= 10 }
        return digits >= 0 ? result : 1 / result
    }
}

#if canImport(Glibc)
import Glibc
#endif
