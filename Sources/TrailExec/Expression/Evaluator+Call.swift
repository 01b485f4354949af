import TrailBase
import TrailColumnar
import TrailFunctions
import TrailJSON
import TrailPlan

extension ExpressionEvaluator {
    func call(_ function: ScalarFunction, _ arguments: [BoundExpression], _ type: LogicalType, _ batch: Batch)
        throws(QueryError) -> Column
    {
        switch function {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return try compare(function, arguments[0], arguments[1], batch)
        case .like:
            if let fast = try likeFast(arguments, batch) { return fast }
        case .jsonExtractScalar:
            if let fast = try jsonExtractScalarFast(arguments, batch) { return fast }
        case .lower, .upper:
            let value = try evaluate(arguments[0], batch)
            if case .varchar(let column) = value {
                return Self.mapVarchar(column) { bytes, output in
                    if function == .lower { CaseMapping.lower(bytes, into: &output) } else { CaseMapping.upper(bytes, into: &output) }
                    return true
                }
            }
        case .currentTimestamp:
            let raw = type == .timestampWithTimeZone ? PackedTimestamp.pack(millis: context.startMillis, offsetMinutes: 0)
                : context.startMillis
            return Column.constant(.int(raw), type: type, count: batch.count)
        case .currentDate:
            return Column.constant(.int(floorDivide(context.startMillis, 86_400_000)), type: .date, count: batch.count)
        default:
            break
        }
        if function == .add || function == .subtract || function == .multiply || function == .divide || function == .modulo,
           type.isNumeric {
            return try arithmetic(function, try evaluate(arguments[0], batch), try evaluate(arguments[1], batch), type)
        }
        // Everything else: row by row over values.
        let columns = try arguments.map { (argument) throws(QueryError) in try evaluate(argument, batch) }
        let argumentTypes = arguments.map(\.type)
        let builder = ColumnBuilder(type: type)
        let propagatesNull = function.propagatesNull
        var values = [Value](repeating: .null, count: columns.count)
        for row in 0..<batch.count {
            var anyNull = false
            for index in columns.indices {
                values[index] = columns[index].value(at: row)
                if values[index].isNull { anyNull = true }
            }
            if anyNull && propagatesNull {
                builder.appendNull()
                continue
            }
            builder.append(try scalar(function, values, argumentTypes, type))
        }
        return builder.finish()
    }

    // MARK: Comparison

    func compare(_ function: ScalarFunction, _ left: BoundExpression, _ right: BoundExpression, _ batch: Batch)
        throws(QueryError) -> Column
    {
        let count = batch.count
        let type = left.type
        var values = [Bool](repeating: false, count: count)
        var validity = Bitmap(repeating: true, count: count)
        @inline(__always) func decide(_ order: Int) -> Bool {
            switch function {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
        // PERF: a varchar compared with a constant compares bytes in place, no column of copies.
        if case .literal(let constant, _) = right, case .bytes(let needle) = constant {
            let value = try evaluate(left, batch)
            if case .varchar(let column) = value {
                column.bytes.withUnsafeBytes { bytes in
                    needle.withUnsafeBytes { needleBytes in
                        for row in 0..<count {
                            guard column.validity[row] else { validity[row] = false; continue }
                            let start = Int(column.offsets[row]), length = Int(column.offsets[row + 1]) - start
                            let common = min(length, needleBytes.count)
                            var order = common == 0 ? 0 : Int(memcmp(bytes.baseAddress! + start, needleBytes.baseAddress!, common))
                            if order == 0 { order = length - needleBytes.count }
                            values[row] = decide(order)
                        }
                    }
                }
                return .boolean(FixedColumn(values: values, validity: validity))
            }
        }
        let a = try evaluate(left, batch)
        let b = try evaluate(right, batch)
        switch (a, b) {
        case (.varchar(let x), .varchar(let y)):
            x.bytes.withUnsafeBytes { xb in
                y.bytes.withUnsafeBytes { yb in
                    for row in 0..<count {
                        guard x.validity[row], y.validity[row] else { validity[row] = false; continue }
                        let xs = Int(x.offsets[row]), xl = Int(x.offsets[row + 1]) - xs
                        let ys = Int(y.offsets[row]), yl = Int(y.offsets[row + 1]) - ys
                        let common = min(xl, yl)
                        var order = common == 0 ? 0 : Int(memcmp(xb.baseAddress! + xs, yb.baseAddress! + ys, common))
                        if order == 0 { order = xl - yl }
                        values[row] = decide(order)
                    }
                }
            }
        case (.int64(let x), .int64(let y)):
            let instant = type == .timestampWithTimeZone
            for row in 0..<count {
                guard x.validity[row], y.validity[row] else { validity[row] = false; continue }
                let u = instant ? PackedTimestamp.millis(x.values[row]) : x.values[row]
                let v = instant ? PackedTimestamp.millis(y.values[row]) : y.values[row]
                values[row] = decide(u < v ? -1 : u > v ? 1 : 0)
            }
        case (.double(let x), .double(let y)):
            for row in 0..<count {
                guard x.validity[row], y.validity[row] else { validity[row] = false; continue }
                let u = x.values[row], v = y.values[row]
                if u.isNaN || v.isNaN {
                    values[row] = function == .notEqual
                } else {
                    values[row] = decide(u < v ? -1 : u > v ? 1 : 0)
                }
            }
        default:
            for row in 0..<count {
                let u = a.value(at: row), v = b.value(at: row)
                if u.isNull || v.isNull { validity[row] = false; continue }
                if function == .equal || function == .notEqual {
                    guard let equal = ValueOrder.equal(u, v, type) else { validity[row] = false; continue }
                    values[row] = equal == (function == .equal)
                } else {
                    values[row] = decide(ValueOrder.compare(u, v, type))
                }
            }
        }
        return .boolean(FixedColumn(values: values, validity: validity))
    }

    // MARK: Arithmetic on numbers

    func arithmetic(_ function: ScalarFunction, _ a: Column, _ b: Column, _ type: LogicalType) throws(QueryError) -> Column {
        let count = a.count
        var validity = Bitmap(repeating: true, count: count)
        switch (a, b) {
        case (.int64(let x), .int64(let y)):
            var values = [Int64](repeating: 0, count: count)
            for row in 0..<count {
                guard x.validity[row], y.validity[row] else { validity[row] = false; continue }
                let u = x.values[row], v = y.values[row]
                let result: Int64
                var overflow = false
                switch function {
                case .add: (result, overflow) = u.addingReportingOverflow(v)
                case .subtract: (result, overflow) = u.subtractingReportingOverflow(v)
                case .multiply: (result, overflow) = u.multipliedReportingOverflow(by: v)
                case .divide:
                    guard v != 0 else { throw QueryError(.divisionByZero, "Division by zero", at: nil) }
                    (result, overflow) = u.dividedReportingOverflow(by: v)
                default:
                    guard v != 0 else { throw QueryError(.divisionByZero, "Division by zero", at: nil) }
                    // Java's %: MIN % -1 is 0, not an overflow.
                    (result, overflow) = v == -1 ? (0, false) : u.remainderReportingOverflow(dividingBy: v)
                }
                if overflow || (type == .integer && (result < Int64(Int32.min) || result > Int64(Int32.max))) {
                    throw QueryError(.numericOverflow, "\(type) \(function.operation) overflow: \(u) \(function.symbol) \(v)",
                                     at: nil)
                }
                values[row] = result
            }
            return .int64(FixedColumn(values: values, validity: validity))
        case (.double(let x), .double(let y)):
            var values = [Double](repeating: 0, count: count)
            for row in 0..<count {
                guard x.validity[row], y.validity[row] else { validity[row] = false; continue }
                let u = x.values[row], v = y.values[row]
                switch function {
                case .add: values[row] = u + v
                case .subtract: values[row] = u - v
                case .multiply: values[row] = u * v
                case .divide: values[row] = u / v
                default: values[row] = v == 0 ? .nan : u.truncatingRemainder(dividingBy: v)
                }
            }
            return .double(FixedColumn(values: values, validity: validity))
        default:
            return Column.constant(.null, type: type, count: count)
        }
    }

    // MARK: Fast kernels

    static func mapVarchar(_ column: VarcharColumn, _ body: (UnsafeRawBufferPointer, inout [UInt8]) -> Bool) -> Column {
        var offsets: [UInt32] = [0]
        offsets.reserveCapacity(column.count + 1)
        var output: [UInt8] = []
        output.reserveCapacity(column.bytes.count)
        var validity = Bitmap()
        column.bytes.withUnsafeBytes { bytes in
            for row in 0..<column.count {
                if column.validity[row] {
                    let start = Int(column.offsets[row]), end = Int(column.offsets[row + 1])
                    let ok = body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), &output)
                    validity.append(ok)
                } else {
                    validity.append(false)
                }
                offsets.append(UInt32(truncatingIfNeeded: output.count))
            }
        }
        return .varchar(VarcharColumn(offsets: offsets, bytes: output, validity: validity))
    }

    func likePattern(_ pattern: [UInt8], escape: String?) throws(QueryError) -> LikePattern {
        let key = pattern + (escape.map { [0] + Array($0.utf8) } ?? [])
        if let cached = likePatterns[key] { return cached }
        do throws(FunctionError) {
            let compiled = try LikePattern(compiling: String(decoding: pattern, as: UTF8.self), escape: escape)
            likePatterns[key] = compiled
            return compiled
        } catch {
            throw functionError(error)
        }
    }

    func likeFast(_ arguments: [BoundExpression], _ batch: Batch) throws(QueryError) -> Column? {
        guard case .literal(.bytes(let pattern), _) = arguments[1] else { return nil }
        var escape: String?
        if arguments.count == 3 {
            guard case .literal(.bytes(let text), _) = arguments[2] else { return nil }
            escape = String(decoding: text, as: UTF8.self)
        }
        let compiled = try likePattern(pattern, escape: escape)
        let value = try evaluate(arguments[0], batch)
        guard case .varchar(let column) = value else { return Column.constant(.null, type: .boolean, count: batch.count) }
        var values = [Bool](repeating: false, count: column.count)
        column.bytes.withUnsafeBytes { bytes in
            for row in 0..<column.count where column.validity[row] {
                let start = Int(column.offsets[row]), end = Int(column.offsets[row + 1])
                values[row] = compiled.matches(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            }
        }
        return .boolean(FixedColumn(values: values, validity: column.validity))
    }

    func jsonPath(_ text: [UInt8]) throws(QueryError) -> JSONPathExpression {
        let key = String(decoding: text, as: UTF8.self)
        if let cached = paths[key] { return cached }
        do throws(FunctionError) {
            let path = try JSONPathExpression(parsing: key)
            paths[key] = path
            return path
        } catch {
            throw functionError(error)
        }
    }

    func jsonExtractScalarFast(_ arguments: [BoundExpression], _ batch: Batch) throws(QueryError) -> Column? {
        guard case .literal(.bytes(let pathText), _) = arguments[1] else { return nil }
        let path = try jsonPath(pathText)
        let value = try evaluate(arguments[0], batch)
        guard case .varchar(let column) = value else { return Column.constant(.null, type: .varchar, count: batch.count) }
        return Self.mapVarchar(column) { bytes, output in JSONExtractScalar.evaluate(bytes, path, into: &output) }
    }

    func regex(_ pattern: [UInt8], function: String) throws(QueryError) -> CompiledRegex {
        let key = String(decoding: pattern, as: UTF8.self)
        if let cached = regexes[key] { return cached }
        do throws(FunctionError) {
            let compiled = try CompiledRegex(javaPattern: key, function: function)
            regexes[key] = compiled
            return compiled
        } catch {
            throw functionError(error)
        }
    }
}

extension ScalarFunction {
    /// NULL in any argument gives NULL without calling the kernel (Trino's default for scalar functions).
    var propagatesNull: Bool {
        switch self {
        case .isDistinctFrom, .isNotDistinctFrom, .nullif, .arrayConstructor, .rowConstructor, .currentTimestamp,
             .currentDate:
            return false
        default:
            return true
        }
    }

    /// Trino's word for the operator in overflow messages ("integer addition overflow: 2147483647 + 1").
    var operation: String {
        switch self {
        case .add: return "addition"
        case .subtract: return "subtraction"
        case .multiply: return "multiplication"
        case .divide: return "division"
        default: return rawValue
        }
    }

    var symbol: String {
        switch self {
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .modulo: return "%"
        default: return rawValue
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
