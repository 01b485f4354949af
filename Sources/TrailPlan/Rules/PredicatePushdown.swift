import TrailColumnar

/// Moves WHERE conjuncts as close to the scans as they can go: a filter on a scan becomes the scan's predicate
/// (evaluated by the scan workers, on both cores, before rows leave them); a filter on an inner or cross join is
/// split into each side's conjuncts and the equalities between sides, which become the join's hash keys.
enum PredicatePushdown {
    static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        switch plan {
        case .filter(let input, let predicate):
            return push(predicate.conjuncts, into: apply(input))
        case .scan, .values: return plan
        case .project(let input, let items): return .project(apply(input), items)
        case .aggregate(let input, let keys, let aggregates): return .aggregate(apply(input), keys: keys, aggregates: aggregates)
        case .window(let input, let functions): return .window(apply(input), functions: functions)
        case .sort(let input, let keys, let limit): return .sort(apply(input), keys: keys, limit: limit)
        case .limit(let input, let offset, let count): return .limit(apply(input), offset: offset, count: count)
        case .distinct(let input): return .distinct(apply(input))
        case .unnest(let input, let arrays, let outputs, let ordinality):
            return .unnest(apply(input), arrays: arrays, outputs: outputs, ordinality: ordinality)
        case .join(let kind, let left, let right, let condition):
            let (left, right) = (apply(left), apply(right))
            // ON of an inner join is a filter on the cross product: its terms go to the sides or become hash keys.
            if kind == .inner, let condition { return push(condition.conjuncts, into: .join(.cross, left, right, condition: nil)) }
            return .join(kind, left, right, condition: condition)
        case .setOperation(let op, let distinct, let left, let right, let outputs):
            return .setOperation(op, distinct: distinct, apply(left), apply(right), outputs: outputs)
        case .enforceSingleRow(let input): return .enforceSingleRow(apply(input))
        }
    }

    /// `conjuncts` filtering `plan` (already optimised), pushed as far down as they go.
    static func push(_ conjuncts: [BoundExpression], into plan: LogicalPlan) -> LogicalPlan {
        if conjuncts.isEmpty { return plan }
        switch plan {
        case .scan(var node):
            // Subquery results are known before the scan starts, so terms that read them can run on the workers too.
            node.predicate = .conjunction((node.predicate?.conjuncts ?? []) + conjuncts)
            return .scan(node)
        case .filter(let input, let predicate):
            return push(predicate.conjuncts + conjuncts, into: input)
        case .join(let kind, let left, let right, let condition) where kind == .cross || kind == .inner:
            let leftIDs = Set(left.outputs.map(\.id)), rightIDs = Set(right.outputs.map(\.id))
            var toLeft: [BoundExpression] = [], toRight: [BoundExpression] = [], across: [BoundExpression] = []
            for term in conjuncts + (condition?.conjuncts ?? []) {
                let ids = term.columnIDs
                if ids.isEmpty {
                    across.append(term)
                } else if ids.isSubset(of: leftIDs) {
                    toLeft.append(term)
                } else if ids.isSubset(of: rightIDs) {
                    toRight.append(term)
                } else {
                    across.append(term)
                }
            }
            let newLeft = push(toLeft, into: left)
            let newRight = push(toRight, into: right)
            if across.isEmpty { return .join(kind, newLeft, newRight, condition: nil) }
            return .join(.inner, newLeft, newRight, condition: .conjunction(across))
        case .project(let input, let items):
            // Through a projection (a subquery or CTE): the conjunct is rewritten over the projection's input.
            var definitions: [ColumnID: BoundExpression] = [:]
            for item in items { definitions[item.output.id] = item.expression }
            let rewritten = conjuncts.map { term in
                term.rewritten { node in
                    if case .column(let id, _) = node { return definitions[id] }
                    return nil
                }
            }
            return .project(push(rewritten, into: input), items)
        case .distinct(let input):
            return .distinct(push(conjuncts, into: input))
        case .aggregate(let input, let keys, let aggregates):
            // HAVING terms on grouping keys only filter input rows (a group is kept or dropped whole).
            var definitions: [ColumnID: BoundExpression] = [:]
            for key in keys { definitions[key.output.id] = key.expression }
            var below: [BoundExpression] = [], above: [BoundExpression] = []
            for term in conjuncts {
                if !term.columnIDs.isEmpty, term.columnIDs.allSatisfy({ definitions[$0] != nil }) {
                    below.append(term.rewritten { node in
                        if case .column(let id, _) = node { return definitions[id] }
                        return nil
                    })
                } else {
                    above.append(term)
                }
            }
            let aggregate = LogicalPlan.aggregate(push(below, into: input), keys: keys, aggregates: aggregates)
            guard let predicate = BoundExpression.conjunction(above) else { return aggregate }
            return .filter(aggregate, predicate: predicate)
        default:
            guard let predicate = BoundExpression.conjunction(conjuncts) else { return plan }
            return .filter(plan, predicate: predicate)
        }
    }
}
