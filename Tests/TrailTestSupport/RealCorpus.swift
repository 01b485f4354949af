import Foundation

/// The data files of ../shared/corpus/real, chosen as its SOURCES.md says to count records: every
/// `*.records.json`, and every JSON or gzip file that has no `.records.json` beside it; originals in other
/// formats (YAML, Markdown, JSONL, zip, MANIFEST.tsv) are left out.
public enum RealCorpus {
    /// Records in the corpus (SOURCES.md: 18,719 after removing one unlicensed source).
    public static let expectedRecordCount = 18_719
    /// Digest files in the corpus (they are not events).
    public static let expectedDigestCount = 2

    public static func dataFiles() throws -> [String] {
        let root = Fixtures.realCorpus
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var all: Set<String> = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            all.insert(url.path)
        }
        return all.filter { path in
            if path.hasSuffix(".records.json") { return true }
            guard path.hasSuffix(".json") || path.hasSuffix(".json.gz") else { return false }
            return !all.contains(path + ".records.json")
        }.sorted()
    }
}
