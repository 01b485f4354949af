import TrailBase
import TrailPlan
import TrailSource

/// The regions and days a query names outright, so a walk can go straight to their folders in CloudTrail's layout
/// (`…/CloudTrail/<region>/<yyyy>/<mm>/<dd>/`) instead of listing the levels above them, as Athena's partition
/// projection builds its prefixes instead of listing: on S3 a one-day, one-region query then costs one LIST per
/// account for the day, not one per level.
///
/// Only what the layout fixes is named: a `CloudTrail` (or `-Digest`, `-Insight`) folder holds region folders and a
/// region folder holds `yyyy/mm/dd` folders, nothing else; a named folder that does not exist is simply empty.
struct PinnedFolders {
    /// Sorted region names, from `region = '…'` / `region IN (…)` (nil: not pinned).
    var regions: [String]?
    /// The day folders (`yyyy/mm/dd`, in order) of the days named by `date`, by `year` + `month` + `day`, or by a
    /// closed eventtime range (already widened for late delivery); nil when none of these bounds them to at most
    /// `maximumDays`.
    var dayFolders: [String]?

    /// A longer range is walked: listing a year and its months costs less than naming every day, most of which may
    /// hold nothing.
    static let maximumDays = 62

    /// - Parameters:
    ///   - predicates: the partition filter's conjuncts, on the scan's column ids.
    ///   - names: each column id's path.
    ///   - dayRange: the eventtime range in days, widened by a day on each side.
    init(predicates: [BoundExpression], names: [ColumnID: [String]], dayRange: Range<Int>?) {
        var pinned: [String: Set<String>] = [:]
        for predicate in predicates {
            guard let (column, values) = Self.pinnedValues(predicate, names: names) else { continue }
            pinned[column] = pinned[column].map { $0.intersection(values) } ?? values
        }
        // A region is one folder name.
        regions = pinned["region"].map { $0.filter { !$0.isEmpty && !$0.contains("/") }.sorted() }

        var days: Set<Int>?
        func narrow(_ found: Set<Int>) { days = days.map { $0.intersection(found) } ?? found }
        if let dates = pinned["date"] {
            narrow(Set(dates.compactMap { Self.dayNumber($0) }))
        }
        if let years = pinned["year"], let months = pinned["month"], let daysOfMonth = pinned["day"] {
            var found = Set<Int>()
            for year in years {
                for month in months {
                    for day in daysOfMonth {
                        if let number = Self.dayNumber("\(year)/\(month)/\(day)") { found.insert(number) }
                    }
                }
            }
            narrow(found)
        }
        // Open bounds are huge: compared without computing the range's size, which could overflow.
        if let dayRange, dayRange.upperBound <= dayRange.lowerBound + Self.maximumDays {
            narrow(Set(dayRange))
        }
        guard let days, days.count <= Self.maximumDays else { return }
        dayFolders = days.sorted().map { number in
            let date = CivilDate(dayNumber: number)
            return Self.padded(date.year, 4) + "/" + Self.padded(date.month, 2) + "/" + Self.padded(date.day, 2)
        }
    }

    /// The sub-folders to visit instead of listing `folder`, as paths relative to it; nil: list it.
    func subfolders(of folder: CloudTrailLocation.FolderPart) -> [String]? {
        guard folder.hasKind else { return nil }
        let location = folder.location
        if location.region == nil { return regions }
        return location.year == nil ? dayFolders : nil
    }

    /// `column = 'text'`, `column IN ('a', 'b')` or an OR of those on one partition column: the column and the
    /// values it may take.
    static func pinnedValues(_ predicate: BoundExpression, names: [ColumnID: [String]]) -> (String, Set<String>)? {
        if let (column, texts) = predicate.equalityTexts {
            guard let path = names[column], path.count == 1, PartitionPruner.folderColumns.contains(path[0]) else { return nil }
            return (path[0], Set(texts.map { String(decoding: $0, as: UTF8.self) }))
        }
        guard case .or(let terms) = predicate else { return nil }
        var name: String?
        var values = Set<String>()
        for term in terms {
            guard let (termName, termValues) = pinnedValues(term, names: names), name == nil || name == termName else {
                return nil
            }
            name = termName
            values.formUnion(termValues)
        }
        return name.map { ($0, values) }
    }

    /// `yyyy/mm/dd` (the folders' form) as a day number; nil for anything a day folder cannot be named.
    static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 &- 0x30 < 10 } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        // 2024/02/30 names no folder CloudTrail writes.
        guard CivilDate(dayNumber: date.dayNumber) == date else { return nil }
        return date.dayNumber
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
