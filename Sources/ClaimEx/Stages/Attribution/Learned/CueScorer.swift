/// The cue model's score, fast: it runs on every word the gate lets through (a quarter of all
/// words), so its templates that take few values (shapes, lexicon classes, positions, flags)
/// are looked up once, at load, into small tables, and only the templates keyed by words are
/// hashed per word — a dozen lookups instead of forty.
///
/// It must give what `AttributionFeatures.cue` summed through `WeightSum` gives (up to float
/// rounding): a test holds the two together.
struct CueScorer: Sendable {
    typealias F = AttributionFeatures

    let weights: WeightTable
    let bias: Float
    /// Own shape [4], own class [classes]; per offset of `F.shapeOffsets`: neighbour shape
    /// [6: 4 shapes, <s>, </s>] and class [classes]; position [7], reverse position [7], and the
    /// flags q, capbefore, pronbefore, quoteinsent, commabefore [2 each], quotes [4], first [classes + 2].
    let shape: [Float], cls: [Float], shapeAt: [[Float]], clsAt: [[Float]]
    let pos: [Float], rpos: [Float], quoted: [Float], capBefore: [Float], pronounBefore: [Float]
    let quoteInSentence: [Float], commaBefore: [Float], quotes: [Float], first: [Float]

    init(_ weights: WeightTable, lexicon: TokenLexicon) {
        self.weights = weights
        func table(_ template: UInt64, _ values: [UInt64]) -> [Float] { values.map { weights[FeatureKey.key(template, $0)] } }
        bias = weights[FeatureKey.key(F.cBias, F.bools[1])]
        shape = table(F.cSh, F.shapeValues)
        cls = table(F.cCls, lexicon.cueClassValues)
        let neighbourShapes = F.shapeValues + [F.start, F.end]
        shapeAt = F.cShAt.map { table($0, neighbourShapes) }
        clsAt = F.cClsAt.map { table($0, lexicon.cueClassValues) }
        pos = table(F.cPos, Array(F.digits[0...6]))
        rpos = table(F.cRpos, Array(F.digits[0...6]))
        quoted = table(F.cQ, F.bools)
        capBefore = table(F.cCapBefore, F.bools)
        pronounBefore = table(F.cPronBefore, F.bools)
        quoteInSentence = table(F.cQuoteInSentence, F.bools)
        commaBefore = table(F.cCommaBefore, F.bools)
        quotes = table(F.cQuotes, F.quotePositionValues)
        first = table(F.cFirst, BoundaryScorer.classValues)
    }

    @inline(__always) private static func word(_ s: TokenizedSentence, _ k: Int) -> UInt64 {
        k < 0 ? F.start : k >= s.tokens.count ? F.end : s.tokens[k].norm
    }

    /// The cue model's score (logit) of token `k`, a word.
    func score(_ s: TokenizedSentence, _ k: Int, _ buf: UnsafeBufferPointer<UInt8>, features: AttributionFeatures) -> Float {
        let n = s.tokens.count
        let t = s.tokens[k]
        let w = t.norm
        let classIndex = features.lexicon.cueClassIndex(of: t)
        var sum = bias + shape[Int(t.shape.rawValue)] + cls[classIndex]
        sum += weights[FeatureKey.key(F.cW, w)]
        if let suf = features.suffix(t, buf) { sum += weights[FeatureKey.key(F.cSuf, suf)] }
        for i in 0..<F.wordOffsets.count { sum += weights[FeatureKey.key(F.cWAt[i], CueScorer.word(s, k + F.wordOffsets[i]))] }
        for i in 0..<F.shapeOffsets.count {
            let j = k + F.shapeOffsets[i]
            if j < 0 {
                sum += shapeAt[i][4]
            } else if j >= n {
                sum += shapeAt[i][5]
            } else {
                let u = s.tokens[j]
                sum += u.shape == .punctuation ? weights[FeatureKey.key(F.cShAt[i], u.norm)] : shapeAt[i][Int(u.shape.rawValue)]
                sum += clsAt[i][features.lexicon.cueClassIndex(of: u)]
            }
        }
        let prev = CueScorer.word(s, k - 1), next = CueScorer.word(s, k + 1)
        sum += weights[FeatureKey.key(F.cBiPrev, prev, w)] + weights[FeatureKey.key(F.cBiNext, w, next)]
        sum += pos[min(k, 6)] + rpos[min(n - 1 - k, 6)] + quoted[t.quoted ? 1 : 0]
        sum += capBefore[s.firstCapital < k ? 1 : 0]
        var pronoun = 0
        for j in max(0, k - 3)..<k where s.wordClass[j] == .pronoun { pronoun = 1 }
        sum += pronounBefore[pronoun] + quoteInSentence[s.hasQuotationMark ? 1 : 0]
        sum += commaBefore[k > 0 && s.tokens[k - 1].norm == F.comma ? 1 : 0]
        sum += weights[FeatureKey.key(F.cStem, t.stem)] + weights[FeatureKey.key(F.cClsNext, s.cueClass[k], next)]
        sum += quotes[(s.firstQuotationMark < k ? 1 : 0) + (s.lastQuotationMark > k ? 2 : 0)]
        sum += first[BoundaryScorer.classIndex(s, 0)]
        return sum
    }
}
