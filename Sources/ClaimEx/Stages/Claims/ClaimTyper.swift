import Patterns

/// Types one stretch of text with the claim rules of `rules/claims/`. Shared by the claim
/// stage (sentences and quote contents) and `claimex classify` (one sentence a line).
public struct ClaimTyper: Sendable {
    struct TypedRule: Sendable {
        let compiled: CompiledRule
        let type: ClaimType
    }

    let rules: [TypedRule]

    public init(rules: RuleSet) {
        self.rules = rules.claims.compactMap { rule in
            ClaimType(rawValue: rule.spec.kind).map { TypedRule(compiled: rule, type: $0) }
        }
    }

    /// What the rules found in one text.
    public struct Verdict: Sendable, Equatable {
        /// Types in schema order, each once.
        public var types: [ClaimType]
        /// The first rule that fired, for the record's `rule` field.
        public var rule: String?
        /// A checkable claim: some type other than `opinion`.
        public var isClaim: Bool { types.contains { $0 != .opinion } }
        /// 0–1: how much a fact-checker would want to look. Until the learnt model of the
        /// claims issue exists: the strongest firing rule's confidence, raised a little for
        /// every further type, and low for text that makes no checkable claim.
        public var checkworthy: Double

        public static let none = Verdict(types: [], rule: nil, checkworthy: 0.05)
    }

    /// Types the bytes in `ranges` (one text, possibly in parts). Rules that hit a match limit
    /// are reported through `warning` and skipped.
    public func classify(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], scratch: MatchScratch,
        warning: (String, Error) -> Void = { _, _ in }
    ) -> Verdict {
        var found: Set<ClaimType> = []
        var firstRule: String?
        var best = 0.0
        for rule in rules where !found.contains(rule.type) {
            var hit = false
            do {
                for range in ranges where !hit {
                    try rule.compiled.pattern.forEachMatch(in: buf, range: range, scratch: scratch) { _ in
                        hit = true
                        return false
                    }
                }
            } catch {
                warning(rule.compiled.spec.id, error)
            }
            if hit {
                found.insert(rule.type)
                if firstRule == nil { firstRule = rule.compiled.spec.id }
                best = max(best, rule.compiled.spec.confidence)
            }
        }
        guard !found.isEmpty else { return .none }
        let types = found.sorted()
        let checkable = types.filter { $0 != .opinion }.count
        let score = checkable == 0 ? 0.2 : min(1, best * 0.7 + 0.1 * Double(checkable - 1))
        return Verdict(types: types, rule: firstRule, checkworthy: (score * 1000).rounded() / 1000)
    }
}
