import ArgumentParser
import TrailJSON

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print the CloudTrail table's columns and their types.")

    func run() throws {
        let width = CloudTrailSchema.allColumns.map(\.name.count).max() ?? 0
        for field in CloudTrailSchema.eventColumns {
            print(field.name.padding(width) + "  " + field.type.description)
        }
        for field in CloudTrailSchema.partitionColumns {
            print(field.name.padding(width) + "  " + field.type.description + "  (partition: from the file's path)")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
