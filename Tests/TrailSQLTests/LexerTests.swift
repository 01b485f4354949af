import Testing
import TrailBase

@testable import TrailSQL

/// The tokens of `sql` as short strings: `kw:select`, `id:EventName`, `qid:a"b`, `str:it's`, `int:42`, `sym:(`,
/// `err:E_LEX_…`, and their spans.
private func lex(_ sql: String) -> [String] {
    lexWithSpans(sql).map(\.0)
}

private func lexWithSpans(_ sql: String) -> [(String, SourceSpan)] {
    var lexer = Lexer(sql)
    var result: [(String, SourceSpan)] = []
    while true {
        let token = lexer.next()
        let text: String
        switch token.kind {
        case .word(let word, let keyword?): text = "kw:\(keyword.rawValue):\(word)"
        case .word(let word, nil): text = "id:\(word)"
        case .quotedIdentifier(let name): text = "qid:\(name)"
        case .string(let value): text = "str:\(value)"
        case .unicodeString(let value): text = "ustr:\(value)"
        case .binaryString(let value): text = "bin:\(value)"
        case .number(let value, .integer): text = "int:\(value)"
        case .number(let value, .decimal): text = "dec:\(value)"
        case .number(let value, .double): text = "dbl:\(value)"
        case .eventDataStore(let id): text = "eds:\(id)"
        case .symbol(let symbol): text = "sym:\(symbol.rawValue)"
        case .error(let failure): text = "err:\(failure.error.kind)"
        case .end: return result
        }
        result.append((text, token.span))
        if case .error = token.kind, result.count > 100 { return result }
    }
}

@Suite("Lexer")
struct LexerTests {
    @Test("keywords match in any case and keep their spelling")
    func keywordsAreCaseInsensitive() {
        #expect(
            lex("select SELECT SeLeCt from Where") == [
                "kw:select:select", "kw:select:SELECT", "kw:select:SeLeCt", "kw:from:from", "kw:where:Where",
            ])
        #expect(
            lex("current_timestamp TRY_CAST Match_Recognize") == [
                "kw:current_timestamp:current_timestamp", "kw:try_cast:TRY_CAST", "kw:match_recognize:Match_Recognize",
            ])
    }

    @Test("identifiers keep their case; non-reserved keywords are still recognised")
    func identifiers() {
        #expect(lex("EventName useridentity _x a1_b2") == ["id:EventName", "id:useridentity", "id:_x", "id:a1_b2"])
        #expect(lex("date Year") == ["kw:date:date", "kw:year:Year"])
        #expect(Keyword.date.isReserved == false)
        #expect(Keyword.from.isReserved)
        #expect(Keyword.limit.isReserved == false)
    }

    @Test("quoted identifiers keep their text, with \"\" for a quote")
    func quotedIdentifiers() {
        #expect(
            lex(#""EventName" "a""b" "$path" "with space" "select""#) == [
                "qid:EventName", #"qid:a"b"#, "qid:$path", "qid:with space", "qid:select",
            ])
        #expect(lex(#""""""#) == [#"qid:""#])
        #expect(lex(#""""#) == ["err:E_LEX_EMPTY_IDENTIFIER"])
        #expect(lex(#""abc"#) == ["err:E_LEX_UNTERMINATED_QUOTED_IDENTIFIER"])
    }

    @Test("strings undouble '' and keep case and white space")
    func strings() {
        #expect(lex("'it''s' '' '''' 'A b\tC'") == ["str:it's", "str:", "str:'", "str:A b\tC"])
        #expect(lex("'$.bucketName' '%dev-web01%'") == ["str:$.bucketName", "str:%dev-web01%"])
        #expect(lex("'two\nlines'") == ["str:two\nlines"])
        #expect(lex("'open") == ["err:E_LEX_UNTERMINATED_STRING"])
        #expect(lex("'a''") == ["err:E_LEX_UNTERMINATED_STRING"])
    }

    @Test("Unicode in strings and quoted identifiers, with byte-offset spans")
    func unicode() {
        let tokens = lexWithSpans("'日本語' \"名前\" '😀' 'e\u{301}' x")
        #expect(tokens.map(\.0) == ["str:日本語", "qid:名前", "str:😀", "str:e\u{301}", "id:x"])
        #expect(
            tokens.map(\.1) == [
                SourceSpan(0, 11), SourceSpan(12, 20), SourceSpan(21, 27), SourceSpan(28, 33), SourceSpan(34, 35),
            ])
        // A quote followed by a combining mark is still the closing quote.
        #expect(lex("'a'\u{301}") == ["str:a", "err:E_LEX_UNEXPECTED_CHARACTER"])
    }

    @Test("U&'…', X'…' and a word before a string")
    func prefixedStrings() {
        #expect(
            lex(#"U&'\0041' u&'x' X'CAFE' x'00' X 'a'"#) == [
                #"ustr:\0041"#, "ustr:x", "bin:CAFE", "bin:00", "id:X", "str:a",
            ])
        #expect(lex("X'CA") == ["err:E_LEX_UNTERMINATED_STRING"])
    }

    @Test("numbers: integers, decimals, doubles, radix prefixes, separators; a digit-led word is a name")
    func numbers() {
        #expect(lex("0 42 9223372036854775808 1_000") == ["int:0", "int:42", "int:9223372036854775808", "int:1_000"])
        #expect(lex("1.5 .5 1. 007.50 1_0.0_1") == ["dec:1.5", "dec:.5", "dec:1.", "dec:007.50", "dec:1_0.0_1"])
        #expect(lex("1e3 1E-3 2.5e+10 .5e1 1.e2") == ["dbl:1e3", "dbl:1E-3", "dbl:2.5e+10", "dbl:.5e1", "dbl:1.e2"])
        #expect(lex("0x1F 0XAB 0o17 0b101") == ["int:0x1F", "int:0XAB", "int:0o17", "int:0b101"])
        #expect(lex("1st 4e8f 123abc 1e") == ["id:1st", "id:4e8f", "id:123abc", "id:1e"])
        #expect(lex("1..2") == ["dec:1.", "dec:.2"])
        #expect(lex("a.b t.5") == ["id:a", "sym:.", "id:b", "id:t", "dec:.5"])
    }

    @Test("every operator and punctuation mark")
    func operators() {
        #expect(
            lex("( ) [ ] , . ; + - * / % || = == <> != < <= > >= -> => ? :") == [
                "sym:(", "sym:)", "sym:[", "sym:]", "sym:,", "sym:.", "sym:;", "sym:+", "sym:-", "sym:*", "sym:/",
                "sym:%", "sym:||", "sym:=", "sym:==", "sym:<>", "sym:!=", "sym:<", "sym:<=", "sym:>", "sym:>=",
                "sym:->",
                "sym:=>", "sym:?", "sym::",
            ])
        #expect(lex("a<=b||c") == ["id:a", "sym:<=", "id:b", "sym:||", "id:c"])
        #expect(lex("x->x+1") == ["id:x", "sym:->", "id:x", "sym:+", "int:1"])
        #expect(lex("a- -1") == ["id:a", "sym:-", "sym:-", "int:1"])
    }

    @Test("comments and white space (including full-width and no-break spaces) separate tokens")
    func comments() {
        #expect(lex("a -- to the end\nb") == ["id:a", "id:b"])
        #expect(lex("a--no space\nb") == ["id:a", "id:b"])
        #expect(lex("a /* one\n two */ b /**/ c") == ["id:a", "id:b", "id:c"])
        #expect(lex("a -- comment at the end") == ["id:a"])
        #expect(lex("a/*b*/c") == ["id:a", "id:c"])
        #expect(lex("a\u{3000}b\u{00A0}c\u{FEFF}d\u{2003}e") == ["id:a", "id:b", "id:c", "id:d", "id:e"])
        #expect(lex("a /* open") == ["id:a", "err:E_LEX_UNTERMINATED_COMMENT"])
        #expect(lex("'--not a comment' \"/*nor this*/\"") == ["str:--not a comment", "qid:/*nor this*/"])
    }

    @Test("characters that start no token are errors with a hint")
    func unexpectedCharacters() {
        #expect(lex("$ & | ! { # ` ’ ； 日") == Array(repeating: "err:E_LEX_UNEXPECTED_CHARACTER", count: 10))
        var lexer = Lexer("a ； b")
        _ = lexer.next()
        guard case .error(let failure) = lexer.next().kind else {
            Issue.record("no error")
            return
        }
        #expect(failure.error.help == "'；' is a full-width character; use the ASCII ';'")
        #expect(failure.error.span == SourceSpan(2, 5))
        #expect(lex("a ； b").last == "id:b")
    }

    @Test("an event data store id is read as one token only when asked, at FROM")
    func eventDataStoreIDs() {
        var lexer = Lexer("EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE WHERE")
        guard let id = lexer.eventDataStoreID(at: 0), case .eventDataStore(let text) = id.kind else {
            Issue.record("not an id")
            return
        }
        #expect(text == "EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE")
        #expect(lexer.next().keyword == .where)
        var placeholder = Lexer("$EDS_ID")
        #expect(placeholder.eventDataStoreID(at: 0)?.span == SourceSpan(0, 7))
        var plain = Lexer("cloudtrail_logs WHERE")
        #expect(plain.eventDataStoreID(at: 0) == nil)
        #expect(plain.offset == 0)
        var comment = Lexer("t--x")
        #expect(comment.eventDataStoreID(at: 0) == nil)
        #expect(lex("edd1c4a2-1234") == ["id:edd1c4a2", "sym:-", "int:1234"])
    }
}
