/// A parsed sqllogictest file (STYLE.md §3.5): `load`, `query`, `statement ok|error`, `pruning` records.
struct SLTFile {
    enum SortMode: String { case nosort, rowsort, valuesort }

    enum Record {
        /// `load cloudtrail <dir>`: the sources of the queries that follow.
        case load(path: String, line: Int)
        /// `query <types> [sort]`: the SQL, then the expected rows after `----`.
        case query(types: String, sort: SortMode, sql: String, expected: [String], line: Int, expectedLine: Int)
        /// `statement ok`: runs without error.
        case statementOK(sql: String, line: Int)
        /// `statement error <CODE>`: fails with that code (and message, if given after `----`).
        case statementError(code: String, sql: String, message: String?, line: Int)
        /// `pruning <files read> <files pruned>`: the query reads and prunes that many files.
        case pruning(read: Int, pruned: Int, sql: String, line: Int)
    }

    var records: [Record] = []

    init(text: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        func block() -> (sql: String, expected: [String]?, expectedLine: Int) {
            var sql: [String] = []
            while index < lines.count, !lines[index].isEmpty, lines[index] != "----" {
                sql.append(lines[index])
                index += 1
            }
            guard index < lines.count, lines[index] == "----" else { return (sql.joined(separator: "\n"), nil, index) }
            index += 1
            let expectedLine = index
            var expected: [String] = []
            while index < lines.count, !lines[index].isEmpty {
                expected.append(lines[index])
                index += 1
            }
            return (sql.joined(separator: "\n"), expected, expectedLine)
        }
        while index < lines.count {
            let line = lines[index].trimmingTrailingSpaces
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") {
                index += 1
                continue
            }
            let words = line.split(separator: " ").map(String.init)
            index += 1
            switch words[0] {
            case "load":
                guard words.count == 3, words[1] == "cloudtrail" else { throw SLTError("line \(number): load cloudtrail <dir>") }
                records.append(.load(path: words[2], line: number))
            case "query":
                guard words.count >= 2 else { throw SLTError("line \(number): query <types> [sort]") }
                let sort = words.count > 2 ? SortMode(rawValue: words[2]) : .nosort
                guard let sort else { throw SLTError("line \(number): unknown sort mode \(words[2])") }
                let (sql, expected, expectedLine) = block()
                records.append(.query(types: words[1], sort: sort, sql: sql, expected: expected ?? [], line: number,
                                      expectedLine: expectedLine))
            case "statement":
                let (sql, expected, _) = block()
                if words.count >= 2 && words[1] == "ok" {
                    records.append(.statementOK(sql: sql, line: number))
                } else if words.count >= 3 && words[1] == "error" {
                    records.append(.statementError(code: words[2], sql: sql, message: expected?.joined(separator: "\n"),
                                                   line: number))
                } else {
                    throw SLTError("line \(number): statement ok | statement error <CODE>")
                }
            case "pruning":
                guard words.count == 3, let read = Int(words[1]), let pruned = Int(words[2]) else {
                    throw SLTError("line \(number): pruning <files read> <files pruned>")
                }
                let (sql, _, _) = block()
                records.append(.pruning(read: read, pruned: pruned, sql: sql, line: number))
            default:
                throw SLTError("line \(number): unknown record \(words[0])")
            }
        }
    }
}

struct SLTError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
        return String(text)
    }
}
