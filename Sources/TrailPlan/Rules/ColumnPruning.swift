import TrailColumnar

/// Drops the columns no operator above reads: unused projection items and scan columns. The root's outputs (and a
/// subquery's) are always kept, in order; DISTINCT and set operations need all their input columns.
enum ColumnPruning {
    static func prune(_ plan: LogicalPlan, required: Set<ColumnID>) -> LogicalPlan {
        switch plan {
        case .scan(var node):
            let needed = required.union(node.predicate?.columnIDs ?? [])
            node.columns = node.columns.filter { needed.contains($0.id) }
            return .scan(node)
        case .values:
            return plan
        case .filter(let input, let predicate):
            return .filter(prune(input, required: required.union(predicate.columnIDs)), predicate: predicate)
        case .project(let input, let items):
            let kept = items.filter { required.contains($0.output.id) }
            let needed = kept.reduce(into: Set<ColumnID>()) { $0.formUnion($1.expression.columnIDs) }
            return .project(prune(input, required: needed), kept)
        case .aggregate(let input, let keys, let aggregates):
            var needed = Set<ColumnID>()
            for key in keys { needed.formUnion(key.expression.columnIDs) }
            for aggregate in aggregates {
                for argument in aggregate.call.arguments { needed.formUnion(argument.columnIDs) }
                if let filter = aggregate.call.filter { needed.formUnion(filter.columnIDs) }
            }
            return .aggregate(prune(input, required: needed), keys: keys, aggregates: aggregates)
        case .window(let input, let functions):
            var needed = required.subtracting(functions.map(\.output.id))
            for function in functions {
                let call = function.call
                for expression in call.arguments + call.partitionBy + call.orderBy.map(\.expression) {
                    needed.formUnion(expression.columnIDs)
                }
            }
            return .window(prune(input, required: needed), functions: functions)
        case .sort(let input, let keys, let limit):
            let needed = keys.reduce(into: required) { $0.formUnion($1.expression.columnIDs) }
            return .sort(prune(input, required: needed), keys: keys, limit: limit)
        case .limit(let input, let offset, let count):
            return .limit(prune(input, required: required), offset: offset, count: count)
        case .distinct(let input):
            return .distinct(prune(input, required: Set(input.outputs.map(\.id))))
        case .unnest(let input, let arrays, let outputs, let ordinality):
            var needed = required.subtracting(outputs.map(\.id))
            if let ordinality { needed.remove(ordinality.id) }
            for array in arrays { needed.formUnion(array.columnIDs) }
            return .unnest(prune(input, required: needed), arrays: arrays, outputs: outputs, ordinality: ordinality)
        case .join(let kind, let left, let right, let condition):
            let needed = required.union(condition?.columnIDs ?? [])
            let leftIDs = Set(left.outputs.map(\.id)), rightIDs = Set(right.outputs.map(\.id))
            return .join(kind, prune(left, required: needed.intersection(leftIDs)),
                         prune(right, required: needed.intersection(rightIDs)), condition: condition)
        case .setOperation(let op, let distinct, let left, let right, let outputs):
            return .setOperation(op, distinct: distinct, prune(left, required: Set(left.outputs.map(\.id))),
                                 prune(right, required: Set(right.outputs.map(\.id))), outputs: outputs)
        case .enforceSingleRow(let input):
            return .enforceSingleRow(prune(input, required: Set(input.outputs.map(\.id))))
        }
    }
}
