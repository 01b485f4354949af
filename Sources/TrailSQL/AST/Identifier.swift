import TrailBase

/// A value stored in an AST node that takes no part in the node's `==` and `hash(into:)`.
///
/// Every node carries the `span` of the text it came from, but two nodes that say the same thing are equal wherever
/// they were written: the round-trip check `parse(print(parse(sql))) == parse(sql)` relies on it, and so will the
/// analyzer when it matches a `GROUP BY` expression against a select item.
@propertyWrapper
public struct IgnoredInEquality<Value: Sendable>: Hashable, Sendable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }
    public static func == (lhs: Self, rhs: Self) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// A name: a column, table, alias, function, field, CTE or window name.
///
/// Names are case-insensitive, as in Athena and Trino (which lower-case every name, quoted or not): two identifiers are
/// equal when their `normalized` forms are. `value` keeps the text as written (without the quotes, and with `""`
/// undoubled for a quoted identifier) so that messages and the printer show the user's spelling.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The name as written, without quotes.
    public var value: String
    /// Whether the name was written in double quotes (`"$path"`).
    public var isQuoted: Bool
    /// The lower-cased name that lookups compare.
    public private(set) var normalized: String
    public var span: SourceSpan

    public init(_ value: String, isQuoted: Bool = false, span: SourceSpan = SourceSpan(0, 0)) {
        self.value = value
        self.isQuoted = isQuoted
        self.normalized = value.lowercased()
        self.span = span
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    /// The name as canonical SQL: bare when it can be, double-quoted when it must be.
    public var description: String { SQLWriter.identifier(self) }
}

/// A dotted name: `cloudtrail_logs`, `"default"."my_trail"`, `awsdatacatalog.default.t`, `t.eventname`, or a field path
/// such as `useridentity.sessioncontext.sessionissuer.arn`. Whether the leading parts name a table or fields of a row
/// is for the analyzer to decide.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    /// One or more parts, in order.
    public var parts: [Identifier]

    public init(_ parts: [Identifier]) {
        precondition(!parts.isEmpty, "a qualified name has at least one part")
        self.parts = parts
    }

    public var span: SourceSpan {
        SourceSpan(parts.first?.span.start ?? 0, parts.last?.span.end ?? 0)
    }
    /// The last part (the column or table name proper).
    public var last: Identifier { parts[parts.count - 1] }
    /// The normalized parts joined with dots, e.g. `useridentity.arn`.
    public var normalized: String { parts.map(\.normalized).joined(separator: ".") }
    public var description: String { parts.map(\.description).joined(separator: ".") }
}
