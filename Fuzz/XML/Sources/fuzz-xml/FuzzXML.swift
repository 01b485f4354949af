import TrailS3

/// Feeds arbitrary bytes to the XML reader and the ListObjectsV2 page reader (what an S3 endpoint, or anything
/// pretending to be one, answers). Invariants: no crash; a parsed tree's element names are non-empty; reading is
/// deterministic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let root = try? XMLTree.parse(bytes) {
        var stack = [root]
        while let element = stack.popLast() {
            precondition(!element.name.isEmpty, "an element without a name")
            stack += element.children
        }
    }
    if let page = try? ListPage.parse(bytes) {
        let again = try? ListPage.parse(bytes)
        precondition(again?.objects == page.objects && again?.commonPrefixes == page.commonPrefixes, "not deterministic")
    }
    return 0
}
