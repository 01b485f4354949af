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
    ///
    /// PERF: works on the path's UTF-8 bytes; the `String.split`/`Character` version cost ~7% of a filter run
    /// over 24k small files (perf, filter benchmark), all of it serial in discovery.
    public init(path: String) {
        let components = Array(path.utf8).split(separator: 0x2F, omittingEmptySubsequences: true)
        guard let fileName = components.last else { return }
        parseFileName(fileName)
        parseFolders(components)
    }

    /// The location of the file `name` in a folder whose own part was parsed once by `folderPart(of:)`: the same
    /// as `init(path:)` of the joined path.
    ///
    /// PERF: discovery parses each folder once instead of once per file; with ~12 files per folder this took
    /// path parsing from ~40% of listing 24k files to ~10%.
    public init(fileName name: String, folder: FolderPart) {
        parseFileName(ArraySlice(name.utf8))
        if let organizationID = folder.location.organizationID { self.organizationID = organizationID }
        if let accountID = folder.location.accountID { self.accountID = accountID }
        if folder.hasKind {
            kind = folder.location.kind
            if let region = folder.location.region { self.region = region }
            year = folder.location.year ?? year
            month = folder.location.month ?? month
            day = folder.location.day ?? day
        }
    }

    /// What the folders of a path contribute to the locations of the files in it.
    public struct FolderPart: Sendable {
        /// What the folders say (the file name's part is empty).
        public internal(set) var location = CloudTrailLocation()
        /// A kind folder (`CloudTrail`, …) was found: region and date folders below it are positional.
        public internal(set) var hasKind = false

        /// A day folder of the standard layout (`…/CloudTrail/<region>/<yyyy>/<mm>/<dd>`): CloudTrail puts
        /// files there and nothing deeper.
        public var isDay: Bool { hasKind && location.day != nil }

        /// Every partition value of a file below comes from the folders (account, region and day): the file's name
        /// adds nothing, so files of this folder share their partition values.
        public var settlesAllPartitions: Bool {
            hasKind && location.accountID != nil && location.region != nil && location.year != nil
                && location.month != nil && location.day != nil
        }

        /// The partition values every file below this folder gets from it, whatever lies deeper: the account,
        /// then region, year, month and day as far as the folders go (`date` when all three are there).
        public var settledPartitions: [String: String] {
            var values: [String: String] = [:]
            if let account = location.accountID { values["accountid"] = account }
            guard hasKind else { return values }
            if let region = location.region { values["region"] = region }
            if let year = location.year { values["year"] = year }
            if let month = location.month { values["month"] = month }
            if let day = location.day { values["day"] = day }
            if let date = location.date { values["date"] = date }
            return values
        }
    }

    /// Parses `folder` (a directory path) for `init(fileName:folder:)`.
    public static func folderPart(of folder: String) -> FolderPart {
        var components = Array(folder.utf8).split(separator: 0x2F, omittingEmptySubsequences: true)
        components.append([])  // stands for the file name
        var part = FolderPart()
        part.hasKind = part.location.parseFolders(components)
        return part
    }

    /// The folder components (all but the last): `AWSLogs/[o-id/]<account>/<kind>/<region>/<yyyy>/<mm>/<dd>`.
    /// Returns whether a kind folder (`CloudTrail`, …) was found.
    @discardableResult
    private mutating func parseFolders(_ components: [ArraySlice<UInt8>]) -> Bool {
        var foundKind = false
        if let logsIndex = components.lastIndex(where: { $0.elementsEqual("AWSLogs".utf8) }) {
            var index = logsIndex + 1
            let last = components.count - 1
            if index < last, components[index].starts(with: "o-".utf8) {
                organizationID = String(decoding: components[index], as: UTF8.self)
                index += 1
            }
            if index < last, Self.isAccountID(components[index]) {
                accountID = String(decoding: components[index], as: UTF8.self)
                index += 1
            }
            if index < last, let folderKind = Kind(rawValue: String(decoding: components[index], as: UTF8.self)) {
                foundKind = true
                kind = folderKind
                index += 1
                let folders = components[index..<last]
                func digits(_ at: Int, _ count: Int) -> String? {
                    let position = folders.startIndex + at
                    guard position < folders.endIndex, folders[position].count == count,
                        folders[position].allSatisfy({ $0 &- 0x30 < 10 })
                    else { return nil }
                    return String(decoding: folders[position], as: UTF8.self)
                }
                if !folders.isEmpty { region = String(decoding: folders[folders.startIndex], as: UTF8.self) }
                year = digits(1, 4) ?? year
                month = digits(2, 2) ?? month
                day = digits(3, 2) ?? day
            }
        }
        return foundKind
    }

    /// `<account>_CloudTrail[-Digest|-Insight]_<region>_…`; digest names carry the trail name and a second region.
    private mutating func parseFileName(_ name: ArraySlice<UInt8>) {
        let parts = name.split(separator: 0x5F, omittingEmptySubsequences: false)
        guard parts.count >= 4, Self.isAccountID(parts[0]),
            let fileKind = Kind(rawValue: String(decoding: parts[1], as: UTF8.self))
        else { return }
        kind = fileKind
        accountID = String(decoding: parts[0], as: UTF8.self)
        region = String(decoding: parts[2], as: UTF8.self)
        // The delivery time is the first part shaped like yyyymmddThhmm[ss]Z.
        for part in parts.dropFirst(3) {
            let stem = part.split(separator: 0x2E, maxSplits: 1, omittingEmptySubsequences: false).first ?? part
            let start = stem.startIndex
            if stem.count >= 14, stem.last == 0x5A, stem[start + 8] == 0x54, stem[start..<start + 8].allSatisfy({ $0 &- 0x30 < 10 }) {
                let time = String(decoding: stem, as: UTF8.self)
                deliveryTime = time
                if year == nil {
                    let digits = Array(stem.prefix(8))
                    year = String(decoding: digits[0..<4], as: UTF8.self)
                    month = String(decoding: digits[4..<6], as: UTF8.self)
                    day = String(decoding: digits[6..<8], as: UTF8.self)
                }
                break
            }
        }
    }

    static func isAccountID(_ text: ArraySlice<UInt8>) -> Bool {
        text.count == 12 && text.allSatisfy { $0 &- 0x30 < 10 }
    }
}
