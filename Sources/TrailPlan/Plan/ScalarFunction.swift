import TrailColumnar

/// Every scalar function and operator the engine evaluates. The analyzer picks one from a name and argument types
/// (`FunctionResolver`); TrailExec has one kernel per case. Constant arguments (regex, JSON path, LIKE pattern,
/// format) are compiled once per operator by the executor.
public enum ScalarFunction: String, Hashable, Sendable, CaseIterable {
    // Operators
    case add, subtract, multiply, divide, modulo, negate
    case concatOperator = "||"
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case isDistinctFrom, isNotDistinctFrom
    /// (value, pattern[, escape])
    case like
    case `subscript`
    case nullif, greatest, least
    case arrayConstructor, rowConstructor
    case atTimeZone
    // Strings
    case lower, upper, length, substr, strpos, replace, trim, ltrim, rtrim, split, splitPart = "split_part"
    case concat, startsWith = "starts_with", reverse, lpad, rpad, chr, codepoint
    case urlExtractHost = "url_extract_host", urlExtractPath = "url_extract_path", urlExtractPort = "url_extract_port"
    case urlExtractProtocol = "url_extract_protocol", urlExtractQuery = "url_extract_query"
    case urlExtractFragment = "url_extract_fragment", urlExtractParameter = "url_extract_parameter"
    // Regular expressions
    case regexpLike = "regexp_like", regexpExtract = "regexp_extract", regexpExtractAll = "regexp_extract_all"
    case regexpReplace = "regexp_replace", regexpCount = "regexp_count", regexpPosition = "regexp_position"
    case regexpSplit = "regexp_split"
    // JSON
    case jsonExtractScalar = "json_extract_scalar", jsonExtract = "json_extract", jsonFormat = "json_format"
    case jsonParse = "json_parse", jsonArrayLength = "json_array_length", jsonArrayContains = "json_array_contains"
    case jsonSize = "json_size"
    // Arrays and maps
    case elementAt = "element_at", cardinality, contains, arrayJoin = "array_join", arrayDistinct = "array_distinct"
    case slice, mapKeys = "map_keys", mapValues = "map_values", arrayPosition = "array_position"
    case arrayMax = "array_max", arrayMin = "array_min", arraySort = "array_sort"
    // Date and time
    case fromISO8601Timestamp = "from_iso8601_timestamp", fromISO8601Date = "from_iso8601_date"
    case toISO8601 = "to_iso8601", dateTrunc = "date_trunc", dateAdd = "date_add", dateDiff = "date_diff"
    case dateFormat = "date_format", dateParse = "date_parse", parseDatetime = "parse_datetime"
    case formatDatetime = "format_datetime", fromUnixtime = "from_unixtime", toUnixtime = "to_unixtime"
    case currentTimestamp = "current_timestamp", currentDate = "current_date"
    case year, quarter, month, week, day, dayOfWeek = "day_of_week", dayOfYear = "day_of_year", hour, minute, second
    case millisecond
    // Math
    case abs, round, floor, ceil, power, sqrt, sign
    // Types
    case typeof

    /// False for functions whose value changes between calls (never folded to a constant before execution).
    public var isDeterministic: Bool {
        switch self {
        case .currentTimestamp, .currentDate: return false
        default: return true
        }
    }

    /// The SQL name, as EXPLAIN prints it.
    public var sqlName: String { rawValue }
}

/// An aggregate function (in GROUP BY queries and as a window function).
public enum AggregateFunction: String, Hashable, Sendable, CaseIterable {
    case count, countStar = "count(*)", countIf = "count_if", sum, avg, min, max, minBy = "min_by", maxBy = "max_by"
    case arbitrary, approxDistinct = "approx_distinct", arrayAgg = "array_agg", boolAnd = "bool_and"
    case boolOr = "bool_or"
}

/// One aggregate in an Aggregate node: `function(DISTINCT arguments) FILTER (WHERE filter)`.
public struct AggregateCall: Hashable, Sendable {
    public var function: AggregateFunction
    public var arguments: [BoundExpression]
    public var isDistinct: Bool
    public var filter: BoundExpression?
    public var type: LogicalType

    public init(function: AggregateFunction, arguments: [BoundExpression], isDistinct: Bool, filter: BoundExpression?,
                type: LogicalType) {
        self.function = function
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.filter = filter
        self.type = type
    }
}

/// A window function: ranking, navigation or an aggregate over a window.
public enum WindowFunction: Hashable, Sendable {
    case rowNumber, rank, denseRank, percentRank, ntile
    case lag, lead, firstValue, lastValue, nthValue
    case aggregate(AggregateFunction)

    public var sqlName: String {
        switch self {
        case .rowNumber: return "row_number"
        case .rank: return "rank"
        case .denseRank: return "dense_rank"
        case .percentRank: return "percent_rank"
        case .ntile: return "ntile"
        case .lag: return "lag"
        case .lead: return "lead"
        case .firstValue: return "first_value"
        case .lastValue: return "last_value"
        case .nthValue: return "nth_value"
        case .aggregate(let function): return function.rawValue
        }
    }
}

/// The frame of a window aggregate. Trino's default with ORDER BY is RANGE UNBOUNDED PRECEDING to CURRENT ROW
/// (peers included); without ORDER BY the whole partition.
public enum WindowFrameKind: Hashable, Sendable {
    case wholePartition
    case rangeToCurrentRow
    case rowsToCurrentRow
    /// RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING: from the row's first peer to the end.
    case rangeFromCurrentRow
    /// RANGE BETWEEN CURRENT ROW AND CURRENT ROW: the row's peers.
    case rangePeers
    /// ROWS BETWEEN n PRECEDING AND m FOLLOWING (nil = unbounded).
    case rows(preceding: Int64?, following: Int64?)
}

public struct WindowCall: Hashable, Sendable {
    public var function: WindowFunction
    public var arguments: [BoundExpression]
    public var partitionBy: [BoundExpression]
    public var orderBy: [SortKey]
    public var frame: WindowFrameKind
    public var type: LogicalType

    public init(function: WindowFunction, arguments: [BoundExpression], partitionBy: [BoundExpression],
                orderBy: [SortKey], frame: WindowFrameKind, type: LogicalType) {
        self.function = function
        self.arguments = arguments
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.type = type
    }
}
