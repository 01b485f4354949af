/// The SQL dialects trailsql reads: Athena engine v3 (Trino) and CloudTrail Lake.
///
/// Both share one grammar (Lake is Trino too); they differ in the table a query names and in the table's shape
/// (in Lake, `eventTime` is a timestamp and `requestParameters` a `map(varchar, varchar)`), which the analyzer handles.
public enum SQLDialect: Sendable, Equatable {
    /// Athena engine version 3, i.e. Trino's grammar and semantics.
    case athena
    /// CloudTrail Lake: Trino-like, with `FROM <event data store id>` and maps for requestParameters.
    case cloudTrailLake

    /// The dialect a statement is written in: CloudTrail Lake when it reads from an event data store id
    /// (`FROM EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE`, `FROM $EDS_ID`), Athena otherwise.
    public init(detectingIn statement: Statement) {
        self = statement.tables.contains(where: \.isEventDataStore) ? .cloudTrailLake : .athena
    }
}
