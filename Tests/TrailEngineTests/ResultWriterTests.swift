import Testing
import TrailColumnar
@testable import TrailEngine

/// The result formats escape what they must: CSV doubles quotes, the table flattens newlines, Markdown escapes
/// pipes; text that is not valid UTF-8 prints with replacement characters, as everywhere else.
@Suite("result formats")
struct ResultWriterTests {
    static let names = ["text", "n", "list"]
    static let types: [LogicalType] = [.varchar, .bigint, .array(.bigint)]

    /// Rows of (text, number, list); nil is NULL.
    static func batch(_ rows: [(Value, Value, Value)]) -> Batch {
        let builders = types.map { ColumnBuilder(type: $0) }
        for (text, number, list) in rows {
            builders[0].append(text)
            builders[1].append(number)
            builders[2].append(list)
        }
        return Batch(schema: zip(names, types).map { Field($0, $1) }, columns: builders.map { $0.finish() }, count: rows.count)
    }

    static func render(_ format: ResultFormat, _ batches: [Batch]) throws -> String {
        var out = ""
        let writer = ResultWriter(format: format, names: names, types: types) { out += $0 }
        for batch in batches { _ = try writer.push(batch) }
        try writer.finish()
        return out
    }

    static let rows: [(Value, Value, Value)] = [
        (.bytes(Array(#"{"instanceId":"i-0abc","note":"say ""hi"""}"#.utf8)), .int(1), .array([.int(1), .int(2)])),
        (.bytes(Array("ログ, é".utf8)), .int(-20), .null),
        (.bytes([0x61, 0xFF, 0x62]), .null, .array([])),
        (.null, .int(0), .array([.null])),
        (.bytes(Array("two\nlines|and a pipe".utf8)), .int(3), .null),
        (.bytes([]), .int(4), .null),
    ]

    @Test("CSV quotes every non-null field and doubles its quotes; NULL is an empty field")
    func csv() throws {
        let expected = #"""
            "text","n","list"
            "{""instanceId"":""i-0abc"",""note"":""say """"hi""""""}","1","[1, 2]"
            "ログ, é","-20",
            "a\#u{FFFD}b",,"[]"
            ,"0","[null]"
            "two
            lines|and a pipe","3",
            "","4",

            """#
        #expect(try Self.render(.csv, [Self.batch(Self.rows)]) == expected)
        // Batch boundaries do not show.
        #expect(try Self.render(.csv, [Self.batch(Array(Self.rows.prefix(2))), Self.batch([]), Self.batch(Array(Self.rows.dropFirst(2)))]) == expected)
    }

    @Test("the table flattens newlines and Markdown escapes pipes")
    func aligned() throws {
        let table = try Self.render(.table, [Self.batch(Array(Self.rows.suffix(2)))])
        #expect(table.contains(" two lines|and a pipe |"))
        #expect(table.hasSuffix("(2 rows)\n"))
        let markdown = try Self.render(.markdown, [Self.batch(Array(Self.rows.suffix(2)))])
        #expect(markdown.contains("| two lines\\|and a pipe | 3 | NULL |"))
    }

    @Test("TSV escapes tabs, newlines and backslashes")
    func tsv() throws {
        let output = try Self.render(.tsv, [Self.batch([(.bytes(Array("a\tb\\c\nd".utf8)), .int(1), .null)])])
        #expect(output == "text\tn\tlist\na\\tb\\\\c\\nd\t1\t\n")
    }
}
