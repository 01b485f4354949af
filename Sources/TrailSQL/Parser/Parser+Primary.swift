import TrailBase

extension Parser {
    /// A literal, name, call, parenthesised expression, subquery or special form.
    ///
    /// Functions on the recursive path (this one, `parseParenthesized`, `parseValue`, …) stay small and hand the
    /// rest to helpers: an unoptimised build gives every temporary its own stack slot, and the nesting limit must fit
    /// an 8 MB stack in a debug build.
    mutating func parsePrimary() throws(ParseFailure) -> Expression {
        switch peek().kind {
        case .symbol(.leftParen): return try parseParenthesized()
        case .word(_, let keyword?):
            if let special = try parseKeywordPrimary(keyword) { return special }
            return try parseWordPrimary()
        case .word: return try parseWordPrimary()
        case .quotedIdentifier:
            return check(.arrow, ahead: 1) ? try parseSingleParameterLambda() : try parseNameOrCall()
        default: return try parseAtom()
        }
    }

    /// Literals that are one token (or `U&'…' UESCAPE '…'`), and the errors for tokens that start no expression.
    private mutating func parseAtom() throws(ParseFailure) -> Expression {
        let token = peek()
        let start = token.span.start
        switch token.kind {
        case .number(let text, let kind):
            advance()
            return .literal(Literal(.number(Literal.Number(text, kind: kind)), span: token.span))
        case .string(let value):
            advance()
            return .literal(Literal(.string(value), span: token.span))
        case .unicodeString(let raw):
            advance()
            var escape: UInt8 = UInt8(ascii: "\\")
            if let uescape = accept(.uescape) {
                let escapeToken = peek()
                guard case .string(let text) = escapeToken.kind else { throw unexpected("an escape character string") }
                advance()
                let bytes = Array(text.utf8)
                guard bytes.count == 1, bytes[0] < 0x80, !bytes[0].isASCIIHexDigit, bytes[0] != UInt8(ascii: "+"),
                    bytes[0] != UInt8(ascii: "'"), bytes[0] != UInt8(ascii: "\""), bytes[0] > 0x20
                else {
                    throw ParseFailure(
                        .invalidLiteral,
                        "the UESCAPE character must be one printable ASCII character other than a "
                            + "hex digit, '+', quote or space", at: span(from: uescape.span.start))
                }
                escape = bytes[0]
            }
            let value = try decodeUnicodeString(raw, escape: escape, span: token.span)
            return .literal(Literal(.string(value), span: span(from: start)))
        case .binaryString(let hex):
            advance()
            return .literal(Literal(.binary(try decodeHex(hex, span: token.span)), span: token.span))
        case .symbol(.question):
            throw unsupported("a query parameter (?)", at: token.span, help: "write the value into the query")
        default:
            throw unexpected("an expression")
        }
    }

    /// A word used as a name: a typed literal (`DATE '…'`), a lambda (`x -> …`), a column or a call.
    private mutating func parseWordPrimary() throws(ParseFailure) -> Expression {
        if peek().keyword?.isReserved == true { throw unexpected("an expression") }
        switch peek(1).kind {
        case .string: return parseTypedLiteral()
        case .symbol(.arrow): return try parseSingleParameterLambda()
        default: return try parseNameOrCall()
        }
    }

    /// `DATE '2024-01-01'`, `TIMESTAMP '…'`, `JSON '…'`, `DECIMAL '1.5'`, …
    private mutating func parseTypedLiteral() -> Expression {
        let type = advance()
        let value = advance()
        guard case .word(let name, _) = type.kind, case .string(let text) = value.kind else {
            preconditionFailure("a typed literal is a word and a string")
        }
        return .literal(Literal(.typed(type: name.lowercased(), value: text), span: span(from: type.span.start)))
    }

    /// `x -> body`, `"x" -> body`.
    private mutating func parseSingleParameterLambda() throws(ParseFailure) -> Expression {
        let start = peek().span.start
        let parameter = try parseIdentifier("a lambda parameter")
        advance()
        return try parseLambdaBody([parameter], start: start)
    }

    // MARK: - Names and calls

    /// `name`, `a.b.c`, or a call `name(…)`.
    private mutating func parseNameOrCall() throws(ParseFailure) -> Expression {
        let name = try parseQualifiedName()
        if check(.leftParen) { return try parseFunctionCall(name) }
        if case .string = peek().kind, name.parts.count == 1, name.parts[0].isQuoted {
            throw unexpected(
                "an operator or ','",
                help: "a missing ','? (a typed literal such as DATE '2024-01-01' has no quotes around the type)")
        }
        return .column(ColumnReference(name))
    }

    /// `name(…) [FILTER (WHERE …)] [IGNORE | RESPECT NULLS] [OVER …]`, at the `(`.
    private mutating func parseFunctionCall(_ name: QualifiedName) throws(ParseFailure) -> Expression {
        var call = FunctionCall(name: name, arguments: [], span: name.span)
        try parseArguments(into: &call)
        try parseCallTail(into: &call)
        call.span = span(from: name.span.start)
        return .function(call)
    }

    /// `( [* | [DISTINCT | ALL] argument, … [ORDER BY …]] )`.
    private mutating func parseArguments(into call: inout FunctionCall) throws(ParseFailure) {
        let open = advance()
        if accept(.star) != nil {
            call.isStar = true
        } else if !check(.rightParen) {
            if accept(.distinct) != nil {
                call.quantifier = .distinct
            } else if check(.all), !check(.comma, ahead: 1), !check(.rightParen, ahead: 1) {
                advance()
                call.quantifier = .all
            }
            guard startsExpression() else { throw unexpected("an argument") }
            call.arguments.append(try parseExpression())
            try parseRemainingArguments(into: &call, open: open)
            return
        }
        try expectClosing(.rightParen, opening: open)
    }

    /// `(, argument)* [ORDER BY …] )` after a call's first argument.
    private mutating func parseRemainingArguments(into call: inout FunctionCall, open: Token) throws(ParseFailure) {
        while accept(.comma) != nil {
            guard startsExpression() else { throw unexpected("an argument after ','") }
            call.arguments.append(try parseExpression())
        }
        if accept(.order) != nil {
            try expect(.by, "after ORDER")
            call.orderBy = try parseSortItems()
        }
        try expectClosing(.rightParen, opening: open)
    }

    /// `FILTER (WHERE …)`, `IGNORE NULLS` / `RESPECT NULLS` and `OVER …` after a call's arguments.
    private mutating func parseCallTail(into call: inout FunctionCall) throws(ParseFailure) {
        if check(.filter), check(.leftParen, ahead: 1), check(.where, ahead: 2) {
            advance()
            let filterOpen = advance()
            advance()
            call.filter = try parseExpression()
            try expectClosing(.rightParen, opening: filterOpen)
        }
        if check(.ignore) || check(.respect), check(.nulls, ahead: 1) {
            call.nullTreatment = advance().isKeyword(.ignore) ? .ignore : .respect
            advance()
            guard check(.over) else {
                throw unexpected("OVER", help: "IGNORE NULLS and RESPECT NULLS apply to window functions")
            }
        }
        // After IGNORE/RESPECT NULLS the OVER is the window's, never a column alias (`lag(x) IGNORE NULLS OVER`
        // printed as `… AS OVER` did not parse back: found by Fuzz/SQL).
        if check(.over), call.nullTreatment != nil || check(.leftParen, ahead: 1) || peek(1).isIdentifier {
            advance()
            if check(.leftParen) {
                call.window = .specification(try parseWindowSpecification())
            } else {
                call.window = .named(try parseIdentifier("a window name"))
            }
        }
    }

    // MARK: - Windows

    /// `( [name] [PARTITION BY …] [ORDER BY …] [frame] )`.
    mutating func parseWindowSpecification() throws(ParseFailure) -> WindowSpecification {
        let open = try expect(.leftParen)
        var specification = WindowSpecification(span: open.span)
        let first = peek()
        if first.isIdentifier, !(first.isKeyword(.partition) && check(.by, ahead: 1)) {
            let next = peek(1)
            let isFrameStart =
                [.rows, .range, .groups].contains(first.keyword) && !next.isSymbol(.rightParen)
                && ![.partition, .order, .rows, .range, .groups].contains(next.keyword)
            if !isFrameStart {
                specification.existingWindow = try parseIdentifier("a window name")
            }
        }
        if accept(.partition) != nil {
            try expect(.by, "after PARTITION")
            specification.partitionBy = [try parseExpression()]
            while accept(.comma) != nil { specification.partitionBy.append(try parseExpression()) }
        }
        if accept(.order) != nil {
            try expect(.by, "after ORDER")
            specification.orderBy = try parseSortItems()
        }
        if let unitToken = peek().keyword, [.rows, .range, .groups].contains(unitToken) {
            let start = advance().span.start
            let unit: WindowFrame.Unit = unitToken == .rows ? .rows : unitToken == .range ? .range : .groups
            if accept(.between) != nil {
                let lower = try parseFrameBound()
                try expect(.and, "between the frame bounds")
                let upper = try parseFrameBound()
                specification.frame = WindowFrame(unit: unit, start: lower, end: upper, span: span(from: start))
            } else {
                let bound = try parseFrameBound()
                specification.frame = WindowFrame(unit: unit, start: bound, end: nil, span: span(from: start))
            }
        }
        try expectClosing(.rightParen, opening: open)
        specification.span = span(from: open.span.start)
        return specification
    }

    private mutating func parseFrameBound() throws(ParseFailure) -> WindowFrame.Bound {
        if check(.unbounded) {
            advance()
            if accept(.preceding) != nil { return .unboundedPreceding }
            if accept(.following) != nil { return .unboundedFollowing }
            throw unexpected("PRECEDING or FOLLOWING")
        }
        if check(.current), check(.row, ahead: 1) {
            advance()
            advance()
            return .currentRow
        }
        let offset = try parseExpression()
        if accept(.preceding) != nil { return .preceding(offset) }
        if accept(.following) != nil { return .following(offset) }
        throw unexpected("PRECEDING or FOLLOWING")
    }

    // MARK: - Parentheses

    /// `(expression)`, `(a, b)` (a row), `(SELECT …)`, or lambda parameters `(a, b) -> …`.
    private mutating func parseParenthesized() throws(ParseFailure) -> Expression {
        if let parameters = lambdaParameterCount() { return try parseParenthesizedLambda(parameters) }
        if isQueryStart(ahead: 1) { return try parseSubqueryOrParenthesized() }
        return try parseParenthesizedExpression()
    }

    private mutating func parseParenthesizedLambda(_ parameters: Int) throws(ParseFailure) -> Expression {
        let start = advance().span.start
        var names: [Identifier] = []
        for index in 0..<parameters {
            if index > 0 { advance() }
            names.append(try parseIdentifier())
        }
        advance()
        advance()
        return try parseLambdaBody(names, start: start)
    }

    /// `(SELECT …)`, or an expression that starts with one: `((SELECT 1) + 1)`. When neither reading works, the
    /// error that got further is reported.
    private mutating func parseSubqueryOrParenthesized() throws(ParseFailure) -> Expression {
        let savedIndex = index
        let savedDepth = depth
        let firstError: ParseFailure
        do {
            return try parseScalarSubquery()
        } catch {
            if error.kind == .nestedTooDeeply { throw error }
            firstError = error
        }
        rewind(to: savedIndex)
        depth = savedDepth
        do {
            return try parseParenthesizedExpression()
        } catch {
            throw Self.furthest(firstError, error)
        }
    }

    private mutating func parseScalarSubquery() throws(ParseFailure) -> Expression {
        let open = advance()
        let query = try parseQuery()
        try expectClosing(.rightParen, opening: open)
        return .subquery(ScalarSubquery(query, span: span(from: open.span.start)))
    }

    private mutating func parseParenthesizedExpression() throws(ParseFailure) -> Expression {
        let open = advance()
        guard startsExpression() else { throw unexpected("an expression") }
        let first = try parseExpression()
        guard check(.comma) else {
            try expectClosing(.rightParen, opening: open)
            return first
        }
        var elements = [first]
        while accept(.comma) != nil {
            guard startsExpression() else { throw unexpected("an expression") }
            elements.append(try parseExpression())
        }
        try expectClosing(.rightParen, opening: open)
        return .row(RowConstructor(elements, span: span(from: open.span.start)))
    }

    /// The number of parameters when `(` starts lambda parameters: `() ->`, `(x) ->`, `(x, y) ->`.
    private mutating func lambdaParameterCount() -> Int? {
        var ahead = 1
        var count = 0
        if peek(ahead).isSymbol(.rightParen) { return peek(ahead + 1).isSymbol(.arrow) ? 0 : nil }
        while true {
            guard peek(ahead).isIdentifier else { return nil }
            count += 1
            ahead += 1
            if peek(ahead).isSymbol(.comma) {
                ahead += 1
                continue
            }
            guard peek(ahead).isSymbol(.rightParen), peek(ahead + 1).isSymbol(.arrow) else { return nil }
            return count
        }
    }

    private mutating func parseLambdaBody(_ parameters: [Identifier], start: Int) throws(ParseFailure) -> Expression {
        guard startsExpression() else { throw unexpected("the lambda's body") }
        let body = try parseExpression()
        return .lambda(Lambda(parameters: parameters, body: body, span: span(from: start)))
    }

    // MARK: - Keywords

    /// The special forms that start with a keyword; nil when the keyword is used as a name here.
    private mutating func parseKeywordPrimary(_ keyword: Keyword) throws(ParseFailure) -> Expression? {
        switch keyword {
        case .null, .true, .false: return parseConstant(keyword)
        case .interval: return try parseIntervalLiteral()
        case .array: return check(.leftBracket, ahead: 1) ? try parseArrayConstructor() : nil
        case .row: return check(.leftParen, ahead: 1) ? try parseRowConstructor() : nil
        case .double: return check(.precision, ahead: 1) ? parseDoublePrecisionLiteral() : nil
        case .case: return try parseCase()
        case .cast: return try parseCast(isTry: false)
        case .tryCast: return check(.leftParen, ahead: 1) ? try parseCast(isTry: true) : nil
        case .exists: return try parseExists()
        case .extract: return try parseExtract()
        case .position: return check(.leftParen, ahead: 1) ? try parsePosition() : nil
        case .substring: return check(.leftParen, ahead: 1) ? try parseSubstringForm() : nil
        case .trim: return try parseTrim()
        case .normalize: return try parseNormalize()
        case .grouping: return try parseGroupingOperation()
        case .currentDate, .currentTime, .currentTimestamp, .localtime, .localtimestamp, .currentUser,
            .currentCatalog, .currentSchema, .currentPath:
            return try parseCurrentValue(keyword)
        case .listagg, .jsonArray, .jsonExists, .jsonObject, .jsonQuery, .jsonValue:
            throw unsupportedFunction(keyword)
        default:
            return nil
        }
    }

    private mutating func parseConstant(_ keyword: Keyword) -> Expression {
        let token = advance()
        let value: Literal.Value = keyword == .null ? .null : .boolean(keyword == .true)
        return .literal(Literal(value, span: token.span))
    }

    private mutating func parseArrayConstructor() throws(ParseFailure) -> Expression {
        let start = advance().span.start
        let open = advance()
        var elements: [Expression] = []
        if !check(.rightBracket) {
            repeat { elements.append(try parseExpression()) } while accept(.comma) != nil
        }
        try expectClosing(.rightBracket, opening: open)
        return .array(ArrayConstructor(elements, span: span(from: start)))
    }

    private mutating func parseRowConstructor() throws(ParseFailure) -> Expression {
        let start = advance().span.start
        let open = advance()
        var elements = [try parseExpression()]
        while accept(.comma) != nil { elements.append(try parseExpression()) }
        try expectClosing(.rightParen, opening: open)
        return .row(RowConstructor(elements, span: span(from: start)))
    }

    /// `DOUBLE PRECISION '1.5'`, the same as `DOUBLE '1.5'`; nil when not followed by a string.
    private mutating func parseDoublePrecisionLiteral() -> Expression? {
        guard case .string(let value) = peek(2).kind else { return nil }
        let start = advance().span.start
        advance()
        advance()
        return .literal(Literal(.typed(type: "double", value: value), span: span(from: start)))
    }

    private mutating func parseExists() throws(ParseFailure) -> Expression {
        let start = advance().span.start
        guard check(.leftParen), isQueryStart(ahead: 1) else {
            throw unexpected("'(' and a query after EXISTS")
        }
        let open = advance()
        let query = try parseQuery()
        try expectClosing(.rightParen, opening: open)
        return .exists(Exists(query, span: span(from: start)))
    }

    private mutating func parseExtract() throws(ParseFailure) -> Expression {
        let start = advance().span.start
        let open = try expect(.leftParen, "after EXTRACT")
        let field = try parseIdentifier("a field such as YEAR")
        try expect(.from, "after the field of EXTRACT")
        let source = try parseValue(.concatenation)
        try expectClosing(.rightParen, opening: open)
        return .extract(Extract(field, from: source, span: span(from: start)))
    }

    private mutating func parsePosition() throws(ParseFailure) -> Expression {
        let start = advance().span.start
        let open = advance()
        let needle = try parseValue(.concatenation)
        try expect(.in, "in position(needle IN haystack)")
        let haystack = try parseValue(.concatenation)
        try expectClosing(.rightParen, opening: open)
        return .position(Position(needle, in: haystack, span: span(from: start)))
    }

    /// `substring(s FROM a [FOR b])`, read as `substring(s, a[, b])`, or an ordinary call `substring(s, a, b)`: the
    /// first argument is read once, and what follows it decides. nil for the forms only a plain call has
    /// (`substring()`, `substring(*)`, `substring(DISTINCT …)`).
    private mutating func parseSubstringForm() throws(ParseFailure) -> Expression? {
        if check(.rightParen, ahead: 2) || check(.star, ahead: 2) || check(.distinct, ahead: 2) || check(.all, ahead: 2)
        {
            return nil
        }
        let token = advance()
        guard case .word(let text, _) = token.kind else { return nil }
        let open = advance()
        var call = FunctionCall(
            name: QualifiedName([Identifier(text, span: token.span)]), arguments: [try parseExpression()],
            span: token.span)
        if accept(.from) != nil {
            call.arguments.append(try parseValue(.concatenation))
            if accept(.for) != nil { call.arguments.append(try parseValue(.concatenation)) }
            try expectClosing(.rightParen, opening: open)
        } else {
            try parseRemainingArguments(into: &call, open: open)
            try parseCallTail(into: &call)
        }
        call.span = span(from: token.span.start)
        return .function(call)
    }

    private mutating func parseNormalize() throws(ParseFailure) -> Expression {
        let token = advance()
        let open = try expect(.leftParen, "after NORMALIZE")
        let argument = try parseValue(.concatenation)
        if check(.comma) {
            throw unsupported(
                "NORMALIZE with a normal form", at: span(from: token.span.start),
                help: "use normalize(s), which is NFC")
        }
        try expectClosing(.rightParen, opening: open)
        let name = QualifiedName([Identifier("normalize", span: token.span)])
        return .function(FunctionCall(name: name, arguments: [argument], span: span(from: token.span.start)))
    }

    /// `GROUPING(a, b)`, read as a call named `grouping` whose arguments are columns.
    private mutating func parseGroupingOperation() throws(ParseFailure) -> Expression {
        let token = advance()
        let open = try expect(.leftParen, "after GROUPING")
        var arguments: [Expression] = []
        if !check(.rightParen) {
            repeat {
                arguments.append(.column(ColumnReference(try parseQualifiedName("a column"))))
            } while accept(.comma) != nil
        }
        try expectClosing(.rightParen, opening: open)
        let name = QualifiedName([Identifier("grouping", span: token.span)])
        return .function(FunctionCall(name: name, arguments: arguments, span: span(from: token.span.start)))
    }

    private mutating func parseCurrentValue(_ keyword: Keyword) throws(ParseFailure) -> Expression {
        let start = advance().span.start
        let kind = CurrentValue.Kind(rawValue: keyword.text) ?? .timestamp
        var precision: Int?
        if kind.acceptsPrecision, check(.leftParen) {
            let open = advance()
            precision = Int(clamping: try parseCount("a precision"))
            try expectClosing(.rightParen, opening: open)
        }
        return .current(CurrentValue(kind, precision: precision, span: span(from: start)))
    }

    private mutating func unsupportedFunction(_ keyword: Keyword) -> ParseFailure {
        let token = peek()
        if keyword == .listagg {
            return unsupported("LISTAGG", at: token.span, help: "use array_join(array_agg(x ORDER BY y), ',') instead")
        }
        return unsupported(
            token.displayText, at: token.span, help: "use json_extract, json_extract_scalar or json_format")
    }

    /// `INTERVAL [+|-] 'value' field [TO field]`; nil when INTERVAL is used as a name.
    mutating func parseIntervalLiteral() throws(ParseFailure) -> Expression? {
        let start = peek().span.start
        var ahead = 1
        var sign: Literal.Interval.Sign?
        if check(.plus, ahead: 1) || check(.minus, ahead: 1) {
            sign = check(.plus, ahead: 1) ? .plus : .minus
            ahead = 2
        }
        guard case .string(let value) = peek(ahead).kind else {
            if case .number(let text, _) = peek(ahead).kind {
                advance()
                throw unexpected(
                    "a quoted amount",
                    help: "Trino writes the amount as a string: INTERVAL '\(text)' DAY")
            }
            return nil
        }
        for _ in 0...ahead { advance() }
        let from = try parseIntervalField()
        var to: IntervalField?
        if accept(.to) != nil { to = try parseIntervalField() }
        let interval = Literal.Interval(value: value, sign: sign, from: from, to: to)
        return .literal(Literal(.interval(interval), span: span(from: start)))
    }

    mutating func parseIntervalField() throws(ParseFailure) -> IntervalField {
        if case .word(let text, _) = peek().kind {
            let upper = text.uppercased()
            if let field = IntervalField(rawValue: upper) {
                advance()
                return field
            }
            if upper.hasSuffix("S"), let field = IntervalField(rawValue: String(upper.dropLast())) {
                throw unexpected(
                    "YEAR, MONTH, DAY, HOUR, MINUTE or SECOND", help: "write \(field.rawValue), in the singular")
            }
        }
        throw unexpected(
            "YEAR, MONTH, DAY, HOUR, MINUTE or SECOND",
            help: "an interval names its unit: INTERVAL '7' DAY (not INTERVAL '7 days')")
    }

    private mutating func parseCase() throws(ParseFailure) -> Expression {
        let start = advance().span.start
        var operand: Expression?
        if check(.end) || check(.else) { throw unexpected("WHEN") }
        if !check(.when) { operand = try parseExpression() }
        var clauses: [CaseExpression.WhenClause] = []
        while let when = accept(.when) {
            let condition = try parseExpression()
            try expect(.then, "after the WHEN condition")
            let result = try parseExpression()
            clauses.append(
                CaseExpression.WhenClause(condition: condition, result: result, span: span(from: when.span.start)))
        }
        if clauses.isEmpty { throw unexpected("WHEN") }
        var elseResult: Expression?
        if accept(.else) != nil { elseResult = try parseExpression() }
        try expect(.end, "to close CASE")
        return .caseWhen(
            CaseExpression(operand: operand, whenClauses: clauses, elseResult: elseResult, span: span(from: start)))
    }

    private mutating func parseCast(isTry: Bool) throws(ParseFailure) -> Expression {
        let start = advance().span.start
        let open = try expect(.leftParen, "after \(isTry ? "TRY_CAST" : "CAST")")
        let operand = try parseExpression()
        try expect(.as, "and a type in CAST")
        let type = try parseType()
        try expectClosing(.rightParen, opening: open)
        return .cast(Cast(operand, as: type, isTry: isTry, span: span(from: start)))
    }

    /// `trim([BOTH | LEADING | TRAILING] [chars] FROM s)`, `trim(s)`, `trim(s, chars)`.
    private mutating func parseTrim() throws(ParseFailure) -> Expression {
        let start = advance().span.start
        let open = try expect(.leftParen, "after TRIM")
        var specification: Trim.Specification?
        if let keyword = peek().keyword, [.both, .leading, .trailing].contains(keyword),
            !check(.comma, ahead: 1), !check(.rightParen, ahead: 1)
        {
            advance()
            specification = keyword == .both ? .both : keyword == .leading ? .leading : .trailing
        }
        var characters: Expression?
        let source: Expression
        if accept(.from) != nil {
            source = try parseValue(.concatenation)
        } else {
            let first = try parseValue(.concatenation)
            if accept(.from) != nil {
                characters = first
                source = try parseValue(.concatenation)
            } else if specification == nil, accept(.comma) != nil {
                source = first
                characters = try parseValue(.concatenation)
            } else if specification == nil {
                source = first
            } else {
                throw unexpected("FROM")
            }
        }
        try expectClosing(.rightParen, opening: open)
        return .trim(Trim(specification ?? .both, characters: characters, from: source, span: span(from: start)))
    }

    // MARK: - Literal text

    private func decodeHex(_ text: String, span: SourceSpan) throws(ParseFailure) -> [UInt8] {
        var digits: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            guard byte.isASCIIHexDigit else {
                throw ParseFailure(
                    .invalidLiteral, "a binary literal can only contain hexadecimal digits", at: span,
                    help: "X'…' holds hex digits, two per byte: X'CAFE'")
            }
            digits.append(byte)
        }
        guard digits.count % 2 == 0 else {
            throw ParseFailure(.invalidLiteral, "a binary literal needs an even number of hexadecimal digits", at: span)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            bytes.append(digits[index].hexValue << 4 | digits[index + 1].hexValue)
            index += 2
        }
        return bytes
    }

    /// `U&'…'`: `\XXXX` and `\+XXXXXX` (with the chosen escape character) are code points; the escape twice is itself.
    private func decodeUnicodeString(_ raw: String, escape: UInt8, span: SourceSpan) throws(ParseFailure) -> String {
        let bytes = Array(raw.utf8)
        var scalars = String.UnicodeScalarView()
        var output: [UInt8] = []
        var index = 0
        func invalid(_ message: String) -> ParseFailure {
            ParseFailure(.invalidLiteral, message, at: span, help: "write \\XXXX (4 hex digits) or \\+XXXXXX (6)")
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == escape else {
                output.append(byte)
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == escape {
                output.append(escape)
                index += 2
                continue
            }
            var digitsStart = index + 1
            var length = 4
            if digitsStart < bytes.count, bytes[digitsStart] == UInt8(ascii: "+") {
                digitsStart += 1
                length = 6
            }
            guard digitsStart + length <= bytes.count else { throw invalid("incomplete Unicode escape") }
            var value: UInt32 = 0
            for digit in bytes[digitsStart..<(digitsStart + length)] {
                guard digit.isASCIIHexDigit else { throw invalid("invalid Unicode escape") }
                value = value << 4 | UInt32(digit.hexValue)
            }
            guard let scalar = Unicode.Scalar(value) else { throw invalid("invalid Unicode code point") }
            scalars.append(scalar)
            output.append(contentsOf: Array(String(scalars).utf8))
            scalars = String.UnicodeScalarView()
            index = digitsStart + length
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension UInt8 {
    var isASCIIHexDigit: Bool { isASCIIDigit || (self | 0x20) &- 0x61 < 6 }
    var hexValue: UInt8 { isASCIIDigit ? self &- 0x30 : (self | 0x20) &- 0x61 &+ 10 }
}
