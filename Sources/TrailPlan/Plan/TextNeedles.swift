import TrailBase
import TrailColumnar
import TrailJSON

/// Byte strings that every record matching a scan's predicate must contain in its raw JSON, derived from the
/// predicate's simple conjuncts: `col = 'lit'`, `col IN ('a', 'b')`, `col LIKE '%lit%'` (any literal run of the
/// pattern). Workers search a file's (or a record's) bytes for them before decoding anything; a miss skips the
/// JSON entirely, a hit is confirmed by the predicate on the decoded field as always.
///
/// It is a necessary condition, so only needles that the raw text must contain byte for byte qualify: no quote,
/// backslash, slash or control byte (those may be escaped in JSON), and no `, : { } [ ]` or whitespace (objects
/// decode to compact text, which can differ from the raw text around those). A `\u` escape can spell any other
/// byte, so a text holding `\u` is decoded whatever the search says (`mayMatch`).
public struct TextNeedles: Sendable, Equatable {
    /// All groups must match; a group matches when any of its needles occurs.
    public var groups: [[[UInt8]]]

    public init(groups: [[[UInt8]]]) { self.groups = groups }

    public var isEmpty: Bool { groups.isEmpty }

    /// A scan that decodes many columns (`SELECT *`): decoding one of its records costs far more than the skip
    /// that finds the record's end, so its needles are worth testing record by record, and caching its columns
    /// for every record costs more than the needles save.
    public static func isWide(_ node: ScanNode) -> Bool {
        Set(node.columns.map(\.dottedPath)).count >= 8
    }

    /// The needles of `node`'s predicate (none for CloudTrail Lake, whose columns are converted).
    public init(_ node: ScanNode) {
        groups = []
        guard node.table == .cloudTrail, let predicate = node.predicate else { return }
        var eligible: Set<ColumnID> = []
        for column in node.columns where column.conversion == .none && column.type == .varchar
            && !CloudTrailSchema.partitionColumns.contains(where: { $0.name == column.path[0] }) {
            eligible.insert(column.id)
        }
        func isEligible(_ expression: BoundExpression) -> Bool {
            if case .column(let id, _) = expression { return eligible.contains(id) }
            return false
        }
        func group(_ expression: BoundExpression) -> [[UInt8]]? {
            if let (column, texts) = expression.equalityTexts {
                return eligible.contains(column) && texts.allSatisfy(TextNeedles.isSearchable) ? texts : nil
            }
            switch expression {
            case .call(.like, let arguments, _) where arguments.count == 2 && isEligible(arguments[0]):
                guard case .literal(.bytes(let pattern), _) = arguments[1] else { return nil }
                let runs = pattern.split(omittingEmptySubsequences: true) { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "_") }
                guard let longest = runs.max(by: { $0.count < $1.count }), longest.count >= 3,
                      TextNeedles.isSearchable(Array(longest)) else { return nil }
                return [Array(longest)]
            case .or(let terms):
                var needles: [[UInt8]] = []
                for term in terms {
                    // Every branch must contribute, or a record could match through one without a needle.
                    guard let alternatives = group(term) else { return nil }
                    needles += alternatives
                }
                return needles
            default:
                return nil
            }
        }
        func collect(_ expression: BoundExpression) {
            if case .and(let terms) = expression {
                terms.forEach(collect)
            } else if let found = group(expression) {
                groups.append(found)
            }
        }
        collect(predicate)
    }

    /// True when `needle` must occur verbatim in any raw JSON that decodes to a text containing it.
    static func isSearchable(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return false }
        return !needle.contains { byte in
            byte < 0x21 || byte == 0x22 || byte == 0x5C || byte == 0x2F || byte == 0x2C || byte == 0x3A
                || byte == 0x7B || byte == 0x7D || byte == 0x5B || byte == 0x5D || byte == 0x7F
        }
    }

    /// False only when no record in `text` can match: some group has no needle in it and nothing is escaped.
    /// The search for a needle notes `\u` in the same pass, so a miss reads the text once.
    public func mayMatch(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let base = text.baseAddress else { return groups.isEmpty }
        var escaped: Bool?
        for group in groups {
            var found = false
            for needle in group {
                switch NeedleSearch(needle, in: base, count: text.count) {
                case .found: found = true
                case .absent(let unicodeEscape): escaped = escaped ?? unicodeEscape
                }
                if found { break }
            }
            if !found { return escaped ?? true }
        }
        return true
    }
}
