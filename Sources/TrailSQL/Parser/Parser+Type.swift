import TrailBase

extension Parser {
    /// A type in CAST: named types with parameters, `array(T)`, `map(K, V)`, `row(…)`, timestamp and time with
    /// precision and time zone, intervals, and the legacy spellings `ARRAY<T>`, `MAP<K, V>`, `T ARRAY`.
    mutating func parseType() throws(ParseFailure) -> DataType {
        try descend()
        defer { ascend() }
        let start = peek().span.start
        var type = try parseBaseType()
        while check(.array) {
            advance()
            if let open = accept(.leftBracket) {
                _ = try parseCount("an array size")
                try expectClosing(.rightBracket, opening: open)
            }
            type = DataType(.array(type), span: span(from: start))
        }
        return type
    }

    private mutating func parseBaseType() throws(ParseFailure) -> DataType {
        let name = try parseTypeName()
        switch name {
        case "row" where check(.leftParen): return try parseRowType()
        case "interval": return try parseIntervalType()
        case "timestamp", "time": return try parseDateTimeType(name)
        case "double" where check(.precision):
            let start = typeStart
            advance()
            return DataType(.named("double", parameters: []), span: span(from: start))
        case "array" where check(.less): return try parseLegacyArrayType()
        case "map" where check(.less): return try parseLegacyMapType()
        case "struct" where check(.less):
            throw unexpected("'(' or the end of the type", help: "in queries, a row type is written row(name type, …)")
        default: return try parseNamedType(name)
        }
    }

    /// The type's name, lower-cased, consumed.
    private mutating func parseTypeName() throws(ParseFailure) -> String {
        switch peek().kind {
        case .word(let text, let keyword) where keyword?.isReserved != true:
            advance()
            return text.lowercased()
        case .quotedIdentifier(let text):
            advance()
            return text.lowercased()
        default:
            throw unexpected("a type such as varchar or bigint")
        }
    }

    private var typeStart: Int { previous?.span.start ?? 0 }

    private mutating func parseRowType() throws(ParseFailure) -> DataType {
        let start = typeStart
        let open = advance()
        var fields = [try parseRowField()]
        while accept(.comma) != nil { fields.append(try parseRowField()) }
        try expectClosing(.rightParen, opening: open)
        return DataType(.row(fields), span: span(from: start))
    }

    private mutating func parseIntervalType() throws(ParseFailure) -> DataType {
        let start = typeStart
        let from = try parseIntervalField()
        var to: IntervalField?
        if accept(.to) != nil { to = try parseIntervalField() }
        return DataType(.interval(from: from, to: to), span: span(from: start))
    }

    /// `timestamp [(p)] [WITH | WITHOUT TIME ZONE]`, `time …`.
    private mutating func parseDateTimeType(_ name: String) throws(ParseFailure) -> DataType {
        let start = typeStart
        var precision: Int?
        if let open = accept(.leftParen) {
            precision = Int(clamping: try parseCount("a precision"))
            try expectClosing(.rightParen, opening: open)
        }
        var withTimeZone = false
        if check(.with) || check(.without), check(.time, ahead: 1) {
            withTimeZone = advance().isKeyword(.with)
            advance()
            try expect(.zone, "after TIME")
        }
        let kind: DataType.Kind =
            name == "time"
            ? .time(precision: precision, withTimeZone: withTimeZone)
            : .timestamp(precision: precision, withTimeZone: withTimeZone)
        return DataType(kind, span: span(from: start))
    }

    private mutating func parseLegacyArrayType() throws(ParseFailure) -> DataType {
        let start = typeStart
        advance()
        let element = try parseType()
        try expect(.greater, "to close ARRAY<…>")
        return DataType(.array(element), span: span(from: start))
    }

    private mutating func parseLegacyMapType() throws(ParseFailure) -> DataType {
        let start = typeStart
        advance()
        let key = try parseType()
        try expect(.comma, "between the key and value types of MAP<…>")
        let value = try parseType()
        try expect(.greater, "to close MAP<…>")
        return DataType(.map(key: key, value: value), span: span(from: start))
    }

    /// `name [(parameter, …)]`; `array(T)` and `map(K, V)` become their own kinds.
    private mutating func parseNamedType(_ name: String) throws(ParseFailure) -> DataType {
        let start = typeStart
        var parameters: [DataType.Parameter] = []
        if let open = accept(.leftParen) {
            repeat {
                if case .number = peek().kind {
                    parameters.append(.number(Int(clamping: try parseCount("a type parameter"))))
                } else {
                    parameters.append(.type(try parseType()))
                }
            } while accept(.comma) != nil
            try expectClosing(.rightParen, opening: open)
        }
        return Self.makeNamedType(name, parameters, span: span(from: start))
    }

    private static func makeNamedType(_ name: String, _ parameters: [DataType.Parameter], span: SourceSpan) -> DataType
    {
        if name == "array", parameters.count == 1, case .type(let element) = parameters[0] {
            return DataType(.array(element), span: span)
        }
        if name == "map", parameters.count == 2, case .type(let key) = parameters[0],
            case .type(let value) = parameters[1]
        {
            return DataType(.map(key: key, value: value), span: span)
        }
        return DataType(.named(name, parameters: parameters), span: span)
    }

    /// `name type` or `type`.
    private mutating func parseRowField() throws(ParseFailure) -> DataType.RowField {
        let first = peek()
        let second = peek(1)
        let secondStartsType: Bool
        switch second.kind {
        case .word(_, let keyword): secondStartsType = keyword?.isReserved != true
        case .quotedIdentifier: secondStartsType = true
        default: secondStartsType = false
        }
        let isTypeOnly =
            (first.isKeyword(.double) && second.isKeyword(.precision))
            || (first.isKeyword(.interval)
                && second.keyword.map { [.year, .month, .day, .hour, .minute, .second].contains($0) } == true)
        if first.isIdentifier, secondStartsType, !isTypeOnly {
            let name = try parseIdentifier("a field name")
            return DataType.RowField(name: name, type: try parseType())
        }
        return DataType.RowField(name: nil, type: try parseType())
    }
}
