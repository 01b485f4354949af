import TrailBase

/// Reads the INI dialect of `~/.aws/config` and `~/.aws/credentials` the way botocore's configloader does
/// (Python's RawConfigParser plus nested sub-sections):
///
///     # comment            ; comment
///     [profile dev]        # a comment after a header is allowed
///     Region = eu-west-1   ← keys are lower-cased; `:` also separates; values keep any `#`
///     s3 =
///       addressing_style = path   ← nested: stored as "s3.addressing_style"
///
/// An indented line after a key with a value continues that value on a new line. Repeated sections merge,
/// later keys winning.
struct ConfigINIParser {
    /// Sections in order of first appearance, each with its keys.
    struct Section {
        var name: String
        var values: [String: String]
    }

    /// Shown in errors, e.g. `/home/me/.aws/config`.
    let path: String

    func parse(_ text: String) throws(AWSConfigError) -> [Section] {
        var sections: [Section] = []
        var indexByName: [String: Int] = [:]
        var currentSection: Int?
        // The key that indented lines belong to, its indentation, and whether it opened a nested block.
        var openKey: (name: String, indent: Int, isNested: Bool)?

        for (offset, rawLine) in lines(of: text).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix(";") { continue }

            if indent > 0, let key = openKey, indent > key.indent, let sectionIndex = currentSection {
                let continuation = String(content).trimmingWhitespace
                if key.isNested {
                    let (subKey, subValue) = try split(keyValue: content, lineNumber: lineNumber)
                    sections[sectionIndex].values["\(key.name).\(subKey)"] = subValue
                } else {
                    sections[sectionIndex].values[key.name, default: ""] += "\n" + continuation
                }
                continue
            }

            if content.hasPrefix("[") {
                guard let close = content.lastIndex(of: "]") else {
                    throw malformed(lineNumber, "a section header without its closing `]`")
                }
                let name = String(content[content.index(after: content.startIndex)..<close]).trimmingWhitespace
                if let existing = indexByName[name] {
                    currentSection = existing
                } else {
                    indexByName[name] = sections.count
                    currentSection = sections.count
                    sections.append(Section(name: name, values: [:]))
                }
                openKey = nil
                continue
            }

            guard let sectionIndex = currentSection else {
                throw malformed(lineNumber, "a setting before any [section] header")
            }
            let (key, value) = try split(keyValue: content, lineNumber: lineNumber)
            sections[sectionIndex].values[key] = value
            openKey = (key, indent, value.isEmpty)
        }
        return sections
    }

    /// "\r\n" is one Character in Swift, so a split on "\n" alone would keep Windows files in one line.
    private func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    /// `key = value` or `key: value`, split at whichever separator comes first.
    private func split(keyValue content: Substring, lineNumber: Int) throws(AWSConfigError) -> (String, String) {
        guard let separator = content.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            throw malformed(lineNumber, "expected `key = value`")
        }
        let key = String(content[..<separator]).trimmingWhitespace.lowercased()
        let value = String(content[content.index(after: separator)...]).trimmingWhitespace
        guard !key.isEmpty else { throw malformed(lineNumber, "a setting without a name") }
        return (key, value)
    }

    private func malformed(_ lineNumber: Int, _ problem: String) -> AWSConfigError {
        AWSConfigError("\(path):\(lineNumber): \(problem)", hint: "fix or remove that line")
    }
}
