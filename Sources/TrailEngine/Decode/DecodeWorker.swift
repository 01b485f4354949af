import TrailColumnar
import TrailJSON
import TrailSource

/// Decodes the requested columns of every record into one batch per file.
public struct DecodeWorker: ScanWorker {
    private let projector: RecordProjector
    /// The folder of the previous file and what its path says, parsed once per folder.
    private var folder: (path: String, part: CloudTrailLocation.FolderPart)?

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

    // PERF: the partition values were parsed from each file's whole path even when the query reads no partition
    // column: 6% of a cold Q4's CPU over 213,864 files (perf). Now only when needed, and the folder once.
    public mutating func beginFile(_ file: LogFile) {
        guard projector.readsPartitions else { return }
        if folder?.path != file.folder { folder = (file.folder, CloudTrailLocation.folderPart(of: file.folder)) }
        let location = CloudTrailLocation(fileName: file.name, folder: folder!.part)
        projector.setPartition(PartitionValues(location, path: file.path))
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
