extension SQLWriter {
    /// Writes `expression`, in parentheses when it binds less tightly than `minimum`.
    ///
    /// The writer recurses once per level of the tree, so each function on that path binds only the few node kinds
    /// it prints (an unoptimised build gives each binding its own stack slot).
    mutating func expression(_ expression: Expression, _ minimum: Precedence = .lowest) {
        if expression.precedence < minimum {
            write("(")
            self.expression(expression, .lowest)
            write(")")
            return
        }
        switch expression {
        case .literal, .column, .current: leaf(expression)
        case .fieldAccess, .subscripted, .unary, .binary, .atTimeZone: operation(expression)
        case .comparison, .isNull, .isDistinctFrom, .between, .like: predicate(expression)
        case .inList, .inSubquery, .quantifiedComparison, .exists, .subquery: subqueryOrList(expression)
        case .logical, .not: logical(expression)
        case .function(let call): functionCall(call)
        case .cast, .caseWhen, .lambda: special(expression)
        case .array, .row, .extract, .position, .trim: form(expression)
        }
    }

    private mutating func leaf(_ expression: Expression) {
        switch expression {
        case .literal(let node): literal(node)
        case .column(let node): qualifiedName(node.name, .column)
        case .current(let node):
            write(node.kind.rawValue)
            if let precision = node.precision { write("(\(precision))") }
        default: preconditionFailure("not a leaf")
        }
    }

    private mutating func operation(_ expression: Expression) {
        switch expression {
        case .fieldAccess(let node):
            if case .literal(let literal) = node.base, case .number = literal.value {
                write("(")
                self.expression(node.base)
                write(")")
            } else {
                self.expression(node.base, .postfix)
            }
            write(".")
            name(node.field)
        case .subscripted(let node):
            self.expression(node.base, .postfix)
            write("[")
            self.expression(node.index, .concatenation)
            write("]")
        case .unary(let node):
            write(node.op.rawValue)
            var operand = SQLWriter()
            operand.expression(node.operand, .unary)
            if let first = operand.text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                write(" ")
            }
            write(operand.text)
        case .binary(let node):
            self.expression(node.left, node.op.precedence)
            write(" \(node.op.rawValue) ")
            self.expression(node.right, node.op.precedence.next)
        case .atTimeZone(let node):
            self.expression(node.operand, .atTimeZone)
            write(" AT TIME ZONE ")
            self.expression(node.zone, .primary)
        default: preconditionFailure("not an operation")
        }
    }

    private mutating func predicate(_ expression: Expression) {
        switch expression {
        case .comparison(let node):
            self.expression(node.left, .concatenation)
            write(" \(node.op.rawValue) ")
            self.expression(node.right, .concatenation)
        case .isNull(let node):
            self.expression(node.operand, .concatenation)
            write(node.isNegated ? " IS NOT NULL" : " IS NULL")
        case .isDistinctFrom(let node):
            self.expression(node.left, .concatenation)
            write(node.isNegated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
            self.expression(node.right, .concatenation)
        case .between(let node):
            self.expression(node.operand, .concatenation)
            write(node.isNegated ? " NOT BETWEEN " : " BETWEEN ")
            self.expression(node.lower, .concatenation)
            write(" AND ")
            self.expression(node.upper, .concatenation)
        case .like(let node):
            self.expression(node.operand, .concatenation)
            write(node.isNegated ? " NOT LIKE " : " LIKE ")
            self.expression(node.pattern, .concatenation)
            if let escape = node.escape {
                write(" ESCAPE ")
                self.expression(escape, .concatenation)
            }
        default: preconditionFailure("not a predicate")
        }
    }

    private mutating func subqueryOrList(_ expression: Expression) {
        switch expression {
        case .inList(let node):
            self.expression(node.operand, .concatenation)
            write(node.isNegated ? " NOT IN (" : " IN (")
            list(node.list) { $0.expression($1) }
            write(")")
        case .inSubquery(let node):
            self.expression(node.operand, .concatenation)
            write(node.isNegated ? " NOT IN (" : " IN (")
            query(node.query)
            write(")")
        case .quantifiedComparison(let node):
            self.expression(node.left, .concatenation)
            write(" \(node.op.rawValue) \(node.quantifier.rawValue) (")
            query(node.query)
            write(")")
        case .exists(let node):
            write("EXISTS (")
            query(node.query)
            write(")")
        case .subquery(let node):
            write("(")
            query(node.query)
            write(")")
        default: preconditionFailure("not a subquery or list")
        }
    }

    private mutating func logical(_ expression: Expression) {
        switch expression {
        case .logical(let node):
            let termMinimum: Precedence = node.op == .or ? .and : .not
            for (index, term) in node.terms.enumerated() {
                if index > 0 { write(" \(node.op.rawValue) ") }
                self.expression(term, termMinimum)
            }
        case .not(let node):
            write("NOT ")
            self.expression(node.operand, .not)
        default: preconditionFailure("not a logical operation")
        }
    }

    private mutating func special(_ expression: Expression) {
        switch expression {
        case .cast(let node):
            write(node.isTry ? "TRY_CAST(" : "CAST(")
            self.expression(node.operand)
            write(" AS ")
            type(node.type)
            write(")")
        case .caseWhen(let node):
            write("CASE")
            if let operand = node.operand {
                write(" ")
                self.expression(operand)
            }
            for clause in node.whenClauses {
                write(" WHEN ")
                self.expression(clause.condition)
                write(" THEN ")
                self.expression(clause.result)
            }
            if let elseResult = node.elseResult {
                write(" ELSE ")
                self.expression(elseResult)
            }
            write(" END")
        case .lambda(let node):
            if node.parameters.count == 1 {
                name(node.parameters[0])
            } else {
                names(node.parameters)
            }
            write(" -> ")
            self.expression(node.body)
        default: preconditionFailure("not a special form")
        }
    }

    private mutating func form(_ expression: Expression) {
        switch expression {
        case .array(let node):
            write("ARRAY[")
            list(node.elements) { $0.expression($1) }
            write("]")
        case .row(let node):
            write("ROW(")
            list(node.elements) { $0.expression($1) }
            write(")")
        case .extract(let node):
            write("EXTRACT(")
            extractField(node.field)
            write(" FROM ")
            self.expression(node.source, .concatenation)
            write(")")
        case .position(let node):
            write("position(")
            self.expression(node.needle, .concatenation)
            write(" IN ")
            self.expression(node.haystack, .concatenation)
            write(")")
        case .trim(let node):
            write("trim(")
            if node.specification != .both || node.characters != nil {
                write(node.specification.rawValue)
                write(" ")
                if let characters = node.characters {
                    self.expression(characters, .concatenation)
                    write(" ")
                }
                write("FROM ")
            }
            self.expression(node.source, .concatenation)
            write(")")
        default: preconditionFailure("not a form")
        }
    }

    private mutating func extractField(_ field: Identifier) {
        let printed = SQLWriter.identifier(field)
        write(printed.utf8.first == UInt8(ascii: "\"") ? printed : field.value.uppercased())
    }

    mutating func literal(_ literal: Literal) {
        switch literal.value {
        case .null: write("NULL")
        case .boolean(let value): write(value ? "TRUE" : "FALSE")
        case .string(let value): write(SQLWriter.string(value))
        case .number(let number): write(number.text)
        case .binary(let bytes):
            let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
            var hex: [UInt8] = []
            for byte in bytes {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0F)])
            }
            write("X'" + String(decoding: hex, as: UTF8.self) + "'")
        case .typed(let type, let value):
            write(type.uppercased())
            write(" ")
            write(SQLWriter.string(value))
        case .interval(let interval):
            write("INTERVAL ")
            switch interval.sign {
            case .plus: write("+")
            case .minus: write("-")
            case nil: break
            }
            write(SQLWriter.string(interval.value))
            write(" \(interval.from.rawValue)")
            if let to = interval.to { write(" TO \(to.rawValue)") }
        }
    }

    private mutating func functionCall(_ call: FunctionCall) {
        functionName(call)
        write("(")
        if call.isStar {
            write("*")
        } else {
            if let quantifier = call.quantifier { write("\(quantifier.rawValue) ") }
            list(call.arguments) { $0.expression($1) }
            if !call.orderBy.isEmpty {
                write(" ORDER BY ")
                sortItems(call.orderBy)
            }
        }
        write(")")
        if call.filter != nil || call.nullTreatment != nil || call.window != nil { callTail(call) }
    }

    /// `GROUPING(a, b)` and `normalize(s)` keep their keyword spelling (the parser reads both special forms as calls);
    /// other names are quoted when they would read as special forms or are reserved.
    private mutating func functionName(_ call: FunctionCall) {
        let isGroupingOperation =
            call.name.parts.count == 1 && call.name.parts[0].normalized == "grouping"
            && call.arguments.allSatisfy { if case .column = $0 { true } else { false } } && !call.isStar
            && call.quantifier == nil && call.orderBy.isEmpty && call.filter == nil && call.window == nil
        let isNormalize =
            call.name.parts.count == 1 && call.name.parts[0].normalized == "normalize" && call.arguments.count == 1
            && !call.isStar && call.quantifier == nil && call.orderBy.isEmpty && call.filter == nil
            && call.window == nil && call.nullTreatment == nil
        if isGroupingOperation {
            write("GROUPING")
        } else if isNormalize {
            write("normalize")
        } else {
            qualifiedName(call.name, .function)
        }
    }

    private mutating func callTail(_ call: FunctionCall) {
        if let filter = call.filter {
            write(" FILTER (WHERE ")
            expression(filter)
            write(")")
        }
        if let nullTreatment = call.nullTreatment { write(" \(nullTreatment.rawValue)") }
        if let window = call.window {
            write(" OVER ")
            switch window {
            case .named(let name): self.name(name)
            case .specification(let specification): windowSpecification(specification)
            }
        }
    }

    mutating func windowSpecification(_ specification: WindowSpecification) {
        write("(")
        var parts: [String] = []
        if let existing = specification.existingWindow { parts.append(SQLWriter.identifier(existing)) }
        if !specification.partitionBy.isEmpty {
            var writer = SQLWriter()
            writer.write("PARTITION BY ")
            writer.list(specification.partitionBy) { $0.expression($1) }
            parts.append(writer.text)
        }
        if !specification.orderBy.isEmpty {
            var writer = SQLWriter()
            writer.write("ORDER BY ")
            writer.sortItems(specification.orderBy)
            parts.append(writer.text)
        }
        if let frame = specification.frame {
            var writer = SQLWriter()
            writer.write(frame.unit.rawValue)
            if let end = frame.end {
                writer.write(" BETWEEN ")
                writer.frameBound(frame.start)
                writer.write(" AND ")
                writer.frameBound(end)
            } else {
                writer.write(" ")
                writer.frameBound(frame.start)
            }
            parts.append(writer.text)
        }
        write(parts.joined(separator: " "))
        write(")")
    }

    private mutating func frameBound(_ bound: WindowFrame.Bound) {
        switch bound {
        case .unboundedPreceding: write("UNBOUNDED PRECEDING")
        case .unboundedFollowing: write("UNBOUNDED FOLLOWING")
        case .currentRow: write("CURRENT ROW")
        case .preceding(let offset):
            expression(offset)
            write(" PRECEDING")
        case .following(let offset):
            expression(offset)
            write(" FOLLOWING")
        }
    }

    mutating func sortItems(_ items: [SortItem]) {
        list(items) { writer, item in
            writer.expression(item.expression)
            if let ordering = item.ordering { writer.write(" \(ordering.rawValue)") }
            if let nullOrdering = item.nullOrdering { writer.write(" \(nullOrdering.rawValue)") }
        }
    }

    // MARK: - Types

    mutating func type(_ type: DataType) {
        switch type.kind {
        case .named(let name, let parameters):
            let identifier = Identifier(name)
            let printed = SQLWriter.identifier(identifier)
            write(printed.utf8.first == UInt8(ascii: "\"") || Keyword.lookup(name) == nil ? printed : name)
            if !parameters.isEmpty {
                write("(")
                list(parameters) { writer, parameter in
                    switch parameter {
                    case .number(let value): writer.write(String(value))
                    case .type(let type): writer.type(type)
                    }
                }
                write(")")
            }
        case .array(let element):
            write("array(")
            self.type(element)
            write(")")
        case .map(let key, let value):
            write("map(")
            self.type(key)
            write(", ")
            self.type(value)
            write(")")
        case .row(let fields):
            write("row(")
            list(fields) { writer, field in
                if let name = field.name {
                    writer.name(name)
                    writer.write(" ")
                }
                writer.type(field.type)
            }
            write(")")
        case .timestamp(let precision, let withTimeZone), .time(let precision, let withTimeZone):
            if case .timestamp = type.kind { write("timestamp") } else { write("time") }
            if let precision { write("(\(precision))") }
            if withTimeZone { write(" with time zone") }
        case .interval(let from, let to):
            write("interval \(from.rawValue.lowercased())")
            if let to { write(" to \(to.rawValue.lowercased())") }
        }
    }
}
