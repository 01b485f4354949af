import TrailBase

extension Parser {
    /// A full expression: `OR` of `AND` of `NOT` of predicates of value expressions.
    mutating func parseExpression() throws(ParseFailure) -> Expression {
        let first = try parseConjunction()
        return check(.or) ? try parseLogicalTail(.or, first) : first
    }

    private mutating func parseConjunction() throws(ParseFailure) -> Expression {
        let first = try parseNot()
        return check(.and) ? try parseLogicalTail(.and, first) : first
    }

    /// The rest of `first OR term …` / `first AND term …`, flattened into one node.
    private mutating func parseLogicalTail(_ op: LogicalOperation.Operator, _ first: Expression) throws(ParseFailure)
        -> Expression
    {
        let keyword: Keyword = op == .or ? .or : .and
        var terms: [Expression] = []
        Self.appendTerm(first, op, to: &terms)
        while accept(keyword) != nil {
            Self.appendTerm(op == .or ? try parseConjunction() : try parseNot(), op, to: &terms)
        }
        return .logical(LogicalOperation(op, terms, span: span(from: first.span.start)))
    }

    private static func appendTerm(_ term: Expression, _ op: LogicalOperation.Operator, to terms: inout [Expression]) {
        if case .logical(let inner) = term, inner.op == op { terms += inner.terms } else { terms.append(term) }
    }

    private mutating func parseNot() throws(ParseFailure) -> Expression {
        check(.not) ? try parseNegation() : try parsePredicate()
    }

    private mutating func parseNegation() throws(ParseFailure) -> Expression {
        try descend()
        defer { ascend() }
        let start = advance().span.start
        let operand = try parseNot()
        return .not(LogicalNot(operand, span: span(from: start)))
    }

    // MARK: - Predicates

    private static func comparisonOperator(_ token: Token) -> Comparison.Operator? {
        guard case .symbol(let symbol) = token.kind else { return nil }
        switch symbol {
        case .equal: return .equal
        case .notEqual, .bangEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    /// Whether the current token continues a predicate (a second one would chain, which SQL does not do).
    private mutating func startsPredicate() -> Bool {
        let token = peek()
        if Self.comparisonOperator(token) != nil || token.isSymbol(.doubleEqual) { return true }
        switch token.keyword {
        case .between, .in, .like, .is: return true
        case .not: return [.between, .in, .like].contains(peek(1).keyword)
        default: return false
        }
    }

    /// A value expression and at most one predicate applied to it.
    private mutating func parsePredicate() throws(ParseFailure) -> Expression {
        let left = try parseValue(.concatenation)
        guard startsPredicate() else { return left }
        // A predicate's operands may be full expressions (an IN list), so it is one more level of nesting.
        try descend()
        defer { ascend() }
        let predicate = try parsePredicateSuffix(left)
        if startsPredicate() { throw chainedPredicate() }
        return predicate
    }

    private mutating func chainedPredicate() -> ParseFailure {
        unexpected(
            "AND, OR or the end of the condition",
            help: "comparisons do not chain in SQL; combine them with AND: a < b AND b < c")
    }

    private mutating func parsePredicateSuffix(_ left: Expression) throws(ParseFailure) -> Expression {
        if let op = Self.comparisonOperator(peek()) { return try parseComparison(op, left) }
        if check(.doubleEqual) { throw doubleEqual() }
        if check(.is) { return try parseIs(left) }
        let negated = accept(.not) != nil
        if check(.between) { return try parseBetween(left, negated: negated) }
        if check(.like) { return try parseLike(left, negated: negated) }
        if check(.in) { return try parseIn(left, negated: negated) }
        throw unexpected("BETWEEN, IN or LIKE after NOT")
    }

    private mutating func doubleEqual() -> ParseFailure {
        ParseFailure(
            .unexpectedToken, "unexpected '==' after \(previous?.displayText ?? "the value")", at: peek().span,
            help: "SQL compares with a single '=', not '=='")
    }

    private mutating func parseComparison(_ op: Comparison.Operator, _ left: Expression) throws(ParseFailure)
        -> Expression
    {
        advance()
        if let quantifier = peek().keyword, quantifier == .all || quantifier == .any || quantifier == .some,
            check(.leftParen, ahead: 1), isQueryStart(ahead: 1)
        {
            return try parseQuantifiedComparison(op, quantifier, left)
        }
        let right = try parseOperand("an expression")
        return .comparison(Comparison(op, left, right, span: span(from: left.span.start)))
    }

    private mutating func parseQuantifiedComparison(
        _ op: Comparison.Operator, _ quantifier: Keyword, _ left: Expression
    ) throws(ParseFailure) -> Expression {
        advance()
        let open = advance()
        let query = try parseQuery()
        try expectClosing(.rightParen, opening: open)
        let q: QuantifiedComparison.Quantifier = quantifier == .all ? .all : quantifier == .any ? .any : .some
        return .quantifiedComparison(QuantifiedComparison(op, q, left, query: query, span: span(from: left.span.start)))
    }

    /// `IS [NOT] NULL`, `IS [NOT] DISTINCT FROM value`.
    private mutating func parseIs(_ left: Expression) throws(ParseFailure) -> Expression {
        let isToken = advance()
        let negated = accept(.not) != nil
        if accept(.null) != nil { return .isNull(IsNull(left, isNegated: negated, span: span(from: left.span.start))) }
        if accept(.distinct) != nil {
            try expect(.from, "after IS \(negated ? "NOT " : "")DISTINCT")
            let right = try parseOperand("an expression")
            return .isDistinctFrom(IsDistinctFrom(left, right, isNegated: negated, span: span(from: left.span.start)))
        }
        let found = peek()
        if found.isKeyword(.true) || found.isKeyword(.false) {
            let value = found.displayText.lowercased()
            throw unsupported(
                "IS \(negated ? "NOT " : "")\(found.displayText)", at: SourceSpan(isToken.span.start, found.span.end),
                help: "compare with = \(value), or use IS \(negated ? "" : "NOT ")DISTINCT FROM \(value) to treat NULL "
                    + "as a value")
        }
        throw unexpected("NULL or DISTINCT FROM")
    }

    private mutating func parseBetween(_ left: Expression, negated: Bool) throws(ParseFailure) -> Expression {
        advance()
        let lower = try parseOperand("a lower bound")
        try expect(.and, "between the bounds of BETWEEN")
        let upper = try parseOperand("an upper bound")
        return .between(
            Between(left, lower: lower, upper: upper, isNegated: negated, span: span(from: left.span.start)))
    }

    private mutating func parseLike(_ left: Expression, negated: Bool) throws(ParseFailure) -> Expression {
        advance()
        let pattern = try parseOperand("a pattern")
        var escape: Expression?
        if accept(.escape) != nil { escape = try parseOperand("an escape character") }
        return .like(
            Like(left, pattern: pattern, escape: escape, isNegated: negated, span: span(from: left.span.start)))
    }

    /// `IN (value, …)` or `IN (query)`.
    private mutating func parseIn(_ left: Expression, negated: Bool) throws(ParseFailure) -> Expression {
        advance()
        guard check(.leftParen) else {
            throw unexpected("'(' after IN", help: "write the list in parentheses: IN ('a', 'b')")
        }
        if isQueryStart(ahead: 1) { return try parseInSubqueryOrList(left, negated: negated) }
        return try parseInList(left, negated: negated)
    }

    /// `IN (SELECT …)`, or a list that starts with a subquery: `IN ((SELECT …), 2)`. When neither reading works, the
    /// error that got further is reported.
    private mutating func parseInSubqueryOrList(_ left: Expression, negated: Bool) throws(ParseFailure) -> Expression {
        let savedIndex = index
        let savedDepth = depth
        let firstError: ParseFailure
        do {
            let open = advance()
            let query = try parseQuery()
            try expectClosing(.rightParen, opening: open)
            return .inSubquery(InSubquery(left, query: query, isNegated: negated, span: span(from: left.span.start)))
        } catch {
            if error.kind == .nestedTooDeeply { throw error }
            firstError = error
        }
        rewind(to: savedIndex)
        depth = savedDepth
        do {
            return try parseInList(left, negated: negated)
        } catch {
            throw Self.furthest(firstError, error)
        }
    }

    private mutating func parseInList(_ left: Expression, negated: Bool) throws(ParseFailure) -> Expression {
        let open = advance()
        if check(.rightParen) { throw unexpected("a value", help: "an IN list needs at least one value") }
        var list = [try parseExpression()]
        while accept(.comma) != nil { list.append(try parseExpression()) }
        try expectClosing(.rightParen, opening: open)
        return .inList(InList(left, list: list, isNegated: negated, span: span(from: left.span.start)))
    }

    /// A value expression operand of a predicate, with a message that names it.
    private mutating func parseOperand(_ what: String) throws(ParseFailure) -> Expression {
        guard startsExpression() else { throw unexpected(what) }
        return try parseValue(.concatenation)
    }

    /// Whether the current token can start an expression (for better messages than the primary parser's).
    mutating func startsExpression() -> Bool {
        let token = peek()
        switch token.kind {
        case .end, .error: return false
        case .symbol(let symbol): return [.leftParen, .minus, .plus, .question].contains(symbol)
        case .word(_, let keyword?) where keyword.isReserved:
            return [
                .case, .cast, .exists, .extract, .trim, .normalize, .null, .true, .false, .currentDate, .currentTime,
                .currentTimestamp, .localtime, .localtimestamp, .currentUser, .currentCatalog, .currentSchema,
                .currentPath, .grouping, .listagg, .jsonArray, .jsonExists, .jsonObject, .jsonQuery, .jsonValue, .not,
            ].contains(keyword)
        default: return true
        }
    }

    // MARK: - Value expressions

    private static func infixOperator(_ token: Token) -> BinaryOperation.Operator? {
        guard case .symbol(let symbol) = token.kind else { return nil }
        switch symbol {
        case .concat: return .concatenate
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .modulo
        default: return nil
        }
    }

    /// Precedence climbing over `|| + - * / %`, prefix `- +` and `AT TIME ZONE`, for operators that bind at least
    /// as tightly as `minimum`.
    mutating func parseValue(_ minimum: Precedence) throws(ParseFailure) -> Expression {
        try descend()
        defer { ascend() }
        var left = try check(.minus) || check(.plus) ? parseUnary() : parsePostfix(try parsePrimary())
        var chain = 0
        defer { depth -= chain }
        while try parseInfix(&left, minimum) { chain += 1 }
        return left
    }

    /// `- operand` or `+ operand`; a minus before a number literal folds into it (`-5`, and `- 5`), as in Trino.
    private mutating func parseUnary() throws(ParseFailure) -> Expression {
        let sign = advance()
        guard startsExpression() else { throw unexpected("an expression") }
        let operand = try parseValue(.unary)
        return makeUnary(sign, operand)
    }

    private func makeUnary(_ sign: Token, _ operand: Expression) -> Expression {
        let isMinus = sign.isSymbol(.minus)
        if isMinus, case .literal(let literal) = operand, case .number(let number) = literal.value, !number.isNegative {
            let folded = Literal.Number("-" + number.text, kind: number.kind)
            return .literal(Literal(.number(folded), span: span(from: sign.span.start)))
        }
        return .unary(UnaryOperation(isMinus ? .minus : .plus, operand, span: span(from: sign.span.start)))
    }

    /// Applies one infix operator (or AT TIME ZONE) that binds at least as tightly as `minimum` to `left`; false when
    /// none follows. Each application is one more level of nesting.
    private mutating func parseInfix(_ left: inout Expression, _ minimum: Precedence) throws(ParseFailure) -> Bool {
        if let op = Self.infixOperator(peek()), op.precedence >= minimum {
            try descend()
            advance()
            guard startsExpression() else { throw unexpected("an expression") }
            let right = try parseValue(op.precedence.next)
            left = makeBinary(op, left, right)
            return true
        }
        if check(.at), check(.time, ahead: 1), Precedence.atTimeZone >= minimum {
            try descend()
            try parseAtTimeZone(&left)
            return true
        }
        return false
    }

    private func makeBinary(_ op: BinaryOperation.Operator, _ left: Expression, _ right: Expression) -> Expression {
        .binary(BinaryOperation(op, left, right, span: span(from: left.span.start)))
    }

    private mutating func parseAtTimeZone(_ left: inout Expression) throws(ParseFailure) {
        advance()
        advance()
        try expect(.zone, "after AT TIME")
        let zone = try parseTimeZone()
        left = .atTimeZone(AtTimeZone(left, zone: zone, span: span(from: left.span.start)))
    }

    /// `'UTC'` or an interval literal after AT TIME ZONE.
    private mutating func parseTimeZone() throws(ParseFailure) -> Expression {
        let token = peek()
        switch token.kind {
        case .string(let zone):
            advance()
            return .literal(Literal(.string(zone), span: token.span))
        case .word(_, .interval?):
            if let interval = try parseIntervalLiteral() { return interval }
        default:
            break
        }
        throw unexpected("a time zone string such as 'UTC'")
    }

    /// `expression[index]` and `expression.field` after a primary.
    private mutating func parsePostfix(_ primary: Expression) throws(ParseFailure) -> Expression {
        var expression = primary
        var chain = 0
        defer { depth -= chain }
        while true {
            if check(.leftBracket) {
                try descend()
                chain += 1
                try parseSubscript(&expression)
            } else if check(.dot), !check(.star, ahead: 1) {
                try descend()
                chain += 1
                try parseField(&expression)
            } else {
                return expression
            }
        }
    }

    private mutating func parseSubscript(_ expression: inout Expression) throws(ParseFailure) {
        let open = advance()
        let index = try parseValue(.concatenation)
        try expectClosing(.rightBracket, opening: open)
        expression = .subscripted(Subscript(base: expression, index: index, span: span(from: expression.span.start)))
    }

    /// `.field`: extends a dotted name, or reads a field of any other row-valued expression.
    private mutating func parseField(_ expression: inout Expression) throws(ParseFailure) {
        advance()
        let field = try parseIdentifier("a field name after '.'")
        if case .column(let column) = expression {
            expression = .column(ColumnReference(QualifiedName(column.name.parts + [field])))
        } else {
            expression = .fieldAccess(
                FieldAccess(base: expression, field: field, span: span(from: expression.span.start)))
        }
    }
}
