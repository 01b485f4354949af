/// The words the parser gives a meaning to. Matching is case-insensitive.
///
/// Reserved keywords (Trino's list, https://trino.io/docs/current/language/reserved.html) can be a name only when
/// double-quoted; every other keyword is also an ordinary name (`date`, `year`, `type`, `count`, `limit` …), as in
/// Trino, and the parser tells the two uses apart by what follows.
enum Keyword: String, CaseIterable, Sendable {
    // Reserved in Trino.
    case alter, and, `as`, between, by, `case`, cast, constraint, create, cross, cube
    case currentCatalog = "current_catalog", currentDate = "current_date", currentPath = "current_path"
    case currentRole = "current_role", currentSchema = "current_schema", currentTime = "current_time"
    case currentTimestamp = "current_timestamp", currentUser = "current_user"
    case deallocate, delete, describe, distinct, drop, `else`, end, escape, except, execute, exists, extract
    case `false`, `for`, from, full, group, grouping, having, `in`, inner, insert, intersect, into, `is`, join
    case jsonArray = "json_array", jsonExists = "json_exists", jsonObject = "json_object", jsonQuery = "json_query"
    case jsonTable = "json_table", jsonValue = "json_value"
    case left, like, listagg, localtime, localtimestamp, natural, normalize, not, null, on, or, order, outer
    case prepare, recursive, right, rollup, select, skip, table, then, trim, `true`, uescape, union, unnest, using
    case values, when, `where`, with

    // Not reserved: names too.
    case all, analyze, any, array, asc, at, both, columns, current, date, day, desc, distributed, double, explain
    case fetch, filter, first, following, format, graphviz, groups, hour, ignore, interval, io, json, last, lateral
    case leading, limit, logical, map, matchRecognize = "match_recognize", minute, month, next, nulls, offset, only
    case ordinality, over, partition, position, preceding, precision, range, respect, row, rows, second, sets, show
    case some, substring, tablesample, text, ties, time, timestamp, to, trailing, tryCast = "try_cast", type
    case unbounded, validate, verbose, window, without, year, zone

    /// Words that must be quoted to be used as names.
    var isReserved: Bool { Self.reserved.contains(self) }

    /// The keyword as the printer and messages show it (upper case).
    var text: String { rawValue.uppercased() }

    private static let reserved: Set<Keyword> = [
        .alter, .and, .as, .between, .by, .case, .cast, .constraint, .create, .cross, .cube, .currentCatalog,
        .currentDate, .currentPath, .currentRole, .currentSchema, .currentTime, .currentTimestamp, .currentUser,
        .deallocate, .delete, .describe, .distinct, .drop, .else, .end, .escape, .except, .execute, .exists, .extract,
        .false, .for, .from, .full, .group, .grouping, .having, .in, .inner, .insert, .intersect, .into, .is, .join,
        .jsonArray, .jsonExists, .jsonObject, .jsonQuery, .jsonTable, .jsonValue, .left, .like, .listagg, .localtime,
        .localtimestamp, .natural, .normalize, .not, .null, .on, .or, .order, .outer, .prepare, .recursive, .right,
        .rollup, .select, .skip, .table, .then, .trim, .true, .uescape, .union, .unnest, .using, .values, .when,
        .where, .with,
    ]

    private static let byText: [String: Keyword] = {
        var table: [String: Keyword] = [:]
        for keyword in Keyword.allCases { table[keyword.rawValue] = keyword }
        return table
    }()

    /// The length of the longest keyword: longer words are names.
    static let longest = Keyword.allCases.map(\.rawValue.utf8.count).max() ?? 0

    /// The keyword spelled by `lowercased` (ASCII lower case), if any.
    static func lookup(_ lowercased: String) -> Keyword? { byText[lowercased] }

    /// Whether `lowercased` is a reserved word (the printer quotes such names).
    static func isReservedWord(_ lowercased: String) -> Bool { lookup(lowercased)?.isReserved ?? false }
}
