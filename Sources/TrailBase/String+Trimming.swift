extension String {
    /// Without leading and trailing spaces (U+0020 only).
    public var trimmingSpaces: String { trimming { $0 == " " } }

    /// Without leading and trailing spaces, tabs and newlines.
    public var trimmingWhitespace: String { trimming { $0 == " " || $0 == "\t" || $0 == "\n" } }

    private func trimming(_ isTrimmed: (Character) -> Bool) -> String {
        var text = Substring(self)
        while let first = text.first, isTrimmed(first) { text.removeFirst() }
        while let last = text.last, isTrimmed(last) { text.removeLast() }
        return String(text)
    }
}
