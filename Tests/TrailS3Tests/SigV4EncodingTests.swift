import Testing
@testable import TrailS3

/// UriEncode, the canonical URI and query, canonical headers and the x-amz-date format, piece by piece.
@Suite struct SigV4EncodingTests {
    @Test func uriEncodeKeepsOnlyUnreservedCharacters() {
        #expect(URIEncoding.encode("") == "")
        #expect(URIEncoding.encode("AZaz09-_.~") == "AZaz09-_.~")
        #expect(URIEncoding.encode("a b") == "a%20b")
        #expect(URIEncoding.encode("*") == "%2A")
        #expect(URIEncoding.encode("+") == "%2B")
        #expect(URIEncoding.encode("!'()$&=,;:@%") == "%21%27%28%29%24%26%3D%2C%3B%3A%40%25")
    }

    @Test func uriEncodeSlashOnlyWhenAsked() {
        #expect(URIEncoding.encode("AWSLogs/123/CloudTrail/") == "AWSLogs%2F123%2FCloudTrail%2F")
        #expect(URIEncoding.encode("AWSLogs/123/CloudTrail/", encodesSlash: false) == "AWSLogs/123/CloudTrail/")
        #expect(URIEncoding.encode("a b/c", encodesSlash: false) == "a%20b/c")
    }

    @Test func uriEncodeWritesEachUTF8ByteInUppercaseHex() {
        #expect(URIEncoding.encode("ሴ") == "%E1%88%B4")
        #expect(URIEncoding.encode("é") == "%C3%A9")
        #expect(URIEncoding.encode("😀") == "%F0%9F%98%80")
        #expect(URIEncoding.encode("\u{7F}\n") == "%7F%0A")
    }

    @Test func percentDecodingLeavesBrokenEscapesAlone() {
        #expect(URIEncoding.decode("a%20b%2fc".utf8) == Array("a b/c".utf8))
        #expect(URIEncoding.decode("100%".utf8) == Array("100%".utf8))
        #expect(URIEncoding.decode("%zz%4".utf8) == Array("%zz%4".utf8))
        #expect(URIEncoding.decode("a+b".utf8) == Array("a+b".utf8))
    }

    @Test func canonicalQueryReencodesSortsAndFillsEmptyValues() {
        #expect(CanonicalRequest.canonicalQuery("") == "")
        #expect(CanonicalRequest.canonicalQuery("lifecycle") == "lifecycle=")
        #expect(CanonicalRequest.canonicalQuery("a%20b=c%2a") == CanonicalRequest.canonicalQuery("a b=c*"))
        #expect(CanonicalRequest.canonicalQuery("a b=c*") == "a%20b=c%2A")
        #expect(CanonicalRequest.canonicalQuery("prefix=AWSLogs%2F1%2F&list-type=2&&delimiter=/")
            == "delimiter=%2F&list-type=2&prefix=AWSLogs%2F1%2F")
        #expect(CanonicalRequest.canonicalQuery("b=2&a=2&a=1&B=0") == "B=0&a=1&a=2&b=2")
        #expect(CanonicalRequest.canonicalQuery("x=a=b") == "x=a%3Db")
        #expect(CanonicalRequest.canonicalQuery("continuation-token=1%2B2%3D%3D") == "continuation-token=1%2B2%3D%3D")
    }

    @Test(arguments: [
        ("", "/"), ("/", "/"), ("//", "/"), ("/./", "/"), ("/a/..", "/"), ("/a/b/../..", "/"), ("/..", "/"),
        ("/./a", "/a"), ("//a//", "/a/"), ("/a/./b/", "/a/b/"), ("/a b/", "/a%20b/"), ("/a%20b", "/a%2520b"),
        ("/ሴ", "/%E1%88%B4"), ("/a/b/..", "/a"),
    ])
    func normalisedURIForServicesOtherThanS3(path: String, expected: String) {
        #expect(CanonicalRequest.normalizedURI(path[...]) == expected)
    }

    @Test func canonicalHeadersTrimCollapseMergeAndSort() {
        let headers = CanonicalRequest.canonicalHeaders(
            [
                HTTPHeader("X-B", "  two   words\t here  "), HTTPHeader("x-a", "1"), HTTPHeader("X-A", " 2"),
                HTTPHeader("Authorization", "old"), HTTPHeader("Empty", ""),
            ],
            urlHost: "h.example")
        #expect(headers.map(\.name) == ["empty", "host", "x-a", "x-b"])
        #expect(headers.map(\.value) == ["", "h.example", "1,2", "two words here"])
    }

    @Test func requestHostHeaderWinsOverTheURL() {
        let headers = CanonicalRequest.canonicalHeaders([HTTPHeader("Host", "override:8080")], urlHost: "h.example")
        #expect(headers.map(\.value) == ["override:8080"])
    }

    @Test(arguments: [
        (Int64(0), "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (1_369_353_600, "20130524T000000Z"),
        (1_709_251_199, "20240229T235959Z"), (-1, "19691231T235959Z"), (253_402_300_799, "99991231T235959Z"),
    ])
    func amzDateFromEpochSeconds(seconds: Int64, expected: String) {
        #expect(AMZDate.string(epochSeconds: seconds) == expected)
        #expect(AMZDate.day(of: expected) == String(expected.prefix(8)))
    }
}
