import Testing
import TrailFunctions

// url_extract_* follow Trino's UrlFunctions, which parse with java.net.URI (trino.io/docs/current/functions/url.html).
// The first table is Trino's own TestUrlFunctions; the rest were checked against java.net.URI on JDK 17.

struct URLCase: Sendable, CustomTestStringConvertible {
    var url: String
    /// protocol, host, port, path, query, fragment; nil protocol means the URI is invalid (every function is NULL).
    var parts: (String, String, Int64?, String, String, String)?

    init(_ url: String, _ parts: (String, String, Int64?, String, String, String)?) {
        self.url = url
        self.parts = parts
    }

    var testDescription: String { url.isEmpty ? "(empty)" : url }
}

@Suite("URL functions")
struct URLFunctionTests {
    static let trinoCases: [URLCase] = [
        URLCase("http://example.com/path1/p.php?k1=v1&k2=v2#Ref1", ("http", "example.com", nil, "/path1/p.php", "k1=v1&k2=v2", "Ref1")),
        URLCase("http://example.com/path1/p.php?", ("http", "example.com", nil, "/path1/p.php", "", "")),
        URLCase("http://example.com/path1/p.php", ("http", "example.com", nil, "/path1/p.php", "", "")),
        URLCase("http://example.com:8080/path1/p.php?k1=v1&k2=v2#Ref1", ("http", "example.com", 8080, "/path1/p.php", "k1=v1&k2=v2", "Ref1")),
        URLCase("https://username@example.com", ("https", "example.com", nil, "", "", "")),
        URLCase("https://username:password@example.com", ("https", "example.com", nil, "", "", "")),
        URLCase("mailto:test@example.com", ("mailto", "", nil, "", "", "")),
        URLCase("foo", ("", "", nil, "foo", "", "")),
        URLCase("http://example.com/^", nil),
    ]

    static let javaCases: [URLCase] = [
        // CloudTrail-shaped URLs.
        URLCase("https://ec2.us-east-1.amazonaws.com/?Action=DescribeInstances&Version=2016-11-15",
                ("https", "ec2.us-east-1.amazonaws.com", nil, "/", "Action=DescribeInstances&Version=2016-11-15", "")),
        URLCase("https://s3.amazonaws.com/my-bucket/key?x-id=GetObject", ("https", "s3.amazonaws.com", nil, "/my-bucket/key", "x-id=GetObject", "")),
        // Not an RFC 2396 hostname: a registry-based authority, so no host and no port.
        URLCase("https://my_bucket.s3.amazonaws.com/key", ("https", "", nil, "/key", "", "")),
        URLCase("http://a-.com/", ("http", "", nil, "/", "", "")),
        URLCase("http://a.1b/", ("http", "", nil, "/", "", "")),
        URLCase("http://1.2.3.256/", ("http", "", nil, "/", "", "")),
        URLCase("http://exämple.com/", ("http", "", nil, "/", "", "")),
        URLCase("http://ex%41mple.com/", ("http", "", nil, "/", "", "")),
        URLCase("http://user@host@x/", ("http", "", nil, "/", "", "")),
        URLCase("http://example.com:abc/", ("http", "", nil, "/", "", "")),
        URLCase("http://example.com:2147483648/", ("http", "", nil, "/", "", "")),
        URLCase("http://:8080/", ("http", "", nil, "/", "", "")),
        // Hosts and ports.
        URLCase("http://1.2.3.4:80/", ("http", "1.2.3.4", 80, "/", "", "")),
        URLCase("http://123/", ("http", "123", nil, "/", "", "")),
        URLCase("http://example.com./", ("http", "example.com.", nil, "/", "", "")),
        URLCase("http://EXAMPLE.COM/", ("http", "EXAMPLE.COM", nil, "/", "", "")),
        URLCase("http://example.com:/", ("http", "example.com", nil, "/", "", "")),
        URLCase("http://example.com:2147483647/", ("http", "example.com", 2_147_483_647, "/", "", "")),
        URLCase("http://a:1@b:2/", ("http", "b", 2, "/", "", "")),
        URLCase("http://[::1]:8080/x", ("http", "[::1]", 8080, "/x", "", "")),
        URLCase("http://[fe80::1%eth0]/", ("http", "[fe80::1%eth0]", nil, "/", "", "")),
        URLCase("http://[::ffff:1.2.3.4]/", ("http", "[::ffff:1.2.3.4]", nil, "/", "", "")),
        URLCase("h+t.t-p://x", ("h+t.t-p", "x", nil, "", "", "")),
        // Path, query and fragment are %-decoded; non-ASCII letters are allowed unescaped.
        URLCase("http://example.com/a%20b", ("http", "example.com", nil, "/a b", "", "")),
        URLCase("http://example.com/%C3%A9t%C3%A9", ("http", "example.com", nil, "/été", "", "")),
        URLCase("http://example.com/été", ("http", "example.com", nil, "/été", "", "")),
        URLCase("http://example.com/😀", ("http", "example.com", nil, "/😀", "", "")),
        URLCase("http://example.com/?q=a%26b", ("http", "example.com", nil, "/", "q=a&b", "")),
        URLCase("http://example.com/?q=%FF", ("http", "example.com", nil, "/", "q=\u{FFFD}", "")),
        URLCase("http://example.com/?q=[x]", ("http", "example.com", nil, "/", "q=[x]", "")),
        URLCase("http://host/path;params?q", ("http", "host", nil, "/path;params", "q", "")),
        URLCase("http://host/!$&'()*+,;=:@", ("http", "host", nil, "/!$&'()*+,;=:@", "", "")),
        // Relative references and opaque URIs.
        URLCase("//example.com/path", ("", "example.com", nil, "/path", "", "")),
        URLCase("/just/path", ("", "", nil, "/just/path", "", "")),
        URLCase("relative/path?x=1", ("", "", nil, "relative/path", "x=1", "")),
        URLCase("?q", ("", "", nil, "", "q", "")),
        URLCase("#frag", ("", "", nil, "", "", "frag")),
        URLCase("", ("", "", nil, "", "", "")),
        URLCase("mailto:a@b#top", ("mailto", "", nil, "", "", "top")),
        URLCase("urn:isbn:096139210x", ("urn", "", nil, "", "", "")),
        // Invalid URIs: NULL from every function.
        URLCase("http://", nil),
        URLCase("http:", nil),
        URLCase("1http://x", nil),
        URLCase(#"C:\path"#, nil),
        URLCase("http://example.com/a b", nil),
        URLCase("http://example.com/a|b", nil),
        URLCase("http://example.com/[x]", nil),
        URLCase("http://example.com/a%2", nil),
        URLCase("http://ex%zzmple.com/", nil),
        URLCase("http://[1:2:3:4:5:6:7]/", nil),
        URLCase("http://[1::2::3]/", nil),
        URLCase("http://example.com/\u{A0}", nil),
        URLCase("http://example.com/\u{85}", nil),
        URLCase("http://example.com/\u{2028}", nil),
    ]

    @Test("url_extract_* match Trino's own tests", arguments: trinoCases)
    func trino(_ c: URLCase) {
        check(c)
    }

    @Test("url_extract_* follow java.net.URI", arguments: javaCases)
    func java(_ c: URLCase) {
        check(c)
    }

    private func check(_ c: URLCase) {
        #expect(URLExtractProtocol.evaluate(c.url) == c.parts?.0)
        #expect(URLExtractHost.evaluate(c.url) == c.parts?.1)
        #expect(URLExtractPort.evaluate(c.url) == c.parts?.2)
        #expect(URLExtractPath.evaluate(c.url) == c.parts?.3)
        #expect(URLExtractQuery.evaluate(c.url) == c.parts?.4)
        #expect(URLExtractFragment.evaluate(c.url) == c.parts?.5)
    }

    @Test("url_extract_parameter matches Trino's tests and URLDecoder", arguments: [
        ("http://example.com/path1/p.php?k1=v1&k2=v2&k3&k4#Ref1", "k1", "v1"),
        ("http://example.com/path1/p.php?k1=v1&k2=v2&k3&k4#Ref1", "k2", "v2"),
        ("http://example.com/path1/p.php?k1=v1&k2=v2&k3&k4#Ref1", "k3", ""),
        ("http://example.com/path1/p.php?k1=v1&k2=v2&k3&k4#Ref1", "k4", ""),
        ("http://example.com/path1/p.php?k1=v1&k2=v2&k3&k4#Ref1", "k5", nil),
        ("http://example.com/path1/p.php?k1=v1&k1=v2&k1&k1#Ref1", "k1", "v1"),
        ("http://example.com/path1/p.php?k1&k1=v1&k1&k1#Ref1", "k1", ""),
        ("http://example.com/path1/p.php?k=a=b=c&x=y#Ref1", "k", "a=b=c"),
        ("http://example.com/path1/p.php?k1=a%26k2%3Db&k2=c#Ref1", "k2", "c"),
        ("foo", "k1", nil),
        // Values decode like URLDecoder (+ is a space); keys compare undecoded.
        ("http://example.com/?q=a+b%26c", "q", "a b&c"),
        ("http://example.com/?q=%E2%98%83", "q", "☃"),
        ("http://example.com/?q=%FF%FE", "q", "\u{FFFD}\u{FFFD}"),
        ("http://example.com/?a%3D=1", "a%3D", "1"),
        ("http://example.com/?a%3D=1", "a=", nil),
        ("http://example.com/?&a=1", "", ""),
        ("http://example.com/", "a", nil),
        ("http://example.com/^?a=1", "a", nil),
        ("http://example.com/?a=1#b=2", "b", nil),
    ] as [(String, String, String?)])
    func parameter(url: String, name: String, expected: String?) {
        #expect(URLExtractParameter.evaluate(url, name: name) == expected)
    }

    @Test("the byte kernels append to a reused buffer and report NULL")
    func byteKernels() {
        var output: [UInt8] = []
        let urls = ["https://s3.amazonaws.com/b/k?x-id=GetObject", "http://example.com/^", "http://h:81/p?a=%41"]
        var hosts: [String?] = []
        var ports: [Int64?] = []
        for url in urls {
            Array(url.utf8).withUnsafeBytes { bytes in
                output.removeAll(keepingCapacity: true)
                hosts.append(URLExtractHost.evaluate(bytes, into: &output) ? String(decoding: output, as: UTF8.self) : nil)
                ports.append(URLExtractPort.evaluate(bytes))
            }
        }
        #expect(hosts == ["s3.amazonaws.com", nil, "h"])
        #expect(ports == [nil, nil, 81])
        output = Array("prefix:".utf8)
        let found = Array("http://h/?a=%41&b=2".utf8).withUnsafeBytes { url in
            Array("a".utf8).withUnsafeBytes { name in URLExtractParameter.evaluate(url, name: name, into: &output) }
        }
        #expect(found)
        #expect(String(decoding: output, as: UTF8.self) == "prefix:A")
    }
}
