import TrailBase
import TrailColumnar
import TrailPlan

/// The per-group state of one aggregate call, in flat arrays indexed by group number. `update` takes a whole batch
/// (group number per row + the argument columns), so there is one call per batch, loops inside.
final class Accumulator {
    let call: AggregateCall
    let argumentType: LogicalType
    var counts: [Int64] = []
    var ints: [Int64] = []
    var doubles: [Double] = []
    var has: [Bool] = []
    var values: [Value] = []
    var orderValues: [Value] = []
    var lists: [[Value]] = []
    /// DISTINCT aggregates and approx_distinct: every (group, value) seen, keyed by the group's number then the
    /// value's key bytes, and how many distinct values each group has.
    ///
    // PERF: one arena-backed table for all groups, not a `Set<[UInt8]>` per group (an array allocated per new
    // value, SipHash over every byte): two count(DISTINCT …) over 1 M cached events 0.87 → 0.53 s warm.
    var seen = ByteKeyTable()
    var distinctCounts: [Int64] = []
    private var argumentKeys = RowKeys()
    private var key: [UInt8] = []

    init(_ call: AggregateCall) {
        self.call = call
        argumentType = call.arguments.first?.type ?? .unknown
    }

    func addGroup() {
        counts.append(0)
        ints.append(0)
        doubles.append(0)
        has.append(false)
        values.append(.null)
        orderValues.append(.null)
        if call.function == .arrayAgg { lists.append([]) }
        if call.isDistinct || call.function == .approxDistinct { distinctCounts.append(0) }
    }

    func update(groups: [Int32], arguments: [Column], filter: Column?) throws(QueryError) {
        let function = call.function
        // PERF: count(*) without FILTER, the commonest aggregate, is one increment per row into a borrowed buffer
        // (the loop below checks exclusivity and the function on every row): update and its exclusivity checks
        // went from 1.1% to 0.15% of the samples of a warm GROUP BY eventname over 1 M cached rows.
        if function == .countStar, filter == nil, !call.isDistinct {
            counts.withUnsafeMutableBufferPointer { counts in
                for group in groups { counts[Int(group)] &+= 1 }
            }
            return
        }
        let distinct = call.isDistinct || function == .approxDistinct
        if distinct, let argument = arguments.first {
            argumentKeys.encode([argument], [argumentType], count: groups.count)
        }
        for row in 0..<groups.count {
            if let filter, case .boolean(let mask) = filter, !(mask.validity[row] && mask.values[row]) { continue }
            let group = Int(groups[row])
            if distinct {
                // NULLs are ignored by DISTINCT aggregates, except array_agg, which keeps one NULL (Trino).
                guard let argument = arguments.first, !argument.isNull(row) || function == .arrayAgg else { continue }
                key.removeAll(keepingCapacity: true)
                withUnsafeBytes(of: Int32(group).littleEndian) { key.append(contentsOf: $0) }
                argumentKeys.append(row, to: &key)
                if !seen.id(of: key).inserted { continue }
                distinctCounts[group] += 1
                if function == .approxDistinct { continue }
            }
            switch function {
            case .countStar:
                counts[group] += 1
            case .count:
                if !arguments[0].isNull(row) { counts[group] += 1 }
            case .countIf:
                if case .boolean(let c) = arguments[0], c.validity[row], c.values[row] { counts[group] += 1 }
            case .sum, .avg:
                switch arguments[0] {
                case .int64(let c):
                    guard c.validity[row] else { continue }
                    if function == .avg && argumentType == .bigint {
                        doubles[group] += Double(c.values[row])
                    } else {
                        let (sum, overflow) = ints[group].addingReportingOverflow(c.values[row])
                        if overflow { throw QueryError(.numericOverflow, "bigint addition overflow in \(function.rawValue)()", at: nil) }
                        ints[group] = sum
                    }
                    counts[group] += 1
                    has[group] = true
                case .double(let c):
                    guard c.validity[row] else { continue }
                    doubles[group] += c.values[row]
                    counts[group] += 1
                    has[group] = true
                default:
                    continue
                }
            case .min, .max:
                let value = arguments[0].value(at: row)
                if value.isNull { continue }
                if !has[group] {
                    values[group] = value
                    has[group] = true
                } else {
                    let order = ValueOrder.compare(value, values[group], argumentType)
                    if function == .min ? order < 0 : order > 0 { values[group] = value }
                }
            case .minBy, .maxBy:
                let order = arguments[1].value(at: row)
                if order.isNull { continue }
                if !has[group] || {
                    let c = ValueOrder.compare(order, orderValues[group], call.arguments[1].type)
                    return function == .minBy ? c < 0 : c > 0
                }() {
                    orderValues[group] = order
                    values[group] = arguments[0].value(at: row)
                    has[group] = true
                }
            case .arbitrary:
                if has[group] { continue }
                let value = arguments[0].value(at: row)
                if value.isNull { continue }
                values[group] = value
                has[group] = true
            case .arrayAgg:
                lists[group].append(arguments[0].value(at: row))
                has[group] = true
            case .boolAnd, .boolOr:
                guard case .boolean(let c) = arguments[0], c.validity[row] else { continue }
                if !has[group] {
                    values[group] = .boolean(c.values[row])
                    has[group] = true
                } else if function == .boolAnd ? !c.values[row] : c.values[row] {
                    values[group] = .boolean(c.values[row])
                }
            case .approxDistinct:
                break
            }
        }
    }

    /// One value per group.
    func result() -> Column {
        let builder = ColumnBuilder(type: call.type)
        for group in 0..<counts.count {
            switch call.function {
            case .countStar, .count, .countIf:
                builder.append(.int(counts[group]))
            case .approxDistinct:
                builder.append(.int(distinctCounts[group]))
            case .sum:
                if !has[group] { builder.appendNull() } else if call.type == .double {
                    builder.append(.double(doubles[group]))
                } else {
                    builder.append(.int(ints[group]))
                }
            case .avg:
                if !has[group] {
                    builder.appendNull()
                } else if call.type == .double {
                    let sum = argumentType == .double || argumentType == .bigint ? doubles[group] : Double(ints[group])
                    builder.append(.double(sum / Double(counts[group])))
                } else {
                    builder.append(.int(ints[group] / counts[group]))
                }
            case .arrayAgg:
                if has[group] { builder.append(.array(lists[group])) } else { builder.appendNull() }
            default:
                builder.append(has[group] ? values[group] : .null)
            }
        }
        return builder.finish()
    }
}
