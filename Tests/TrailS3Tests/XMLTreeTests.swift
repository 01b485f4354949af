import Testing
@testable import TrailS3

@Suite struct XMLTreeTests {
    @Test func readsAnS3ListingWithEntitiesAndNamespaces() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>trail-logs</Name><IsTruncated>true</IsTruncated>
              <Contents><Key>a&amp;b &lt;c&gt; &#x263A; &#65;</Key><Size>12</Size></Contents>
              <!-- a comment <Key>not this</Key> -->
              <Contents><Key><![CDATA[x<&>y]]></Key><Size>3</Size></Contents>
              <s3:Owner attr="a>b"><ID>1</ID></s3:Owner>
              <Empty/>
            </ListBucketResult>
            """
        let root = try XMLTree.parse(xml)
        #expect(root.name == "ListBucketResult")
        #expect(root.text(of: "IsTruncated") == "true")
        #expect(root.children("Contents").map { $0.text(of: "Key") } == ["a&b <c> ☺ A", "x<&>y"])
        #expect(root.find("Owner", "ID")?.text == "1")
        #expect(root.child("Empty") != nil)
    }

    @Test func malformedDocumentsSayWhere() {
        for bad in ["", "<a>", "<a></b>", "<a><b></a>", "text", "<a></a><b></b>", "<a x=\"1></a>", "<!-- open"] {
            #expect(throws: XMLError.self, "\(bad)") { try XMLTree.parse(bad) }
        }
        do {
            _ = try XMLTree.parse("<a><b></c></a>")
        } catch {
            #expect(error.description.contains("byte"))
            #expect(error.description.contains("</c> closes <b>"))
        }
    }
}
