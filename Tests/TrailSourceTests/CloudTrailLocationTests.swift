import Testing
import TrailSource

@Suite("what a path says about a log file")
struct CloudTrailLocationTests {
    @Test("the classic layout gives account, region, date and delivery time")
    func classic() {
        let location = CloudTrailLocation(
            path: "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz")
        #expect(location.kind == .logs)
        #expect(location.organizationID == nil)
        #expect(location.accountID == "111122223333")
        #expect(location.region == "us-east-2")
        #expect(location.year == "2015" && location.month == "08" && location.day == "01")
        #expect(location.date == "2015/08/01")
        #expect(location.deliveryTime == "20150801T0210Z")
    }

    @Test("the organization layout gives the org id too")
    func organization() {
        let location = CloudTrailLocation(
            path: "AWSLogs/o-1234abcde/222222222222/CloudTrail/us-east-1/2025/03/06/222222222222_CloudTrail_us-east-1_20250306T0230Z_QF6qcgyiaVnSueXa.json.gz")
        #expect(location.organizationID == "o-1234abcde")
        #expect(location.accountID == "222222222222")
        #expect(location.region == "us-east-1")
        #expect(location.date == "2025/03/06")
    }

    @Test("digest files are recognised by folder and by name")
    func digest() {
        let byFolder = CloudTrailLocation(path: "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2015/08/17/x.json.gz")
        #expect(byFolder.kind == .digest)
        let byName = CloudTrailLocation(
            path: "/tmp/111122223333_CloudTrail-Digest_us-east-1_mytrail_us-east-1_20150817T150131Z.json.gz")
        #expect(byName.kind == .digest)
        #expect(byName.deliveryTime == "20150817T150131Z")
        #expect(byName.date == "2015/08/17")
    }

    @Test("Insights files are recognised")
    func insight() {
        let location = CloudTrailLocation(
            path: "AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2019/11/14/111122223333_CloudTrail-Insight_us-east-1_20191114T2220Z_abc.json.gz")
        #expect(location.kind == .insight)
        #expect(location.region == "us-east-1")
    }

    @Test("a loose file named like CloudTrail's still yields account, region and date")
    func looseFile() {
        let location = CloudTrailLocation(path: "downloads/974349055189_CloudTrail_sa-east-1_20180425T1900Z_Gzr0U5A09iwYlcvn.json.gz")
        #expect(location.accountID == "974349055189")
        #expect(location.region == "sa-east-1")
        #expect(location.date == "2018/04/25")
    }

    @Test("any other file has no partition values")
    func otherFile() {
        let location = CloudTrailLocation(path: "events.json")
        #expect(location.accountID == nil && location.region == nil && location.date == nil)
    }

    @Test("a folder parsed once and a file name give what the whole path gives", arguments: [
        "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0K.json.gz",
        "AWSLogs/o-1234abcde/222222222222/CloudTrail/us-east-1/2025/03/06/222222222222_CloudTrail_us-east-1_20250306T0230Z_Q.json.gz",
        "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2015/08/17/x.json.gz",
        "/tmp/111122223333_CloudTrail-Digest_us-east-1_mytrail_us-east-1_20150817T150131Z.json.gz",
        "AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2019/11/14/111122223333_CloudTrail-Insight_us-east-1_20191114T2220Z_abc.json.gz",
        "logs/111122223333_CloudTrail_eu-west-1_20240102T0000Z_a.json.gz",
        "AWSLogs/111122223333/CloudTrail/us-east-1/999999999999_CloudTrail-Digest_eu-west-1_20240102T0000Z_a.json.gz",
        "AWSLogs/111122223333/CloudTrail/111122223333_CloudTrail_eu-west-1_20240102T0000Z_a.json.gz",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2024/1/02/111122223333_CloudTrail_eu-west-1_20240102T0000Z_a.json.gz",
        "AWSLogs/CloudTrail/eu-west-1/2024/01/x.json",
        "a/b/c.json",
    ])
    func folderPart(path: String) {
        let slash = path.lastIndex(of: "/")!
        let folder = CloudTrailLocation.folderPart(of: String(path[..<slash]))
        let split = CloudTrailLocation(fileName: String(path[path.index(after: slash)...]), folder: folder)
        #expect(split == CloudTrailLocation(path: path))
    }

    /// Files as a scan meets them, folder after folder (one folder met again later): day folders, a file whose name
    /// says another account, region and day than its folder, folders that settle only some values or none, and
    /// loose files.
    static let filesInScanOrder = [
        "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0K.json.gz",
        "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0215Z_Zz.json.gz",
        "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/444455556666_CloudTrail_eu-west-3_20150802T0215Z_Zz.json.gz",
        "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/02/111122223333_CloudTrail_us-east-2_20150802T0000Z_A.json.gz",
        "AWSLogs/o-1234abcde/222222222222/CloudTrail/us-east-1/2025/03/06/222222222222_CloudTrail_us-east-1_20250306T0230Z_Q.json.gz",
        "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/111122223333_CloudTrail_us-east-2_20150809T0000Z_A.json.gz",
        "/b/AWSLogs/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0000Z_B.json.gz",
        "logs/111122223333_CloudTrail_eu-west-1_20240102T0000Z_a.json.gz",
        "111122223333_CloudTrail_eu-west-1_20240102T0000Z_b.json.gz",
        "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0220Z_Y.json.gz",
    ].map { LogFile(path: $0, size: 0, modificationTime: 0) }

    @Test("FileLocations, folder after folder, gives every file's own location")
    func fileLocations() {
        var locations = FileLocations()
        for file in Self.filesInScanOrder {
            #expect(locations.location(of: file) == file.location, "\(file.path)")
        }
    }

    @Test("partitionLocation gives every file its own partition values, from the folder alone where it settles them")
    func partitionLocations() {
        var locations = FileLocations()
        for file in Self.filesInScanOrder {
            let partition = locations.partitionLocation(of: file)
            let location = file.location
            #expect(partition.accountID == location.accountID, "\(file.path)")
            #expect(partition.region == location.region, "\(file.path)")
            #expect(partition.date == location.date, "\(file.path)")
            #expect(partition.year == location.year && partition.month == location.month, "\(file.path)")
        }
        let settled = CloudTrailLocation.folderPart(of: "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/")
        #expect(settled.settlesAllPartitions)
        #expect(!CloudTrailLocation.folderPart(of: "/b/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/").settlesAllPartitions)
        #expect(!CloudTrailLocation.folderPart(of: "logs/").settlesAllPartitions)
    }
}
