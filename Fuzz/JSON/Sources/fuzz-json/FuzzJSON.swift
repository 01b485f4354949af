import TrailColumnar
import TrailJSON

/// Feeds arbitrary bytes to the document reader and the columnar decoder (every column requested) and checks
/// the invariants that must hold for any input: no crash, every column as long as the batch, one row per record.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    guard let projector = try? RecordProjector(columns: CloudTrailSchema.allColumns.map(\.name)) else { return 0 }
    var visitor = projector
    var scratch: [UInt8] = []
    let report = CloudTrailDocument.read(buffer, visitor: &visitor, scratch: &scratch)
    let batch = projector.finish()
    precondition(batch.count == report.records, "rows \(batch.count) != records \(report.records)")
    for column in batch.columns { precondition(column.count == batch.count, "a column is misaligned") }
    // The raw scanner on its own: skipValue must stop inside the buffer.
    var cursor = JSONCursor(buffer)
    if (try? cursor.skipValue()) != nil { precondition(cursor.position <= size) }
    return 0
}
