import TrailBase

/// A type as written in `CAST(x AS type)`: `varchar`, `varchar(10)`, `decimal(10, 2)`, `timestamp(3) with time zone`,
/// `interval day to second`, `array(varchar)`, `map(varchar, bigint)`, `row(arn varchar, type varchar)`, …
///
/// Names are kept lower-cased and unresolved (`int` stays `int`); the analyzer maps them to column types.
public struct DataType: Hashable, Sendable {
    public var kind: Kind
    @IgnoredInEquality public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan = SourceSpan(0, 0)) {
        self.kind = kind
        self.span = span
    }

    public indirect enum Kind: Hashable, Sendable {
        /// A named type with optional parameters: `bigint`, `varchar(10)`, `decimal(10, 2)`, `json`, `varbinary`.
        case named(String, parameters: [Parameter])
        /// `array(T)`, also written `ARRAY<T>` or `T ARRAY`.
        case array(DataType)
        /// `map(K, V)`, also written `MAP<K, V>`.
        case map(key: DataType, value: DataType)
        /// `row(name T, …)`; a field may have no name (`row(bigint, varchar)`).
        case row([RowField])
        /// `timestamp`, `timestamp(p)`, with or without time zone.
        case timestamp(precision: Int?, withTimeZone: Bool)
        /// `time`, `time(p)`, with or without time zone.
        case time(precision: Int?, withTimeZone: Bool)
        /// `interval year to month`, `interval day to second`, …
        case interval(from: IntervalField, to: IntervalField?)
    }

    /// A type parameter: a number (`varchar(10)`) or a type (`array(varchar)` before normalisation).
    public enum Parameter: Hashable, Sendable {
        case number(Int)
        case type(DataType)
    }

    public struct RowField: Hashable, Sendable {
        public var name: Identifier?
        public var type: DataType
        public init(name: Identifier?, type: DataType) {
            self.name = name
            self.type = type
        }
    }
}
