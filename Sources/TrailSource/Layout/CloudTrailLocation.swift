/// What a log file's path says about it: `AWSLogs/[o-id/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>`
/// and `<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<unique>.json.gz`.
///
/// Partition values come from here, never from the events (files are filed by delivery time).
public struct CloudTrailLocation: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case logs = "CloudTrail"
        case digest = "CloudTrail-Digest"
        case insight = "CloudTrail-Insight"
    }

    public var kind: Kind = .logs
    /// The organization id of an organization trail (`o-…`), when the path has one.
    public var organizationID: String?
    public var accountID: String?
    public var region: String?
    public var year: String?
    public var month: String?
    public var day: String?
    /// Delivery time from the file name, `yyyymmddThhmmZ` (digest files: `yyyymmddThhmmssZ`).
    public var deliveryTime: String?

    public init() {}

    /// `yyyy/mm/dd`, the `date` partition of projection-style tables.
    public var date: String? {
        guard let year, let month, let day else { return nil }
        return "\(year)/\(month)/\(day)"
    }

    /// Parses what it can from a path; every part is optional because loose files are common.
    public init(path: String) {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let fileName = components.last ?? ""
        parseFileName(fileName)
        if let logsIndex = components.lastIndex(of: "AWSLogs") {
            var index = logsIndex + 1
            if index < components.count - 1, components[index].hasPrefix("o-") {
                organizationID = components[index]
                index += 1
            }
            if index < components.count - 1, CloudTrailLocation.isAccountID(components[index]) {
                accountID = components[index]
                index += 1
            }
            if index < components.count - 1, let folderKind = Kind(rawValue: components[index]) {
                kind = folderKind
                index += 1
                let folders = Array(components[index..<(components.count - 1)])
                if folders.count >= 1 { region = folders[0] }
                if folders.count >= 2, folders[1].count == 4, folders[1].allSatisfy(\.isASCIIDigitCharacter) { year = folders[1] }
                if folders.count >= 3, folders[2].count == 2, folders[2].allSatisfy(\.isASCIIDigitCharacter) { month = folders[2] }
                if folders.count >= 4, folders[3].count == 2, folders[3].allSatisfy(\.isASCIIDigitCharacter) { day = folders[3] }
            }
        }
        // A loose file named like CloudTrail's still yields its date, from the delivery time.
        if year == nil, let deliveryTime, deliveryTime.count >= 8 {
            let digits = Array(deliveryTime)
            year = String(digits[0..<4])
            month = String(digits[4..<6])
            day = String(digits[6..<8])
        }
    }

    /// `<account>_CloudTrail[-Digest|-Insight]_<region>_…`; digest names carry the trail name and a second region.
    private mutating func parseFileName(_ name: String) {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, CloudTrailLocation.isAccountID(parts[0]), let fileKind = Kind(rawValue: parts[1]) else { return }
        kind = fileKind
        accountID = parts[0]
        region = parts[2]
        // The delivery time is the first part shaped like yyyymmddThhmm[ss]Z.
        for part in parts.dropFirst(3) {
            let stem = part.split(separator: ".").first.map(String.init) ?? part
            if stem.count >= 14, stem.hasSuffix("Z"), stem.dropFirst(8).first == "T",
                stem.prefix(8).allSatisfy(\.isASCIIDigitCharacter)
            {
                deliveryTime = stem
                break
            }
        }
    }

    static func isAccountID(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy(\.isASCIIDigitCharacter)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
