/// `concat(string1, …, stringN) → varchar` (and `||`): the strings joined; NULL when any argument is NULL.
///
///     concat(eventSource, ':', eventName)   -- 's3.amazonaws.com:GetObject'
public enum Concat {
    /// Appends the result; returns false (appending nothing) when any argument is NULL.
    public static func evaluate(_ values: [UnsafeRawBufferPointer?], into output: inout [UInt8]) -> Bool {
        guard values.allSatisfy({ $0 != nil }) else { return false }
        for value in values { output.append(contentsOf: value!.bindMemory(to: UInt8.self)) }
        return true
    }

    public static func evaluate(_ values: [String?]) -> String? {
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        return values.map { $0! }.joined()
    }
}
