import Testing
@testable import ClaimEx

@Suite struct BaseWordRowsTests {
    /// Random weights on every feature the test sentences have, by name, and the model pieces
    /// the loader makes from names: the weight table and the rows.
    static func randomModel(seed: UInt64) -> (WeightTable, BaseWordRows) {
        var named: [String: UInt64] = [:]
        for text in AttributionFeaturesTests.sentences {
            AttributionFeaturesTests.load(text) { s, buf in
                for d in AttributionFeaturesTests.allFeatures(s, buf) { for (name, key) in d.items { named[name] = key } }
            }
        }
        var rng = SplitMix64(seed: seed)
        var weights: [(key: UInt64, weight: Float)] = []
        var rows: [(template: UInt64, value: UInt64, weight: Float)] = []
        for (name, key) in named.sorted(by: { $0.key < $1.key }) {
            let w = Float(Int(rng.next() % 2001) - 1000) / 1000
            weights.append((key, w))
            var n = name
            let parts = n.withUTF8 { FeatureKey.parts(ofName: $0) }!
            if parts.count == 1 { rows.append((parts.template, parts.values.0, w)) }
        }
        return (WeightTable(weights), BaseWordRows(rows))
    }

    static func bases(_ scorer: BoundaryScorer, _ s: TokenizedSentence, _ buf: UnsafeBufferPointer<UInt8>) -> [SIMD4<Float>] {
        var out: [SIMD4<Float>] = []
        var offsets: [Int] = []
        let model = AttributionModel(cueThreshold: 0.5, sourceThreshold: 0.05, gate: KeyTable([], missing: false),
                                     weights: scorer.weights, lexicon: AttributionFeaturesTests.lexicon, rows: scorer.rows)
        model.boundaryBases(s, buf, into: &out, rows: &offsets)
        return out
    }

    /// The rows give the very floats the lookups give (same weights, same order of addition),
    /// on every token, at the sentence's edges and beside punctuation, for all four models.
    @Test(arguments: AttributionFeaturesTests.sentences)
    func rowsGiveTheLookupsFloats(_ text: String) {
        for seed: UInt64 in [3, 11, 42] {
            let (table, rows) = BaseWordRowsTests.randomModel(seed: seed)
            let lookups = BoundaryScorer(table), fromRows = BoundaryScorer(table, rows: rows)
            AttributionFeaturesTests.load(text) { s, buf in
                let a = BaseWordRowsTests.bases(lookups, s, buf), b = BaseWordRowsTests.bases(fromRows, s, buf)
                #expect(a.count == s.tokens.count)
                #expect(a == b, "seed \(seed)")
                // Not all zero: the random weights reached the sums.
                #expect(a.contains { $0 != .zero })
            }
        }
    }

    /// The bundled models, loaded from their files, read their rows; the same sums come from
    /// their weight tables alone, over the seed article.
    @Test(arguments: [AttributionMode.full, .fast])
    func bundledModelsRowsAgreeWithTheirWeights(_ mode: AttributionMode) throws {
        let model = try #require(mode == .full ? Fixtures.rules.attributionModel : Fixtures.fastRules.attributionModel)
        let rows = try #require(model.scorer.rows)
        #expect(rows.weights.count > 1_000 * BaseWordRows.width)
        let text = try String(contentsOfFile: Fixtures.root + "/golden/seed-article/seed-article.txt", encoding: .utf8)
        let document = try Fixtures.document(text, depth: .sentences)
        let lookups = BoundaryScorer(model.weights)
        var compared = 0
        document.withUTF8 { buf in
            for sentence in document.sentences {
                var s = TokenizedSentence()
                s.load(buf, range: sentence.range, startsInsideQuote: sentence.startsInsideQuote, lexicon: model.features.lexicon)
                #expect(BaseWordRowsTests.bases(model.scorer, s, buf) == BaseWordRowsTests.bases(lookups, s, buf))
                compared += s.tokens.count
            }
        }
        #expect(compared > 400)
    }
}
