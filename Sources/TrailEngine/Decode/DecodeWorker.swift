import TrailColumnar
import TrailJSON
import TrailSource

/// Decodes the requested columns of every record into one batch per file.
public struct DecodeWorker: ScanWorker {
    private let projector: RecordProjector
    private var locations = FileLocations()

    public init(columns: [String]) throws(ProjectionError) {
        projector = try RecordProjector(columns: columns)
    }

    /// A worker over a projector built elsewhere (a query scan's, with its pushed-down paths).
    public init(projector: RecordProjector) {
        self.projector = projector
    }

    public var schema: [Field] { projector.schema }

    /// Records decoded since the last `endFile`.
    public var pendingRecords: Int { projector.count }

    public mutating func beginFile(_ file: LogFile) {
        guard projector.readsPartitions else { return }
        // PERF: the file's name is parsed, and its path joined, only when a partition column needs it: both per
        // file cost ~0.3 s of CPU over 200k files of `WHERE day <= '99'`.
        projector.setPartition(locations.partitionValues(of: file, withPath: projector.readsPath))
    }

    public mutating func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
        try projector.visit(record: &cursor, fileOffset: fileOffset)
    }

    public mutating func endFile() -> Batch { projector.finish() }
}

extension PartitionValues {
    /// The partition values of a file at `location`.
    public init(_ location: CloudTrailLocation, path: String?) {
        self.init(region: location.region, year: location.year, month: location.month, day: location.day,
                  accountID: location.accountID, date: location.date, path: path)
    }
}

extension FileLocations {
    /// `file`'s partition values, with its path only when `withPath` (a scan that reads `"$path"`): joining it
    /// for every file is work most scans do not need.
    mutating func partitionValues(of file: LogFile, withPath: Bool) -> PartitionValues {
        PartitionValues(partitionLocation(of: file), path: withPath ? file.path : nil)
    }
}
