/// What the planner learned from WHERE about which files can hold matching events, decided from each file's path
/// before any byte of it is read.
///
/// - `predicates`: WHERE conjuncts that read only partition columns (region, year, month, day, accountid, date,
///   `$path`). They are evaluated exactly, on the file's partition values: a file whose values make one of them
///   false or NULL holds no row that passes WHERE.
/// - `eventTimeFrom`/`eventTimeTo`: lower and upper bounds on eventtime (each a constant expression — text, timestamp
///   or date — evaluated
///   when the query starts). A file is read when its folder date lies within the bounds' days widened by one day
///   on each side (CloudTrail files are dated by delivery, which may fall on the next day). Files without a date in
///   their path are always read.
public struct PartitionFilter: Hashable, Sendable {
    public var predicates: [BoundExpression]
    /// Every lower bound found (the latest wins when the query runs).
    public var eventTimeFrom: [BoundExpression]
    /// Every upper bound found (the earliest wins).
    public var eventTimeTo: [BoundExpression]

    public init(predicates: [BoundExpression] = [], eventTimeFrom: [BoundExpression] = [],
                eventTimeTo: [BoundExpression] = []) {
        self.predicates = predicates
        self.eventTimeFrom = eventTimeFrom
        self.eventTimeTo = eventTimeTo
    }

    public var isEmpty: Bool { predicates.isEmpty && eventTimeFrom.isEmpty && eventTimeTo.isEmpty }
}
