import TrailBase
import TrailColumnar
import TrailSQL

extension Analyzer {
    func bindFunction(_ call: FunctionCall, _ context: ExpressionContext) throws(QueryError) -> BoundExpression {
        let name = call.name.last.normalized
        if call.window != nil { return try bindWindowFunction(call, name: name, context) }
        if let aggregate = FunctionResolver.aggregate(named: name) {
            return try bindAggregate(call, aggregate, context)
        }
        if FunctionResolver.windowOnly.contains(name) {
            throw QueryError(.misplacedWindow, "window function \(name) requires an OVER clause", at: call.span,
                             help: "\(name)() OVER (PARTITION BY … ORDER BY …)")
        }
        if call.isStar || call.quantifier != nil || call.filter != nil || !call.orderBy.isEmpty {
            throw QueryError(.wrongArguments, "\(name) is not an aggregate function", at: call.span)
        }
        var arguments: [BoundExpression] = []
        for argument in call.arguments { arguments.append(try bind(argument, context)) }
        // IF, COALESCE and friends are special forms (lazy evaluation).
        switch name {
        case "if":
            guard (2...3).contains(arguments.count) else {
                throw QueryError(.wrongArguments, "if() takes 2 or 3 arguments", at: call.span)
            }
            try requireBoolean(arguments[0], call.arguments[0].span, operand: "IF")
            let type = try commonType(Array(arguments.dropFirst()), spans: Array(call.arguments.dropFirst().map(\.span)), what: "IF")
            return .caseWhen([WhenThen(condition: TypeCoercion.coerce(arguments[0], to: .boolean),
                                       result: TypeCoercion.coerce(arguments[1], to: type))],
                             otherwise: arguments.count == 3 ? TypeCoercion.coerce(arguments[2], to: type) : nil, type)
        case "coalesce":
            guard !arguments.isEmpty else { throw QueryError(.wrongArguments, "coalesce() needs arguments", at: call.span) }
            let type = try commonType(arguments, spans: call.arguments.map(\.span), what: "COALESCE")
            return .coalesce(arguments.map { TypeCoercion.coerce($0, to: type) }, type)
        case "try":
            throw QueryError(.unsupportedFeature, "try() is not supported", at: call.span,
                             help: "use TRY_CAST, or a CASE that avoids the failing input")
        default:
            return try FunctionResolver.scalar(name: name, arguments: arguments, spans: call.arguments.map(\.span),
                                               span: call.span)
        }
    }

    func commonType(_ arguments: [BoundExpression], spans: [SourceSpan], what: String) throws(QueryError) -> LogicalType {
        var type = LogicalType.unknown
        for (argument, span) in zip(arguments, spans) {
            guard let common = TypeCoercion.commonType(type, argument.type) else {
                throw mismatch(what, type, argument.type, span: span)
            }
            type = common
        }
        return type
    }

    func bindAggregate(_ call: FunctionCall, _ function: AggregateFunction, _ context: ExpressionContext)
        throws(QueryError) -> BoundExpression
    {
        guard let collector = context.aggregates else {
            if context.clause == "SELECT" || context.clause == "ORDER BY" || context.clause == "HAVING" {
                throw QueryError(.notAggregate, "Cannot nest aggregations inside aggregation", at: call.span)
            }
            throw QueryError(.misplacedAggregate,
                             "\(context.clause) clause cannot contain aggregations or window functions", at: call.span,
                             help: context.clause == "WHERE" ? "filter aggregated values with HAVING" : nil)
        }
        var inner = context
        inner.aggregates = nil
        inner.windows = nil
        inner.clause = "aggregate"
        var arguments: [BoundExpression] = []
        for argument in call.arguments {
            if containsAggregate(argument) {
                throw QueryError(.misplacedAggregate,
                                 "Cannot nest aggregations inside aggregation '\(call.name.last.normalized)'", at: argument.span)
            }
            arguments.append(try bind(argument, inner))
        }
        var filter: BoundExpression?
        if let condition = call.filter {
            let bound = try bind(condition, inner)
            try requireBoolean(bound, condition.span, operand: "FILTER")
            filter = bound
        }
        if !call.orderBy.isEmpty && function != .arrayAgg {
            throw QueryError(.unsupportedFeature, "ORDER BY inside \(function.rawValue)() is not supported", at: call.span)
        }
        if !call.orderBy.isEmpty {
            throw QueryError(.unsupportedFeature, "array_agg(x ORDER BY …) is not supported yet", at: call.span,
                             help: "sort in a subquery first; array_agg keeps input order")
        }
        let resolved = try FunctionResolver.aggregateCall(
            function, isStar: call.isStar, arguments: arguments, spans: call.arguments.map(\.span), span: call.span)
        var aggregateCall = AggregateCall(function: resolved.function, arguments: resolved.arguments,
                                          isDistinct: call.quantifier == .distinct, filter: filter, type: resolved.type)
        if aggregateCall.isDistinct, let argument = aggregateCall.arguments.first, !argument.type.isComparable {
            throw QueryError(.typeMismatch, "DISTINCT needs a comparable type, not \(argument.type)", at: call.span)
        }
        if aggregateCall.function == AggregateFunction.countStar { aggregateCall.isDistinct = false }
        let id = collector.id(for: aggregateCall, allocate: newID)
        columnNames[id] = call.name.last.normalized
        return .column(id, aggregateCall.type)
    }

    func bindWindowFunction(_ call: FunctionCall, name: String, _ context: ExpressionContext) throws(QueryError)
        -> BoundExpression
    {
        guard let collector = context.windows else {
            throw QueryError(.misplacedWindow, "\(context.clause) clause cannot contain window functions", at: call.span)
        }
        guard case .specification(let specification) = call.window! else {
            throw QueryError(.unsupportedFeature, "named windows (WINDOW w AS …) are not supported", at: call.span,
                             help: "write the window inline: OVER (PARTITION BY … ORDER BY …)")
        }
        if call.filter != nil || call.quantifier == .distinct {
            throw QueryError(.unsupportedFeature, "FILTER and DISTINCT are not supported in window functions", at: call.span)
        }
        var inner = context
        inner.windows = nil
        inner.clause = "window"
        var arguments: [BoundExpression] = []
        for argument in call.arguments { arguments.append(try bind(argument, inner)) }
        let partitionBy = try specification.partitionBy.map { (e) throws(QueryError) in try bind(e, inner) }
        var orderBy: [SortKey] = []
        for item in specification.orderBy { orderBy.append(try sortKey(item, try bind(item.expression, inner))) }

        let function: WindowFunction
        let type: LogicalType
        switch name {
        case "row_number": (function, type) = (.rowNumber, .bigint)
        case "rank": (function, type) = (.rank, .bigint)
        case "dense_rank": (function, type) = (.denseRank, .bigint)
        case "percent_rank": (function, type) = (.percentRank, .double)
        case "ntile": (function, type) = (.ntile, .bigint)
        case "lag", "lead", "first_value", "last_value", "nth_value":
            guard let first = arguments.first else {
                throw QueryError(.wrongArguments, "\(name)() needs an argument", at: call.span)
            }
            switch name {
            case "lag": function = .lag
            case "lead": function = .lead
            case "first_value": function = .firstValue
            case "last_value": function = .lastValue
            default: function = .nthValue
            }
            type = first.type
            if arguments.count > 1 { arguments[1] = TypeCoercion.coerce(arguments[1], to: .bigint) }
            if arguments.count > 2 { arguments[2] = TypeCoercion.coerce(arguments[2], to: type) }
        default:
            guard let aggregate = FunctionResolver.aggregate(named: name) else {
                throw QueryError(.functionNotFound, "window function \(name) not found", at: call.span)
            }
            let resolved = try FunctionResolver.aggregateCall(
                aggregate, isStar: call.isStar, arguments: arguments, spans: call.arguments.map(\.span), span: call.span)
            function = .aggregate(resolved.function)
            arguments = resolved.arguments
            type = resolved.type
        }
        if function == .lag || function == .lead {
            // Trino: lag/lead read neighbours in the window order and take no frame.
            if orderBy.isEmpty {
                throw QueryError(.invalidWindow, "\(name) function requires an ORDER BY window clause", at: call.span)
            }
            if let written = specification.frame {
                throw QueryError(.invalidWindow, "Cannot specify window frame for \(name) function", at: written.span)
            }
        }
        var frame: WindowFrameKind = orderBy.isEmpty ? .wholePartition : .rangeToCurrentRow
        if let written = specification.frame {
            frame = try windowFrame(written)
        }
        let windowCall = WindowCall(function: function, arguments: arguments, partitionBy: partitionBy, orderBy: orderBy,
                                    frame: frame, type: type)
        let id = collector.id(for: windowCall, allocate: newID)
        columnNames[id] = name
        return .column(id, type)
    }

    func windowFrame(_ frame: WindowFrame) throws(QueryError) -> WindowFrameKind {
        func offset(_ expression: Expression) throws(QueryError) -> Int64 {
            if case .literal(let literal) = expression, case .number(let number) = literal.value, let value = number.int64Value,
               value >= 0 {
                return value
            }
            throw QueryError(.unsupportedFeature, "window frame offsets must be non-negative integer constants", at: frame.span)
        }
        let end = frame.end ?? .currentRow
        // Trino's checks: a frame may not end before it starts.
        let invalid: String?
        switch (frame.start, end) {
        case (.unboundedFollowing, _): invalid = "Window frame start cannot be UNBOUNDED FOLLOWING"
        case (_, .unboundedPreceding): invalid = "Window frame end cannot be UNBOUNDED PRECEDING"
        case (.currentRow, .preceding): invalid = "Window frame starting from CURRENT ROW cannot end with PRECEDING"
        case (.following, .preceding): invalid = "Window frame starting from FOLLOWING cannot end with PRECEDING"
        case (.following, .currentRow): invalid = "Window frame starting from FOLLOWING cannot end with CURRENT ROW"
        default: invalid = nil
        }
        if let invalid { throw QueryError(.invalidWindow, invalid, at: frame.span) }
        switch (frame.unit, frame.start, end) {
        case (_, .unboundedPreceding, .unboundedFollowing): return .wholePartition
        case (.range, .unboundedPreceding, .currentRow): return .rangeToCurrentRow
        case (.range, .currentRow, .unboundedFollowing): return .rangeFromCurrentRow
        case (.range, .currentRow, .currentRow): return .rangePeers
        case (.rows, .unboundedPreceding, .currentRow): return .rowsToCurrentRow
        case (.rows, let start, let end):
            let preceding: Int64?
            switch start {
            case .unboundedPreceding: preceding = nil
            case .preceding(let e): preceding = try offset(e)
            case .currentRow: preceding = 0
            case .following(let e): preceding = -(try offset(e))
            case .unboundedFollowing:
                throw QueryError(.unsupportedFeature, "a frame cannot start at UNBOUNDED FOLLOWING", at: frame.span)
            }
            let following: Int64?
            switch end {
            case .unboundedFollowing: following = nil
            case .following(let e): following = try offset(e)
            case .currentRow: following = 0
            case .preceding(let e): following = -(try offset(e))
            case .unboundedPreceding:
                throw QueryError(.unsupportedFeature, "a frame cannot end at UNBOUNDED PRECEDING", at: frame.span)
            }
            return .rows(preceding: preceding, following: following)
        default:
            throw QueryError(.unsupportedFeature, "this \(frame.unit.rawValue) frame is not supported", at: frame.span,
                             help: "supported: ROWS BETWEEN n PRECEDING AND m FOLLOWING, RANGE/ROWS UNBOUNDED PRECEDING")
        }
    }
}

extension QueryError.Kind {
    /// A window that Trino rejects: lag/lead without ORDER BY or with a frame, a frame that ends before it starts.
    static let invalidWindow = Self(code: "E_ANALYZE_INVALID_WINDOW", stage: .analyze)
}
