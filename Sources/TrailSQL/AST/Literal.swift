import TrailBase

/// A constant written in the query: `NULL`, `TRUE`, `'it''s'`, `42`, `1.5`, `1e3`, `X'CAFE'`, `DATE '2024-01-01'`,
/// `INTERVAL '1' DAY`.
public struct Literal: Hashable, Sendable {
    public var value: Value
    @IgnoredInEquality public var span: SourceSpan

    public init(_ value: Value, span: SourceSpan = SourceSpan(0, 0)) {
        self.value = value
        self.span = span
    }

    public enum Value: Hashable, Sendable {
        case null
        case boolean(Bool)
        /// A string literal, with `''` undoubled (and `U&'…'` escapes decoded). Case-sensitive, like JSON paths.
        case string(String)
        case number(Number)
        /// `X'…'`: the bytes of a varbinary literal.
        case binary([UInt8])
        /// `type 'text'`: `DATE '2024-01-01'`, `TIMESTAMP '2024-01-01 00:00:00'`, `TIME '…'`, `JSON '{}'`,
        /// `DECIMAL '1.5'`, `DOUBLE PRECISION '1'` (type `double`), …; `type` is the lower-cased type name.
        case typed(type: String, value: String)
        case interval(Interval)
    }

    /// A numeric literal as written. Trino types `42` as integer (bigint when it does not fit), `1.5` as
    /// `decimal(2,1)` and `1e3` as double, so the text is kept exactly and the analyzer types it.
    public struct Number: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// Decimal digits (with optional `_` separators), or `0x…`, `0o…`, `0b…`.
            case integer
            /// Digits with a decimal point and no exponent: `1.5`, `.5`, `1.`.
            case decimal
            /// Digits with an exponent: `1e3`, `2.5E-3`.
            case double
        }
        /// The text as written, including a leading `-` when a minus sign was folded into the literal.
        public var text: String
        public var kind: Kind

        public init(_ text: String, kind: Kind) {
            self.text = text
            self.kind = kind
        }

        public var isNegative: Bool { text.utf8.first == UInt8(ascii: "-") }

        /// The value of an integer literal, when it fits in 64 bits.
        public var int64Value: Int64? {
            guard kind == .integer else { return nil }
            var bytes = Array(text.utf8)
            var negative = false
            if bytes.first == UInt8(ascii: "-") {
                negative = true
                bytes.removeFirst()
            }
            bytes.removeAll { $0 == UInt8(ascii: "_") }
            var radix: UInt64 = 10
            if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
                switch bytes[1] | 0x20 {
                case UInt8(ascii: "x"): radix = 16
                case UInt8(ascii: "o"): radix = 8
                case UInt8(ascii: "b"): radix = 2
                default: break
                }
                if radix != 10 { bytes.removeFirst(2) }
            }
            var magnitude: UInt64 = 0
            for byte in bytes {
                let digit: UInt64
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte &- 0x30)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte &- 0x61 &+ 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(byte &- 0x41 &+ 10)
                default: return nil
                }
                guard digit < radix else { return nil }
                let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: radix)
                let (sum, overflow2) = shifted.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                magnitude = sum
            }
            if negative {
                if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
                return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
            }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }
    }

    /// `INTERVAL [+|-] 'value' field [TO field]`.
    public struct Interval: Hashable, Sendable {
        public enum Sign: Hashable, Sendable { case plus, minus }
        public var value: String
        public var sign: Sign?
        public var from: IntervalField
        public var to: IntervalField?

        public init(value: String, sign: Sign? = nil, from: IntervalField, to: IntervalField? = nil) {
            self.value = value
            self.sign = sign
            self.from = from
            self.to = to
        }
    }
}

/// A datetime field of an interval literal or an interval type.
public enum IntervalField: String, Hashable, Sendable, CaseIterable {
    case year = "YEAR", month = "MONTH", day = "DAY", hour = "HOUR", minute = "MINUTE", second = "SECOND"
}
