import TrailColumnar
import TrailJSON

/// What a FROM names. Every table name reads the query's sources as Athena's CloudTrail table; an event data store
/// id (CloudTrail Lake syntax) reads them as CloudTrail Lake presents events.
public enum TableKind: String, Hashable, Sendable {
    case cloudTrail
    case lake

    /// The table's columns, in `SELECT *` order.
    public var columns: [Field] {
        switch self {
        case .cloudTrail: return CloudTrailSchema.allColumns
        case .lake: return LakeSchema.columns.map { Field($0.name, $0.type) }
        }
    }

    /// How a decoded CloudTrail column becomes this table's column (identity for the Athena table).
    public func conversion(of column: String) -> ScanConversion {
        switch self {
        case .cloudTrail: return .none
        case .lake: return LakeSchema.columns.first { $0.name == column }?.conversion ?? .none
        }
    }

    public static let partitionColumnNames: Set<String> = Set(CloudTrailSchema.partitionColumns.map(\.name))

    /// Names common CloudTrail DDLs give the partition columns (the AWS docs' partition projection table calls the
    /// date `timestamp`), resolved to trailsql's columns. Not listed by `*` or `describe`.
    public static let partitionAliases: [String: String] = [
        "account": "accountid", "account_partition": "accountid", "region_partition": "region",
        "timestamp": "date", "date_partition": "date",
    ]
}

/// A conversion the scan applies after decoding (CloudTrail Lake's typed view of the same JSON).
public enum ScanConversion: String, Hashable, Sendable {
    case none
    /// ISO-8601 text → `timestamp(3)` (Lake's eventTime).
    case timestamp
    /// A JSON object's text → `map(varchar, varchar)`: strings unescaped, other values as JSON text.
    case jsonObjectToMap
    /// `true`/`false` text → boolean.
    case boolean
}

/// CloudTrail Lake's event schema: the same events, with eventTime a timestamp, the request/response documents
/// maps of varchar and the flags booleans (AWS "CloudTrail Lake event data store schema").
public enum LakeSchema {
    public struct Column: Sendable {
        public var name: String
        public var type: LogicalType
        public var conversion: ScanConversion
    }

    static let stringMap = LogicalType.map(.varchar, .varchar)

    public static let columns: [Column] = CloudTrailSchema.eventColumns.map { field in
        switch field.name {
        case "eventtime": return Column(name: field.name, type: .timestamp, conversion: .timestamp)
        case "requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails":
            return Column(name: field.name, type: stringMap, conversion: .jsonObjectToMap)
        case "readonly", "managementevent", "sessioncredentialfromconsole":
            return Column(name: field.name, type: .boolean, conversion: .boolean)
        default: return Column(name: field.name, type: field.type, conversion: .none)
        }
    }
}
