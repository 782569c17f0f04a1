/// A match as PCRE2 reported it, read straight from the worker's match data.
///
/// Non-copyable and only lent to a `forEachMatch` callback: it points into scratch
/// memory that the next match overwrites, so it must not escape. `result()` copies.
public struct Match: ~Copyable {
    // SAFETY: points at the ovector of the MatchScratch that produced the match; the
    // scratch outlives the callback this value is lent to and is not used for another
    // match until the callback returns.
    let ovector: UnsafeMutablePointer<Int>
    let groups: Int

    /// Byte range of the whole match.
    public var range: Range<Int> { ovector[0]..<ovector[1] }

    /// Byte range of capture group `index`, nil when the group did not take part.
    public func range(group index: Int) -> Range<Int>? {
        guard index >= 0, index < groups else { return nil }
        let start = ovector[2 * index]
        let end = ovector[2 * index + 1]
        // PCRE2_UNSET is SIZE_MAX, which reads as -1 through Int.
        guard start >= 0, end >= start else { return nil }
        return start..<end
    }

    /// A copy that outlives the callback.
    public func result() -> MatchResult {
        MatchResult(groups: (0..<groups).map { range(group: $0) })
    }
}

/// A match copied out of scratch memory.
public struct MatchResult: Sendable, Equatable {
    /// Group 0 is the whole match.
    public var groups: [Range<Int>?]

    public init(groups: [Range<Int>?]) { self.groups = groups }

    public var range: Range<Int> { groups[0]! }

    public func range(group index: Int) -> Range<Int>? {
        index >= 0 && index < groups.count ? groups[index] : nil
    }
}
