/// The cue-dependent part of the four boundary scores, fast: the decoder asks for it at every
/// word of a sentence for every cue head, so the features that take few values (side,
/// distance, quotation state, neighbouring word classes) are looked up once, at load, into
/// small tables, and only the features that pair words are hashed per word.
///
/// It must give what `AttributionFeatures.contentBoundaryHead` / `sourceBoundaryHead` summed
/// through `WeightSum` give (up to float rounding): a test holds the two together.
struct BoundaryScorer: Sendable {
    typealias F = AttributionFeatures

    /// Tables of one content boundary model (`s:` or `e:`).
    struct Content: Sendable {
        let t: F.BoundaryTemplates
        /// [side], [side * 9 + bucket], [quoted], [class * 2 + side] (the word classes, then <s>, </s>).
        let side: [Float], d: [Float], q: [Float], cp: [Float], cn: [Float]
        /// The cue-independent part: bias, own shape [4], first and last [2 each].
        let bias: Float, shape: [Float], first: [Float], last: [Float]
        /// `key(t.sd, side bucket)`, [side * 9 + bucket]: the first half of the `sd` key.
        let sdKeys: [UInt64]

        init(_ t: F.BoundaryTemplates, _ w: WeightTable) {
            self.t = t
            bias = w[FeatureKey.key(t.bias, F.bools[1])]
            shape = F.shapeValues.map { w[FeatureKey.key(t.sh, $0)] }
            first = F.bools.map { w[FeatureKey.key(t.first, $0)] }
            last = F.bools.map { w[FeatureKey.key(t.last, $0)] }
            side = F.sideValues.map { w[FeatureKey.key(t.side, $0)] }
            d = (0..<2).flatMap { s in (0..<9).map { b in w[FeatureKey.key(t.d, F.sideBucket[s][b])] } }
            q = F.quotedValues.map { w[FeatureKey.key(t.quoted, $0)] }
            let classes = BoundaryScorer.classValues
            cp = classes.flatMap { c in F.sideValues.map { w[FeatureKey.key(t.cp, c, $0)] } }
            cn = classes.flatMap { c in F.sideValues.map { w[FeatureKey.key(t.cn, c, $0)] } }
            sdKeys = (0..<2).flatMap { s in F.sideBucket[s].map { FeatureKey.key(t.sd, $0) } }
        }
    }

    /// Tables of one source boundary model (`a:` or `b:`).
    struct Source: Sendable {
        let t: F.SourceTemplates
        /// [side * 2 + contentSide], [(side * 9 + bucket) * 2 + contentSide], [(class * 2 + side) * 9 + bucket], [quoted].
        let side: [Float], d: [Float], cd: [Float], q: [Float]
        /// The cue-independent part: bias, own shape [4], neighbours' shapes [6: 4, <s>, </s>],
        /// own and neighbours' classes [classes + 2], first [2].
        let bias: Float, shape: [Float], shapePrevious: [Float], shapeNext: [Float]
        let cls: [Float], clsPrevious: [Float], clsNext: [Float], first: [Float]

        init(_ t: F.SourceTemplates, _ w: WeightTable) {
            self.t = t
            bias = w[FeatureKey.key(t.bias, F.bools[1])]
            shape = F.shapeValues.map { w[FeatureKey.key(t.sh, $0)] }
            let neighbours = F.shapeValues + [F.start, F.end]
            shapePrevious = neighbours.map { w[FeatureKey.key(t.shp, $0)] }
            shapeNext = neighbours.map { w[FeatureKey.key(t.shn, $0)] }
            cls = BoundaryScorer.classValues.map { w[FeatureKey.key(t.c, $0)] }
            clsPrevious = BoundaryScorer.classValues.map { w[FeatureKey.key(t.cp, $0)] }
            clsNext = BoundaryScorer.classValues.map { w[FeatureKey.key(t.cn, $0)] }
            first = F.bools.map { w[FeatureKey.key(t.first, $0)] }
            side = (0..<2).flatMap { s in (0..<2).map { c in w[FeatureKey.key(t.side, F.sideContent[s][c])] } }
            d = (0..<2).flatMap { s in (0..<9).flatMap { b in (0..<2).map { c in w[FeatureKey.key(t.d, F.sideBucketContent[s][b][c])] } } }
            cd = BoundaryScorer.classValues.flatMap { c in (0..<2).flatMap { s in (0..<9).map { b in w[FeatureKey.key(t.cd, c, F.sideBucket[s][b])] } } }
            q = F.quotedValues.map { w[FeatureKey.key(t.quoted, $0)] }
        }
    }

    let weights: WeightTable
    let contentStart: Content, contentEnd: Content, sourceStart: Source, sourceEnd: Source
    /// The value keys of the word classes, then <s> and </s>.
    static let classValues = F.classValues + [F.start, F.end]

    /// The one-word base weights by word (a model loaded from its file); nil: `bases` looks
    /// each weight up.
    let rows: BaseWordRows?

    init(_ weights: WeightTable, rows: BaseWordRows? = nil) {
        self.weights = weights
        self.rows = rows
        contentStart = Content(F.contentStart, weights)
        contentEnd = Content(F.contentEnd, weights)
        sourceStart = Source(F.sourceStart, weights)
        sourceEnd = Source(F.sourceEnd, weights)
    }

    /// The class index of token `k` for the tables (out of the sentence: <s> or </s>).
    @inline(__always) static func classIndex(_ s: TokenizedSentence, _ k: Int) -> Int {
        k < 0 ? F.classValues.count : k >= s.tokens.count ? F.classValues.count + 1 : Int(s.wordClass[k].rawValue)
    }

    @inline(__always) static func word(_ s: TokenizedSentence, _ k: Int) -> UInt64 {
        k < 0 ? F.start : k >= s.tokens.count ? F.end : s.tokens[k].norm
    }

    /// The `between` key: up to two words next to the cue and how many words lie between.
    @inline(__always) static func between(_ template: UInt64, _ s: TokenizedSentence, head h: Int, at j: Int) -> UInt64 {
        let after = j > h
        let count = max(min(after ? j - h - 1 : h - j - 1, 4), 0)
        let lo = after ? h + 1 : max(j + 1, h - 2)
        let hi = after ? min(j, h + 3) : h
        let extra = F.digits[count]
        switch hi - lo {
        case ...0: return FeatureKey.key(template, F.none, extra)
        case 1: return FeatureKey.key(template, word(s, lo), extra)
        default: return FeatureKey.key(template, word(s, lo), word(s, lo + 1), extra)
        }
    }

    /// The cue-independent part of the four boundary scores of word `j`: what
    /// `contentBoundaryBase` and `sourceBoundaryBase` add up.
    @inline(__always) func bases(_ s: TokenizedSentence, at j: Int) -> SIMD4<Float> {
        let n = s.tokens.count
        let t = s.tokens[j]
        let w = t.norm, wp = BoundaryScorer.word(s, j - 1), wn = BoundaryScorer.word(s, j + 1), wn2 = BoundaryScorer.word(s, j + 2)
        let shape = Int(t.shape.rawValue), isFirst = j == 0 ? 1 : 0, isLast = j == n - 1 ? 1 : 0
        func content(_ m: Content) -> Float {
            m.bias + m.shape[shape] + m.first[isFirst] + m.last[isLast]
                + weights[FeatureKey.key(m.t.w, w)] + weights[FeatureKey.key(m.t.wp, wp)]
                + weights[FeatureKey.key(m.t.wn, wn)] + weights[FeatureKey.key(m.t.wn2, wn2)]
        }
        // A neighbour's shape: a table for words and the sentence's edges, a key for a mark.
        func neighbourShape(_ m: Source, _ k: Int, _ table: [Float], _ template: UInt64) -> Float {
            if k < 0 { return table[4] }
            if k >= n { return table[5] }
            let u = s.tokens[k]
            return u.shape == .punctuation ? weights[FeatureKey.key(template, u.norm)] : table[Int(u.shape.rawValue)]
        }
        func source(_ m: Source) -> Float {
            m.bias + m.shape[shape] + m.first[isFirst]
                + neighbourShape(m, j - 1, m.shapePrevious, m.t.shp) + neighbourShape(m, j + 1, m.shapeNext, m.t.shn)
                + m.cls[BoundaryScorer.classIndex(s, j)] + m.clsPrevious[BoundaryScorer.classIndex(s, j - 1)]
                + m.clsNext[BoundaryScorer.classIndex(s, j + 1)]
                + weights[FeatureKey.key(m.t.w, w)] + weights[FeatureKey.key(m.t.wp, wp)] + weights[FeatureKey.key(m.t.wn, wn)]
        }
        return SIMD4(content(contentStart), content(contentEnd), source(sourceStart), source(sourceEnd))
    }

    /// `bases(_:at:)` with its one-word weights read from `rows` (`weights` its floats,
    /// `offsets` the tokens' row offsets): the same sums, in the same order.
    @inline(__always) func bases(_ s: TokenizedSentence, at j: Int, rows: BaseWordRows, weights v: UnsafeBufferPointer<Float>,
                                 offsets o: UnsafeBufferPointer<Int>) -> SIMD4<Float> {
        typealias R = BaseWordRows
        let n = s.tokens.count
        let t = s.tokens[j]
        let here = o[j], previous = j > 0 ? o[j - 1] : rows.startRow
        let next = j + 1 < n ? o[j + 1] : rows.endRow, next2 = j + 2 < n ? o[j + 2] : rows.endRow
        let shape = Int(t.shape.rawValue), isFirst = j == 0 ? 1 : 0, isLast = j == n - 1 ? 1 : 0
        func content(_ m: Content, _ w: Int, _ wp: Int, _ wn: Int, _ wn2: Int) -> Float {
            m.bias + m.shape[shape] + m.first[isFirst] + m.last[isLast]
                + v[here + w] + v[previous + wp] + v[next + wn] + v[next2 + wn2]
        }
        // A neighbour's shape: a table for words and the sentence's edges, its own row for a mark.
        func neighbourShape(_ k: Int, _ table: [Float], _ slot: Int) -> Float {
            if k < 0 { return table[4] }
            if k >= n { return table[5] }
            let u = s.tokens[k]
            return u.shape == .punctuation ? v[o[k] + slot] : table[Int(u.shape.rawValue)]
        }
        func source(_ m: Source, _ w: Int, _ wp: Int, _ wn: Int, _ shp: Int, _ shn: Int) -> Float {
            m.bias + m.shape[shape] + m.first[isFirst]
                + neighbourShape(j - 1, m.shapePrevious, shp) + neighbourShape(j + 1, m.shapeNext, shn)
                + m.cls[BoundaryScorer.classIndex(s, j)] + m.clsPrevious[BoundaryScorer.classIndex(s, j - 1)]
                + m.clsNext[BoundaryScorer.classIndex(s, j + 1)]
                + v[here + w] + v[previous + wp] + v[next + wn]
        }
        return SIMD4(content(contentStart, R.csW, R.csWp, R.csWn, R.csWn2), content(contentEnd, R.ceW, R.ceWp, R.ceWn, R.ceWn2),
                     source(sourceStart, R.ssW, R.ssWp, R.ssWn, R.ssShp, R.ssShn), source(sourceEnd, R.seW, R.seWp, R.seWn, R.seShp, R.seShn))
    }

    /// What one model's score takes from the head alone, constant over its sentence: the cue
    /// word's weight on each side, and the `between` weight of the words far from it (from
    /// `farBetween` tokens away, the key no longer depends on the word: the two words next to
    /// the cue and a count of 4).
    struct HeadWeights {
        var cue: (Float, Float)
        /// `between` at `farBetween` or more tokens after the head, and before it.
        var farAfter: Float, farBefore: Float
        /// The first halves of the content models' `cuew` and `cuewp` keys (0 for a source model).
        var cuew: UInt64 = 0, cuewp: UInt64 = 0
    }

    /// From this distance on, `between`'s key is the same at every word on that side.
    static let farBetween = 5

    func headWeights(_ m: Content, _ s: TokenizedSentence, head h: Int) -> HeadWeights {
        var hw = headWeights(cue: m.t.cue, between: m.t.between, s, head: h)
        hw.cuew = FeatureKey.key(m.t.cuew, s.tokens[h].norm)
        hw.cuewp = FeatureKey.key(m.t.cuewp, s.tokens[h].norm)
        return hw
    }

    func headWeights(_ m: Source, _ s: TokenizedSentence, head h: Int) -> HeadWeights {
        headWeights(cue: m.t.cue, between: m.t.between, s, head: h)
    }

    /// The part both kinds of model share: the cue word's weights and the far `between` weights.
    private func headWeights(cue: UInt64, between: UInt64, _ s: TokenizedSentence, head h: Int) -> HeadWeights {
        let cw = s.tokens[h].norm
        return HeadWeights(
            cue: (weights[FeatureKey.key(cue, cw, F.sideValues[0])], weights[FeatureKey.key(cue, cw, F.sideValues[1])]),
            farAfter: weights[BoundaryScorer.between(between, s, head: h, at: h + BoundaryScorer.farBetween)],
            farBefore: weights[BoundaryScorer.between(between, s, head: h, at: h - BoundaryScorer.farBetween)])
    }

    /// `between`'s weight at word `j`: the head's far weight, or looked up near the head.
    @inline(__always) func betweenWeight(_ template: UInt64, _ s: TokenizedSentence, head h: Int, at j: Int, _ hw: HeadWeights) -> Float {
        if j - h >= BoundaryScorer.farBetween { return hw.farAfter }
        if h - j >= BoundaryScorer.farBetween { return hw.farBefore }
        return nearBetweenWeight(template, s, head: h, at: j)
    }

    /// The lookup `betweenWeight` makes near the head, apart so that the far cases inline.
    @inline(never) func nearBetweenWeight(_ template: UInt64, _ s: TokenizedSentence, head h: Int, at j: Int) -> Float {
        weights[BoundaryScorer.between(template, s, head: h, at: j)]
    }

    /// The cue-dependent part of both content models' scores (start, end) at word `j`: the
    /// decoder wants both at every word, so what they share is read once.
    @inline(__always) func contentPair(_ s: TokenizedSentence, head h: Int, start hs: HeadWeights, end he: HeadWeights,
                                       at j: Int) -> (start: Float, end: Float) {
        let side = j > h ? 0 : 1
        let b = F.bucket(side == 0 ? j - h : h - j)
        let w = s.tokens[j].norm, wp = BoundaryScorer.word(s, j - 1)
        let q = (s.tokens[j].quoted ? 2 : 0) + (s.tokens[h].quoted ? 1 : 0)
        let cp = BoundaryScorer.classIndex(s, j - 1) * 2 + side, cn = BoundaryScorer.classIndex(s, j + 1) * 2 + side
        @inline(__always) func one(_ m: Content, _ hw: HeadWeights) -> Float {
            var sum = m.side[side] + m.d[side * 9 + b] + m.q[q] + (side == 0 ? hw.cue.0 : hw.cue.1)
            sum += m.cp[cp] + m.cn[cn]
            sum += weights[FeatureKey.key(partial: hw.cuew, w)] + weights[FeatureKey.key(partial: hw.cuewp, wp)]
            sum += weights[FeatureKey.key(partial: m.sdKeys[side * 9 + b], wp)]
            sum += betweenWeight(m.t.between, s, head: h, at: j, hw)
            return sum
        }
        return (one(contentStart, hs), one(contentEnd, he))
    }

    @inline(__always) func source(_ m: Source, _ s: TokenizedSentence, head h: Int, contentAfter: Bool, cue hw: HeadWeights, at j: Int) -> Float {
        let cue = hw.cue
        let side = j > h ? 0 : 1
        let cside = contentAfter ? 0 : 1
        let b = F.bucket(side == 0 ? j - h : h - j)
        let q = (s.tokens[j].quoted ? 2 : 0) + (s.tokens[h].quoted ? 1 : 0)
        var sum = m.side[side * 2 + cside] + m.d[(side * 9 + b) * 2 + cside] + m.q[q] + (side == 0 ? cue.0 : cue.1)
        sum += m.cd[(BoundaryScorer.classIndex(s, j) * 2 + side) * 9 + b]
        sum += betweenWeight(m.t.between, s, head: h, at: j, hw)
        return sum
    }
}
