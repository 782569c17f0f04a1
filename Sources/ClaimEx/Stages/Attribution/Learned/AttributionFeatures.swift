/// Receives the features of one decision. Scoring adds weights and never builds a name (the
/// name is an autoclosure it does not call); training and `explain` keep the names.
protocol FeatureSink {
    mutating func add(_ key: UInt64, _ name: @autoclosure () -> String)
}

/// Sums the weights of the features it is given: the hot path.
struct WeightSum: FeatureSink {
    let table: WeightTable
    var sum: Float = 0
    @inline(__always) mutating func add(_ key: UInt64, _ name: @autoclosure () -> String) { sum += table[key] }
}

/// One sentence as the model sees it: its tokens and, per token, what the features ask of the
/// lexicons, looked up once.
struct TokenizedSentence {
    var tokens: [WordToken] = []
    /// Hash of each token's cue class name (feature value).
    var cueClass: [UInt64] = []
    var wordClass: [TokenLexicon.WordClass] = []
    /// The first token after the first that is capitalised (`tokens.count` when none).
    var firstCapital = 0
    /// The first and last token that is a quotation mark (`tokens.count` and -1 when none).
    var firstQuotationMark = 0
    var lastQuotationMark = -1
    var hasQuotationMark: Bool { lastQuotationMark >= 0 }

    mutating func load(_ buf: UnsafeBufferPointer<UInt8>, range: Range<Int>, startsInsideQuote: Bool, lexicon: TokenLexicon) {
        WordTokenizer.tokenize(buf, range: range, startsInsideQuote: startsInsideQuote, into: &tokens)
        lookUp(buf, lexicon: lexicon)
    }

    /// `load`, stopping after the tokens when none passes the cue `gate` (its lexicon facts
    /// left empty: no cue model reads them then). Returns whether one passes. A fifth of the
    /// sentences of news holds no word that was ever a cue.
    mutating func load(_ buf: UnsafeBufferPointer<UInt8>, range: Range<Int>, startsInsideQuote: Bool, lexicon: TokenLexicon,
                       gate: KeyTable<Bool>) -> Bool {
        WordTokenizer.tokenize(buf, range: range, startsInsideQuote: startsInsideQuote, into: &tokens)
        guard tokens.contains(where: { AttributionModel.gated($0, gate) }) else {
            cueClass.removeAll(keepingCapacity: true)
            wordClass.removeAll(keepingCapacity: true)
            return false
        }
        lookUp(buf, lexicon: lexicon)
        return true
    }

    private mutating func lookUp(_ buf: UnsafeBufferPointer<UInt8>, lexicon: TokenLexicon) {
        cueClass.removeAll(keepingCapacity: true)
        wordClass.removeAll(keepingCapacity: true)
        firstCapital = tokens.count
        firstQuotationMark = tokens.count
        lastQuotationMark = -1
        // Written through buffers: one uniqueness check a sentence, not two a token.
        cueClass.append(contentsOf: repeatElement(0, count: tokens.count))
        wordClass.append(contentsOf: repeatElement(.other, count: tokens.count))
        cueClass.withUnsafeMutableBufferPointer { cues in
            wordClass.withUnsafeMutableBufferPointer { words in
                for (k, t) in tokens.enumerated() { (cues[k], words[k]) = lexicon.classes(of: t, at: k, in: buf) }
            }
        }
        for (k, t) in tokens.enumerated() {
            if k >= 1 && k < firstCapital && (t.shape == .capitalised || t.shape == .allCaps) { firstCapital = k }
            if t.shape == .punctuation && QuoteMarks.mark(at: t.range.lowerBound, in: buf, limit: t.range.upperBound) > 0 {
                firstQuotationMark = min(firstQuotationMark, k)
                lastQuotationMark = k
            }
        }
    }
}

/// The feature templates of the learned attribution model's three decisions:
///
/// - `c:` is this word the head of an attribution cue ("said", "endorsed", "according")?
/// - `s:` / `e:` given a cue, does the content start / end at this word?
/// - `a:` / `b:` given a cue and its content, does the source start / end at this word?
///
/// Each template looks at the word, its neighbours, their shapes and lexicon classes, and
/// where the word lies relative to the cue. Names are `template=value[ value…]`
/// (`FeatureKey`). Keys are built from hashes computed once (templates here, words by the
/// tokenizer), so scoring allocates nothing; names are only built for training and explain.
struct AttributionFeatures: Sendable {
    typealias F = AttributionFeatures
    let lexicon: TokenLexicon

    init(lexicon: TokenLexicon) {
        self.lexicon = lexicon
    }

    // MARK: values

    static let start = FeatureKey.value("<s>"), end = FeatureKey.value("</s>"), none = FeatureKey.value("-")
    static let digits = (0...9).map { FeatureKey.value(String($0)) }
    static let bools = [FeatureKey.value("0"), FeatureKey.value("1")]
    /// Shape letters by `WordToken.Shape` raw value (punctuation: the mark itself).
    static let shapeLetters = ["C", "U", "D", "l"]
    static let shapeValues = shapeLetters.map(FeatureKey.value)
    static let classValues = (0...12).map { FeatureKey.value(TokenLexicon.WordClass(rawValue: UInt8($0))!.letter) }
    static let comma = FeatureKey.value(",")
    /// Distance buckets 0…5, 10, 20, far, as indices into the tables below.
    static let bucketNames = ["0", "1", "2", "3", "4", "5", "10", "20", "far"]
    @inline(__always) static func bucket(_ d: Int) -> Int {
        switch d {
        case ...5: max(d, 0)
        case 6...10: 6
        case 11...20: 7
        default: 8
        }
    }
    static let sides = ["A", "B"]
    static let sideValues = sides.map(FeatureKey.value)
    /// side + bucket ("A3"), side + content side ("AcB"), side + bucket + content side ("A10cA").
    static let sideBucket = sides.map { s in bucketNames.map { FeatureKey.value(s + $0) } }
    static let sideContent = sides.map { s in ["cA", "cB"].map { FeatureKey.value(s + $0) } }
    static let sideBucketContent = sides.map { s in bucketNames.map { b in ["cA", "cB"].map { FeatureKey.value(s + b + $0) } } }

    @inline(__always) func word(_ s: TokenizedSentence, _ k: Int) -> UInt64 {
        k < 0 ? F.start : k >= s.tokens.count ? F.end : s.tokens[k].norm
    }

    func wordName(_ s: TokenizedSentence, _ k: Int, _ buf: UnsafeBufferPointer<UInt8>) -> String {
        k < 0 ? "<s>" : k >= s.tokens.count ? "</s>" : WordTokenizer.normalised(buf, s.tokens[k].range)
    }

    @inline(__always) func shape(_ s: TokenizedSentence, _ k: Int) -> UInt64 {
        if k < 0 { return F.start }
        if k >= s.tokens.count { return F.end }
        let t = s.tokens[k]
        return t.shape == .punctuation ? t.norm : F.shapeValues[Int(t.shape.rawValue)]
    }

    func shapeName(_ s: TokenizedSentence, _ k: Int, _ buf: UnsafeBufferPointer<UInt8>) -> String {
        if k < 0 { return "<s>" }
        if k >= s.tokens.count { return "</s>" }
        let t = s.tokens[k]
        return t.shape == .punctuation ? WordTokenizer.normalised(buf, t.range) : F.shapeLetters[Int(t.shape.rawValue)]
    }

    @inline(__always) func wordClass(_ s: TokenizedSentence, _ k: Int) -> UInt64 {
        k < 0 ? F.start : k >= s.tokens.count ? F.end : F.classValues[Int(s.wordClass[k].rawValue)]
    }

    func wordClassName(_ s: TokenizedSentence, _ k: Int) -> String {
        k < 0 ? "<s>" : k >= s.tokens.count ? "</s>" : s.wordClass[k].letter
    }

    /// The last three bytes of a word when they are ASCII (a suffix: "-ed", "ing", "ses").
    @inline(__always) func suffix(_ t: WordToken, _ buf: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var h = FeatureKey.fnvStart
        for i in max(t.range.lowerBound, t.range.upperBound - 3)..<t.range.upperBound {
            let b = buf[i]
            guard b < 0x80 else { return nil }
            h = FeatureKey.fnv(h, b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b)
        }
        return h
    }

    // MARK: c: the cue head

    static let cBias = FeatureKey.template("c:bias"), cW = FeatureKey.template("c:w"), cSuf = FeatureKey.template("c:suf3")
    static let cSh = FeatureKey.template("c:sh"), cCls = FeatureKey.template("c:cls")
    static let wordOffsets = [-2, -1, 1, 2], shapeOffsets = [-3, -2, -1, 1, 2, 3]
    static let cWAt = wordOffsets.map { FeatureKey.template("c:w" + signed($0)) }
    static let cShAt = shapeOffsets.map { FeatureKey.template("c:sh" + signed($0)) }
    static let cClsAt = shapeOffsets.map { FeatureKey.template("c:cls" + signed($0)) }
    static let cBiPrev = FeatureKey.template("c:bi-"), cBiNext = FeatureKey.template("c:bi+")
    static let cPos = FeatureKey.template("c:pos"), cRpos = FeatureKey.template("c:rpos"), cQ = FeatureKey.template("c:q")
    static let cCapBefore = FeatureKey.template("c:capbefore"), cPronBefore = FeatureKey.template("c:pronbefore")
    static let cQuoteInSentence = FeatureKey.template("c:quoteinsent"), cCommaBefore = FeatureKey.template("c:commabefore")
    static func signed(_ d: Int) -> String { d < 0 ? String(d) : "+" + String(d) }
    static let cStem = FeatureKey.template("c:stem"), cClsNext = FeatureKey.template("c:cls+w+1")
    static let cQuotes = FeatureKey.template("c:quotes"), cFirst = FeatureKey.template("c:first")
    static let quotePositions = ["none", "before", "after", "both"]
    static let quotePositionValues = quotePositions.map(FeatureKey.value)

    /// The features of "is token `k` a cue head?".
    func cue<S: FeatureSink>(_ s: TokenizedSentence, _ k: Int, _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S) {
        let n = s.tokens.count
        let t = s.tokens[k]
        let w = t.norm
        sink.add(FeatureKey.key(F.cBias, F.bools[1]), "c:bias=1")
        sink.add(FeatureKey.key(F.cW, w), "c:w=" + wordName(s, k, buf))
        if let suf = suffix(t, buf) {
            sink.add(FeatureKey.key(F.cSuf, suf), "c:suf3=" + WordTokenizer.normalised(buf, max(t.range.lowerBound, t.range.upperBound - 3)..<t.range.upperBound))
        }
        sink.add(FeatureKey.key(F.cSh, shape(s, k)), "c:sh=" + shapeName(s, k, buf))
        sink.add(FeatureKey.key(F.cCls, s.cueClass[k]), "c:cls=" + lexicon.cueClass(of: t))
        for i in 0..<F.wordOffsets.count {
            let d = F.wordOffsets[i]
            sink.add(FeatureKey.key(F.cWAt[i], word(s, k + d)), "c:w" + F.signed(d) + "=" + wordName(s, k + d, buf))
        }
        for i in 0..<F.shapeOffsets.count {
            let d = F.shapeOffsets[i]
            sink.add(FeatureKey.key(F.cShAt[i], shape(s, k + d)), "c:sh" + F.signed(d) + "=" + shapeName(s, k + d, buf))
            let j = k + d
            if j >= 0 && j < n {
                sink.add(FeatureKey.key(F.cClsAt[i], s.cueClass[j]), "c:cls" + F.signed(d) + "=" + lexicon.cueClass(of: s.tokens[j]))
            }
        }
        let prev = word(s, k - 1), next = word(s, k + 1)
        sink.add(FeatureKey.key(F.cBiPrev, prev, w), "c:bi-=" + wordName(s, k - 1, buf) + " " + wordName(s, k, buf))
        sink.add(FeatureKey.key(F.cBiNext, w, next), "c:bi+=" + wordName(s, k, buf) + " " + wordName(s, k + 1, buf))
        let pos = min(k, 6), rpos = min(n - 1 - k, 6)
        sink.add(FeatureKey.key(F.cPos, F.digits[pos]), "c:pos=" + String(pos))
        sink.add(FeatureKey.key(F.cRpos, F.digits[rpos]), "c:rpos=" + String(rpos))
        let quoted = t.quoted ? 1 : 0
        sink.add(FeatureKey.key(F.cQ, F.bools[quoted]), "c:q=" + String(quoted))
        let capBefore = s.firstCapital < k ? 1 : 0
        var pronounBefore = 0
        for j in max(0, k - 3)..<k where s.wordClass[j] == .pronoun { pronounBefore = 1 }
        let quote = s.hasQuotationMark ? 1 : 0
        let commaBefore = k > 0 && s.tokens[k - 1].norm == F.comma ? 1 : 0
        sink.add(FeatureKey.key(F.cCapBefore, F.bools[capBefore]), "c:capbefore=" + String(capBefore))
        sink.add(FeatureKey.key(F.cPronBefore, F.bools[pronounBefore]), "c:pronbefore=" + String(pronounBefore))
        sink.add(FeatureKey.key(F.cQuoteInSentence, F.bools[quote]), "c:quoteinsent=" + String(quote))
        sink.add(FeatureKey.key(F.cCommaBefore, F.bools[commaBefore]), "c:commabefore=" + String(commaBefore))
        sink.add(FeatureKey.key(F.cStem, t.stem), "c:stem=" + String(decoding: WordTokenizer.stem(of: Array(wordName(s, k, buf).utf8)), as: UTF8.self))
        sink.add(FeatureKey.key(F.cClsNext, s.cueClass[k], next), "c:cls+w+1=" + lexicon.cueClass(of: t) + " " + wordName(s, k + 1, buf))
        // Quotation marks before and after the word in its sentence.
        let qp = (s.firstQuotationMark < k ? 1 : 0) + (s.lastQuotationMark > k ? 2 : 0)
        sink.add(FeatureKey.key(F.cQuotes, F.quotePositionValues[qp]), "c:quotes=" + F.quotePositions[qp])
        sink.add(FeatureKey.key(F.cFirst, wordClass(s, 0)), "c:first=" + wordClassName(s, 0))
    }

    // MARK: s: / e: content boundaries

    /// The templates of one boundary model, under its prefix ("s:" or "e:").
    struct BoundaryTemplates: Sendable {
        let prefix: String
        let bias, side, d, w, wp, wn, wn2, sh, cue, cuew, cuewp, sd, first, last, between, quoted, cp, cn: UInt64
        init(_ p: String) {
            prefix = p
            func t(_ n: String) -> UInt64 { FeatureKey.template(p + n) }
            bias = t("bias"); quoted = t("q"); cp = t("cp"); cn = t("cn")
            side = t("side"); d = t("d"); w = t("w"); wp = t("wp"); wn = t("wn"); wn2 = t("wn2"); sh = t("sh")
            cue = t("cue"); cuew = t("cuew"); cuewp = t("cuewp"); sd = t("sd"); first = t("first"); last = t("last")
            between = t("between")
        }
    }

    static let contentStart = BoundaryTemplates("s:"), contentEnd = BoundaryTemplates("e:")

    /// The features of "does the content start (or end) at token `j`?" for the cue head `h`.
    func contentBoundary<S: FeatureSink>(
        _ T: BoundaryTemplates, _ s: TokenizedSentence, head h: Int, at j: Int,
        _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S
    ) {
        contentBoundaryBase(T, s, at: j, buf, into: &sink)
        contentBoundaryHead(T, s, head: h, at: j, buf, into: &sink)
    }

    /// The features of a content boundary that do not depend on the cue: the same for every
    /// head of a sentence, so the decoder sums them once a sentence.
    func contentBoundaryBase<S: FeatureSink>(
        _ T: BoundaryTemplates, _ s: TokenizedSentence, at j: Int, _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S
    ) {
        let n = s.tokens.count
        let p = T.prefix
        sink.add(FeatureKey.key(T.bias, F.bools[1]), p + "bias=1")
        sink.add(FeatureKey.key(T.w, word(s, j)), p + "w=" + wordName(s, j, buf))
        sink.add(FeatureKey.key(T.wp, word(s, j - 1)), p + "wp=" + wordName(s, j - 1, buf))
        sink.add(FeatureKey.key(T.wn, word(s, j + 1)), p + "wn=" + wordName(s, j + 1, buf))
        sink.add(FeatureKey.key(T.wn2, word(s, j + 2)), p + "wn2=" + wordName(s, j + 2, buf))
        sink.add(FeatureKey.key(T.sh, shape(s, j)), p + "sh=" + shapeName(s, j, buf))
        sink.add(FeatureKey.key(T.first, F.bools[j == 0 ? 1 : 0]), p + "first=" + (j == 0 ? "1" : "0"))
        sink.add(FeatureKey.key(T.last, F.bools[j == n - 1 ? 1 : 0]), p + "last=" + (j == n - 1 ? "1" : "0"))
    }

    /// The features of a content boundary that depend on the cue head `h`.
    func contentBoundaryHead<S: FeatureSink>(
        _ T: BoundaryTemplates, _ s: TokenizedSentence, head h: Int, at j: Int,
        _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S
    ) {
        let side = j > h ? 0 : 1
        let b = F.bucket(side == 0 ? j - h : h - j)
        let p = T.prefix
        let w = word(s, j), wp = word(s, j - 1), cw = word(s, h)
        sink.add(FeatureKey.key(T.side, F.sideValues[side]), p + "side=" + F.sides[side])
        sink.add(FeatureKey.key(T.d, F.sideBucket[side][b]), p + "d=" + F.sides[side] + F.bucketNames[b])
        sink.add(FeatureKey.key(T.cue, cw, F.sideValues[side]), p + "cue=" + wordName(s, h, buf) + " " + F.sides[side])
        sink.add(FeatureKey.key(T.cuew, cw, w), p + "cuew=" + wordName(s, h, buf) + " " + wordName(s, j, buf))
        sink.add(FeatureKey.key(T.cuewp, cw, wp), p + "cuewp=" + wordName(s, h, buf) + " " + wordName(s, j - 1, buf))
        sink.add(FeatureKey.key(T.sd, F.sideBucket[side][b], wp), p + "sd=" + F.sides[side] + F.bucketNames[b] + " " + wordName(s, j - 1, buf))
        let q = (s.tokens[j].quoted ? 2 : 0) + (s.tokens[h].quoted ? 1 : 0)
        sink.add(FeatureKey.key(T.quoted, F.quotedValues[q]), p + "q=" + F.quotedNames[q])
        sink.add(FeatureKey.key(T.cp, wordClass(s, j - 1), F.sideValues[side]), p + "cp=" + wordClassName(s, j - 1) + " " + F.sides[side])
        sink.add(FeatureKey.key(T.cn, wordClass(s, j + 1), F.sideValues[side]), p + "cn=" + wordClassName(s, j + 1) + " " + F.sides[side])
        // The two words between the cue and the boundary nearest the cue, and how many there are.
        let count = min(side == 0 ? j - h - 1 : h - j - 1, 4)
        let lo = side == 0 ? h + 1 : max(j + 1, h - 2)
        let hi = side == 0 ? min(j, h + 3) : h
        words(T.between, p + "between=", lo, hi, s, buf, into: &sink, extra: F.digits[max(count, 0)], extraName: String(max(count, 0)))
    }

    /// A feature whose values are the words `lo..<hi` (at most three; none: "-"), optionally
    /// followed by one more value.
    @inline(__always) private func words<S: FeatureSink>(
        _ template: UInt64, _ name: String, _ lo: Int, _ hi: Int, _ s: TokenizedSentence,
        _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S, extra: UInt64? = nil, extraName: String = ""
    ) {
        let count = max(0, hi - lo)
        func names() -> String {
            ((lo..<max(lo, hi)).map { wordName(s, $0, buf) } + (extra == nil || count >= 3 ? [] : [extraName])).joined(separator: " ")
        }
        let key: UInt64
        switch (count, extra) {
        case (0, nil): key = FeatureKey.key(template, F.none)
        case (0, let e?): key = FeatureKey.key(template, F.none, e)
        case (1, nil): key = FeatureKey.key(template, word(s, lo))
        case (1, let e?): key = FeatureKey.key(template, word(s, lo), e)
        case (2, nil): key = FeatureKey.key(template, word(s, lo), word(s, lo + 1))
        case (2, let e?): key = FeatureKey.key(template, word(s, lo), word(s, lo + 1), e)
        default: key = FeatureKey.key(template, word(s, lo), word(s, lo + 1), word(s, lo + 2))
        }
        sink.add(key, name + (count == 0 ? (extra == nil ? "-" : "- " + extraName) : names()))
    }

    // MARK: a: / b: source boundaries

    struct SourceTemplates: Sendable {
        let prefix: String
        let bias, side, d, w, wp, wn, sh, shp, shn, c, cp, cn, cd, cue, first, between, quoted: UInt64
        init(_ p: String) {
            prefix = p
            func t(_ n: String) -> UInt64 { FeatureKey.template(p + n) }
            bias = t("bias")
            side = t("side"); d = t("d"); w = t("w"); wp = t("wp"); wn = t("wn"); sh = t("sh"); shp = t("shp"); shn = t("shn")
            c = t("c"); cp = t("cp"); cn = t("cn"); cd = t("cd"); cue = t("cue"); first = t("first"); between = t("between")
            quoted = t("q")
        }
    }

    static let sourceStart = SourceTemplates("a:"), sourceEnd = SourceTemplates("b:")
    static let contentSides = ["cA", "cB"]
    static let quotedNames = ["00", "01", "10", "11"]
    static let quotedValues = quotedNames.map(FeatureKey.value)

    /// The features of "does the source start (or end) at token `j`?" for the cue head `h`
    /// whose content lies after it (`contentAfter`) or before it.
    func sourceBoundary<S: FeatureSink>(
        _ T: SourceTemplates, _ s: TokenizedSentence, head h: Int, contentAfter: Bool, at j: Int,
        _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S
    ) {
        sourceBoundaryBase(T, s, at: j, buf, into: &sink)
        sourceBoundaryHead(T, s, head: h, contentAfter: contentAfter, at: j, buf, into: &sink)
    }

    /// The features of a source boundary that do not depend on the cue.
    func sourceBoundaryBase<S: FeatureSink>(
        _ T: SourceTemplates, _ s: TokenizedSentence, at j: Int, _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S
    ) {
        let p = T.prefix
        sink.add(FeatureKey.key(T.bias, F.bools[1]), p + "bias=1")
        sink.add(FeatureKey.key(T.w, word(s, j)), p + "w=" + wordName(s, j, buf))
        sink.add(FeatureKey.key(T.wp, word(s, j - 1)), p + "wp=" + wordName(s, j - 1, buf))
        sink.add(FeatureKey.key(T.wn, word(s, j + 1)), p + "wn=" + wordName(s, j + 1, buf))
        sink.add(FeatureKey.key(T.sh, shape(s, j)), p + "sh=" + shapeName(s, j, buf))
        sink.add(FeatureKey.key(T.shp, shape(s, j - 1)), p + "shp=" + shapeName(s, j - 1, buf))
        sink.add(FeatureKey.key(T.shn, shape(s, j + 1)), p + "shn=" + shapeName(s, j + 1, buf))
        sink.add(FeatureKey.key(T.c, wordClass(s, j)), p + "c=" + wordClassName(s, j))
        sink.add(FeatureKey.key(T.cp, wordClass(s, j - 1)), p + "cp=" + wordClassName(s, j - 1))
        sink.add(FeatureKey.key(T.cn, wordClass(s, j + 1)), p + "cn=" + wordClassName(s, j + 1))
        sink.add(FeatureKey.key(T.first, F.bools[j == 0 ? 1 : 0]), p + "first=" + (j == 0 ? "1" : "0"))
    }

    /// The features of a source boundary that depend on the cue head `h` and its content's side.
    func sourceBoundaryHead<S: FeatureSink>(
        _ T: SourceTemplates, _ s: TokenizedSentence, head h: Int, contentAfter: Bool, at j: Int,
        _ buf: UnsafeBufferPointer<UInt8>, into sink: inout S
    ) {
        let side = j > h ? 0 : 1
        let cside = contentAfter ? 0 : 1
        let b = F.bucket(side == 0 ? j - h : h - j)
        let p = T.prefix
        let sideName = F.sides[side], csideName = F.contentSides[cside]
        sink.add(FeatureKey.key(T.side, F.sideContent[side][cside]), p + "side=" + sideName + csideName)
        sink.add(FeatureKey.key(T.d, F.sideBucketContent[side][b][cside]), p + "d=" + sideName + F.bucketNames[b] + csideName)
        sink.add(FeatureKey.key(T.cd, wordClass(s, j), F.sideBucket[side][b]),
                 p + "cd=" + wordClassName(s, j) + " " + sideName + F.bucketNames[b])
        sink.add(FeatureKey.key(T.cue, word(s, h), F.sideValues[side]), p + "cue=" + wordName(s, h, buf) + " " + sideName)
        // Inside a quotation or not, and the cue: a source is rarely quoted when its cue is not.
        let q = (s.tokens[j].quoted ? 2 : 0) + (s.tokens[h].quoted ? 1 : 0)
        sink.add(FeatureKey.key(T.quoted, F.quotedValues[q]), p + "q=" + F.quotedNames[q])
        // The two words between the cue and the boundary nearest the cue, and how many there are.
        let count = min(side == 0 ? j - h - 1 : h - j - 1, 4)
        let lo = side == 0 ? h + 1 : max(j + 1, h - 2)
        let hi = side == 0 ? min(j, h + 3) : h
        words(T.between, p + "between=", lo, hi, s, buf, into: &sink, extra: F.digits[max(count, 0)], extraName: String(max(count, 0)))
    }

    // MARK: q: the candidate as a whole

    /// What the candidate model (`q:`) weighs: how sure each part of the decision was, and the
    /// candidate's shape. Its probability is the candidate's confidence.
    struct CandidateFacts {
        var cueProbability: Float
        var contentScore: Float
        var sourceScore: Float?
        /// First and last token of the source.
        var source: (Int, Int)?
        var contentWords: Int
        var contentAfter: Bool
        var kind: Quote.Kind
        /// The rules took a quote elsewhere in the sentence.
        var ruleQuoteInSentence: Bool
        /// How many words of the sentence the cue model took for cue heads.
        var heads: Int
        /// The cue head's token.
        var head = 0
    }

    static let qBias = FeatureKey.template("q:bias"), qCue = FeatureKey.template("q:cue"), qContent = FeatureKey.template("q:content")
    static let qSource = FeatureKey.template("q:source"), qLength = FeatureKey.template("q:len"), qSide = FeatureKey.template("q:side")
    static let qKind = FeatureKey.template("q:kind"), qSourceClass = FeatureKey.template("q:srcclass"), qWord = FeatureKey.template("q:w")
    static let qClass = FeatureKey.template("q:cls"), qRule = FeatureKey.template("q:rulesent"), qHeads = FeatureKey.template("q:heads")
    static let qSideLength = FeatureKey.template("q:sidelen")
    static let qSourceShape = FeatureKey.template("q:srcshape")
    /// Source length in words (1, 2, 3, 4+) and the gap to the cue (0, 1, 2, 3+), before or after it.
    static let sourceShapeNames = ["B", "A"].flatMap { side in (1...4).flatMap { l in (0...3).map { g in "\(side)\(l)-\(g)" } } }
    static let sourceShapeValues = sourceShapeNames.map(FeatureKey.value)
    @inline(__always) static func sourceShape(_ source: (Int, Int), head h: Int) -> Int {
        let after = source.0 > h
        let length = min(source.1 - source.0 + 1, 4)
        let gap = min(after ? source.0 - h - 1 : h - source.1 - 1, 3)
        return ((after ? 1 : 0) * 4 + (length - 1)) * 4 + max(gap, 0)
    }
    static let tenths = (0...10).map { FeatureKey.value(String($0)) }
    /// Log-probability buckets of a boundary decision: ≥ -0.5, -1, -2, -3, -5, below.
    static let scoreBuckets: [(Float, String)] = [(-0.5, "0.5"), (-1, "1"), (-2, "2"), (-3, "3"), (-5, "5"), (-.infinity, "more")]
    static let scoreBucketValues = scoreBuckets.map { FeatureKey.value($0.1) }
    static let lengthNames = ["1", "2", "3", "4", "5-9", "10+"]
    static let lengthValues = lengthNames.map(FeatureKey.value)
    static let kindValues = ["direct", "indirect", "mixed"].map { ($0, FeatureKey.value($0)) }

    @inline(__always) static func scoreBucket(_ x: Float) -> Int { scoreBuckets.firstIndex { x >= $0.0 } ?? scoreBuckets.count - 1 }

    func candidate<S: FeatureSink>(_ f: CandidateFacts, _ s: TokenizedSentence, head h: Int, _ buf: UnsafeBufferPointer<UInt8>,
                                   into sink: inout S) {
        candidateHead(f, s, head: h, buf, into: &sink)
        candidateDecoded(f, s, into: &sink)
    }

    /// The part of the candidate's features known before its content and source are decoded.
    func candidateHead<S: FeatureSink>(_ f: CandidateFacts, _ s: TokenizedSentence, head h: Int, _ buf: UnsafeBufferPointer<UInt8>,
                                       into sink: inout S) {
        let tenth = min(Int(f.cueProbability * 10), 10)
        sink.add(FeatureKey.key(F.qBias, F.bools[1]), "q:bias=1")
        sink.add(FeatureKey.key(F.qCue, F.tenths[tenth]), "q:cue=" + String(tenth))
        sink.add(FeatureKey.key(F.qWord, word(s, h)), "q:w=" + wordName(s, h, buf))
        sink.add(FeatureKey.key(F.qClass, s.cueClass[h]), "q:cls=" + lexicon.cueClass(of: s.tokens[h]))
        let rule = f.ruleQuoteInSentence ? 1 : 0
        sink.add(FeatureKey.key(F.qRule, F.bools[rule]), "q:rulesent=" + String(rule))
        let heads = min(f.heads, 3)
        sink.add(FeatureKey.key(F.qHeads, F.digits[heads]), "q:heads=" + String(heads))
    }

    /// The part that depends on the decoded content and source.
    func candidateDecoded<S: FeatureSink>(_ f: CandidateFacts, _ s: TokenizedSentence, into sink: inout S) {
        let cb = F.scoreBucket(f.contentScore)
        sink.add(FeatureKey.key(F.qContent, F.scoreBucketValues[cb]), "q:content=" + F.scoreBuckets[cb].1)
        if let score = f.sourceScore {
            let sb = F.scoreBucket(score)
            sink.add(FeatureKey.key(F.qSource, F.scoreBucketValues[sb]), "q:source=" + F.scoreBuckets[sb].1)
        } else {
            sink.add(FeatureKey.key(F.qSource, F.none), "q:source=-")
        }
        let l = f.contentWords >= 10 ? 5 : f.contentWords >= 5 ? 4 : max(f.contentWords, 1) - 1
        let side = f.contentAfter ? 0 : 1
        sink.add(FeatureKey.key(F.qLength, F.lengthValues[l]), "q:len=" + F.lengthNames[l])
        sink.add(FeatureKey.key(F.qSide, F.sideValues[side]), "q:side=" + F.sides[side])
        sink.add(FeatureKey.key(F.qSideLength, F.sideValues[side], F.lengthValues[l]), "q:sidelen=" + F.sides[side] + " " + F.lengthNames[l])
        let kind = F.kindValues[f.kind == .direct ? 0 : f.kind == .indirect ? 1 : 2]
        sink.add(FeatureKey.key(F.qKind, kind.1), "q:kind=" + kind.0)
        if let (x, y) = f.source {
            sink.add(FeatureKey.key(F.qSourceClass, wordClass(s, x), wordClass(s, y)), "q:srcclass=" + wordClassName(s, x) + " " + wordClassName(s, y))
            let shape = F.sourceShape((x, y), head: f.head)
            sink.add(FeatureKey.key(F.qSourceShape, F.sourceShapeValues[shape]), "q:srcshape=" + F.sourceShapeNames[shape])
        } else {
            sink.add(FeatureKey.key(F.qSourceClass, F.none), "q:srcclass=-")
            sink.add(FeatureKey.key(F.qSourceShape, F.none), "q:srcshape=-")
        }
    }

    /// The most the decoded part can weigh, over every value it can take: with the head part,
    /// an upper bound of a candidate's score before it is decoded.
    static func maxDecodedWeight(_ weights: WeightTable) -> Float {
        func best(_ keys: [UInt64]) -> Float { keys.map { weights[$0] }.max() ?? 0 }
        let content = best(scoreBucketValues.map { FeatureKey.key(qContent, $0) })
        let source = best(scoreBucketValues.map { FeatureKey.key(qSource, $0) } + [FeatureKey.key(qSource, none)])
        var shape = -Float.infinity
        for side in sideValues {
            for length in lengthValues {
                shape = max(shape, weights[FeatureKey.key(qLength, length)] + weights[FeatureKey.key(qSide, side)]
                    + weights[FeatureKey.key(qSideLength, side, length)])
            }
        }
        let kind = best(kindValues.map { FeatureKey.key(qKind, $0.1) })
        let pairs = classValues.flatMap { a in classValues.map { b in FeatureKey.key(qSourceClass, a, b) } }
        let sourceClass = best(pairs + [FeatureKey.key(qSourceClass, none)])
        let sourceShape = best(sourceShapeValues.map { FeatureKey.key(qSourceShape, $0) } + [FeatureKey.key(qSourceShape, none)])
        return content + source + shape + kind + sourceClass + sourceShape
    }
}
