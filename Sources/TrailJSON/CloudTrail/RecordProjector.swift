import TrailBase
import TrailColumnar

/// Partition values of the file being decoded (from its path, see `CloudTrailLocation`).
public struct PartitionValues: Sendable, Hashable {
    public var region: String?
    public var year: String?
    public var month: String?
    public var day: String?
    public var accountID: String?
    public var date: String?
    public var path: String?

    public init(region: String? = nil, year: String? = nil, month: String? = nil, day: String? = nil,
                accountID: String? = nil, date: String? = nil, path: String? = nil) {
        self.region = region
        self.year = year
        self.month = month
        self.day = day
        self.accountID = accountID
        self.date = date
        self.path = path
    }

    /// The value of partition column `column` (nil for NULL and for names that are not partition columns).
    public func value(of column: String) -> String? {
        switch column {
        case "region": return region
        case "year": return year
        case "month": return month
        case "day": return day
        case "accountid": return accountID
        case "date": return date
        case "$path": return path
        default: return nil
        }
    }
}

/// An error in the columns asked of the decoder (an unknown column or field).
public struct ProjectionError: Error, Sendable, CustomStringConvertible {
    public var column: String
    public var description: String { "unknown CloudTrail column \"\(column)\"" }
}

/// Decodes CloudTrail records straight into column builders, materialising only the requested columns.
///
/// Keys match columns case-insensitively; everything not requested is skipped (validated, not decoded).
/// Values are read as Athena's JSON SerDe reads them into a varchar: strings unescaped, numbers as written,
/// booleans `true`/`false`, objects and arrays as compact JSON text; JSON null and absent keys are NULL.
/// A row (struct) column that receives something other than an object is NULL; so is an array column that
/// receives something other than an array. A key that occurs twice in one object: the first one counts.
public final class RecordProjector: RecordVisitor {
    /// The keys of an object's requested members, matched case-insensitively against the keys of the JSON.
    struct MemberKeys {
        let keys: [[UInt8]]
        // PERF: a (length, first byte) pre-check before comparing keys; most keys are rejected without a loop.
        let signatures: [UInt16]

        /// `keys` must be lower-case.
        init(_ keys: [[UInt8]]) {
            self.keys = keys
            signatures = keys.map { UInt16($0.count & 0xFF) << 8 | UInt16($0.first ?? 0) }
        }

        /// The index of the requested member `key` (a key token of `cursor`'s text) names, if any.
        @inline(__always)
        func index(of key: StringToken, in cursor: JSONCursor) -> Int? {
            if key.hasEscapes { return indexSlow(key, cursor) }
            let count = key.count
            guard count > 0, count < 256 else { return nil }
            let bytes = cursor.base + key.start
            let signature = UInt16(count) << 8 | UInt16(bytes[0].asciiLowercased)
            candidates: for index in 0..<signatures.count where signatures[index] == signature {
                let candidate = keys[index]
                for offset in 1..<count where bytes[offset].asciiLowercased != candidate[offset] { continue candidates }
                return index
            }
            return nil
        }

        func indexSlow(_ key: StringToken, _ cursor: JSONCursor) -> Int? {
            var bytes: [UInt8] = []
            cursor.appendUnescaped(key, to: &bytes)
            let lower = bytes.map(\.asciiLowercased)
            return keys.firstIndex(of: lower)
        }
    }

    final class Node {
        let builder: ColumnBuilder
        let children: [Node]
        let childKeys: MemberKeys

        init(builder: ColumnBuilder, fields: [Field]) {
            precondition(fields.count <= 64, "rows decode at most 64 requested fields")
            self.builder = builder
            switch builder.kind {
            case .row:
                children = builder.children.map { Node(builder: $0, fields: Node.subfields($0.type)) }
                childKeys = MemberKeys(fields.map { Array($0.name.utf8) })
            case .array, .map:
                children = builder.children.map { Node(builder: $0, fields: Node.subfields($0.type)) }
                childKeys = MemberKeys([])
            case .varchar, .int64, .double, .boolean:
                children = []
                childKeys = MemberKeys([])
            }
        }

        static func subfields(_ type: LogicalType) -> [Field] {
            if case .row(let fields) = type { return fields }
            return []
        }
    }

    /// A value computed from a top-level member's raw JSON while the record is decoded, into a varchar column of
    /// its own (a `json_extract_scalar` pushed into the scan): the member's text is never materialised for it.
    public struct Extract {
        /// The top-level column whose value it reads (`requestparameters`); matched like any column.
        public var column: String
        /// The output field's name.
        public var name: String
        /// Appends exactly one value (or NULL) to the builder, reading the member's value at the cursor (a copy:
        /// the decoder skips or decodes the value itself afterwards). A value the record lacks is NULL without a call.
        public var append: (JSONCursor, ColumnBuilder) -> Void

        public init(column: String, name: String, append: @escaping (JSONCursor, ColumnBuilder) -> Void) {
            self.column = column
            self.name = name
            self.append = append
        }
    }

    public let schema: [Field]
    private let root: Node
    /// The top-level members extracts read, and the extracts of each, by key index.
    private let extractKeys: MemberKeys
    private let extracts: [[(append: (JSONCursor, ColumnBuilder) -> Void, builder: ColumnBuilder)]]
    private let extractBuilders: [ColumnBuilder]
    private let partitionColumns: [(name: String, builder: ColumnBuilder)]
    /// The partition values (one per partition column) of the rows from `start` on, one run per `setPartition`;
    /// the first starts at row 0 (NULLs until a `setPartition`), and runs start in row order.
    private var partitionRuns: [(start: Int, values: [String?])]
    public private(set) var count = 0

    /// Decodes the given columns: top-level names (`eventname`, `useridentity`) or dotted paths into rows
    /// (`useridentity.sessioncontext.sessionissuer.arn`), which decode a row pruned to the named fields.
    /// Partition columns (`region`, `year`, …, `$path`) are filled from `setPartition`.
    public init(columns: [String], extracts: [Extract] = []) throws(ProjectionError) {
        var eventPaths: [[String]] = []
        var partitions: [String] = []
        for column in columns {
            let lower = column.lowercased()
            if CloudTrailSchema.partitionColumns.contains(where: { $0.name == lower }) {
                if !partitions.contains(lower) { partitions.append(lower) }
                continue
            }
            guard CloudTrailSchema.type(of: lower) != nil else { throw ProjectionError(column: column) }
            eventPaths.append(lower.split(separator: ".").map(String.init))
        }
        let fields = RecordProjector.prune(CloudTrailSchema.eventColumns, eventPaths)
        let rootBuilder = ColumnBuilder(type: .row(fields))
        root = Node(builder: rootBuilder, fields: fields)
        partitionColumns = partitions.map { ($0, ColumnBuilder(type: .varchar)) }
        partitionRuns = [(start: 0, values: partitions.map { _ in nil })]
        var sources: [String] = []
        var grouped: [[(append: (JSONCursor, ColumnBuilder) -> Void, builder: ColumnBuilder)]] = []
        var builders: [ColumnBuilder] = []
        for extract in extracts {
            let column = extract.column.lowercased()
            guard CloudTrailSchema.type(of: column) != nil, !column.contains(".") else { throw ProjectionError(column: extract.column) }
            let builder = ColumnBuilder(type: .varchar)
            builders.append(builder)
            if let index = sources.firstIndex(of: column) {
                grouped[index].append((extract.append, builder))
            } else {
                sources.append(column)
                grouped.append([(extract.append, builder)])
            }
        }
        precondition(sources.count <= 64, "records decode at most 64 extracted members")
        extractKeys = MemberKeys(sources.map { Array($0.utf8) })
        self.extracts = grouped
        extractBuilders = builders
        schema = fields + extracts.map { Field($0.name, .varchar) } + partitions.map { Field($0, .varchar) }
    }

    /// Keeps the fields named by `paths` (an empty path keeps a whole field), in schema order.
    static func prune(_ fields: [Field], _ paths: [[String]]) -> [Field] {
        fields.compactMap { field in
            let matching = paths.filter { $0.first == field.name }
            guard !matching.isEmpty else { return nil }
            let rest = matching.map { Array($0.dropFirst()) }
            if rest.contains(where: \.isEmpty) { return field }
            guard case .row(let subfields) = field.type else { return field }
            return Field(field.name, .row(prune(subfields, rest)))
        }
    }

    /// Whether any partition column is decoded (otherwise `setPartition` need not be called).
    public var readsPartitions: Bool { !partitionColumns.isEmpty }

    /// Whether `$path` is decoded (otherwise `setPartition`'s values need no path).
    public var readsPath: Bool { partitionColumns.contains { $0.name == "$path" } }

    /// Sets the partition values for the records that follow (call once per file).
    public func setPartition(_ values: PartitionValues) {
        guard readsPartitions else { return }
        let run = (start: count, values: partitionColumns.map { values.value(of: $0.name) })
        if partitionRuns[partitionRuns.count - 1].start == count { partitionRuns[partitionRuns.count - 1] = run } else { partitionRuns.append(run) }
    }

    public func visit(record cursor: inout JSONCursor, fileOffset: Int) throws(JSONError) {
        // Decode into the children of the root row; the root itself is never materialised.
        do {
            if extracts.isEmpty { try decodeMembers(of: root, &cursor) } else { try decodeRootWithExtracts(&cursor) }
        } catch {
            // A record that breaks off half way must not leave half a row behind.
            for child in root.children { child.builder.truncate(to: count) }
            for builder in extractBuilders { builder.truncate(to: count) }
            throw error
        }
        count += 1
    }

    /// Builds a batch of everything decoded since the last call.
    public func finish() -> Batch {
        var columns: [Column] = root.children.map { $0.builder.finish() }
        columns += extractBuilders.map { $0.finish() }
        // PERF: a file's partition values are filled in once per run of rows, not per record: looking the column
        // up by name and appending it for each record cost ~0.3 s of CPU over 1 M events (`WHERE day <= '99'`).
        for (index, (_, builder)) in partitionColumns.enumerated() {
            for (position, run) in partitionRuns.enumerated() {
                let end = position + 1 < partitionRuns.count ? partitionRuns[position + 1].start : count
                builder.appendString(run.values[index], repeating: end - run.start)
            }
            columns.append(builder.finish())
        }
        let batch = Batch(schema: schema, columns: columns, count: count)
        count = 0
        // The last values hold for the records that follow, until the next `setPartition`.
        partitionRuns.removeSubrange(0..<partitionRuns.count - 1)
        partitionRuns[0].start = 0
        return batch
    }

    // MARK: decoding

    private func decodeMembers(of node: Node, _ cursor: inout JSONCursor) throws(JSONError) {
        var seen: UInt64 = 0
        try cursor.forEachMember { key, member throws(JSONError) in try decodeMember(of: node, key, &member, &seen) }
        appendNulls(forUnseenOf: node, seen)
    }

    /// `decodeMembers(of: root)` that also runs the extracts on the members they read (the first of equal keys,
    /// as for columns).
    private func decodeRootWithExtracts(_ cursor: inout JSONCursor) throws(JSONError) {
        var seen: UInt64 = 0
        var extracted: UInt64 = 0
        try cursor.forEachMember { key, member throws(JSONError) in
            if let source = extractKeys.index(of: key, in: member), extracted & (1 << UInt64(source)) == 0 {
                extracted |= 1 << UInt64(source)
                for extract in extracts[source] { extract.append(member, extract.builder) }
            }
            try decodeMember(of: root, key, &member, &seen)
        }
        appendNulls(forUnseenOf: root, seen)
        for source in 0..<extracts.count where extracted & (1 << UInt64(source)) == 0 {
            for extract in extracts[source] { extract.builder.appendNull() }
        }
    }

    /// Decodes the member `key` of `node`'s object if it is requested and its first occurrence (`seen` has a bit
    /// per decoded child), else skips it.
    @inline(__always)
    private func decodeMember(of node: Node, _ key: StringToken, _ member: inout JSONCursor, _ seen: inout UInt64) throws(JSONError) {
        guard let index = node.childKeys.index(of: key, in: member), seen & (1 << UInt64(index)) == 0 else {
            try member.skipValue()
            return
        }
        seen |= 1 << UInt64(index)
        try decodeValue(node.children[index], &member)
    }

    /// A requested member the object lacks is NULL.
    @inline(__always)
    private func appendNulls(forUnseenOf node: Node, _ seen: UInt64) {
        guard seen.nonzeroBitCount != node.children.count else { return }
        for index in 0..<node.children.count where seen & (1 << UInt64(index)) == 0 {
            node.children[index].builder.appendNull()
        }
    }

    private func decodeValue(_ node: Node, _ cursor: inout JSONCursor) throws(JSONError) {
        let builder = node.builder
        switch builder.kind {
        case .varchar, .int64, .double, .boolean:
            // The CloudTrail table has only varchar scalars (Athena's DDL).
            try RecordProjector.appendVarchar(builder, &cursor)
        case .row:
            if cursor.peek() == 0x7B {
                try decodeMembers(of: node, &cursor)
                builder.commitRow()
            } else {
                try cursor.skipValue()
                builder.appendNull()
            }
        case .array:
            if cursor.peek() == 0x5B {
                let element = node.children[0]
                try cursor.forEachElement { _, item throws(JSONError) in try decodeValue(element, &item) }
                builder.commitArray()
            } else {
                try cursor.skipValue()
                builder.appendNull()
            }
        case .map:
            if cursor.peek() == 0x7B {
                let keys = node.children[0].builder
                let values = node.children[1]
                try cursor.forEachMember { key, member throws(JSONError) in
                    member.appendUnescaped(key, to: &keys.bytes)
                    keys.commitString()
                    try decodeValue(values, &member)
                }
                builder.commitArray()
            } else {
                try cursor.skipValue()
                builder.appendNull()
            }
        }
    }

    /// A JSON value read into a varchar the way Athena's SerDe does.
    static func appendVarchar(_ builder: ColumnBuilder, _ cursor: inout JSONCursor) throws(JSONError) {
        switch cursor.peek() {
        case 0x22:
            let token = try cursor.scanString()
            cursor.appendUnescaped(token, to: &builder.bytes)
            builder.commitString()
        case 0x6E:
            try cursor.skipValue()
            builder.appendNull()
        case 0x7B, 0x5B:
            let start = cursor.position
            try cursor.skipValue()
            cursor.appendCompact(from: start, to: cursor.position, into: &builder.bytes)
            builder.commitString()
        default:
            let start = cursor.position
            try cursor.skipValue()
            builder.bytes.append(contentsOf: UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start))
            builder.commitString()
        }
    }
}
