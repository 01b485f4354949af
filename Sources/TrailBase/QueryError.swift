/// A user-facing error in a query: its stable code, the stage that found it, what went wrong, where, and how to fix it.
///
/// The SQL front end (lex, parse), the analyzer, the planner and the executor all throw this one type, so a caller
/// renders every query error the same way (`rendered(in:)`) and tests match on `kind`. `span` holds byte offsets
/// into the SQL text; `rendered(in:)` turns them into `line:column` and a caret line.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, documented error code such as `E_PARSE_UNEXPECTED_TOKEN`, and the stage it belongs to.
    ///
    /// A struct over a private string rather than an enum, so that stages can add codes without breaking anybody's
    /// exhaustive `switch`. Codes are never renamed and never change meaning; output shows them and SLT files match
    /// them.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private let storage: String
        /// The stage that reports errors of this kind.
        public let stage: Stage

        /// Declares a code. Every target of the package may add codes (`E_ANALYZE_…` in the analyzer, …); the
        /// prefix names the stage.
        package init(code: String, stage: Stage) {
            self.storage = code
            self.stage = stage
        }

        /// The code as output shows it, e.g. `E_LEX_UNTERMINATED_STRING`.
        public var code: String { storage }
        public var description: String { storage }
    }

    /// Where in the pipeline an error was found (STYLE §3.3: `lex`, `parse`, `analyze`, `plan`, `execute`).
    public enum Stage: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        case lex, parse, analyze, plan, execute
        public var description: String { rawValue }
    }

    public var kind: Kind
    /// One sentence: what was expected and what was found (`expected an expression after ',' but found FROM`).
    public var message: String
    /// Byte offsets of the offending text in the query, when the error has a place.
    public var span: SourceSpan?
    /// How to fix it, when the mistake is a common one (`use '=' to compare`).
    public var help: String?
    /// Further facts worth knowing (`the WITH clause started here`), printed after the help.
    public var notes: [String]

    public init(_ kind: Kind, _ message: String, at span: SourceSpan?, help: String? = nil, notes: [String] = []) {
        self.kind = kind
        self.message = message
        self.span = span
        self.help = help
        self.notes = notes
    }

    /// The stage that found the error (the stage of its kind).
    public var stage: Stage { kind.stage }

    /// `error[CODE]: message`, one line, without the query text.
    public var description: String { "error[\(kind)]: \(message)" }

    /// The error as a user sees it:
    ///
    ///     error[E_PARSE_UNEXPECTED_TOKEN]: expected an expression after ',' but found FROM
    ///      --> query:1:11
    ///       | SELECT a, FROM t
    ///       |           ^^^^
    ///       = help: remove the ',' before FROM
    ///
    /// The location and caret lines are left out when the error has no span.
    public func rendered(in sql: String) -> String {
        var text = description
        if let span {
            let position = LineColumn(offset: span.start, in: sql)
            let excerpt = sql.caretExcerpt(for: span)
            text += "\n --> query:\(position)\n  | \(excerpt.line)\n  | \(excerpt.caret)"
        }
        if let help { text += "\n  = help: \(help)" }
        for note in notes { text += "\n  = note: \(note)" }
        return text
    }
}

// MARK: - Codes of the SQL front end (lex and parse)

extension QueryError.Kind {
    /// A `'…'` string literal (or `U&'…'`, `X'…'`) without its closing quote.
    public static let unterminatedString = Self(code: "E_LEX_UNTERMINATED_STRING", stage: .lex)
    /// A `"…"` quoted identifier without its closing quote.
    public static let unterminatedQuotedIdentifier = Self(code: "E_LEX_UNTERMINATED_QUOTED_IDENTIFIER", stage: .lex)
    /// A `/* …` comment without its closing `*/`.
    public static let unterminatedComment = Self(code: "E_LEX_UNTERMINATED_COMMENT", stage: .lex)
    /// A character that starts no token (`$`, `!`, `&`, `{`, a non-ASCII letter outside quotes, …).
    public static let unexpectedCharacter = Self(code: "E_LEX_UNEXPECTED_CHARACTER", stage: .lex)
    /// `""`: a quoted identifier must name something.
    public static let emptyIdentifier = Self(code: "E_LEX_EMPTY_IDENTIFIER", stage: .lex)
    /// A token that cannot appear where it is.
    public static let unexpectedToken = Self(code: "E_PARSE_UNEXPECTED_TOKEN", stage: .parse)
    /// The query ended where something was still required.
    public static let unexpectedEnd = Self(code: "E_PARSE_UNEXPECTED_END", stage: .parse)
    /// Valid Trino (or Hive DDL) that trailsql does not accept; the message names the construct.
    public static let unsupported = Self(code: "E_PARSE_UNSUPPORTED", stage: .parse)
    /// Nesting (parentheses, subqueries, operator chains) deeper than `SQLLimits.maxNestingDepth`.
    public static let nestedTooDeeply = Self(code: "E_PARSE_TOO_DEEP", stage: .parse)
    /// More than one statement in one query text (`SELECT 1; SELECT 2`).
    public static let multipleStatements = Self(code: "E_PARSE_MULTIPLE_STATEMENTS", stage: .parse)
    /// A query text with no statement in it (empty, blanks or comments only).
    public static let emptyStatement = Self(code: "E_PARSE_EMPTY_STATEMENT", stage: .parse)
    /// A literal whose text is malformed: `X'0G'`, a bad `U&` escape, a LIMIT beyond 64 bits.
    public static let invalidLiteral = Self(code: "E_PARSE_INVALID_LITERAL", stage: .parse)
}

// MARK: - Codes of the analyzer (names, types, clauses)

extension QueryError.Kind {
    public static let columnNotFound = Self(code: "E_ANALYZE_COLUMN_NOT_FOUND", stage: .analyze)
    public static let ambiguousColumn = Self(code: "E_ANALYZE_AMBIGUOUS_COLUMN", stage: .analyze)
    public static let fieldNotFound = Self(code: "E_ANALYZE_FIELD_NOT_FOUND", stage: .analyze)
    public static let typeMismatch = Self(code: "E_ANALYZE_TYPE_MISMATCH", stage: .analyze)
    public static let functionNotFound = Self(code: "E_ANALYZE_FUNCTION_NOT_FOUND", stage: .analyze)
    public static let wrongArguments = Self(code: "E_ANALYZE_WRONG_ARGUMENTS", stage: .analyze)
    public static let notAggregate = Self(code: "E_ANALYZE_NOT_AGGREGATE", stage: .analyze)
    public static let misplacedAggregate = Self(code: "E_ANALYZE_MISPLACED_AGGREGATE", stage: .analyze)
    public static let misplacedWindow = Self(code: "E_ANALYZE_MISPLACED_WINDOW", stage: .analyze)
    public static let invalidOrdinal = Self(code: "E_ANALYZE_INVALID_ORDINAL", stage: .analyze)
    public static let invalidLiteralValue = Self(code: "E_ANALYZE_INVALID_LITERAL", stage: .analyze)
    public static let subqueryShape = Self(code: "E_ANALYZE_SUBQUERY_SHAPE", stage: .analyze)
    public static let setOperationMismatch = Self(code: "E_ANALYZE_SET_OPERATION_MISMATCH", stage: .analyze)
    public static let unsupportedFeature = Self(code: "E_ANALYZE_UNSUPPORTED", stage: .analyze)
    public static let duplicateName = Self(code: "E_ANALYZE_DUPLICATE_NAME", stage: .analyze)
    public static let invalidArgument = Self(code: "E_ANALYZE_INVALID_ARGUMENT", stage: .analyze)
}

// MARK: - Codes of execution

extension QueryError.Kind {
    /// A function rejected its input (Trino raises the same error at run time).
    public static let functionFailed = Self(code: "E_EXEC_FUNCTION", stage: .execute)
    public static let divisionByZero = Self(code: "E_EXEC_DIVISION_BY_ZERO", stage: .execute)
    public static let numericOverflow = Self(code: "E_EXEC_NUMERIC_OVERFLOW", stage: .execute)
    public static let invalidCast = Self(code: "E_EXEC_INVALID_CAST", stage: .execute)
    public static let subscriptOutOfBounds = Self(code: "E_EXEC_SUBSCRIPT_OUT_OF_BOUNDS", stage: .execute)
    public static let subqueryRows = Self(code: "E_EXEC_SUBQUERY_MULTIPLE_ROWS", stage: .execute)
    public static let scanLimitExceeded = Self(code: "E_EXEC_SCAN_LIMIT", stage: .execute)
    public static let sourceFailed = Self(code: "E_EXEC_SOURCE", stage: .execute)
}
