import Patterns

/// Types one stretch of text with the claim rules of `rules/claims/` and scores it with the
/// claim model beside them. Shared by the claim stage (sentences and quote contents),
/// `claimex classify` (one sentence a line), `explain` and the trainer.
///
/// The rules say *what kind* of claim a text makes (each type has a rule id a fact-checker
/// can look up); the model, which reads the rule hits as features, says *whether* it makes a
/// checkable claim and how check-worthy it is.
public struct ClaimTyper: Sendable {
    /// What matching needs of a rule, and no more: copying a whole `CompiledRule` (its spec's
    /// strings and examples) for every rule and sentence cost more than some patterns.
    struct TypedRule: Sendable {
        let pattern: Pattern
        let type: ClaimType
        let feature: ClaimFeatures.Named
        var id: String { String(feature.name.dropFirst(2)) }
    }

    let rules: [TypedRule]
    /// Which rules a text's words allow (`words:` in the rule files).
    let triggers: WordTriggers
    let model: ClaimModel?

    public init(rules: RuleSet) {
        self.init(rules: rules.claims, model: rules.claimModel)
    }

    /// The trainer types texts before any model exists.
    init(rules: [CompiledRule], model: ClaimModel?) {
        let typed = rules.filter { ClaimType(rawValue: $0.spec.kind) != nil }
        self.rules = typed.map { rule in
            TypedRule(pattern: rule.pattern, type: ClaimType(rawValue: rule.spec.kind)!,
                      feature: ClaimFeatures.Named("r:" + rule.spec.id))
        }
        triggers = WordTriggers(words: typed.map(\.spec.words))
        self.model = model
    }

    /// What the rules and the model found in one text.
    public struct Verdict: Sendable, Equatable {
        /// Types in schema order, each once. A text the model finds no claim in keeps only
        /// `opinion`; a claim drops `opinion`, so the types never contradict `isClaim`.
        public var types: [ClaimType]
        /// The first rule that fired, for the record's `rule` field.
        public var rule: String?
        /// A checkable claim, by the model (or, without a model, by the rules).
        public var isClaim: Bool
        /// 0–1: the model's probability that a fact-checker would want to check it,
        /// shifted so that 0.5 is the decision threshold.
        public var checkworthy: Double
        /// 0–1: the model's probability of a checkable claim (0.5 = the threshold).
        public var claimScore: Double

        public static let none = Verdict(types: [], rule: nil, isClaim: false, checkworthy: 0.05, claimScore: 0.05)
    }

    /// The rules that fired on one text, in rule order.
    public struct Hits: Sendable {
        public var types: [ClaimType] = []
        /// Indices into the typer's rules; `ClaimTyper.fired(_:)` names them.
        var indices: [Int] = []
    }

    /// The id and type of each rule in `hits`.
    public func fired(_ hits: Hits) -> [(id: String, type: ClaimType)] {
        hits.indices.map { (rules[$0].id, rules[$0].type) }
    }

    /// Runs the claim rules on the bytes in `ranges`: those whose words occur there (or that
    /// list none). Rules that hit a match limit are reported through `warning` and skipped.
    public func hits(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, scratch: MatchScratch,
        warning: (String, Error) -> Void = { _, _ in }
    ) -> Hits {
        var found: UInt16 = 0
        var hits = Hits()
        let ruleCount = rules.count
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: triggers.stride) { mask in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, ranges.count * ruleCount)) { latest in
                let sure = triggers.candidates(buf, ranges: ranges, into: mask, latest: latest)
                for index in rules.indices where WordTriggers.contains(mask, index) {
                    // A rule with words is tried only up to where the last of them (for
                    // `<digit>`, the last digit) starts in each range, and not in a range
                    // without one: most sentences hold a rule's word early, and PCRE2 would
                    // otherwise try every later position. Rules compiled without PCRE2's offset
                    // limit are searched whole.
                    let bounded = sure && triggers.hasPlaces(index) && rules[index].pattern.acceptsLatestStart
                    var hit = false
                    do {
                        for (k, range) in ranges.enumerated() where !hit {
                            let last = bounded ? latest[k * ruleCount + index] : nil
                            if let last, last < 0 { continue }
                            try rules[index].pattern.forEachMatch(in: buf, range: range, latestStart: last, scratch: scratch) { _ in
                                hit = true
                                return false
                            }
                        }
                    } catch {
                        warning(rules[index].id, error)
                    }
                    if hit {
                        found |= 1 << rules[index].type.index
                        hits.indices.append(index)
                    }
                }
            }
        }
        if found != 0 {
            hits.types = ClaimType.allCases.filter { found & (1 << $0.index) != 0 }
        }
        return hits
    }

    /// The model's features of a text whose rule hits are known.
    public func features(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, hits: Hits, namesWanted: Bool = false
    ) -> ClaimFeatures {
        var features = ClaimFeatures(namesWanted: namesWanted)
        addFeatures(buf, ranges: ranges, hits: hits, to: &features)
        return features
    }

    func addFeatures(_ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, hits: Hits,
                     to features: inout ClaimFeatures) {
        features.addWords(buf, ranges: ranges)
        for type in hits.types { features.add(ClaimFeatures.typeFeatures[type.index]) }
        for index in hits.indices { features.add(rules[index].feature) }
    }

    /// Types and scores the bytes in `ranges` (one text, possibly in parts).
    public func classify(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, scratch: MatchScratch,
        warning: (String, Error) -> Void = { _, _ in }
    ) -> Verdict {
        let hits = hits(buf, ranges: ranges, scratch: scratch, warning: warning)
        guard let model else { return verdict(hits, features: nil) }
        var features = ClaimFeatures(scoringWith: model)
        addFeatures(buf, ranges: ranges, hits: hits, to: &features)
        return verdict(hits, features: features)
    }

    /// Combines rule hits and model scores into the verdict.
    func verdict(_ hits: Hits, features: ClaimFeatures?) -> Verdict {
        let checkable = hits.types.contains { $0 != .opinion }
        guard let model, let features else {
            // Without a model (training): the rules alone.
            guard !hits.types.isEmpty else { return .none }
            return Verdict(types: hits.types, rule: hits.indices.first.map { rules[$0].id }, isClaim: checkable,
                           checkworthy: checkable ? 0.5 : 0.2, claimScore: checkable ? 0.5 : 0.2)
        }
        let (claim, worth) = model.score(features)
        // Check-worthy implies a claim (the scorer's and fact-checkers' hierarchy); a text
        // without a word claims nothing.
        let worded = features.wordCount > 0
        let isClaim = worded && (claim >= 0.5 || worth >= 0.5)
        let types = hits.types.filter { isClaim ? $0 != .opinion : $0 == .opinion }
        let ruleIndex = hits.indices.first { types.contains(rules[$0].type) }
        return Verdict(types: types, rule: ruleIndex.map { rules[$0].id }, isClaim: isClaim,
                       checkworthy: worded ? ClaimTyper.round3(worth) : Verdict.none.checkworthy,
                       claimScore: worded ? ClaimTyper.round3(claim) : Verdict.none.claimScore)
    }

    /// Everything `explain` shows: the verdict, the rules that fired, and the model's
    /// features with their weights, strongest first.
    public func explain(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, scratch: MatchScratch
    ) -> (verdict: Verdict, hits: Hits, contributions: [ClaimModel.Entry]) {
        let hits = hits(buf, ranges: ranges, scratch: scratch)
        let features = features(buf, ranges: ranges, hits: hits, namesWanted: true)
        return (verdict(hits, features: features), hits, model?.contributions(features) ?? [])
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}

extension ClaimType {
    /// Position in schema order, for bit sets and tables (no search, unlike `allCases.firstIndex`).
    var index: Int {
        switch self {
        case .quantity: 0
        case .comparison: 1
        case .prediction: 2
        case .causal: 3
        case .rules: 4
        case .personal: 5
        case .temporal: 6
        case .opinion: 7
        }
    }
}
