extension SQLWriter {
    mutating func statement(_ statement: Statement) {
        switch statement {
        case .query(let query): self.query(query)
        case .explain(let explain):
            write("EXPLAIN ")
            if explain.isAnalyze {
                write(explain.isVerbose ? "ANALYZE VERBOSE " : "ANALYZE ")
            } else if !explain.options.isEmpty {
                write("(")
                list(explain.options) { writer, option in
                    switch option {
                    case .format(let value): writer.write("FORMAT \(value)")
                    case .type(let value): writer.write("TYPE \(value)")
                    }
                }
                write(") ")
            }
            self.statement(explain.statement)
        case .describe(let describe):
            if let pattern = describe.pattern {
                write("SHOW COLUMNS FROM ")
                table(describe.table)
                write(" LIKE \(SQLWriter.string(pattern))")
                if let escape = describe.escape { write(" ESCAPE \(SQLWriter.string(escape))") }
            } else {
                write("DESCRIBE ")
                table(describe.table)
            }
        }
    }

    mutating func query(_ query: Query) {
        if let with = query.with {
            write("WITH ")
            list(with.queries) { writer, named in
                writer.name(named.name)
                if let columns = named.columns {
                    writer.write(" ")
                    writer.names(columns)
                }
                writer.write(" AS (")
                writer.query(named.query)
                writer.write(")")
            }
            write(" ")
        }
        body(query.body)
        if !query.orderBy.isEmpty {
            write(" ORDER BY ")
            sortItems(query.orderBy)
        }
        if let offset = query.offset { write(" OFFSET \(offset)") }
        if let limit = query.limit {
            if limit.withTies {
                write(" FETCH FIRST \(limit.count ?? 1) ROWS WITH TIES")
            } else if let count = limit.count {
                write(" LIMIT \(count)")
            } else {
                write(" LIMIT ALL")
            }
        }
    }

    private static func precedence(_ op: SetOperation.Operator) -> Int { op == .intersect ? 2 : 1 }

    /// Writes a query body; a set operation that binds less tightly than `minimum` goes in parentheses.
    mutating func body(_ body: QueryBody, minimum: Int = 0) {
        switch body {
        case .select(let select): self.select(select)
        case .values(let values):
            write("VALUES ")
            list(values.rows) { writer, row in
                if case .row(let constructor) = row, constructor.elements.count > 1 {
                    writer.write("(")
                    writer.list(constructor.elements) { $0.expression($1) }
                    writer.write(")")
                } else {
                    writer.expression(row)
                }
            }
        case .table(let table):
            write("TABLE ")
            self.table(table)
        case .setOperation(let operation):
            let precedence = Self.precedence(operation.op)
            let parenthesized = precedence < minimum
            if parenthesized { write("(") }
            self.body(operation.left, minimum: precedence)
            write(" \(operation.op.rawValue) ")
            if let quantifier = operation.quantifier { write("\(quantifier.rawValue) ") }
            self.body(operation.right, minimum: precedence + 1)
            if parenthesized { write(")") }
        case .nested(let query):
            write("(")
            self.query(query)
            write(")")
        }
    }

    private mutating func select(_ select: Select) {
        write("SELECT ")
        if let quantifier = select.quantifier { write("\(quantifier.rawValue) ") }
        list(select.items) { writer, item in
            switch item {
            case .expression(let column):
                writer.expression(column.expression)
                if let alias = column.alias {
                    writer.write(" AS ")
                    writer.name(alias)
                }
            case .allColumns(let all):
                if let qualifier = all.qualifier {
                    writer.expression(qualifier, .postfix)
                    writer.write(".")
                }
                writer.write("*")
                if !all.aliases.isEmpty {
                    writer.write(" AS ")
                    writer.names(all.aliases)
                }
            }
        }
        if !select.from.isEmpty {
            write(" FROM ")
            list(select.from) { $0.relation($1) }
        }
        if let condition = select.whereClause {
            write(" WHERE ")
            expression(condition)
        }
        if let groupBy = select.groupBy {
            write(" GROUP BY ")
            if let quantifier = groupBy.quantifier { write("\(quantifier.rawValue) ") }
            list(groupBy.elements) { writer, element in
                switch element {
                case .set(let expressions): writer.groupingSet(expressions)
                case .rollup(let sets):
                    writer.write("ROLLUP (")
                    writer.list(sets) { $0.groupingSet($1) }
                    writer.write(")")
                case .cube(let sets):
                    writer.write("CUBE (")
                    writer.list(sets) { $0.groupingSet($1) }
                    writer.write(")")
                case .groupingSets(let sets):
                    writer.write("GROUPING SETS (")
                    writer.list(sets) { $0.groupingSet($1) }
                    writer.write(")")
                }
            }
        }
        if let having = select.having {
            write(" HAVING ")
            expression(having)
        }
        if !select.windows.isEmpty {
            write(" WINDOW ")
            list(select.windows) { writer, window in
                writer.name(window.name)
                writer.write(" AS ")
                writer.windowSpecification(window.specification)
            }
        }
    }

    private mutating func groupingSet(_ expressions: [Expression]) {
        if expressions.count == 1 {
            expression(expressions[0])
        } else {
            write("(")
            list(expressions) { $0.expression($1) }
            write(")")
        }
    }

    // MARK: - Relations

    mutating func table(_ table: TableReference) {
        switch table.name {
        case .qualified(let name): qualifiedName(name)
        case .eventDataStore(let id): write(id)
        }
    }

    mutating func relation(_ relation: Relation) {
        switch relation {
        case .table(let table): self.table(table)
        case .subquery(let subquery):
            write("(")
            query(subquery.query)
            write(")")
        case .lateral(let lateral):
            write("LATERAL (")
            query(lateral.query)
            write(")")
        case .unnest(let unnest):
            write("UNNEST(")
            list(unnest.expressions) { $0.expression($1) }
            write(")")
            if unnest.withOrdinality { write(" WITH ORDINALITY") }
        case .join(let join):
            self.relation(join.left)
            write(" \(join.kind.rawValue) ")
            joinOperand(join.right)
            switch join.criteria {
            case .on(let condition):
                write(" ON ")
                expression(condition)
            case .using(let columns):
                write(" USING ")
                names(columns)
            case nil:
                break
            }
        case .aliased(let aliased):
            if case .aliased = aliased.relation {
                write("(")
                self.relation(aliased.relation)
                write(")")
            } else {
                joinOperand(aliased.relation)
            }
            write(" AS ")
            name(aliased.alias)
            if !aliased.columns.isEmpty {
                write(" ")
                names(aliased.columns)
            }
        }
    }

    /// A relation in a place that takes no join without parentheses (the right of a join, under an alias).
    private mutating func joinOperand(_ relation: Relation) {
        if case .join = relation {
            write("(")
            self.relation(relation)
            write(")")
        } else {
            self.relation(relation)
        }
    }
}
