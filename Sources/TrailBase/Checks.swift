/// Limits that protect every parser from hostile input. Exceeding one is an error for that input, never a crash.
public enum InputLimits {
    /// Deepest JSON nesting a record may have. Real CloudTrail records nest < 20 levels.
    public static let maxJSONDepth = 1_000
}
