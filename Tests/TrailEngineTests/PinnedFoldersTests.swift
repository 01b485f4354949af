import Testing
import TrailExec
import TrailPlan
import TrailSQL
import TrailSource

@testable import TrailEngine

/// The sub-folders a query names below CloudTrail's kind and region folders, which the walk visits without listing.
@Suite("folders a query names")
struct PinnedFoldersTests {
    static let kind = "/logs/AWSLogs/111122223333/CloudTrail"
    static let region = kind + "/eu-west-1"

    static func subfolders(_ whereClause: String, below folder: String) throws -> [String]? {
        let plan = Optimizer.optimize(try Analyzer.plan(try SQLParser.parse("SELECT count(*) FROM t WHERE " + whereClause)))
        let pruner = try PartitionPruner(node: plan.scans[0], context: EvaluationContext(startMillis: 0))
        return pruner.folderPruning.subfolders(CloudTrailLocation.folderPart(of: folder))
    }

    @Test("regions from =, IN and OR; a region folder name has no slash")
    func regions() throws {
        #expect(try Self.subfolders("region IN ('us-east-1', 'eu-west-1')", below: Self.kind) == ["eu-west-1", "us-east-1"])
        #expect(try Self.subfolders("region = 'eu-west-1' OR region = 'ap-south-1'", below: Self.kind) == ["ap-south-1", "eu-west-1"])
        #expect(try Self.subfolders("region IN ('us-east-1', 'eu-west-1') AND region = 'eu-west-1'", below: Self.kind) == ["eu-west-1"])
        #expect(try Self.subfolders("region = 'a/b'", below: Self.kind) == [])
        // Not named, or named in a way a folder cannot settle: the kind folder is listed.
        #expect(try Self.subfolders("date = '2024/01/03'", below: Self.kind) == nil)
        #expect(try Self.subfolders("region <> 'eu-west-1'", below: Self.kind) == nil)
        #expect(try Self.subfolders("region = 'eu-west-1' OR date = '2024/01/03'", below: Self.kind) == nil)
        #expect(try Self.subfolders("region = 'eu-west-1'", below: "/logs/AWSLogs/111122223333") == nil)
    }

    @Test("days from date, year + month + day and a closed eventtime range, below a region folder only")
    func days() throws {
        #expect(try Self.subfolders("date IN ('2024/01/03', '2024/02/30', '2024/1/4')", below: Self.region) == ["2024/01/03"])
        #expect(try Self.subfolders("year = '2024' AND month = '12' AND day IN ('31', '01')", below: Self.region)
                == ["2024/12/01", "2024/12/31"])
        // Widened by a day on each side for late delivery, across a month's end.
        #expect(try Self.subfolders("eventtime BETWEEN '2024-01-31T00:00:00Z' AND '2024-02-01T12:00:00Z'", below: Self.region)
                == ["2024/01/30", "2024/01/31", "2024/02/01", "2024/02/02"])
        // An open range does not narrow the named days (the walk's admits(folder:) then refuses 2024/01/03).
        #expect(try Self.subfolders("date = '2024/01/03' AND eventtime >= '2024-01-05T00:00:00Z'", below: Self.region)
                == ["2024/01/03"])
        #expect(try Self.subfolders("date = '2024/01/03' AND eventtime BETWEEN '2024-01-05T00:00:00Z' AND '2024-01-06T00:00:00Z'",
                                    below: Self.region) == [])
        #expect(try Self.subfolders("eventtime >= '2024-01-05T00:00:00Z' AND eventtime < '2024-01-01T00:00:00Z'", below: Self.region) == [])
        // Open or long ranges, and a year alone, are walked.
        #expect(try Self.subfolders("eventtime >= '2024-01-01T00:00:00Z'", below: Self.region) == nil)
        #expect(try Self.subfolders("eventtime BETWEEN '2024-01-01T00:00:00Z' AND '2024-06-01T00:00:00Z'", below: Self.region) == nil)
        #expect(try Self.subfolders("year = '2024'", below: Self.region) == nil)
        // Only the region level names days.
        #expect(try Self.subfolders("date = '2024/01/03'", below: Self.region + "/2024") == nil)
    }
}
