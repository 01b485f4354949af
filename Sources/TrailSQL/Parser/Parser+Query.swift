import TrailBase

extension Parser {
    /// `[WITH …] term [ORDER BY …] [OFFSET n] [LIMIT n | FETCH …]`.
    mutating func parseQuery() throws(ParseFailure) -> Query {
        let offset = peek().span.start
        if let memo = queryMemo[offset] { return try reuse(memo) }
        let savedDeepest = deepest
        let startDepth = depth
        deepest = depth
        defer { deepest = max(savedDeepest, deepest) }
        do {
            let query = try parseQueryText()
            if let last = previous {
                queryMemo[offset] = .success(query, last: last, nesting: deepest - startDepth)
            }
            return query
        } catch {
            if error.kind != .nestedTooDeeply { queryMemo[offset] = .failure(error) }
            throw error
        }
    }

    /// Replays a query parsed before at the same place: the same AST, the parser moved past it.
    private mutating func reuse(_ memo: QueryMemo) throws(ParseFailure) -> Query {
        switch memo {
        case .failure(let failure):
            throw failure
        case .success(let query, let last, let nesting):
            if depth + nesting > SQLLimits.maxNestingDepth { throw tooDeep() }
            deepest = max(deepest, depth + nesting)
            rewind(to: index)
            tokens.append(last)
            index += 1
            lexer.offset = last.span.end
            return query
        }
    }

    private mutating func parseQueryText() throws(ParseFailure) -> Query {
        // A query level holds more stack than an expression level (SELECT, FROM, relations): it counts twice.
        try descend()
        try descend()
        defer { depth -= 2 }
        let start = peek().span.start
        let with = check(.with) ? try parseWith() : nil
        var query = Query(with: with, body: try parseQueryTerm(minimum: 1), span: SourceSpan(start, start))
        try parseQueryTail(&query)
        query.span = span(from: start)
        return query
    }

    /// ORDER BY, OFFSET, LIMIT / FETCH.
    private mutating func parseQueryTail(_ query: inout Query) throws(ParseFailure) {
        if accept(.order) != nil {
            try expect(.by, "after ORDER")
            query.orderBy = try parseSortItems()
        }
        if accept(.offset) != nil {
            query.offset = try parseCount("a row count after OFFSET")
            if accept(.row) == nil { _ = accept(.rows) }
        }
        if check(.limit) || check(.fetch) {
            query.limit = try parseLimit()
            if let offset = accept(.offset) {
                throw ParseFailure(
                    .unexpectedToken, "OFFSET must come before LIMIT", at: offset.span,
                    help: "write OFFSET n before LIMIT m (Trino's order)")
            }
        }
    }

    private mutating func parseLimit() throws(ParseFailure) -> Limit {
        let start = advance()
        if start.isKeyword(.limit) {
            if accept(.all) != nil { return Limit(count: nil, span: span(from: start.span.start)) }
            let count = try parseCount("a row count or ALL after LIMIT")
            return Limit(count: count, span: span(from: start.span.start))
        }
        // FETCH (FIRST | NEXT) [n] (ROW | ROWS) (ONLY | WITH TIES)
        if accept(.first) == nil, accept(.next) == nil { throw unexpected("FIRST or NEXT") }
        var count: Int64 = 1
        if case .number = peek().kind { count = try parseCount("a row count") }
        if accept(.row) == nil, accept(.rows) == nil { throw unexpected("ROWS") }
        if accept(.only) != nil { return Limit(count: count, span: span(from: start.span.start)) }
        if accept(.with) != nil {
            try expect(.ties, "after WITH")
            return Limit(count: count, withTies: true, span: span(from: start.span.start))
        }
        throw unexpected("ONLY or WITH TIES")
    }

    private mutating func parseWith() throws(ParseFailure) -> With {
        let start = advance().span.start
        if let recursive = accept(.recursive) {
            throw unsupported(
                "WITH RECURSIVE", at: recursive.span, help: "Athena does not run recursive queries either")
        }
        var queries: [WithQuery] = []
        repeat {
            let nameStart = peek().span.start
            let name = try parseIdentifier("a name for the WITH query")
            let columns = check(.leftParen) ? try parseIdentifierList("a column name") : nil
            try expect(.as, "after the WITH query's name")
            let open = try expect(.leftParen, "around the WITH query")
            let query = try parseQuery()
            try expectClosing(.rightParen, opening: open)
            queries.append(WithQuery(name: name, columns: columns, query: query, span: span(from: nameStart)))
        } while accept(.comma) != nil
        return With(queries, span: span(from: start))
    }

    // MARK: - Set operations

    private static func setOperatorPrecedence(_ keyword: Keyword?) -> (SetOperation.Operator, Int)? {
        switch keyword {
        case .union: (.union, 1)
        case .except: (.except, 1)
        case .intersect: (.intersect, 2)
        default: nil
        }
    }

    /// Precedence climbing over UNION/EXCEPT (1) and INTERSECT (2), all left-associative.
    private mutating func parseQueryTerm(minimum: Int) throws(ParseFailure) -> QueryBody {
        let start = peek().span.start
        var left = try parseQueryPrimary()
        var chain = 0
        defer { depth -= chain }
        while let (op, precedence) = Self.setOperatorPrecedence(peek().keyword), precedence >= minimum {
            try descend()
            chain += 1
            advance()
            var quantifier: SetQuantifier?
            if accept(.distinct) != nil {
                quantifier = .distinct
            } else if accept(.all) != nil {
                quantifier = .all
            }
            let right = try parseQueryTerm(minimum: precedence + 1)
            left = .setOperation(
                SetOperation(op, quantifier: quantifier, left: left, right: right, span: span(from: start)))
        }
        return left
    }

    private mutating func parseQueryPrimary() throws(ParseFailure) -> QueryBody {
        switch peek().kind {
        case .word(_, .select?): return .select(try parseSelect())
        case .word(_, .values?): return try parseValues()
        case .word(_, .table?): return try parseTableQuery()
        case .symbol(.leftParen): return try parseParenthesizedQuery()
        default: throw unexpected("SELECT, VALUES, TABLE or '('")
        }
    }

    private mutating func parseValues() throws(ParseFailure) -> QueryBody {
        let start = advance().span.start
        var rows = [try parseExpression()]
        while accept(.comma) != nil { rows.append(try parseExpression()) }
        return .values(Values(rows, span: span(from: start)))
    }

    private mutating func parseTableQuery() throws(ParseFailure) -> QueryBody {
        let start = advance().span.start
        if check(.leftParen) { throw unsupported("a table function (TABLE(…))", at: peek().span) }
        let table = try parseTableName()
        return .table(TableReference(table.name, span: span(from: start)))
    }

    /// `(query)` as a query term: no node unless it has its own WITH, ORDER BY, OFFSET or LIMIT.
    private mutating func parseParenthesizedQuery() throws(ParseFailure) -> QueryBody {
        let open = advance()
        let query = try parseQuery()
        try expectClosing(.rightParen, opening: open)
        return query.isBareBody ? query.body : .nested(query)
    }

    // MARK: - SELECT

    private static let selectFollowers: Set<Keyword> = [
        .from, .where, .group, .having, .window, .order, .limit, .offset, .fetch, .union, .intersect, .except,
    ]

    /// Words that end a select item rather than name it: clause starters that are not reserved.
    static let notImplicitAliases: Set<Keyword> = [.limit, .offset, .fetch, .window, .tablesample, .matchRecognize]

    private mutating func parseSelect() throws(ParseFailure) -> Select {
        let start = advance().span.start
        var select = Select(items: [], span: SourceSpan(start, start))
        try parseSelectList(&select)
        if accept(.from) != nil { try parseFromList(&select) }
        if accept(.where) != nil { select.whereClause = try parseExpression() }
        if check(.group) { select.groupBy = try parseGroupBy() }
        if accept(.having) != nil { select.having = try parseExpression() }
        if check(.window), peek(1).isIdentifier, check(.as, ahead: 2) { try parseWindowClause(&select) }
        select.span = span(from: start)
        return select
    }

    /// `[DISTINCT | ALL] item, …`.
    private mutating func parseSelectList(_ select: inout Select) throws(ParseFailure) {
        if accept(.distinct) != nil {
            select.quantifier = .distinct
        } else if check(.all), !peek(1).isSymbol(.comma), !(peek(1).keyword.map(Self.selectFollowers.contains) ?? false)
        {
            advance()
            select.quantifier = .all
        }
        var implicitAlias: Identifier?
        repeat {
            select.items.append(try parseSelectItem(implicitAlias: &implicitAlias))
        } while accept(.comma) != nil
        try checkSelectListEnd(implicitAlias: implicitAlias)
    }

    private mutating func parseFromList(_ select: inout Select) throws(ParseFailure) {
        select.from = [try parseRelation()]
        while accept(.comma) != nil { select.from.append(try parseRelation()) }
    }

    /// `WINDOW name AS (…), …`.
    private mutating func parseWindowClause(_ select: inout Select) throws(ParseFailure) {
        advance()
        repeat {
            let nameStart = peek().span.start
            let name = try parseIdentifier("a window name")
            try expect(.as, "after the window name")
            let specification = try parseWindowSpecification()
            select.windows.append(
                WindowDefinition(name: name, specification: specification, span: span(from: nameStart)))
        } while accept(.comma) != nil
    }

    /// After the select list: a clause, the end, or `)`. Anything that could start another item means a missing
    /// comma (or a misspelt FROM).
    private mutating func checkSelectListEnd(implicitAlias: Identifier?) throws(ParseFailure) {
        let token = peek()
        let startsItem: Bool
        switch token.kind {
        case .word(_, let keyword): startsItem = keyword.map { !$0.isReserved || $0 == .case || $0 == .cast } ?? true
        case .quotedIdentifier, .string, .number, .unicodeString, .binaryString: startsItem = true
        default: startsItem = false
        }
        guard startsItem else { return }
        if case .word(_, let keyword?) = token.kind, Self.notImplicitAliases.contains(keyword) { return }
        if let implicitAlias {
            if !implicitAlias.isQuoted,
                let help = Self.typoHelp(for: implicitAlias.value, lowered: implicitAlias.normalized)
            {
                throw unexpected("',' or FROM", help: help)
            }
            throw unexpected(
                "',' or FROM",
                help: "'\(implicitAlias.value)' was read as an alias of the item before it; "
                    + "separate select items with ','")
        }
        throw unexpected("',' or FROM", help: "separate select items with ','")
    }

    /// One select item; `implicitAlias` is set to its alias when it was given without AS.
    private mutating func parseSelectItem(implicitAlias: inout Identifier?) throws(ParseFailure) -> SelectItem {
        implicitAlias = nil
        if check(.star) {
            let star = advance()
            return .allColumns(AllColumns(span: star.span))
        }
        let expression = try parseExpression()
        return try parseSelectItemTail(expression, implicitAlias: &implicitAlias)
    }

    /// `.* [AS (…)]`, `AS alias`, or an alias without AS, after a select item's expression.
    private mutating func parseSelectItemTail(
        _ expression: Expression, implicitAlias: inout Identifier?
    ) throws(ParseFailure) -> SelectItem {
        let start = expression.span.start
        if check(.dot), check(.star, ahead: 1) {
            switch expression {
            case .column, .fieldAccess, .subscripted, .function, .row, .subquery, .cast, .caseWhen: break
            default: throw unexpected("',' or FROM")
            }
            advance()
            advance()
            var aliases: [Identifier] = []
            if accept(.as) != nil { aliases = try parseIdentifierList("a column alias") }
            return .allColumns(AllColumns(qualifier: expression, aliases: aliases, span: span(from: start)))
        }
        if accept(.as) != nil {
            let alias = try parseIdentifier("an alias after AS")
            return .expression(DerivedColumn(expression, alias: alias, span: span(from: start)))
        }
        if peek().isIdentifier, !(peek().keyword.map(Self.notImplicitAliases.contains) ?? false) {
            let alias = try parseIdentifier()
            implicitAlias = alias
            return .expression(DerivedColumn(expression, alias: alias, span: span(from: start)))
        }
        return .expression(DerivedColumn(expression, span: span(from: start)))
    }

    // MARK: - GROUP BY

    private static let groupByFollowers: Set<Keyword> = [
        .having, .window, .order, .limit, .offset, .fetch, .union, .intersect, .except,
    ]

    private mutating func parseGroupBy() throws(ParseFailure) -> GroupBy {
        let start = advance().span.start
        try expect(.by, "after GROUP")
        var groupBy = GroupBy(elements: [], span: span(from: start))
        if accept(.distinct) != nil {
            groupBy.quantifier = .distinct
        } else if check(.all), !isGroupByEnd(ahead: 1), !peek(1).isSymbol(.comma) {
            advance()
            groupBy.quantifier = .all
        }
        repeat {
            groupBy.elements.append(try parseGroupingElement())
        } while accept(.comma) != nil
        groupBy.span = span(from: start)
        return groupBy
    }

    private mutating func isGroupByEnd(ahead: Int) -> Bool {
        let token = peek(ahead)
        if token.isEnd || token.isSymbol(.rightParen) || token.isSymbol(.semicolon) { return true }
        return token.keyword.map(Self.groupByFollowers.contains) ?? false
    }

    private mutating func parseGroupingElement() throws(ParseFailure) -> GroupingElement {
        if check(.rollup) || check(.cube) {
            let isRollup = advance().isKeyword(.rollup)
            let open = try expect(.leftParen)
            var sets: [[Expression]] = []
            if !check(.rightParen) {
                repeat { sets.append(try parseGroupingSet()) } while accept(.comma) != nil
            }
            try expectClosing(.rightParen, opening: open)
            return isRollup ? .rollup(sets) : .cube(sets)
        }
        if check(.grouping), peek(1).isKeyword(.sets) {
            advance()
            advance()
            let open = try expect(.leftParen)
            var sets = [try parseGroupingSet()]
            while accept(.comma) != nil { sets.append(try parseGroupingSet()) }
            try expectClosing(.rightParen, opening: open)
            return .groupingSets(sets)
        }
        if check(.leftParen) {
            // `(a, b)` and `()` are grouping sets; `(a + b) * 2` is an expression.
            if let set = try attempt({ (parser: inout Parser) throws(ParseFailure) -> [Expression] in
                let set = try parser.parseParenthesizedSet()
                guard parser.isGroupByEnd(ahead: 0) || parser.check(.comma) else {
                    throw parser.unexpected("','")
                }
                return set
            }) {
                return .set(set)
            }
        }
        return .set([try parseExpression()])
    }

    /// `(expression, …)`, `()` or a single expression.
    private mutating func parseGroupingSet() throws(ParseFailure) -> [Expression] {
        if check(.leftParen),
            let set = try attempt({ (parser: inout Parser) throws(ParseFailure) -> [Expression] in
                let set = try parser.parseParenthesizedSet()
                guard parser.check(.comma) || parser.check(.rightParen) else { throw parser.unexpected("','") }
                return set
            })
        {
            return set
        }
        return [try parseExpression()]
    }

    private mutating func parseParenthesizedSet() throws(ParseFailure) -> [Expression] {
        let open = try expect(.leftParen)
        var expressions: [Expression] = []
        if !check(.rightParen) {
            repeat { expressions.append(try parseExpression()) } while accept(.comma) != nil
        }
        try expectClosing(.rightParen, opening: open)
        return expressions
    }

    // MARK: - ORDER BY

    mutating func parseSortItems() throws(ParseFailure) -> [SortItem] {
        var items: [SortItem] = []
        repeat {
            let start = peek().span.start
            let expression = try parseExpression()
            var item = SortItem(expression, span: span(from: start))
            if accept(.asc) != nil {
                item.ordering = .ascending
            } else if accept(.desc) != nil {
                item.ordering = .descending
            }
            if accept(.nulls) != nil {
                if accept(.first) != nil {
                    item.nullOrdering = .first
                } else if accept(.last) != nil {
                    item.nullOrdering = .last
                } else {
                    throw unexpected("FIRST or LAST")
                }
            }
            item.span = span(from: start)
            items.append(item)
        } while accept(.comma) != nil
        return items
    }
}
