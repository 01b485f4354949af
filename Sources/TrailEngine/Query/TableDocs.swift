/// One-line descriptions of the CloudTrail table's columns, for `describe`.
enum TableDocs {
    static func comment(_ column: String) -> String {
        switch column {
        case "eventtime": return "ISO-8601 text (UTC); from_iso8601_timestamp(eventtime) for a timestamp"
        case "useridentity": return "who made the call"
        case "requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails":
            return "JSON text; read with json_extract_scalar(x, '$.key')"
        case "resources": return "resources the event touched"
        case "region", "year", "month", "day": return "from the file's folders (classic partitions)"
        case "accountid", "date": return "from the file's folders (partition projection style; date is yyyy/MM/dd)"
        case "$path": return "the file the event was read from"
        case "managementevent", "insightdetails", "eventcontext": return "not in Athena's DDL; read when present"
        default: return ""
        }
    }
}
