import TrailColumnar

/// The rewrite rules, applied in order: predicates pushed down (through projections, DISTINCT and grouping keys,
/// into scans and join sides, equalities into join conditions), `json_extract_scalar` of a scan's JSON text turned
/// into a column the scan decodes, columns nobody reads dropped (so a scan under `SELECT *` in a subquery decodes
/// only what the outer query uses), then partition and time pruning derived from each scan's predicate.
public enum Optimizer {
    public static func optimize(_ plan: QueryPlan) -> QueryPlan {
        var plan = plan
        var nextID = JSONPathPushdown.firstFreeID(plan)
        plan.root = optimize(plan.root, nextID: &nextID)
        for index in plan.subqueries.indices {
            plan.subqueries[index] = optimize(plan.subqueries[index], nextID: &nextID)
        }
        return plan
    }

    static func optimize(_ plan: LogicalPlan, nextID: inout ColumnID) -> LogicalPlan {
        let pushed = PredicatePushdown.apply(plan)
        let extracted = JSONPathPushdown.apply(pushed, nextID: &nextID)
        let pruned = ColumnPruning.prune(extracted, required: Set(extracted.outputs.map(\.id)))
        return pruned.rewritingScans(PartitionPruning.apply)
    }
}

extension BoundExpression {
    /// The terms of a conjunction (the expression itself otherwise).
    public var conjuncts: [BoundExpression] {
        if case .and(let terms) = self { return terms.flatMap(\.conjuncts) }
        return [self]
    }

    public static func conjunction(_ terms: [BoundExpression]) -> BoundExpression? {
        terms.isEmpty ? nil : terms.count == 1 ? terms[0] : .and(terms)
    }
}
