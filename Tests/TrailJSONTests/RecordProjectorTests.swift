import Testing
import TrailColumnar
import TrailJSON

/// Golden tests: each odd shape of real CloudTrail data (../shared/corpus/real/STATS.md) and how it decodes.
@Suite("decoding CloudTrail records into columns")
struct RecordProjectorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var record: String
        var column: String
        var expected: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a string is the plain string", record: #"{"eventName":"ConsoleLogin"}"#, column: "eventname", expected: "ConsoleLogin"),
        Case(name: "a boolean read into varchar is 'true'", record: #"{"readOnly":true}"#, column: "readonly", expected: "true"),
        Case(name: "false is 'false'", record: #"{"managementEvent":false}"#, column: "managementevent", expected: "false"),
        Case(name: "a string 'true' stays 'true'", record: #"{"readOnly":"true"}"#, column: "readonly", expected: "true"),
        Case(name: "a number keeps its text", record: #"{"eventVersion":1.05}"#, column: "eventversion", expected: "1.05"),
        Case(name: "an exponent keeps its text", record: #"{"apiVersion":-1.5E+3}"#, column: "apiversion", expected: "-1.5E+3"),
        Case(name: "JSON null is NULL", record: #"{"requestParameters":null}"#, column: "requestparameters", expected: nil),
        Case(name: "an absent key is NULL", record: #"{"eventName":"X"}"#, column: "errorcode", expected: nil),
        Case(name: "an empty string is not NULL", record: #"{"errorCode":""}"#, column: "errorcode", expected: ""),
        Case(name: "requestParameters object is compact JSON text in key order",
             record: #"{"requestParameters":{"bucketName":"b","Host":"h","acl":[""],"n":1,"t":true,"z":null}}"#,
             column: "requestparameters", expected: #"{"bucketName":"b","Host":"h","acl":[""],"n":1,"t":true,"z":null}"#),
        Case(name: "pretty-printed JSON text is compacted",
             record: "{\"responseElements\": {\n  \"a\" : [ 1, 2 ],\n  \"b\": \"x y\"\n}}",
             column: "responseelements", expected: #"{"a":[1,2],"b":"x y"}"#),
        Case(name: "a requestParameters string is the plain string",
             record: #"{"requestParameters":"plain \"text\""}"#, column: "requestparameters", expected: #"plain "text""#),
        Case(name: "escapes inside JSON text are kept as written",
             record: #"{"requestParameters":{"policy":"{\"Version\":\"2012\"}"}}"#,
             column: "requestparameters", expected: #"{"policy":"{\"Version\":\"2012\"}"}"#),
        Case(name: "lower-case keys match (Panther fixtures)", record: #"{"eventname":"GetObject"}"#, column: "eventname", expected: "GetObject"),
        Case(name: "upper-case keys match", record: #"{"EVENTNAME":"GetObject"}"#, column: "eventname", expected: "GetObject"),
        Case(name: "unicode escapes decode to UTF-8", record: #"{"userAgent":"caf\u00e9 \ud83d\ude00"}"#, column: "useragent", expected: "café 😀"),
        Case(name: "a lone surrogate becomes U+FFFD", record: #"{"userAgent":"a\ud800b"}"#, column: "useragent", expected: "a\u{FFFD}b"),
        Case(name: "raw non-ASCII passes through", record: #"{"errorMessage":"안녕하세요 🤖"}"#, column: "errormessage", expected: "안녕하세요 🤖"),
        Case(name: "control escapes decode", record: #"{"errorMessage":"a\nb\t\"c\"\\/"}"#, column: "errormessage", expected: "a\nb\t\"c\"\\/"),
        Case(name: "userIdentity decodes as a row",
             record: #"{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a","accountId":"1","userName":"a"}}"#,
             column: "useridentity.arn", expected: "{arn=arn:aws:iam::1:user/a}"),
        Case(name: "nested sessionIssuer decodes",
             record: #"{"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:r"},"attributes":{"mfaAuthenticated":"false"}}}}"#,
             column: "useridentity.sessioncontext.sessionissuer.arn", expected: "{sessioncontext={sessionissuer={arn=arn:r}}}"),
        Case(name: "an empty sessionIssuer is a row of NULLs",
             record: #"{"userIdentity":{"sessionContext":{"sessionIssuer":{}}}}"#,
             column: "useridentity.sessioncontext.sessionissuer.type", expected: "{sessioncontext={sessionissuer={type=null}}}"),
        Case(name: "a string where an object is expected is a NULL row",
             record: #"{"userIdentity":"root"}"#, column: "useridentity", expected: nil),
        Case(name: "a boolean inside a row reads as 'true'",
             record: #"{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":true}}}}"#,
             column: "useridentity.sessioncontext.attributes.mfaauthenticated", expected: "{sessioncontext={attributes={mfaauthenticated=true}}}"),
        Case(name: "resources is an array of rows; ARN matches arn",
             record: #"{"resources":[{"ARN":"arn:a","accountId":"1","type":"AWS::S3::Object"},{"accountId":"2"}]}"#,
             column: "resources", expected: "[{arn=arn:a, accountid=1, type=AWS::S3::Object}, {arn=null, accountid=2, type=null}]"),
        Case(name: "resources null is NULL", record: #"{"resources":null}"#, column: "resources", expected: nil),
        Case(name: "an empty resources array is an empty array", record: #"{"resources":[]}"#, column: "resources", expected: "[]"),
        Case(name: "a non-object resource is a NULL element", record: #"{"resources":["x",{"arn":"a"}]}"#, column: "resources",
             expected: "[null, {arn=a, accountid=null, type=null}]"),
        Case(name: "webIdFederationData attributes is a map",
             record: #"{"userIdentity":{"sessionContext":{"webIdFederationData":{"federatedProvider":"p","attributes":{"k":"v","n":2}}}}}"#,
             column: "useridentity.sessioncontext.webidfederationdata", expected: "{sessioncontext={webidfederationdata={federatedprovider=p, attributes={k=v, n=2}}}}"),
        Case(name: "a duplicate key: the first one counts", record: #"{"eventName":"A","eventname":"B"}"#, column: "eventname", expected: "A"),
        Case(name: "tlsDetails decodes as a row",
             record: #"{"tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE","clientProvidedHostHeader":"h"}}"#,
             column: "tlsdetails", expected: "{tlsversion=TLSv1.2, ciphersuite=ECDHE, clientprovidedhostheader=h}"),
        Case(name: "inScopeOf (eventVersion 1.10+) decodes",
             record: #"{"userIdentity":{"inScopeOf":{"issuerType":"AWS::Lambda::Function","credentialsIssuedTo":"arn:f"}}}"#,
             column: "useridentity.inscopeof.credentialsissuedto", expected: "{inscopeof={credentialsissuedto=arn:f}}"),
        Case(name: "sourceIdentity decodes", record: #"{"userIdentity":{"sessionContext":{"sourceIdentity":"alice"}}}"#,
             column: "useridentity.sessioncontext.sourceidentity", expected: "{sessioncontext={sourceidentity=alice}}"),
        Case(name: "insightDetails is JSON text", record: #"{"insightDetails":{"state":"Start"}}"#, column: "insightdetails", expected: #"{"state":"Start"}"#),
        Case(name: "serviceEventDetails as a string is the plain string", record: #"{"serviceEventDetails":"s"}"#, column: "serviceeventdetails", expected: "s"),
        Case(name: "unrequested deeply nested values are skipped", record: #"{"x":[[[{"a":[1,{"b":null}]}]]],"eventName":"E"}"#,
             column: "eventname", expected: "E"),
    ]

    @Test("odd shapes decode as Athena reads them", arguments: cases)
    func oddShape(_ c: Case) throws {
        let (batch, report) = try decode(#"{"Records":["# + c.record + "]}", columns: [c.column])
        #expect(report.failure == nil)
        #expect(report.records == 1)
        let name = String(c.column.split(separator: ".")[0])
        #expect(values(batch, name) == [c.expected])
    }

    @Test("a long value (1 MB) decodes whole")
    func longValue() throws {
        let long = String(repeating: "abcdefgh", count: 131_072)
        let (batch, _) = try decode(#"{"Records":[{"errorMessage":"\#(long)"}]}"#, columns: ["errormessage"])
        #expect(values(batch, "errormessage") == [long])
    }

    @Test("partition columns come from setPartition, not the record")
    func partitions() throws {
        let projector = try RecordProjector(columns: ["eventname", "region", "date", "$path"])
        projector.setPartition(PartitionValues(region: "eu-west-1", date: "2024/01/02", path: "/x.json"))
        var visitor = projector
        var scratch: [UInt8] = []
        let bytes = Array(#"{"Records":[{"eventName":"A","awsRegion":"us-east-1"}]}"#.utf8)
        _ = bytes.withUnsafeBytes { CloudTrailDocument.read($0, visitor: &visitor, scratch: &scratch) }
        let batch = projector.finish()
        #expect(values(batch, "region") == ["eu-west-1"])
        #expect(values(batch, "date") == ["2024/01/02"])
        #expect(values(batch, "$path") == ["/x.json"])
    }

    @Test("partition values hold from their setPartition on: several files in one batch, and across batches")
    func partitionRuns() throws {
        let projector = try RecordProjector(columns: ["eventname", "region", "$path"])
        var visitor = projector
        var scratch: [UInt8] = []
        func read(_ names: [String]) {
            let records = names.map { #"{"eventName":"\#($0)"}"# }.joined(separator: ",")
            let bytes = Array(#"{"Records":[\#(records)]}"#.utf8)
            _ = bytes.withUnsafeBytes { CloudTrailDocument.read($0, visitor: &visitor, scratch: &scratch) }
        }
        read(["before"])
        projector.setPartition(PartitionValues(region: "eu-west-1", path: "/a.json"))
        read(["A1", "A2"])
        projector.setPartition(PartitionValues(region: "us-east-1"))
        projector.setPartition(PartitionValues(region: "ap-south-1", path: "/c.json"))  // replaces the one before
        read(["C1"])
        projector.setPartition(PartitionValues(path: "/d.json"))
        read(["D1", "D2"])
        let first = projector.finish()
        #expect(values(first, "eventname") == ["before", "A1", "A2", "C1", "D1", "D2"])
        #expect(values(first, "region") == [nil, "eu-west-1", "eu-west-1", "ap-south-1", nil, nil])
        #expect(values(first, "$path") == [nil, "/a.json", "/a.json", "/c.json", "/d.json", "/d.json"])
        read(["E1"])
        let second = projector.finish()
        #expect(values(second, "region") == [nil])
        #expect(values(second, "$path") == ["/d.json"])
        #expect(projector.readsPath)
    }

    @Test("an unknown column is an error")
    func unknownColumn() {
        #expect(throws: ProjectionError.self) { try RecordProjector(columns: ["evntname"]) }
    }

    @Test("a record that breaks off half way leaves no partial row")
    func rollback() throws {
        let (batch, report) = try decode("{\"Records\":[{\"eventName\":\"A\",\"userIdentity\":{\"type\":\"X\"}},{\"eventName\":\"B\",\"userIdentity\":{\"type\":", columns: ["eventname", "useridentity"])
        #expect(report.records == 1)
        #expect(report.failure != nil)
        #expect(batch.count == 1)
        for column in batch.columns { #expect(column.count == 1) }
        #expect(values(batch, "eventname") == ["A"])
    }
}
