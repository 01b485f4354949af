import TrailColumnar

/// Derives a scan's `PartitionFilter` from its predicate: the conjuncts that read only partition columns (exact,
/// evaluated per file on its path's values), and bounds on eventtime from comparisons with constants — text
/// (`eventtime >= '2024-01-01T00:00:00Z'`, BETWEEN) or timestamps (`from_iso8601_timestamp(eventtime) > now() -
/// interval '1' day`; CloudTrail Lake's timestamp eventTime).
enum PartitionPruning {
    static func apply(_ node: ScanNode) -> ScanNode {
        guard let predicate = node.predicate else { return node }
        var node = node
        let partitionIDs = Set(node.columns.filter { $0.path.count == 1 && TableKind.partitionColumnNames.contains($0.path[0]) }
            .map(\.id))
        let eventTimeIDs = Set(node.columns.filter { $0.path == ["eventtime"] }.map(\.id))
        var filter = PartitionFilter()
        for term in predicate.conjuncts {
            let ids = term.columnIDs
            if !ids.isEmpty, ids.isSubset(of: partitionIDs), term.isPartitionEvaluable {
                filter.predicates.append(term)
                continue
            }
            if let (isLower, bound) = eventTimeBound(term, eventTimeIDs) {
                if isLower { filter.eventTimeFrom.append(bound) } else { filter.eventTimeTo.append(bound) }
            }
        }
        node.partitionFilter = filter
        return node
    }

    /// `(isLowerBound, constant)` when `term` bounds eventtime by a constant.
    static func eventTimeBound(_ term: BoundExpression, _ eventTimeIDs: Set<ColumnID>) -> (Bool, BoundExpression)? {
        guard case .call(let function, let operands, _) = term, operands.count == 2 else { return nil }
        var op = function
        var (subject, bound) = (operands[0], operands[1])
        if !isEventTime(subject, eventTimeIDs) {
            guard isEventTime(bound, eventTimeIDs) else { return nil }
            swap(&subject, &bound)
            switch op {
            case .less: op = .greater
            case .lessOrEqual: op = .greaterOrEqual
            case .greater: op = .less
            case .greaterOrEqual: op = .lessOrEqual
            default: break
            }
        }
        guard bound.columnIDs.isEmpty, bound.isPartitionEvaluable else { return nil }
        switch op {
        case .greater, .greaterOrEqual: return (true, bound)
        case .less, .lessOrEqual: return (false, bound)
        case .equal: return nil
        default: return nil
        }
    }

    /// eventtime itself, or from_iso8601_timestamp / a cast of it.
    static func isEventTime(_ expression: BoundExpression, _ ids: Set<ColumnID>) -> Bool {
        switch expression {
        case .column(let id, _): return ids.contains(id)
        case .call(.fromISO8601Timestamp, let operands, _): return isEventTime(operands[0], ids)
        case .cast(let operand, let type, _) where type.isDateTime: return isEventTime(operand, ids)
        default: return false
        }
    }
}

extension BoundExpression {
    /// Evaluable from the path alone (no subqueries).
    var isPartitionEvaluable: Bool {
        switch self {
        case .scalarSubquery, .inSubquery, .exists: return false
        default: return children.allSatisfy(\.isPartitionEvaluable)
        }
    }
}
