/// The kind of a JSON value, as seen from its first byte.
public enum JSONValueKind: UInt8, Sendable {
    case missing
    case null
    case `true`
    case `false`
    case number
    case string
    case object
    case array
}
