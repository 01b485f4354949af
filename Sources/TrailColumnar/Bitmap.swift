/// A packed bit vector: validity (1 = not NULL) and selections.
public struct Bitmap: Sendable, Equatable {
    public var words: [UInt64] = []
    public var count = 0

    public init() {}

    public init(repeating value: Bool, count: Int) {
        words = Array(repeating: value ? ~0 : 0, count: (count + 63) >> 6)
        // Bits past `count` stay 0, so `append(false)` after this leaves a 0 and `isAllSet` can compare words.
        if value && count & 63 != 0 { words[words.count - 1] = (1 << UInt64(count & 63)) - 1 }
        self.count = count
    }

    @inlinable
    public subscript(index: Int) -> Bool {
        get { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
        set {
            if newValue { words[index >> 6] |= 1 << UInt64(index & 63) } else { words[index >> 6] &= ~(1 << UInt64(index & 63)) }
        }
    }

    @inlinable
    public mutating func append(_ value: Bool) {
        if count & 63 == 0 { words.append(0) }
        if value { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// True when every bit is 1 (no NULLs).
    public var isAllSet: Bool {
        let full = count >> 6
        for index in 0..<full where words[index] != ~0 { return false }
        let rest = count & 63
        return rest == 0 || words[full] == (1 << UInt64(rest)) - 1  // bits past `count` are always 0
    }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        words.removeAll(keepingCapacity: keepingCapacity)
        count = 0
    }

    /// Drops the bits from `newCount` on.
    public mutating func truncate(to newCount: Int) {
        guard newCount < count else { return }
        words.removeLast(words.count - (newCount + 63) >> 6)
        if newCount & 63 != 0 { words[words.count - 1] &= (1 << UInt64(newCount & 63)) - 1 }
        count = newCount
    }
}
