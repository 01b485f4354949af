import TrailBase

extension Parser {
    /// One item of the FROM list: a primary relation and the joins that follow it (left-associative).
    mutating func parseRelation() throws(ParseFailure) -> Relation {
        try descend()
        defer { ascend() }
        var left = try parseAliasedRelation()
        var chain = 0
        defer { depth -= chain }
        while let kind = try parseJoinKeywords() {
            try descend()
            chain += 1
            try parseJoin(kind, &left)
        }
        return left
    }

    /// `CROSS JOIN`, `[INNER] JOIN`, `LEFT | RIGHT | FULL [OUTER] JOIN`; nil when no join follows.
    private mutating func parseJoinKeywords() throws(ParseFailure) -> Join.Kind? {
        switch peek().keyword {
        case .cross:
            advance()
            try expect(.join, "after CROSS")
            return .cross
        case .natural:
            throw unsupported("NATURAL JOIN", at: peek().span, help: "write the join condition with ON or USING")
        case .join:
            advance()
            return .inner
        case .inner:
            advance()
            try expect(.join, "after INNER")
            return .inner
        case .left, .right, .full:
            let word = advance()
            _ = accept(.outer)
            try expect(.join, "after \(word.displayText)")
            return word.isKeyword(.left) ? .left : word.isKeyword(.right) ? .right : .full
        default:
            return nil
        }
    }

    /// The right side and criteria of a join whose keywords were read.
    private mutating func parseJoin(_ kind: Join.Kind, _ left: inout Relation) throws(ParseFailure) {
        let right = try parseAliasedRelation()
        var criteria: Join.Criteria?
        if kind != .cross {
            if accept(.on) != nil {
                criteria = .on(try parseExpression())
            } else if accept(.using) != nil {
                criteria = .using(try parseIdentifierList("a column name"))
            } else {
                throw unexpected(
                    "ON or USING", help: "every JOIN but CROSS JOIN needs a condition: ON a.x = b.x, or ON true")
            }
        }
        left = .join(Join(kind, left: left, right: right, criteria: criteria, span: span(from: left.span.start)))
    }

    /// `primary [[AS] alias [(column, …)]]`.
    private mutating func parseAliasedRelation() throws(ParseFailure) -> Relation {
        let relation = try parseRelationPrimary()
        return try parseRelationAlias(relation)
    }

    private mutating func parseRelationAlias(_ relation: Relation) throws(ParseFailure) -> Relation {
        if check(.for) { throw unsupported("time travel (FOR TIMESTAMP | VERSION AS OF)", at: peek().span) }
        if check(.tablesample) { throw unsupported("TABLESAMPLE", at: peek().span) }
        if check(.matchRecognize) { throw unsupported("MATCH_RECOGNIZE", at: peek().span) }
        let alias: Identifier
        if accept(.as) != nil {
            alias = try parseIdentifier("an alias after AS")
        } else if peek().isIdentifier, !(peek().keyword.map(Self.notImplicitAliases.contains) ?? false) {
            alias = try parseIdentifier()
        } else {
            return relation
        }
        let columns = check(.leftParen) ? try parseIdentifierList("a column alias") : []
        return .aliased(
            AliasedRelation(relation, alias: alias, columns: columns, span: span(from: relation.span.start)))
    }

    private mutating func parseRelationPrimary() throws(ParseFailure) -> Relation {
        let token = peek()
        switch token.kind {
        case .symbol(.leftParen):
            // `(query)` or a parenthesised relation such as `(a JOIN b ON …)`.
            return isQueryStart(ahead: 1)
                ? try parseSubqueryRelationOrParenthesized() : try parseParenthesizedRelation()
        case .word(_, .unnest?):
            return try parseUnnest()
        case .word(_, .lateral?) where peek(1).isSymbol(.leftParen):
            return try parseLateral()
        case .word(_, .table?) where peek(1).isSymbol(.leftParen):
            throw unsupported("a table function (TABLE(…))", at: token.span)
        case .word(_, .jsonTable?):
            throw unsupported("JSON_TABLE", at: token.span, help: "use json_extract or json_extract_scalar")
        default:
            return .table(try parseTableName())
        }
    }

    /// `(SELECT …)`, or a parenthesised relation that starts with one: `((SELECT 1) AS a JOIN b ON …)`.
    private mutating func parseSubqueryRelationOrParenthesized() throws(ParseFailure) -> Relation {
        let savedIndex = index
        let savedDepth = depth
        let firstError: ParseFailure
        do {
            let open = advance()
            let query = try parseQuery()
            try expectClosing(.rightParen, opening: open)
            return .subquery(SubqueryRelation(query, span: span(from: open.span.start)))
        } catch {
            if error.kind == .nestedTooDeeply { throw error }
            firstError = error
        }
        rewind(to: savedIndex)
        depth = savedDepth
        do {
            return try parseParenthesizedRelation()
        } catch {
            throw Self.furthest(firstError, error)
        }
    }

    private mutating func parseUnnest() throws(ParseFailure) -> Relation {
        let start = advance().span.start
        let open = try expect(.leftParen, "after UNNEST")
        var expressions = [try parseExpression()]
        while accept(.comma) != nil { expressions.append(try parseExpression()) }
        try expectClosing(.rightParen, opening: open)
        var withOrdinality = false
        if check(.with), check(.ordinality, ahead: 1) {
            advance()
            advance()
            withOrdinality = true
        }
        return .unnest(Unnest(expressions, withOrdinality: withOrdinality, span: span(from: start)))
    }

    private mutating func parseLateral() throws(ParseFailure) -> Relation {
        let start = advance().span.start
        let open = advance()
        let query = try parseQuery()
        try expectClosing(.rightParen, opening: open)
        return .lateral(LateralRelation(query, span: span(from: start)))
    }

    private mutating func parseParenthesizedRelation() throws(ParseFailure) -> Relation {
        let open = try expect(.leftParen)
        let relation = try parseRelation()
        try expectClosing(.rightParen, opening: open)
        return relation
    }

    /// A table name, or a CloudTrail Lake event data store id.
    mutating func parseTableName() throws(ParseFailure) -> TableReference {
        if let id = scanEventDataStoreID() {
            if dialect == .athena {
                throw unsupported(
                    "an event data store id in an Athena query", at: id.span,
                    help: "event data store ids are CloudTrail Lake syntax; in Athena, FROM names a table")
            }
            return id
        }
        let name = try parseQualifiedName("a table name")
        return TableReference(.qualified(name), span: name.span)
    }

    /// Re-reads the raw text at the current token as an event data store id (`EXAMPLEf852-4e8f-…`, `$EDS_ID`).
    private mutating func scanEventDataStoreID() -> TableReference? {
        let token = peek()
        guard let first = lexer.bytes.indices.contains(token.span.start) ? lexer.bytes[token.span.start] : nil,
            first.isASCIILetter || first.isASCIIDigit || first == UInt8(ascii: "_") || first == UInt8(ascii: "$")
        else { return nil }
        switch token.kind {
        case .word, .number, .error: break
        default: return nil
        }
        rewind(to: index)
        guard let id = lexer.eventDataStoreID(at: token.span.start), case .eventDataStore(let text) = id.kind else {
            return nil
        }
        tokens.append(id)
        advance()
        return TableReference(.eventDataStore(text), span: id.span)
    }
}
