import Testing
@testable import TrailS3

/// AWS's Signature Version 4 test suite: each step of each case must match the published files byte for byte.
@Suite struct SigV4TestSuiteTests {
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let amzDate = "20150830T123600Z"
    static let epochSeconds: Int64 = 1_440_938_160  // 2015-08-30T12:36:00Z

    @Test(arguments: SigV4SuiteVector.all)
    func canonicalRequestStringToSignAndAuthorization(_ vector: SigV4SuiteVector) {
        let request = Self.request(parsing: vector.req)
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secretAccessKey,
                sessionToken: request.header("X-Amz-Security-Token"), source: "test suite"),
            region: "us-east-1", service: "service")
        let payloadHash = Digest.hex(Digest.sha256(request.body))

        let canonical = signer.canonicalRequest(request, amzDate: Self.amzDate, payloadHash: payloadHash)
        #expect(canonical == vector.creq)
        let stringToSign = signer.stringToSign(canonicalRequest: vector.creq, amzDate: Self.amzDate)
        #expect(stringToSign == vector.sts)
        let signature = signer.signature(stringToSign: vector.sts, date: "20150830")
        #expect(vector.authz.hasSuffix("Signature=" + signature))

        var signed = request
        signer.sign(&signed, epochSeconds: Self.epochSeconds)
        #expect(signed.header("Authorization") == vector.authz)
        #expect(signed.header("X-Amz-Date") == Self.amzDate)
        #expect(signed.header("x-amz-content-sha256") == nil, "only S3 gets the payload hash header")
    }

    /// A shared signing-key cache gives every vector the same Authorization as deriving the key each time, when
    /// signers of different secrets, regions and days take turns with it.
    @Test func aSharedSigningKeyCacheNeverServesAnotherSecretOrDay() {
        let keys = SigningKeyCache()
        let secrets = [Self.secretAccessKey, "another/secret+key", Self.secretAccessKey]
        for vector in SigV4SuiteVector.all.prefix(6) {
            for (round, secret) in secrets.enumerated() {
                for (region, day) in [("us-east-1", Int64(0)), ("eu-west-1", 0), ("us-east-1", 86_400)] {
                    let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, source: "round \(round)")
                    var cached = Self.request(parsing: vector.req)
                    var fresh = cached
                    SigV4Signer(credentials: credentials, region: region, service: "service", keys: keys)
                        .sign(&cached, epochSeconds: Self.epochSeconds + day)
                    SigV4Signer(credentials: credentials, region: region, service: "service")
                        .sign(&fresh, epochSeconds: Self.epochSeconds + day)
                    #expect(cached.header("Authorization") == fresh.header("Authorization"), "\(vector.name) \(region) \(day)")
                }
            }
        }
        #expect(!String(reflecting: keys).contains("secret"))
    }

    /// libcurl sends Host itself, so a request normally carries none: the signer takes it from the URL.
    @Test func hostComesFromTheURLWhenTheRequestHasNone() throws {
        let vector = try #require(SigV4SuiteVector.all.first { $0.name == "get-vanilla" })
        var request = Self.request(parsing: vector.req)
        request.headers.removeAll { $0.name == "Host" }
        Self.signer.sign(&request, epochSeconds: Self.epochSeconds)
        #expect(request.header("Authorization") == vector.authz)
        #expect(request.header("Host") == nil)
    }

    static let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secretAccessKey, source: "test suite"),
        region: "us-east-1", service: "service")

    /// Parses a `.req` file: `METHOD target HTTP/1.1`, then `Name:value` lines (values kept untrimmed; a line
    /// starting with a space is one more value of the header above, as the suite reads get-header-value-multiline),
    /// then a blank line and the body.
    static func request(parsing text: String) -> HTTPRequest {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let requestLine = lines[0].split(separator: " ")
        let method = String(requestLine[0])
        // The target may contain spaces (get-space); it runs up to the protocol version.
        let target = lines[0].dropFirst(method.count + 1).dropLast(" HTTP/1.1".count)
        var request = HTTPRequest(method: method, url: "https://example.amazonaws.com" + target)
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            if line.first == " ", let name = request.headers.last?.name {
                request.headers.append(HTTPHeader(name, String(line)))
                index += 1
                continue
            }
            let colon = line.firstIndex(of: ":")!
            request.headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...])))
            index += 1
        }
        if index + 1 < lines.count {
            request.body = Array(lines[(index + 1)...].joined(separator: "\n").utf8)
        }
        return request
    }
}

/// The worked examples in the S3 API reference, "Signature Calculations for the Authorization Header: Transferring
/// Payload in a Single Chunk" (credentials AKIAIOSFODNN7EXAMPLE, bucket examplebucket, 20130524T000000Z).
@Suite struct SigV4S3ExampleTests {
    static let signer = SigV4Signer(
        credentials: AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            source: "S3 documentation"),
        region: "us-east-1", service: "s3")
    static let epochSeconds: Int64 = 1_369_353_600  // 2013-05-24T00:00:00Z
    static let amzDate = "20130524T000000Z"

    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var url: String
        var headers: [HTTPHeader]
        var creq: String
        var sts: String
        var signedHeaders: String
        var signature: String
        var testDescription: String { name }
    }

    static let examples: [Example] = [
        Example(
            name: "GET Object", url: "https://examplebucket.s3.amazonaws.com/test.txt",
            headers: [HTTPHeader("Range", "bytes=0-9")],
            creq: """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """,
            sts: """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """,
            signedHeaders: "host;range;x-amz-content-sha256;x-amz-date",
            signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        Example(
            name: "GET Bucket Lifecycle", url: "https://examplebucket.s3.amazonaws.com/?lifecycle", headers: [],
            creq: """
                GET
                /
                lifecycle=
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """,
            sts: """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca
                """,
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
        Example(
            name: "GET Bucket (List Objects)", url: "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J",
            headers: [],
            creq: """
                GET
                /
                max-keys=2&prefix=J
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """,
            sts: """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7
                """,
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
    ]

    @Test(arguments: examples)
    func signsAsTheDocumentationShows(_ example: Example) {
        let request = HTTPRequest(method: "GET", url: example.url, headers: example.headers)
        #expect(Self.signer.canonicalRequest(request, amzDate: Self.amzDate, payloadHash: Digest.emptySHA256Hex)
            == example.creq)
        #expect(Self.signer.stringToSign(canonicalRequest: example.creq, amzDate: Self.amzDate) == example.sts)

        var signed = request
        Self.signer.sign(&signed, epochSeconds: Self.epochSeconds)
        #expect(signed.header("x-amz-content-sha256") == Digest.emptySHA256Hex)
        #expect(signed.header("x-amz-date") == Self.amzDate)
        #expect(
            signed.header("Authorization")
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=\(example.signedHeaders), Signature=\(example.signature)")
    }

    /// A listing URL arrives with its parameters in any order; the canonical query sorts them.
    @Test func listParametersInAnyOrderSignAlike() {
        var request = HTTPRequest(method: "GET", url: "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2")
        Self.signer.sign(&request, epochSeconds: Self.epochSeconds)
        #expect(request.header("Authorization")?.hasSuffix(
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    @Test func s3SignsThePathAsSentWithoutNormalisingOrEncodingAgain() {
        let request = HTTPRequest(method: "GET", url: "https://b.s3.amazonaws.com/logs/./a%20b//c/../%E1%88%B4")
        let canonical = Self.signer.canonicalRequest(request, amzDate: Self.amzDate, payloadHash: "UNSIGNED-PAYLOAD")
        let lines = canonical.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/logs/./a%20b//c/../%E1%88%B4")
        #expect(lines.last == "UNSIGNED-PAYLOAD")
    }

    @Test func unsignedPayloadIsSentAndSigned() {
        var request = HTTPRequest(method: "GET", url: "https://examplebucket.s3.amazonaws.com/test.txt")
        Self.signer.sign(&request, epochSeconds: Self.epochSeconds, payloadHash: SigV4Signer.unsignedPayload)
        #expect(request.header("x-amz-content-sha256") == "UNSIGNED-PAYLOAD")
        #expect(request.header("Authorization")?.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,") == true)
    }

    @Test func theBodyIsHashedWhenNoPayloadHashIsGiven() {
        // The PUT example's payload, "Welcome to Amazon S3.", and its x-amz-content-sha256 in the same documentation.
        var request = HTTPRequest(
            method: "PUT", url: "https://examplebucket.s3.amazonaws.com/test%24file.text",
            body: Array("Welcome to Amazon S3.".utf8))
        Self.signer.sign(&request, epochSeconds: Self.epochSeconds)
        #expect(request.header("x-amz-content-sha256")
            == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
    }
}

/// The signer's own promises: session tokens, re-signing, Host from the URL, and a secret that never leaks.
@Suite struct SigV4SignerTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let credentials = AWSCredentials(
        accessKeyID: "ASIAEXAMPLE", secretAccessKey: secret, sessionToken: "session+token/==", expiration: 1_900_000_000,
        source: "environment")

    @Test func sessionTokenIsSentAndSigned() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "eu-west-1", service: "s3")
        var request = HTTPRequest(method: "GET", url: "https://bucket.s3.eu-west-1.amazonaws.com/AWSLogs/")
        signer.sign(&request, epochSeconds: 1_700_000_000)
        #expect(request.header("x-amz-security-token") == "session+token/==")
        let authorization = request.header("Authorization") ?? ""
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20231114/eu-west-1/s3/aws4_request, "))
        #expect(authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }

    @Test func staleSessionTokenIsRemovedWhenTheCredentialsHaveNone() {
        var credentials = Self.credentials
        credentials.sessionToken = nil
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "s3")
        var request = HTTPRequest(
            method: "GET", url: "https://bucket.s3.eu-west-1.amazonaws.com/",
            headers: [HTTPHeader("X-Amz-Security-Token", "expired")])
        signer.sign(&request, epochSeconds: 1_700_000_000)
        #expect(request.header("x-amz-security-token") == nil)
        #expect(request.header("Authorization")?.contains("x-amz-security-token") == false)
    }

    @Test func theSecretNeverAppearsInHeadersOrDescriptions() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "s3")
        var request = HTTPRequest(method: "GET", url: "https://bucket.s3.amazonaws.com/key")
        signer.sign(&request, epochSeconds: 1_700_000_000)
        for header in request.headers {
            #expect(!header.value.contains(Self.secret), "\(header.name)")
        }
        var dumped = ""
        dump(signer, to: &dumped)
        for text in [String(describing: signer), String(reflecting: signer), "\(signer)", dumped] {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains("wJalrXUtnFEMI"))
        }
        #expect(String(describing: signer).contains("ASIAEXAMPLE"))
    }

    /// A retried request is signed again: the old Authorization is neither signed nor kept.
    @Test func signingTwiceGivesTheSameAuthorization() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "s3")
        var request = HTTPRequest(method: "GET", url: "https://bucket.s3.amazonaws.com/key")
        signer.sign(&request, epochSeconds: 1_700_000_000)
        let first = request.header("Authorization")
        signer.sign(&request, epochSeconds: 1_700_000_000)
        #expect(request.header("Authorization") == first)
        #expect(request.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
        signer.sign(&request, epochSeconds: 1_700_000_001)
        #expect(request.header("Authorization") != first)
    }

    @Test func hopByHopHeadersAreNotSigned() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "s3")
        var request = HTTPRequest(
            method: "GET", url: "https://bucket.s3.amazonaws.com/key",
            headers: [HTTPHeader("User-Agent", "trailsql"), HTTPHeader("Expect", ""), HTTPHeader("Range", "bytes=0-1")])
        signer.sign(&request, epochSeconds: 1_700_000_000)
        #expect(request.header("Authorization")?.contains(
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-security-token,") == true)
    }

    @Test(arguments: [
        ("https://example.amazonaws.com/", "example.amazonaws.com"),
        ("https://example.amazonaws.com:443/", "example.amazonaws.com"),
        ("http://example.amazonaws.com:80/", "example.amazonaws.com"),
        ("http://127.0.0.1:9000/bucket/key", "127.0.0.1:9000"),
        ("https://example.amazonaws.com:80/", "example.amazonaws.com:80"),
        ("http://[::1]:9000/", "[::1]:9000"),
        ("https://[::1]:443/", "[::1]"),
        ("https://user@example.amazonaws.com?x=1#top", "example.amazonaws.com"),
    ])
    func hostHeaderFromTheURL(url: String, host: String) {
        #expect(RequestTarget(url: url).host[...] == host[...])
    }

    @Test func urlIsSplitIntoPathAndQuery() {
        let target = RequestTarget(url: "https://b.s3.amazonaws.com/a%20b/c?list-type=2&prefix=x%2Fy#fragment")
        #expect(target.path == "/a%20b/c")
        #expect(target.query == "list-type=2&prefix=x%2Fy")
        let bare = RequestTarget(url: "https://b.s3.amazonaws.com")
        #expect(bare.path.isEmpty && bare.query.isEmpty)
        #expect(CanonicalRequest.s3URI(bare.path) == "/")
    }
}
