import TrailBase
import TrailColumnar
import TrailFunctions

/// Names, argument types and result types of the functions (Trino's signatures), with constant arguments checked
/// at analysis so that a bad regex or JSON path points at the literal.
public enum FunctionResolver {
    /// Every scalar function name `trailsql` knows (for "did you mean" and the docs).
    public static let scalarNames: [String] = [
        "abs", "array_distinct", "array_join", "array_max", "array_min", "array_position", "array_sort", "cardinality",
        "ceil", "ceiling", "chr", "codepoint", "coalesce", "concat", "contains", "current_date", "current_timestamp",
        "date", "date_add", "date_diff", "date_format", "date_parse", "date_trunc", "day", "day_of_month",
        "day_of_week", "day_of_year", "dow", "doy", "element_at", "floor", "format_datetime", "from_iso8601_date",
        "from_iso8601_timestamp", "from_unixtime", "greatest", "hour", "if", "json_array_contains",
        "json_array_length", "json_extract", "json_extract_scalar", "json_format", "json_parse", "json_size", "least",
        "length", "lower", "lpad", "ltrim", "map_keys", "map_values", "millisecond", "minute", "mod", "month", "now",
        "nullif", "parse_datetime", "position", "power", "pow", "quarter", "regexp_count", "regexp_extract",
        "regexp_extract_all", "regexp_like", "regexp_position", "regexp_replace", "regexp_split", "replace",
        "reverse", "round", "rpad", "rtrim", "second", "sign", "slice", "split", "split_part", "sqrt", "starts_with",
        "strpos", "substr", "substring", "to_iso8601", "to_unixtime", "trim", "typeof", "upper", "url_extract_fragment",
        "url_extract_host", "url_extract_parameter", "url_extract_path", "url_extract_port", "url_extract_protocol",
        "url_extract_query", "week", "week_of_year", "year",
    ]

    static let windowOnly: Set<String> = [
        "row_number", "rank", "dense_rank", "percent_rank", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
    ]

    public static func aggregate(named name: String) -> AggregateFunction? {
        switch name {
        case "count": return .count
        case "count_if": return .countIf
        case "sum": return .sum
        case "avg": return .avg
        case "min": return .min
        case "max": return .max
        case "min_by": return .minBy
        case "max_by": return .maxBy
        case "arbitrary", "any_value": return .arbitrary
        case "approx_distinct": return .approxDistinct
        case "array_agg": return .arrayAgg
        case "bool_and", "every": return .boolAnd
        case "bool_or": return .boolOr
        default: return nil
        }
    }

    struct ResolvedAggregate {
        var function: AggregateFunction
        var arguments: [BoundExpression]
        var type: LogicalType
    }

    static func aggregateCall(_ function: AggregateFunction, isStar: Bool, arguments: [BoundExpression],
                              spans: [SourceSpan], span: SourceSpan) throws(QueryError) -> ResolvedAggregate
    {
        func arity(_ count: Int) throws(QueryError) {
            guard arguments.count == count else {
                throw QueryError(.wrongArguments, "\(function.rawValue)() takes \(count) argument\(count == 1 ? "" : "s"), got \(arguments.count)",
                                 at: span)
            }
        }
        if isStar {
            guard function == .count else {
                throw QueryError(.wrongArguments, "\(function.rawValue)(*) is not allowed; only count(*)", at: span)
            }
            return ResolvedAggregate(function: .countStar, arguments: [], type: .bigint)
        }
        switch function {
        case .count, .countStar:
            if arguments.isEmpty { return ResolvedAggregate(function: .countStar, arguments: [], type: .bigint) }
            try arity(1)
            return ResolvedAggregate(function: .count, arguments: arguments, type: .bigint)
        case .countIf:
            try arity(1)
            guard arguments[0].type == .boolean || arguments[0].type == .unknown else {
                throw QueryError(.typeMismatch, "count_if() needs a boolean, not \(arguments[0].type)", at: spans[0])
            }
            return ResolvedAggregate(function: .countIf, arguments: [TypeCoercion.coerce(arguments[0], to: .boolean)], type: .bigint)
        case .sum, .avg:
            try arity(1)
            let type = arguments[0].type
            if type.isInteger || type == .unknown {
                let input = TypeCoercion.coerce(arguments[0], to: .bigint)
                return ResolvedAggregate(function: function, arguments: [input], type: function == .sum ? .bigint : .double)
            }
            if type == .double { return ResolvedAggregate(function: function, arguments: arguments, type: .double) }
            if type.isInterval { return ResolvedAggregate(function: function, arguments: arguments, type: type) }
            throw QueryError(.typeMismatch, "Unexpected parameters (\(type)) for function \(function.rawValue)", at: span,
                             help: type == .varchar ? "CloudTrail fields are varchar: \(function.rawValue)(CAST(x AS bigint))" : nil)
        case .min, .max:
            try arity(1)
            guard arguments[0].type.isOrderable else {
                throw QueryError(.typeMismatch, "\(function.rawValue)() needs an orderable type, not \(arguments[0].type)", at: span)
            }
            return ResolvedAggregate(function: function, arguments: arguments, type: arguments[0].type)
        case .minBy, .maxBy:
            try arity(2)
            guard arguments[1].type.isOrderable else {
                throw QueryError(.typeMismatch, "\(function.rawValue)() orders by an orderable type, not \(arguments[1].type)",
                                 at: spans[1])
            }
            return ResolvedAggregate(function: function, arguments: arguments, type: arguments[0].type)
        case .arbitrary:
            try arity(1)
            return ResolvedAggregate(function: function, arguments: arguments, type: arguments[0].type)
        case .approxDistinct:
            guard (1...2).contains(arguments.count) else { try arity(1); fatalError() }
            return ResolvedAggregate(function: function, arguments: [arguments[0]], type: .bigint)
        case .arrayAgg:
            try arity(1)
            return ResolvedAggregate(function: function, arguments: arguments, type: .array(arguments[0].type))
        case .boolAnd, .boolOr:
            try arity(1)
            guard arguments[0].type == .boolean || arguments[0].type == .unknown else {
                throw QueryError(.typeMismatch, "\(function.rawValue)() needs a boolean, not \(arguments[0].type)", at: spans[0])
            }
            return ResolvedAggregate(function: function, arguments: [TypeCoercion.coerce(arguments[0], to: .boolean)],
                                     type: .boolean)
        }
    }

    /// A scalar function call: checks arity and types, inserts coercions, returns the bound call.
    static func scalar(name: String, arguments: [BoundExpression], spans: [SourceSpan], span: SourceSpan)
        throws(QueryError) -> BoundExpression
    {
        var args = arguments
        let types = arguments.map(\.type)
        func signatureError() -> QueryError {
            let list = types.map(\.description).joined(separator: ", ")
            var help: String?
            if types.contains(.varchar), ["year", "month", "day", "hour", "minute", "second", "date_trunc", "date_add",
                                          "date_diff", "date_format", "to_unixtime", "to_iso8601", "format_datetime",
                                          "day_of_week", "day_of_year", "week", "quarter"].contains(name) {
                help = "CloudTrail times are ISO-8601 text: \(name)(from_iso8601_timestamp(eventtime))"
            } else if types.contains(.varchar) && ["cardinality", "element_at", "contains", "array_join", "slice"].contains(name) {
                help = "JSON arrays in text are read with json_extract / json_array_length, or CAST(json_parse(x) AS array(varchar))"
            }
            return QueryError(.wrongArguments, "Unexpected parameters (\(list)) for function \(name)", at: span, help: help)
        }
        func arity(_ range: ClosedRange<Int>) throws(QueryError) {
            guard range.contains(args.count) else { throw signatureError() }
        }
        func accepts(_ index: Int, _ type: LogicalType) -> Bool {
            TypeCoercion.canCoerce(types[index], to: type)
        }
        /// Coerces argument `index` to `type` or fails.
        func want(_ index: Int, _ type: LogicalType) throws(QueryError) {
            guard accepts(index, type) else { throw signatureError() }
            args[index] = TypeCoercion.coerce(args[index], to: type)
        }
        func temporal(_ index: Int) throws(QueryError) -> LogicalType {
            let type = types[index]
            guard type.isDateTime || type == .unknown else { throw signatureError() }
            return type == .unknown ? .timestampWithTimeZone : type
        }
        func constant(_ index: Int, _ check: (String) throws(FunctionError) -> Void) throws(QueryError) {
            guard case .literal(.bytes(let bytes), _) = args[index] else { return }
            do throws(FunctionError) {
                try check(String(decoding: bytes, as: UTF8.self))
            } catch {
                throw QueryError(.invalidArgument, error.message, at: spans[index])
            }
        }
        func call(_ function: ScalarFunction, _ type: LogicalType) -> BoundExpression { .call(function, args, type) }

        switch name {
        // Strings
        case "lower", "upper", "reverse", "ltrim", "rtrim", "trim":
            try arity(name.hasSuffix("trim") ? 1...2 : 1...1)
            for index in args.indices { try want(index, .varchar) }
            let function: ScalarFunction = ["lower": .lower, "upper": .upper, "reverse": .reverse, "ltrim": .ltrim,
                                            "rtrim": .rtrim, "trim": .trim][name]!
            if name == "reverse", case .array = types[0] { return .call(.reverse, arguments, types[0]) }
            return call(function, .varchar)
        case "length":
            try arity(1...1)
            try want(0, .varchar)
            return call(.length, .bigint)
        case "substr", "substring":
            try arity(2...3)
            try want(0, .varchar)
            for index in 1..<args.count { try want(index, .bigint) }
            return call(.substr, .varchar)
        case "strpos", "position":
            try arity(2...3)
            try want(0, .varchar)
            try want(1, .varchar)
            if args.count == 3 { try want(2, .bigint) }
            return call(.strpos, .bigint)
        case "replace":
            try arity(2...3)
            for index in args.indices { try want(index, .varchar) }
            return call(.replace, .varchar)
        case "split":
            try arity(2...3)
            try want(0, .varchar)
            try want(1, .varchar)
            if args.count == 3 { try want(2, .bigint) }
            return call(.split, .array(.varchar))
        case "split_part":
            try arity(3...3)
            try want(0, .varchar)
            try want(1, .varchar)
            try want(2, .bigint)
            return call(.splitPart, .varchar)
        case "concat":
            guard !args.isEmpty else { throw signatureError() }
            if case .array = types.first(where: { $0 != .unknown }) ?? .varchar {
                var type = LogicalType.unknown
                for candidate in types {
                    guard let common = TypeCoercion.commonType(type, candidate) else { throw signatureError() }
                    type = common
                }
                args = args.map { TypeCoercion.coerce($0, to: type) }
                return call(.concat, type)
            }
            for index in args.indices { try want(index, .varchar) }
            return call(.concat, .varchar)
        case "starts_with":
            try arity(2...2)
            try want(0, .varchar)
            try want(1, .varchar)
            return call(.startsWith, .boolean)
        case "lpad", "rpad":
            try arity(3...3)
            try want(0, .varchar)
            try want(1, .bigint)
            try want(2, .varchar)
            return call(name == "lpad" ? .lpad : .rpad, .varchar)
        case "chr":
            try arity(1...1)
            try want(0, .bigint)
            return call(.chr, .varchar)
        case "codepoint":
            try arity(1...1)
            try want(0, .varchar)
            return call(.codepoint, .integer)
        case "url_extract_host", "url_extract_path", "url_extract_protocol", "url_extract_query", "url_extract_fragment":
            try arity(1...1)
            try want(0, .varchar)
            return call(ScalarFunction(rawValue: name)!, .varchar)
        case "url_extract_port":
            try arity(1...1)
            try want(0, .varchar)
            return call(.urlExtractPort, .bigint)
        case "url_extract_parameter":
            try arity(2...2)
            try want(0, .varchar)
            try want(1, .varchar)
            return call(.urlExtractParameter, .varchar)
        // Regular expressions
        case "regexp_like", "regexp_extract", "regexp_extract_all", "regexp_replace", "regexp_count", "regexp_position",
             "regexp_split":
            let range: ClosedRange<Int>
            switch name {
            case "regexp_extract", "regexp_extract_all", "regexp_replace": range = 2...3
            case "regexp_position": range = 2...4
            default: range = 2...2
            }
            try arity(range)
            try want(0, .varchar)
            try want(1, .varchar)
            try constant(1) { (pattern) throws(FunctionError) in _ = try CompiledRegex(javaPattern: pattern, function: name) }
            if args.count > 2 {
                if name == "regexp_replace" { try want(2, .varchar) } else { for index in 2..<args.count { try want(index, .bigint) } }
            }
            let function = ScalarFunction(rawValue: name)!
            switch name {
            case "regexp_like": return call(function, .boolean)
            case "regexp_extract", "regexp_replace": return call(function, .varchar)
            case "regexp_extract_all", "regexp_split": return call(function, .array(.varchar))
            // Trino: regexp_position returns integer, regexp_count bigint.
            case "regexp_position": return call(function, .integer)
            default: return call(function, .bigint)
            }
        // JSON
        case "json_extract_scalar", "json_extract", "json_size":
            try arity(2...2)
            guard accepts(0, .varchar) || types[0] == .json else { throw signatureError() }
            if types[0] == .unknown { args[0] = .literal(.null, .varchar) }
            try want(1, .varchar)
            try constant(1) { (path) throws(FunctionError) in _ = try JSONPathExpression(parsing: path) }
            let function = ScalarFunction(rawValue: name)!
            return call(function, name == "json_extract_scalar" ? .varchar : name == "json_size" ? .bigint : .json)
        case "json_array_length":
            try arity(1...1)
            guard accepts(0, .varchar) || types[0] == .json else { throw signatureError() }
            return call(.jsonArrayLength, .bigint)
        case "json_array_contains":
            try arity(2...2)
            guard accepts(0, .varchar) || types[0] == .json else { throw signatureError() }
            guard [.varchar, .bigint, .integer, .double, .boolean, .unknown].contains(types[1]) else { throw signatureError() }
            if types[1] == .integer { args[1] = TypeCoercion.coerce(args[1], to: .bigint) }
            return call(.jsonArrayContains, .boolean)
        case "json_format":
            try arity(1...1)
            guard types[0] == .json || types[0] == .unknown else { throw signatureError() }
            return call(.jsonFormat, .varchar)
        case "json_parse":
            try arity(1...1)
            try want(0, .varchar)
            return call(.jsonParse, .json)
        // Arrays and maps
        case "element_at":
            try arity(2...2)
            switch types[0] {
            case .array(let element):
                try want(1, .bigint)
                return call(.elementAt, element)
            case .map(let key, let value):
                try want(1, key)
                return call(.elementAt, value)
            default: throw signatureError()
            }
        case "cardinality":
            try arity(1...1)
            switch types[0] {
            case .array, .map: return call(.cardinality, .bigint)
            default: throw signatureError()
            }
        case "contains", "array_position":
            try arity(2...2)
            guard case .array(let element) = types[0] else { throw signatureError() }
            guard let common = TypeCoercion.commonType(element, types[1]) else { throw signatureError() }
            args[0] = TypeCoercion.coerce(args[0], to: .array(common))
            args[1] = TypeCoercion.coerce(args[1], to: common)
            return call(name == "contains" ? .contains : .arrayPosition, name == "contains" ? .boolean : .bigint)
        case "array_join":
            try arity(2...3)
            guard case .array = types[0] else { throw signatureError() }
            try want(1, .varchar)
            if args.count == 3 { try want(2, .varchar) }
            return call(.arrayJoin, .varchar)
        case "array_distinct", "array_sort":
            try arity(1...1)
            guard case .array(let element) = types[0], element.isComparable else { throw signatureError() }
            return call(name == "array_distinct" ? .arrayDistinct : .arraySort, types[0])
        case "array_max", "array_min":
            try arity(1...1)
            guard case .array(let element) = types[0], element.isOrderable else { throw signatureError() }
            return call(name == "array_max" ? .arrayMax : .arrayMin, element)
        case "slice":
            try arity(3...3)
            guard case .array = types[0] else { throw signatureError() }
            try want(1, .bigint)
            try want(2, .bigint)
            return call(.slice, types[0])
        case "map_keys", "map_values":
            try arity(1...1)
            guard case .map(let key, let value) = types[0] else { throw signatureError() }
            return call(name == "map_keys" ? .mapKeys : .mapValues, .array(name == "map_keys" ? key : value))
        // Date and time
        case "from_iso8601_timestamp":
            try arity(1...1)
            try want(0, .varchar)
            return call(.fromISO8601Timestamp, .timestampWithTimeZone)
        case "from_iso8601_date":
            try arity(1...1)
            try want(0, .varchar)
            return call(.fromISO8601Date, .date)
        case "to_iso8601":
            try arity(1...1)
            _ = try temporal(0)
            return call(.toISO8601, .varchar)
        case "date_trunc":
            try arity(2...2)
            try want(0, .varchar)
            let type = try temporal(1)
            try constant(0) { (unit) throws(FunctionError) in
                _ = try DateTimeUnit(parsing: unit, function: "date_trunc", isDate: type == .date)
            }
            return call(.dateTrunc, type)
        case "date_add":
            try arity(3...3)
            try want(0, .varchar)
            let type = try temporal(2)
            try constant(0) { (unit) throws(FunctionError) in
                _ = try DateTimeUnit(parsing: unit, function: "date_add", isDate: type == .date)
            }
            try want(1, .bigint)
            return call(.dateAdd, type)
        case "date_diff":
            try arity(3...3)
            try want(0, .varchar)
            let a = try temporal(1), b = try temporal(2)
            guard let common = TypeCoercion.commonType(a, b) else { throw signatureError() }
            try constant(0) { (unit) throws(FunctionError) in
                _ = try DateTimeUnit(parsing: unit, function: "date_diff", isDate: common == .date)
            }
            args[1] = TypeCoercion.coerce(args[1], to: common)
            args[2] = TypeCoercion.coerce(args[2], to: common)
            return call(.dateDiff, .bigint)
        case "date_format", "format_datetime":
            try arity(2...2)
            _ = try temporal(0)
            try want(1, .varchar)
            return call(name == "date_format" ? .dateFormat : .formatDatetime, .varchar)
        case "date_parse":
            try arity(2...2)
            try want(0, .varchar)
            try want(1, .varchar)
            return call(.dateParse, .timestamp)
        case "parse_datetime":
            try arity(2...2)
            try want(0, .varchar)
            try want(1, .varchar)
            return call(.parseDatetime, .timestampWithTimeZone)
        case "from_unixtime":
            try arity(1...3)
            try want(0, .double)
            if args.count == 2 {
                try want(1, .varchar)
                try constant(1) { (zone) throws(FunctionError) in _ = try TimeZoneOffset(parsing: zone, function: "from_unixtime") }
            }
            if args.count == 3 {
                try want(1, .bigint)
                try want(2, .bigint)
            }
            return call(.fromUnixtime, .timestampWithTimeZone)
        case "to_unixtime":
            try arity(1...1)
            _ = try temporal(0)
            args[0] = TypeCoercion.coerce(args[0], to: .timestampWithTimeZone)
            return call(.toUnixtime, .double)
        case "now", "current_timestamp":
            try arity(0...0)
            return call(.currentTimestamp, .timestampWithTimeZone)
        case "current_date":
            try arity(0...0)
            return call(.currentDate, .date)
        case "date":
            try arity(1...1)
            guard types[0] == .varchar || types[0].isDateTime || types[0] == .unknown else { throw signatureError() }
            return .cast(args[0], to: .date, isTry: false)
        case "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week", "dow", "day_of_year",
             "doy", "hour", "minute", "second", "millisecond":
            try arity(1...1)
            let type = try temporal(0)
            if type == .date && ["hour", "minute", "second", "millisecond"].contains(name) { throw signatureError() }
            let function: ScalarFunction
            switch name {
            case "week_of_year": function = .week
            case "day_of_month": function = .day
            case "dow": function = .dayOfWeek
            case "doy": function = .dayOfYear
            default: function = ScalarFunction(rawValue: name)!
            }
            return call(function, .bigint)
        // Math
        case "abs", "sign":
            try arity(1...1)
            guard types[0].isNumeric || types[0] == .unknown else { throw signatureError() }
            return call(name == "abs" ? .abs : .sign, types[0] == .unknown ? .integer : types[0])
        case "round":
            try arity(1...2)
            guard types[0].isNumeric || types[0] == .unknown else { throw signatureError() }
            if args.count == 2 { try want(1, .bigint) }
            return call(.round, types[0] == .unknown ? .integer : types[0])
        case "floor", "ceil", "ceiling":
            try arity(1...1)
            guard types[0].isNumeric || types[0] == .unknown else { throw signatureError() }
            return call(name == "floor" ? .floor : .ceil, types[0] == .unknown ? .integer : types[0])
        case "power", "pow":
            try arity(2...2)
            try want(0, .double)
            try want(1, .double)
            return call(.power, .double)
        case "sqrt":
            try arity(1...1)
            try want(0, .double)
            return call(.sqrt, .double)
        case "mod":
            try arity(2...2)
            guard types.allSatisfy({ $0.isNumeric || $0 == .unknown }), var type = TypeCoercion.commonType(types[0], types[1])
            else { throw signatureError() }
            if type == .unknown { type = .integer }
            args = args.map { TypeCoercion.coerce($0, to: type) }
            return call(.modulo, type)
        // Conditionals and types
        case "nullif":
            try arity(2...2)
            guard let common = TypeCoercion.commonType(types[0], types[1]), common.isComparable else { throw signatureError() }
            let first = args[0]
            args[1] = TypeCoercion.coerce(args[1], to: common)
            args[0] = TypeCoercion.coerce(args[0], to: common)
            if types[0] == common || types[0] == .unknown { return .call(.nullif, args, common) }
            // Trino compares in the common type but returns the first argument as it is (NULLIF(1, 2e0) is an integer).
            let equal = BoundExpression.call(.equal, args, .boolean)
            return .caseWhen([WhenThen(condition: equal, result: .literal(.null, types[0]))], otherwise: first, types[0])
        case "greatest", "least":
            guard !args.isEmpty else { throw signatureError() }
            var type = LogicalType.unknown
            for candidate in types {
                guard let common = TypeCoercion.commonType(type, candidate) else { throw signatureError() }
                type = common
            }
            guard type.isOrderable else { throw signatureError() }
            args = args.map { TypeCoercion.coerce($0, to: type) }
            return call(name == "greatest" ? .greatest : .least, type)
        case "typeof":
            try arity(1...1)
            return .literal(.string(types[0].description), .varchar)
        default:
            let suggestion = NameSuggestion.closest(to: name, among: scalarNames + ["count", "sum", "avg", "min", "max",
                "count_if", "min_by", "max_by", "arbitrary", "approx_distinct", "array_agg", "bool_and", "bool_or"])
            throw QueryError(.functionNotFound,
                             "Function '\(name)' not registered" + (suggestion.map { " — did you mean \"\($0)\"?" } ?? ""),
                             at: span)
        }
    }
}
