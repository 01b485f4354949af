import Testing
@testable import TrailS3

@Suite struct ListPageTests {
    @Test func urlEncodedKeysArePlusAndPercentDecoded() throws {
        let xml = """
            <ListBucketResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
            <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
            <Contents><Key>AWSLogs/a+b%2Bc%25d%E2%98%BA.json.gz</Key><LastModified>2024-01-02T03:04:05.250Z</LastModified>
            <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>1234</Size></Contents>
            <CommonPrefixes><Prefix>AWSLogs/o-abc%20x/</Prefix></CommonPrefixes></ListBucketResult>
            """
        let page = try ListPage(xml: Array(xml.utf8))
        #expect(page.objects == [ListPage.Object(key: "AWSLogs/a b+c%d☺.json.gz", size: 1234, etag: "9b2cf535f27731c974343645a3985328",
                                                 lastModified: 1_704_164_645_250_000_000)])
        #expect(page.commonPrefixes == ["AWSLogs/o-abc x/"])
        #expect(page.continuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
    }

    @Test func keysAreKeptAsIsWithoutEncodingType() throws {
        let page = try ListPage(xml: Array("<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a+b%20</Key></Contents></ListBucketResult>".utf8))
        #expect(page.objects.map(\.key) == ["a+b%20"])
        #expect(page.continuationToken == nil)
    }

    @Test func timestamps() {
        #expect(ISO8601Timestamp.epochNanoseconds("1970-01-01T00:00:00.000Z") == 0)
        #expect(ISO8601Timestamp.epochNanoseconds("2024-02-29T23:59:59Z") == 1_709_251_199_000_000_000)
        #expect(ISO8601Timestamp.epochNanoseconds("yesterday") == nil)
        // Found by Fuzz/XML: a year past 2262 overflowed nanoseconds since the epoch.
        #expect(ISO8601Timestamp.epochNanoseconds("9999-12-31T23:59:59.999999999Z") == nil)
        #expect(ISO8601Timestamp.epochNanoseconds("2262-04-11T23:47:16Z") != nil)
    }
}

@Suite struct S3SettingsTests {
    @Test func addressing() {
        let aws = S3Settings(region: "eu-west-1")
        #expect(aws.base(bucket: "trail-logs", region: "eu-west-1") == ("https://trail-logs.s3.eu-west-1.amazonaws.com", false))
        // Dots break TLS on virtual hosts: path-style.
        #expect(aws.base(bucket: "logs.example.com", region: "eu-west-1") == ("https://s3.eu-west-1.amazonaws.com", true))
        let local = S3Settings(endpointURL: "http://127.0.0.1:9000/")
        #expect(local.base(bucket: "trail-logs", region: "us-east-1") == ("http://127.0.0.1:9000", true))
        let virtual = S3Settings(endpointURL: "https://minio.example", addressingStyle: .virtual)
        #expect(virtual.base(bucket: "b1", region: "us-east-1") == ("https://b1.minio.example", false))
    }

    @Test func objectURLsEncodeKeysOnce() {
        let client = S3Client(settings: S3Settings(endpointURL: "http://127.0.0.1:1"), credentials: { () throws(CredentialsError) in
            AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", source: "test")
        })
        let request = client.makeRequest(bucket: "b", key: "AWSLogs/a b+c/ü.json.gz", query: [("prefix", "a/b c")], region: "us-east-1")
        #expect(request.url == "http://127.0.0.1:1/b/AWSLogs/a%20b%2Bc/%C3%BC.json.gz?prefix=a%2Fb%20c")
    }

    @Test func urlsParse() {
        #expect(S3URL("s3://bucket") == S3URL(bucket: "bucket", prefix: ""))
        #expect(S3URL("s3://bucket/AWSLogs/123/") == S3URL(bucket: "bucket", prefix: "AWSLogs/123/"))
        #expect(S3URL("s3:///x") == nil)
        #expect(S3URL("/tmp/x") == nil)
        #expect(S3URL.object("s3://b/k/e y") ?? ("", "") == ("b", "k/e y"))
    }
}
