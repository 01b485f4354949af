/// An error from the environment (files, S3, gzip) with the context a user needs: what, where, and a hint.
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Byte offset in the file (inflated offset for JSON errors, compressed offset for gzip errors), if known.
    public var offset: Int?
    public var hint: String?

    public init(path: String, message: String, offset: Int? = nil, hint: String? = nil) {
        self.path = path
        self.message = message
        self.offset = offset
        self.hint = hint
    }

    public var description: String {
        var text = summary
        if let hint { text += " (\(hint))" }
        return text
    }

    /// Where and what, without the hint (for messages that show the hint on a line of its own).
    public var summary: String {
        var text = path
        if let offset { text += ": byte \(offset)" }
        return text + ": \(message)"
    }
}
