/// The kinds of checkable statement fact-checkers triage by (Full Fact's schema, extended).
public enum ClaimType: String, Sendable, CaseIterable, Comparable {
    case quantity, comparison, prediction, causal, rules, personal, temporal, opinion

    public static func < (a: ClaimType, b: ClaimType) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A sentence in the article's own voice that makes a checkable claim.
public struct Claim: Sendable, Equatable {
    /// Byte range of the sentence.
    public var range: Range<Int>
    public var sentenceIndex: Int
    public var types: [ClaimType]
    public var checkworthy: Double
    /// Id of the rule that typed it (the first that fired).
    public var rule: String

    public init(range: Range<Int>, sentenceIndex: Int, types: [ClaimType], checkworthy: Double, rule: String) {
        self.range = range
        self.sentenceIndex = sentenceIndex
        self.types = types
        self.checkworthy = checkworthy
        self.rule = rule
    }
}
