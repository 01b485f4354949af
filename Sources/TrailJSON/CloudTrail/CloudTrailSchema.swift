import TrailColumnar

/// The CloudTrail table: Athena's documented CloudTrail DDL (all scalars varchar; `useridentity`, `addendum`,
/// `tlsdetails` rows; `resources` an array of rows), then the fields that DDL misses but real events carry.
///
/// Column names are the lower-cased JSON keys, so a record's keys match them case-insensitively as Athena's
/// JSON SerDe does (`ARN` → `arn`, `sourceIPAddress` → `sourceipaddress`). Partition columns come from the
/// path, not the event, and are listed separately.
public enum CloudTrailSchema {
    static let sessionIssuer = LogicalType.row([
        Field("type", .varchar), Field("principalid", .varchar), Field("arn", .varchar),
        Field("accountid", .varchar), Field("username", .varchar),
    ])

    static let sessionContext = LogicalType.row([
        Field("attributes", .row([Field("mfaauthenticated", .varchar), Field("creationdate", .varchar)])),
        Field("sessionissuer", sessionIssuer),
        Field("ec2roledelivery", .varchar),
        Field("webidfederationdata", .row([
            Field("federatedprovider", .varchar), Field("attributes", .map(.varchar, .varchar)),
        ])),
        // Not in Athena's DDL; present in events since eventVersion 1.08.
        Field("sourceidentity", .varchar),
    ])

    public static let userIdentity = LogicalType.row([
        Field("type", .varchar), Field("principalid", .varchar), Field("arn", .varchar),
        Field("accountid", .varchar), Field("invokedby", .varchar), Field("accesskeyid", .varchar),
        Field("username", .varchar),
        Field("onbehalfof", .row([Field("userid", .varchar), Field("identitystorearn", .varchar)])),
        Field("sessioncontext", sessionContext),
        // Not in Athena's DDL; present in newer events.
        Field("inscopeof", .row([
            Field("issuertype", .varchar), Field("credentialsissuedto", .varchar), Field("issueraccountid", .varchar),
        ])),
        Field("identityprovider", .varchar),
        Field("credentialid", .varchar),
    ])

    /// The event columns, in Athena's order, then the additions.
    public static let eventColumns: [Field] = [
        Field("eventversion", .varchar),
        Field("useridentity", userIdentity),
        Field("eventtime", .varchar),
        Field("eventsource", .varchar),
        Field("eventname", .varchar),
        Field("awsregion", .varchar),
        Field("sourceipaddress", .varchar),
        Field("useragent", .varchar),
        Field("errorcode", .varchar),
        Field("errormessage", .varchar),
        Field("requestparameters", .varchar),
        Field("responseelements", .varchar),
        Field("additionaleventdata", .varchar),
        Field("requestid", .varchar),
        Field("eventid", .varchar),
        Field("resources", .array(.row([Field("arn", .varchar), Field("accountid", .varchar), Field("type", .varchar)]))),
        Field("eventtype", .varchar),
        Field("apiversion", .varchar),
        Field("readonly", .varchar),
        Field("recipientaccountid", .varchar),
        Field("serviceeventdetails", .varchar),
        Field("sharedeventid", .varchar),
        Field("vpcendpointid", .varchar),
        Field("vpcendpointaccountid", .varchar),
        Field("eventcategory", .varchar),
        Field("addendum", .row([
            Field("reason", .varchar), Field("updatedfields", .varchar), Field("originalrequestid", .varchar),
            Field("originaleventid", .varchar),
        ])),
        Field("sessioncredentialfromconsole", .varchar),
        Field("edgedevicedetails", .varchar),
        Field("tlsdetails", .row([
            Field("tlsversion", .varchar), Field("ciphersuite", .varchar), Field("clientprovidedhostheader", .varchar),
        ])),
        // Not in Athena's DDL, but carried by real events.
        Field("managementevent", .varchar),
        Field("insightdetails", .varchar),
        Field("eventcontext", .varchar),
    ]

    /// Columns that hold a JSON value's text (compact, keys in their original order); a JSON string value is
    /// the plain string. Every varchar column reads objects and arrays this way, these are the ones meant to.
    public static let jsonTextColumns: Set<String> = [
        "requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails", "edgedevicedetails",
        "insightdetails", "eventcontext",
    ]

    /// Partition columns, from the object key: classic (`region/year/month/day`) and projection style
    /// (`accountid/region/date`), plus the file path.
    public static let partitionColumns: [Field] = [
        Field("region", .varchar), Field("year", .varchar), Field("month", .varchar), Field("day", .varchar),
        Field("accountid", .varchar), Field("date", .varchar), Field("$path", .varchar),
    ]

    /// Every column of the table.
    public static var allColumns: [Field] { eventColumns + partitionColumns }

    /// The type of a dotted column path (`useridentity.sessioncontext.sessionissuer.arn`), if it exists.
    public static func type(of path: String) -> LogicalType? {
        let parts = path.lowercased().split(separator: ".").map(String.init)
        guard let first = parts.first, var type = allColumns.first(where: { $0.name == first })?.type else { return nil }
        for part in parts.dropFirst() {
            guard case .row(let fields) = type, let field = fields.first(where: { $0.name == part }) else { return nil }
            type = field.type
        }
        return type
    }
}
