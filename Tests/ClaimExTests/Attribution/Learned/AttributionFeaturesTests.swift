import Testing
@testable import ClaimEx

/// Keeps every feature's name, key and (for a given table) weight.
struct NamedFeatures: FeatureSink {
    var table: WeightTable?
    var items: [(name: String, key: UInt64)] = []
    var sum: Float = 0
    mutating func add(_ key: UInt64, _ name: @autoclosure () -> String) {
        items.append((name(), key))
        if let table { sum += table[key] }
    }
}

@Suite struct AttributionFeaturesTests {
    static let sentences = [
        #"Defence Minister Yasar Guler told Reuters on Tuesday that “no decision” had been made, adding: we'll see."#,
        "Abortion opponents, meanwhile, pushed for a ban — and the mayor declined to comment.",
        "Café owners in São Paulo said prices rose 4% in 2019, according to the ministry.",
        "\u{308}weird combining start, then said it.",
    ]

    static let lexicon = Fixtures.rules.attributionModel?.features.lexicon
        ?? (try! TokenLexicon.load(directory: Fixtures.rulesDirectory + "/lexicons"))

    static func load(_ text: String, _ body: (TokenizedSentence, UnsafeBufferPointer<UInt8>) -> Void) {
        var t = text
        t.withUTF8 { buf in
            var s = TokenizedSentence()
            s.load(buf, range: 0..<buf.count, startsInsideQuote: false, lexicon: lexicon)
            body(s, buf)
        }
    }

    /// Every feature of every decision: (name, key) as the file and the hot path see them.
    static func allFeatures(_ s: TokenizedSentence, _ buf: UnsafeBufferPointer<UInt8>, table: WeightTable? = nil) -> [NamedFeatures] {
        let f = AttributionFeatures(lexicon: lexicon)
        var out: [NamedFeatures] = []
        let words = s.tokens.indices.filter { s.tokens[$0].isWord }
        for k in words {
            var n = NamedFeatures(table: table)
            f.cue(s, k, buf, into: &n)
            out.append(n)
        }
        for h in words.prefix(3) {
            for j in s.tokens.indices where j != h && s.tokens[j].isWord {
                for t in [AttributionFeatures.contentStart, AttributionFeatures.contentEnd] {
                    var n = NamedFeatures(table: table)
                    f.contentBoundary(t, s, head: h, at: j, buf, into: &n)
                    out.append(n)
                }
                for t in [AttributionFeatures.sourceStart, AttributionFeatures.sourceEnd] {
                    for after in [true, false] {
                        var n = NamedFeatures(table: table)
                        f.sourceBoundary(t, s, head: h, contentAfter: after, at: j, buf, into: &n)
                        out.append(n)
                    }
                }
            }
            var n = NamedFeatures(table: table)
            let facts = AttributionFeatures.CandidateFacts(
                cueProbability: 0.73, contentScore: -1.7, sourceScore: -0.2, source: (0, 1), contentWords: 7, contentAfter: true,
                kind: .mixed, ruleQuoteInSentence: true, heads: 2)
            f.candidate(facts, s, head: h, buf, into: &n)
            out.append(n)
        }
        return out
    }

    /// A weight loaded from the file applies only if the key made from its name is the key the
    /// scorer makes from the text's bytes.
    @Test(arguments: sentences)
    func namesAndBytesGiveTheSameKeys(_ text: String) {
        AttributionFeaturesTests.load(text) { s, buf in
            let all = AttributionFeaturesTests.allFeatures(s, buf)
            #expect(!all.isEmpty)
            for decision in all {
                for (name, key) in decision.items {
                    #expect(FeatureKey.key(ofName: name) == key, "\(name)")
                    #expect(!name.contains("\t") && !name.contains("\n"), "\(name)")
                }
            }
        }
    }

    /// Random weights on every feature the sentences have, so that any template the fast
    /// scorers got wrong shows.
    static func randomTable(seed: UInt64) -> WeightTable {
        var keys = Set<UInt64>()
        for text in sentences {
            load(text) { s, buf in
                for d in allFeatures(s, buf) { keys.formUnion(d.items.map(\.key)) }
            }
        }
        var rng = SplitMix64(seed: seed)
        return WeightTable(keys.sorted().map { (key: $0, weight: Float(Int(rng.next() % 2001) - 1000) / 1000) })
    }

    @Test(arguments: sentences)
    func fastScorersAddWhatTheFeaturesAdd(_ text: String) {
        let table = AttributionFeaturesTests.randomTable(seed: 7)
        let cue = CueScorer(table, lexicon: AttributionFeaturesTests.lexicon)
        let boundaries = BoundaryScorer(table)
        let f = AttributionFeatures(lexicon: AttributionFeaturesTests.lexicon)
        AttributionFeaturesTests.load(text) { s, buf in
            let words = s.tokens.indices.filter { s.tokens[$0].isWord }
            for k in words {
                var n = NamedFeatures(table: table)
                f.cue(s, k, buf, into: &n)
                #expect(abs(cue.score(s, k, buf, features: f) - n.sum) < 1e-3, "cue at \(k)")
            }
            for h in words.prefix(3) {
                for j in words where j != h {
                    let bases = boundaries.bases(s, at: j)
                    let pair = boundaries.contentPair(s, head: h, start: boundaries.headWeights(boundaries.contentStart, s, head: h),
                                                      end: boundaries.headWeights(boundaries.contentEnd, s, head: h), at: j)
                    for (t, i, fast) in [(AttributionFeatures.contentStart, 0, pair.start), (AttributionFeatures.contentEnd, 1, pair.end)] {
                        var n = NamedFeatures(table: table)
                        f.contentBoundary(t, s, head: h, at: j, buf, into: &n)
                        #expect(abs(bases[i] + fast - n.sum) < 1e-3, "\(t.prefix) at \(j) for head \(h)")
                    }
                    let source = [(AttributionFeatures.sourceStart, boundaries.sourceStart, 2), (AttributionFeatures.sourceEnd, boundaries.sourceEnd, 3)]
                    for (t, m, i) in source {
                        for after in [true, false] {
                            var n = NamedFeatures(table: table)
                            f.sourceBoundary(t, s, head: h, contentAfter: after, at: j, buf, into: &n)
                            let fast = bases[i] + boundaries.source(m, s, head: h, contentAfter: after, cue: boundaries.headWeights(m, s, head: h), at: j)
                            #expect(abs(fast - n.sum) < 1e-3, "\(t.prefix) at \(j) for head \(h)")
                        }
                    }
                }
            }
        }
    }

    /// The bound that lets the decoder skip a head is never below the candidate's real score.
    @Test func headBoundIsAnUpperBound() {
        let table = AttributionFeaturesTests.randomTable(seed: 11)
        let f = AttributionFeatures(lexicon: AttributionFeaturesTests.lexicon)
        let bound = AttributionFeatures.maxDecodedWeight(table)
        AttributionFeaturesTests.load(AttributionFeaturesTests.sentences[0]) { s, buf in
            for contentWords in [1, 3, 12] {
                for after in [true, false] {
                    for kind in [Quote.Kind.direct, .indirect, .mixed] {
                        let facts = AttributionFeatures.CandidateFacts(
                            cueProbability: 0.5, contentScore: -2.5, sourceScore: after ? nil : -0.1, source: after ? nil : (0, 2),
                            contentWords: contentWords, contentAfter: after, kind: kind, ruleQuoteInSentence: false, heads: 1)
                        var head = WeightSum(table: table), all = WeightSum(table: table)
                        f.candidateHead(facts, s, head: 4, buf, into: &head)
                        f.candidate(facts, s, head: 4, buf, into: &all)
                        #expect(all.sum <= head.sum + bound + 1e-4)
                    }
                }
            }
        }
    }
}
