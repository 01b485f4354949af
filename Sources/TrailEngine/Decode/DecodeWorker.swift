import TrailColumnar
import TrailJSON
import TrailSource

/// Decodes the requested columns of every record into one batch per file.
public struct DecodeWorker: ScanWorker {
    private let projector: RecordProjector

    public init(columns: [String]) throws(ProjectionError) {
        projector = try RecordProjector(columns: columns)
    }

    public var schema: [Field] { projector.schema }

    /// Records decoded since the last `endFile`.
    public var pendingRecords: Int { projector.count }

    public mutating func beginFile(_ file: LogFile) {
        projector.setPartition(PartitionValues(file))
    }

    public mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
        try projector.visit(record: &cursor, fileOffset: fileOffset)
    }

    public mutating func endFile() -> Batch { projector.finish() }
}

extension PartitionValues {
    /// The partition values of a file, from its path.
    public init(_ file: LogFile) {
        self.init(file.location, path: file.path)
    }

    /// The partition values of a file at `location`.
    public init(_ location: CloudTrailLocation, path: String?) {
        self.init(region: location.region, year: location.year, month: location.month, day: location.day,
                  accountID: location.accountID, date: location.date, path: path)
    }
}
