import TrailBase
import TrailColumnar
import TrailFunctions
import TrailSQL

/// What an expression may see and contain where it is bound.
struct ExpressionContext {
    var scope: Scope
    /// The clause, for messages ("WHERE clause cannot contain aggregations").
    var clause: String
    /// Set where aggregates are allowed (the SELECT list, HAVING and ORDER BY of an aggregating query).
    var aggregates: AggregateCollector?
    /// Set where window functions are allowed (the SELECT list and ORDER BY).
    var windows: WindowCollector?

    init(scope: Scope, clause: String, aggregates: AggregateCollector? = nil, windows: WindowCollector? = nil) {
        self.scope = scope
        self.clause = clause
        self.aggregates = aggregates
        self.windows = windows
    }
}

extension Analyzer {
    func bind(_ expression: Expression, _ context: ExpressionContext) throws(QueryError) -> BoundExpression {
        switch expression {
        case .literal(let literal):
            return try bindLiteral(literal)
        case .column(let reference):
            return try resolveName(reference.name.parts, span: reference.name.span, context: context)
        case .fieldAccess(let access):
            if let parts = nameChain(expression) {
                return try resolveName(parts, span: access.span, context: context)
            }
            let base = try bind(access.base, context)
            return try fieldAccess(base, access.field, span: access.span)
        case .subscripted(let node):
            let base = try bind(node.base, context)
            let index = try bind(node.index, context)
            return try subscriptAccess(base, index, span: node.span)
        case .unary(let node):
            if node.op == .plus { return try bind(node.operand, context) }
            if case .literal(let literal) = node.operand, case .number(let number) = literal.value {
                var negated = number
                negated.text = number.isNegative ? String(number.text.dropFirst()) : "-" + number.text
                return try bindLiteral(Literal(.number(negated), span: node.span))
            }
            let operand = try bind(node.operand, context)
            guard operand.type.isNumeric || operand.type.isInterval || operand.type == .unknown else {
                throw QueryError(.typeMismatch, "Cannot negate \(operand.type)", at: node.span)
            }
            return .call(.negate, [operand], operand.type == .unknown ? .integer : operand.type)
        case .binary(let node):
            return try arithmetic(node.op, try bind(node.left, context), try bind(node.right, context), span: node.span)
        case .comparison(let node):
            return try comparison(node.op, try bind(node.left, context), try bind(node.right, context), span: node.span)
        case .logical(let node):
            var terms: [BoundExpression] = []
            for term in node.terms {
                let bound = try bind(term, context)
                try requireBoolean(bound, term.span, operand: node.op.rawValue)
                terms.append(TypeCoercion.coerce(bound, to: .boolean))
            }
            return node.op == .and ? .and(terms) : .or(terms)
        case .not(let node):
            let operand = try bind(node.operand, context)
            try requireBoolean(operand, node.operand.span, operand: "NOT")
            return .not(TypeCoercion.coerce(operand, to: .boolean))
        case .isNull(let node):
            return .isNull(try bind(node.operand, context), negated: node.isNegated)
        case .isDistinctFrom(let node):
            let (left, right) = try unify(try bind(node.left, context), try bind(node.right, context), span: node.span,
                                          operator: "IS DISTINCT FROM")
            return .call(node.isNegated ? .isNotDistinctFrom : .isDistinctFrom, [left, right], .boolean)
        case .between(let node):
            let operand = try bind(node.operand, context)
            let lower = try comparison(.greaterOrEqual, operand, try bind(node.lower, context), span: node.span)
            let upper = try comparison(.lessOrEqual, operand, try bind(node.upper, context), span: node.span)
            let both = BoundExpression.and([lower, upper])
            return node.isNegated ? .not(both) : both
        case .inList(let node):
            let operand = try bind(node.operand, context)
            var type = operand.type
            var items: [BoundExpression] = []
            for item in node.list {
                let bound = try bind(item, context)
                guard let common = TypeCoercion.commonType(type, bound.type) else {
                    throw mismatch("IN", operand.type, bound.type, span: item.span)
                }
                type = common
                items.append(bound)
            }
            guard type.isComparable else {
                throw QueryError(.typeMismatch, "type \(type) cannot be compared", at: node.span)
            }
            return .inList(TypeCoercion.coerce(operand, to: type), items.map { TypeCoercion.coerce($0, to: type) },
                           negated: node.isNegated)
        case .inSubquery(let node):
            let operand = try bind(node.operand, context)
            let index = try subqueryValues(node.query, matching: operand, span: node.span, context: context)
            return .inSubquery(TypeCoercion.coerce(operand, to: index.type), index: index.index,
                               negated: node.isNegated)
        case .like(let node):
            return try like(node, context)
        case .quantifiedComparison(let node):
            let operand = try bind(node.left, context)
            if node.op == .equal && node.quantifier != .all {
                let index = try subqueryValues(node.query, matching: operand, span: node.span, context: context)
                return .inSubquery(TypeCoercion.coerce(operand, to: index.type), index: index.index, negated: false)
            }
            if node.op == .notEqual && node.quantifier == .all {
                let index = try subqueryValues(node.query, matching: operand, span: node.span, context: context)
                return .inSubquery(TypeCoercion.coerce(operand, to: index.type), index: index.index, negated: true)
            }
            throw QueryError(.unsupportedFeature,
                             "\(node.op.rawValue) \(node.quantifier.rawValue) (subquery) is not supported", at: node.span,
                             help: "use min()/max() in a scalar subquery, or IN / NOT IN")
        case .exists(let node):
            let (plan, _) = try analyzeNestedQuery(node.query, context: context)
            subqueries.append(.limit(plan, offset: 0, count: 1))
            subqueryKinds.append(.exists)
            return .exists(index: subqueries.count - 1, negated: false)
        case .subquery(let node):
            let (plan, outputs) = try analyzeNestedQuery(node.query, context: context)
            guard outputs.count == 1 else {
                throw QueryError(.subqueryShape, "Multiple columns returned by subquery are not yet supported. Found \(outputs.count)",
                                 at: node.span)
            }
            subqueries.append(.enforceSingleRow(plan))
            subqueryKinds.append(.scalar)
            return .scalarSubquery(index: subqueries.count - 1, outputs[0].type)
        case .function(let call):
            return try bindFunction(call, context)
        case .cast(let node):
            let operand = try bind(node.operand, context)
            let target = try logicalType(node.type)
            guard Casts.isSupported(from: operand.type, to: target) else {
                throw QueryError(.typeMismatch, "Cannot cast \(operand.type) to \(target)", at: node.span,
                                 help: operand.type == .varchar && target.isDateTime
                                    ? "CloudTrail times are ISO-8601 text: use from_iso8601_timestamp(x)" : nil)
            }
            if case .literal(.null, _) = operand { return .literal(.null, target) }
            return .cast(operand, to: target, isTry: node.isTry)
        case .caseWhen(let node):
            return try caseWhen(node, context)
        case .atTimeZone(let node):
            let operand = try bind(node.operand, context)
            let zone = try bind(node.zone, context)
            guard operand.type == .timestamp || operand.type == .timestampWithTimeZone else {
                throw QueryError(.typeMismatch, "AT TIME ZONE needs a timestamp, not \(operand.type)", at: node.span)
            }
            guard zone.type == .varchar || zone.type == .intervalDayToSecond else {
                throw QueryError(.typeMismatch, "time zone must be varchar or an interval, not \(zone.type)", at: node.zone.span)
            }
            do {
                try validateConstant(zone, span: node.zone.span) { (text) throws(FunctionError) in
                    _ = try TimeZoneOffset(parsing: text, function: "AT TIME ZONE")
                }
            } catch {
                // Named zones (America/New_York) are valid in Trino; trailsql has only UTC and fixed offsets.
                throw QueryError(.unsupportedFeature, error.message, at: node.zone.span,
                                 help: "use a fixed offset such as '-05:00', or 'UTC'")
            }
            return .call(.atTimeZone, [TypeCoercion.coerce(operand, to: .timestampWithTimeZone), zone], .timestampWithTimeZone)
        case .lambda(let node):
            throw QueryError(.unsupportedFeature, "lambda expressions are not supported", at: node.span,
                             help: "filter with CROSS JOIN UNNEST and WHERE instead of transform()/filter()")
        case .array(let node):
            var type = LogicalType.unknown
            var elements: [BoundExpression] = []
            for element in node.elements {
                let bound = try bind(element, context)
                guard let common = TypeCoercion.commonType(type, bound.type) else {
                    throw mismatch("ARRAY", type, bound.type, span: element.span)
                }
                type = common
                elements.append(bound)
            }
            return .call(.arrayConstructor, elements.map { TypeCoercion.coerce($0, to: type) }, .array(type))
        case .row(let node):
            let elements = try node.elements.map { (element) throws(QueryError) in try bind(element, context) }
            let fields = elements.enumerated().map { Field("field\($0.offset)", $0.element.type) }
            return .call(.rowConstructor, elements, .row(fields))
        case .current(let node):
            switch node.kind {
            case .timestamp: return .call(.currentTimestamp, [], .timestampWithTimeZone)
            case .date: return .call(.currentDate, [], .date)
            case .localTimestamp: return .call(.currentTimestamp, [], .timestamp)
            default:
                throw QueryError(.unsupportedFeature, "\(node.kind.rawValue) is not supported", at: node.span)
            }
        case .extract(let node):
            let source = try bind(node.source, context)
            let name: String
            switch node.field.normalized {
            case "dow": name = "day_of_week"
            case "doy": name = "day_of_year"
            case "year_of_week", "yow": name = "year_of_week"
            default: name = node.field.normalized
            }
            return try FunctionResolver.scalar(name: name, arguments: [source], spans: [node.source.span], span: node.span)
        case .position(let node):
            let needle = try bind(node.needle, context)
            let haystack = try bind(node.haystack, context)
            return try FunctionResolver.scalar(name: "strpos", arguments: [haystack, needle],
                                               spans: [node.haystack.span, node.needle.span], span: node.span)
        case .trim(let node):
            let source = try bind(node.source, context)
            var arguments = [source]
            var spans = [node.source.span]
            if let characters = node.characters {
                arguments.append(try bind(characters, context))
                spans.append(characters.span)
            }
            let name = node.specification == .both ? "trim" : node.specification == .leading ? "ltrim" : "rtrim"
            return try FunctionResolver.scalar(name: name, arguments: arguments, spans: spans, span: node.span)
        }
    }

    // MARK: Names

    /// `a.b.c` written as nested field accesses over a column: the parts, else nil.
    func nameChain(_ expression: Expression) -> [Identifier]? {
        switch expression {
        case .column(let reference): return reference.name.parts
        case .fieldAccess(let access): return nameChain(access.base).map { $0 + [access.field] }
        default: return nil
        }
    }

    func resolveName(_ parts: [Identifier], span: SourceSpan, context: ExpressionContext) throws(QueryError) -> BoundExpression {
        let names = parts.map(\.normalized)
        let scope = context.scope
        // Qualified by a relation: the longest qualifier first (`default.cloudtrail_logs.eventname`, `t.eventname`).
        if names.count > 1 {
            for length in stride(from: min(names.count - 1, 3), through: 1, by: -1) {
                let qualifier = names[0..<length].joined(separator: ".")
                let relations = scope.relations.filter { $0.qualifiers.contains(qualifier) }
                if relations.count > 1 {
                    throw QueryError(.ambiguousColumn, "relation \"\(qualifier)\" is ambiguous", at: span)
                }
                if let relation = relations.first, relation.resolvableNames.contains(names[length]) {
                    return try resolve(Array(parts[length...]), in: relation, span: span)
                }
                if let relation = relations.first, relation.hidden.contains(names[length]) {
                    throw QueryError(.columnNotFound, "column \"\(qualifier).\(names[length])\" cannot be resolved",
                                     at: span, help: "JOIN … USING merges it into one column: write \(names[length]) unqualified")
                }
            }
        }
        var candidates = scope.relations.filter { $0.resolvableNames.contains(names[0]) }
        if let first = candidates.first(where: \.shadows) { candidates = [first] }
        if candidates.count > 1 {
            throw QueryError(.ambiguousColumn, "Column '\(names[0])' is ambiguous", at: parts[0].span,
                             help: "qualify it with a table alias, e.g. \(candidates.compactMap(\.qualifiers.first).first ?? "t").\(names[0])")
        }
        if let relation = candidates.first {
            return try resolve(parts, in: relation, span: span)
        }
        // A column of an enclosing query, by name or qualified by one of its relations (`a.eventsource`).
        let qualifiers = (1..<max(1, min(names.count, 4))).map { names[0..<$0].joined(separator: ".") }
        if outerScopes.contains(where: { outer in
            outer.relations.contains { $0.resolvableNames.contains(names[0]) || !Set($0.qualifiers).isDisjoint(with: qualifiers) }
        }) {
            throw QueryError(.unsupportedFeature, "correlated subqueries are not supported (\"\(names.joined(separator: "."))\" is a column of the outer query)",
                             at: parts[0].span, help: "rewrite the subquery as a join")
        }
        let available = scope.allColumnNames
        if let suggestion = NameSuggestion.closest(to: names[0], among: available) {
            throw QueryError(.columnNotFound, "column \"\(names[0])\" not found — did you mean \"\(suggestion)\"?",
                             at: parts[0].span)
        }
        throw QueryError(.columnNotFound, "column \"\(names[0])\" not found", at: parts[0].span,
                         help: available.isEmpty ? "this query has no FROM clause"
                            : "`trailsql describe` lists the columns of the CloudTrail table")
    }

    /// `parts` inside one relation: the column, then fields of rows.
    func resolve(_ parts: [Identifier], in relation: ScopeRelation, span: SourceSpan) throws(QueryError) -> BoundExpression {
        var names = parts.map(\.normalized)
        switch relation.content {
        case .table(let source):
            if let canonical = TableKind.partitionAliases[names[0]] { names[0] = canonical }
            guard var type = source.kind.columns.first(where: { $0.name == names[0] })?.type else {
                throw QueryError(.columnNotFound, "column \"\(names[0])\" not found", at: parts[0].span)
            }
            // Walk row fields as deep as the name goes: the scan decodes just that path.
            var consumed = 1
            while consumed < names.count, case .row(let fields) = type,
                  let field = fields.first(where: { $0.name == names[consumed] }) {
                type = field.type
                consumed += 1
            }
            if consumed < names.count {
                throw fieldNotFound(parts[consumed], in: type, path: names[0..<consumed].joined(separator: "."))
            }
            // Lake columns with a conversion are decoded whole (they have no fields).
            let path = Array(names[0..<consumed])
            let id = source.columnID(path: path, type: type, allocate: newID)
            columnNames[id] = path.joined(separator: ".")
            return .column(id, type)
        case .columns(let columns):
            let matching = columns.filter { $0.name == names[0] }
            guard let column = matching.first else {
                throw QueryError(.columnNotFound, "column \"\(names[0])\" not found", at: parts[0].span)
            }
            if matching.count > 1 && Set(matching.map(\.id)).count > 1 {
                throw QueryError(.ambiguousColumn, "Column '\(names[0])' is ambiguous", at: parts[0].span)
            }
            var expression = BoundExpression.column(column.id, column.type)
            for part in parts.dropFirst() {
                expression = try fieldAccess(expression, part, span: span)
            }
            return expression
        case .using(let columns):
            let matching = columns.filter { $0.name == names[0] }.map(\.expression)
            guard var expression = matching.first else {
                throw QueryError(.columnNotFound, "column \"\(names[0])\" not found", at: parts[0].span)
            }
            if matching.contains(where: { $0 != expression }) {
                throw QueryError(.ambiguousColumn, "Column '\(names[0])' is ambiguous", at: parts[0].span)
            }
            for part in parts.dropFirst() {
                expression = try fieldAccess(expression, part, span: span)
            }
            return expression
        }
    }

    func fieldAccess(_ base: BoundExpression, _ field: Identifier, span: SourceSpan) throws(QueryError) -> BoundExpression {
        guard case .row(let fields) = base.type else {
            throw QueryError(.typeMismatch, "Expression of type \(base.type) has no field \"\(field.normalized)\"", at: span,
                             help: base.type == .varchar || base.type == .json
                                ? "JSON text is read with json_extract_scalar(x, '$.\(field.value)')" : nil)
        }
        guard let index = fields.firstIndex(where: { $0.name == field.normalized }) else {
            throw fieldNotFound(field, in: base.type, path: "row")
        }
        return .field(base, index: index, fields[index].type)
    }

    func fieldNotFound(_ field: Identifier, in type: LogicalType, path: String) -> QueryError {
        guard case .row(let fields) = type else {
            return QueryError(.fieldNotFound, "\"\(path)\" is \(type) and has no field \"\(field.normalized)\"", at: field.span,
                              help: type == .varchar ? "JSON text is read with json_extract_scalar(\(path), '$.\(field.value)')" : nil)
        }
        let suggestion = NameSuggestion.closest(to: field.normalized, among: fields.map(\.name))
        return QueryError(.fieldNotFound,
                          "field \"\(field.normalized)\" not found in \(path)" + (suggestion.map { " — did you mean \"\($0)\"?" } ?? ""),
                          at: field.span, help: "fields of \(path): " + fields.map(\.name).joined(separator: ", "))
    }

    // MARK: Operators

    func subscriptAccess(_ base: BoundExpression, _ index: BoundExpression, span: SourceSpan) throws(QueryError) -> BoundExpression {
        switch base.type {
        case .array(let element):
            guard index.type.isInteger || index.type == .unknown else {
                throw QueryError(.typeMismatch, "array subscript must be an integer, not \(index.type)", at: span)
            }
            return .call(.subscript, [base, TypeCoercion.coerce(index, to: .bigint)], element)
        case .map(let key, let value):
            guard TypeCoercion.canCoerce(index.type, to: key) else {
                throw QueryError(.typeMismatch, "map key must be \(key), not \(index.type)", at: span)
            }
            return .call(.subscript, [base, TypeCoercion.coerce(index, to: key)], value)
        case .row(let fields):
            if case .literal(.int(let position), _) = index, position >= 1, position <= fields.count {
                return .field(base, index: Int(position) - 1, fields[Int(position) - 1].type)
            }
            throw QueryError(.typeMismatch, "row subscript must be a constant position 1…\(fields.count)", at: span)
        default:
            throw QueryError(.typeMismatch, "Cannot use subscript on \(base.type)", at: span,
                             help: base.type == .varchar ? "a JSON array in text is read with json_extract_scalar(x, '$[0]')" : nil)
        }
    }

    func arithmetic(_ op: BinaryOperation.Operator, _ left: BoundExpression, _ right: BoundExpression, span: SourceSpan)
        throws(QueryError) -> BoundExpression
    {
        let l = left.type, r = right.type
        if op == .concatenate {
            if (l == .varchar || l == .unknown) && (r == .varchar || r == .unknown) {
                return .call(.concatOperator, [TypeCoercion.coerce(left, to: .varchar), TypeCoercion.coerce(right, to: .varchar)], .varchar)
            }
            if case .array = l, let common = TypeCoercion.commonType(l, r) {
                return .call(.concat, [TypeCoercion.coerce(left, to: common), TypeCoercion.coerce(right, to: common)], common)
            }
            throw mismatch("||", l, r, span: span)
        }
        let function: ScalarFunction
        switch op {
        case .add: function = .add
        case .subtract: function = .subtract
        case .multiply: function = .multiply
        case .divide: function = .divide
        case .modulo: function = .modulo
        case .concatenate: function = .concatOperator
        }
        // Numbers (NULL counts as a number here: `1 + NULL`).
        let lNumeric = l.isNumeric || l == .unknown, rNumeric = r.isNumeric || r == .unknown
        if lNumeric && rNumeric {
            var type = TypeCoercion.commonType(l, r) ?? .integer
            if type == .unknown { type = .integer }
            return .call(function, [TypeCoercion.coerce(left, to: type), TypeCoercion.coerce(right, to: type)], type)
        }
        // Date-time ± interval, interval + date-time, date-time − date-time, interval arithmetic.
        switch (op, l, r) {
        case (.add, _, _) where l.isDateTime && r.isInterval, (.subtract, _, _) where l.isDateTime && r.isInterval:
            if l == .date && r == .intervalDayToSecond || l != .date || r == .intervalYearToMonth {
                return .call(function, [left, right], l)
            }
        case (.add, _, _) where l.isInterval && r.isDateTime:
            return .call(.add, [right, left], r)
        case (.subtract, _, _) where l.isDateTime && l == r && l != .date:
            return .call(.subtract, [left, right], .intervalDayToSecond)
        case (.add, _, _) where l.isInterval && l == r, (.subtract, _, _) where l.isInterval && l == r:
            return .call(function, [left, right], l)
        case (.multiply, _, _) where l.isInterval && r.isNumeric:
            return .call(.multiply, [left, TypeCoercion.coerce(right, to: .double)], l)
        case (.multiply, _, _) where r.isInterval && l.isNumeric:
            return .call(.multiply, [right, TypeCoercion.coerce(left, to: .double)], r)
        case (.divide, _, _) where l.isInterval && r.isNumeric:
            return .call(.divide, [left, TypeCoercion.coerce(right, to: .double)], l)
        default: break
        }
        throw mismatch(op.rawValue, l, r, span: span)
    }

    func comparison(_ op: Comparison.Operator, _ left: BoundExpression, _ right: BoundExpression, span: SourceSpan)
        throws(QueryError) -> BoundExpression
    {
        let (l, r) = try unify(left, right, span: span, operator: op.rawValue)
        let ordered = op != .equal && op != .notEqual
        if ordered && !l.type.isOrderable {
            throw QueryError(.typeMismatch, "Cannot apply operator: \(l.type) \(op.rawValue) \(r.type)", at: span,
                             help: "type \(l.type) is not orderable")
        }
        let function: ScalarFunction
        switch op {
        case .equal: function = .equal
        case .notEqual: function = .notEqual
        case .less: function = .less
        case .lessOrEqual: function = .lessOrEqual
        case .greater: function = .greater
        case .greaterOrEqual: function = .greaterOrEqual
        }
        return .call(function, [l, r], .boolean)
    }

    /// Both operands at their common type, or Trino's "Cannot apply operator" with a hint for CloudTrail's text times.
    func unify(_ left: BoundExpression, _ right: BoundExpression, span: SourceSpan, operator op: String)
        throws(QueryError) -> (BoundExpression, BoundExpression)
    {
        // CloudTrail Lake reads a text literal against a date-time as one (`eventTime > '2024-01-01 00:00:00'`, in
        // most of AWS's Lake samples). Athena (Trino) does not: there it stays a type error, as does a varchar
        // column against a timestamp (`eventtime > current_timestamp`) everywhere.
        if readsLake, left.type.isDateTime, case .literal(.bytes, .varchar) = right {
            return (left, .cast(right, to: left.type, isTry: false))
        }
        if readsLake, right.type.isDateTime, case .literal(.bytes, .varchar) = left {
            return (.cast(left, to: right.type, isTry: false), right)
        }
        guard let common = TypeCoercion.commonType(left.type, right.type), common.isComparable || common == .unknown else {
            throw mismatch(op, left.type, right.type, span: span)
        }
        return (TypeCoercion.coerce(left, to: common), TypeCoercion.coerce(right, to: common))
    }

    func mismatch(_ op: String, _ left: LogicalType, _ right: LogicalType, span: SourceSpan) -> QueryError {
        var help: String?
        if (left == .varchar && right.isDateTime) || (right == .varchar && left.isDateTime) {
            help = "eventtime and the other time fields are varchar (ISO-8601 text) in the CloudTrail table: "
                + "compare from_iso8601_timestamp(eventtime) with the timestamp, or compare the text with text such as '2024-01-01T00:00:00Z'"
        } else if (left == .varchar && right.isNumeric) || (right == .varchar && left.isNumeric) {
            help = "CloudTrail fields are varchar: compare with a string literal, or CAST(x AS bigint)"
        }
        return QueryError(.typeMismatch, "Cannot apply operator: \(left) \(op) \(right)", at: span, help: help)
    }

    func requireBoolean(_ expression: BoundExpression, _ span: SourceSpan, operand: String) throws(QueryError) {
        guard expression.type == .boolean || expression.type == .unknown else {
            throw QueryError(.typeMismatch, "\(operand) needs boolean operands, not \(expression.type)", at: span)
        }
    }

    func like(_ node: Like, _ context: ExpressionContext) throws(QueryError) -> BoundExpression {
        let value = try bind(node.operand, context)
        let pattern = try bind(node.pattern, context)
        guard value.type == .varchar || value.type == .unknown else {
            throw QueryError(.typeMismatch, "LIKE needs varchar, not \(value.type)", at: node.operand.span,
                             help: value.type.isDateTime ? "format it first: to_iso8601(x) or date_format(x, '%Y-%m-%d')" : nil)
        }
        guard pattern.type == .varchar || pattern.type == .unknown else {
            throw QueryError(.typeMismatch, "LIKE pattern must be varchar, not \(pattern.type)", at: node.pattern.span)
        }
        var arguments = [TypeCoercion.coerce(value, to: .varchar), TypeCoercion.coerce(pattern, to: .varchar)]
        var escapeText: String?
        if let escape = node.escape {
            let bound = try bind(escape, context)
            arguments.append(TypeCoercion.coerce(bound, to: .varchar))
            if case .literal(.bytes(let bytes), _) = bound { escapeText = String(decoding: bytes, as: UTF8.self) }
        }
        if case .literal(.bytes(let bytes), _) = pattern {
            do throws(FunctionError) {
                _ = try LikePattern(compiling: String(decoding: bytes, as: UTF8.self), escape: escapeText)
            } catch {
                throw QueryError(.invalidArgument, error.message, at: node.pattern.span)
            }
        }
        let call = BoundExpression.call(.like, arguments, .boolean)
        return node.isNegated ? .not(call) : call
    }

    func caseWhen(_ node: CaseExpression, _ context: ExpressionContext) throws(QueryError) -> BoundExpression {
        let operand = try node.operand.map { (e) throws(QueryError) in try bind(e, context) }
        var branches: [WhenThen] = []
        var type = LogicalType.unknown
        for clause in node.whenClauses {
            var condition = try bind(clause.condition, context)
            if let operand {
                condition = try comparison(.equal, operand, condition, span: clause.condition.span)
            } else {
                try requireBoolean(condition, clause.condition.span, operand: "WHEN")
            }
            let result = try bind(clause.result, context)
            guard let common = TypeCoercion.commonType(type, result.type) else {
                throw mismatch("CASE", type, result.type, span: clause.result.span)
            }
            type = common
            branches.append(WhenThen(condition: TypeCoercion.coerce(condition, to: .boolean), result: result))
        }
        var otherwise: BoundExpression?
        if let elseResult = node.elseResult {
            let bound = try bind(elseResult, context)
            guard let common = TypeCoercion.commonType(type, bound.type) else {
                throw mismatch("CASE", type, bound.type, span: elseResult.span)
            }
            type = common
            otherwise = bound
        }
        return .caseWhen(branches.map { WhenThen(condition: $0.condition, result: TypeCoercion.coerce($0.result, to: type)) },
                         otherwise: otherwise.map { TypeCoercion.coerce($0, to: type) }, type)
    }

    // MARK: Subqueries

    func analyzeNestedQuery(_ query: Query, context: ExpressionContext) throws(QueryError) -> (LogicalPlan, [OutputColumn]) {
        outerScopes.append(context.scope)
        defer { outerScopes.removeLast() }
        return try analyzeQuery(query)
    }

    struct SubqueryIndex {
        var index: Int
        var type: LogicalType
    }

    /// Plans `query` as a list of values compared with `operand` (IN, = ANY); both sides at their common type.
    func subqueryValues(_ query: Query, matching operand: BoundExpression, span: SourceSpan, context: ExpressionContext)
        throws(QueryError) -> SubqueryIndex
    {
        var (plan, outputs) = try analyzeNestedQuery(query, context: context)
        guard outputs.count == 1 else {
            throw QueryError(.subqueryShape, "Multiple columns returned by subquery are not yet supported. Found \(outputs.count)",
                             at: span)
        }
        guard let common = TypeCoercion.commonType(operand.type, outputs[0].type) else {
            throw mismatch("IN", operand.type, outputs[0].type, span: span)
        }
        if outputs[0].type != common {
            let column = OutputColumn(id: newID(), name: outputs[0].name, type: common)
            plan = .project(plan, [ProjectedExpression(output: column, expression: TypeCoercion.coerce(.column(outputs[0].id, outputs[0].type), to: common))])
        }
        subqueries.append(plan)
        subqueryKinds.append(.inList)
        return SubqueryIndex(index: subqueries.count - 1, type: common)
    }

    // MARK: Literals and types

    func bindLiteral(_ literal: Literal) throws(QueryError) -> BoundExpression {
        switch literal.value {
        case .null: return .literal(.null, .unknown)
        case .boolean(let value): return .literal(.boolean(value), .boolean)
        case .string(let text): return .literal(.string(text), .varchar)
        case .number(let number):
            switch number.kind {
            case .integer:
                guard let value = number.int64Value else {
                    throw QueryError(.invalidLiteralValue, "Invalid numeric literal: \(number.text)", at: literal.span)
                }
                return .literal(.int(value), Int64(Int32.min)...Int64(Int32.max) ~= value ? .integer : .bigint)
            case .decimal, .double:
                guard let value = Double(number.text.replacingUnderscores) else {
                    throw QueryError(.invalidLiteralValue, "Invalid numeric literal: \(number.text)", at: literal.span)
                }
                return .literal(.double(value), .double)
            }
        case .binary:
            throw QueryError(.unsupportedFeature, "varbinary literals are not supported", at: literal.span)
        case .typed(let type, let text):
            do throws(FunctionError) {
                switch type.uppercased() {
                case "DATE":
                    return .literal(.int(Int64(try TimestampText.parseDate(text, function: "DATE"))), .date)
                case "TIMESTAMP":
                    let (local, zone) = try TimestampText.parse(text, function: "TIMESTAMP")
                    if let zone {
                        let utc = local - Int64(zone.offsetMinutes) * 60_000
                        return .literal(.int(PackedTimestamp.pack(millis: utc, offsetMinutes: zone.offsetMinutes)),
                                        .timestampWithTimeZone)
                    }
                    return .literal(.int(local), .timestamp)
                case "JSON":
                    return .call(.jsonParse, [.literal(.string(text), .varchar)], .json)
                default:
                    break
                }
            } catch {
                throw QueryError(.invalidLiteralValue, error.message, at: literal.span)
            }
            let target = (try? SQLParser.parseType(type)).flatMap { try? logicalType($0) }
            guard let target, Casts.isSupported(from: .varchar, to: target) else {
                throw QueryError(.unsupportedFeature, "\(type) literals are not supported", at: literal.span)
            }
            return .cast(.literal(.string(text), .varchar), to: target, isTry: false)
        case .interval(let interval):
            return try bindInterval(interval, span: literal.span)
        }
    }

    func bindInterval(_ interval: Literal.Interval, span: SourceSpan) throws(QueryError) -> BoundExpression {
        let sign: Int64 = interval.sign == .minus ? -1 : 1
        var text = Substring(interval.value.trimmingSpaces)
        var negative: Int64 = 1
        if text.first == "-" { negative = -1; text = text.dropFirst() }
        func invalid() -> QueryError {
            QueryError(.invalidLiteralValue, "Invalid INTERVAL \(interval.from.rawValue) value: '\(interval.value)'", at: span,
                       help: "write INTERVAL '3' DAY, INTERVAL '90' MINUTE or INTERVAL '1' MONTH")
        }
        if interval.to != nil && !(interval.from == .year && interval.to == .month) {
            throw QueryError(.unsupportedFeature, "INTERVAL … TO … is supported only as YEAR TO MONTH", at: span,
                             help: "add intervals instead: INTERVAL '1' DAY + INTERVAL '2' HOUR")
        }
        switch interval.from {
        case .year, .month:
            if interval.to == .month {
                let parts = text.split(separator: "-")
                guard parts.count == 2, let years = Int64(parts[0]), let months = Int64(parts[1]) else { throw invalid() }
                return .literal(.int(sign * negative * (years * 12 + months)), .intervalYearToMonth)
            }
            guard let value = Int64(text) else { throw invalid() }
            return .literal(.int(sign * negative * value * (interval.from == .year ? 12 : 1)), .intervalYearToMonth)
        case .day, .hour, .minute, .second:
            let unit: Double
            switch interval.from {
            case .day: unit = 86_400_000
            case .hour: unit = 3_600_000
            case .minute: unit = 60_000
            default: unit = 1000
            }
            guard let value = Double(text), value.isFinite else { throw invalid() }
            return .literal(.int(sign * negative * Int64((value * unit).rounded())), .intervalDayToSecond)
        }
    }

    func logicalType(_ type: DataType) throws(QueryError) -> LogicalType {
        switch type.kind {
        case .named(let name, _):
            switch name.lowercased() {
            case "varchar", "char", "string": return .varchar
            case "bigint": return .bigint
            case "integer", "int", "smallint", "tinyint": return name.lowercased() == "bigint" ? .bigint : .integer
            case "double", "real", "float", "decimal", "numeric": return .double
            case "boolean": return .boolean
            case "date": return .date
            case "json": return .json
            default:
                throw QueryError(.unsupportedFeature, "type \(name) is not supported", at: type.span,
                                 help: "supported: varchar, bigint, integer, double, boolean, date, timestamp, timestamp with time zone, json, array, map, row")
            }
        case .array(let element): return .array(try logicalType(element))
        case .map(let key, let value): return .map(try logicalType(key), try logicalType(value))
        case .row(let fields):
            var result: [Field] = []
            for (index, field) in fields.enumerated() {
                result.append(Field(field.name?.normalized ?? "field\(index)", try logicalType(field.type)))
            }
            return .row(result)
        case .timestamp(_, let withTimeZone): return withTimeZone ? .timestampWithTimeZone : .timestamp
        case .time:
            throw QueryError(.unsupportedFeature, "type time is not supported", at: type.span)
        case .interval(let from, let to):
            if from == .year || from == .month { return .intervalYearToMonth }
            _ = to
            return .intervalDayToSecond
        }
    }

    /// Runs `check` on a varchar constant argument, turning its error into one that points at the argument.
    func validateConstant(_ expression: BoundExpression, span: SourceSpan, _ check: (String) throws(FunctionError) -> Void)
        throws(QueryError)
    {
        guard case .literal(.bytes(let bytes), _) = expression else { return }
        do throws(FunctionError) {
            try check(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw QueryError(.invalidArgument, error.message, at: span)
        }
    }
}

extension String {
    var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
