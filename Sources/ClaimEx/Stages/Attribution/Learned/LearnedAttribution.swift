import Foundation

/// The model's pass over a document, after the rules: every word the cue model takes for an
/// attribution cue, which no rule candidate already explains, becomes a candidate with the
/// content and source the boundary models find in its sentence.
///
/// The rules go first because their constructions are precise and their kinds, speakers and
/// multi-sentence quotations are complete; the model only fills the gaps. So a model
/// candidate is dropped when its cue, content or source touches a quote the rules took.
struct LearnedAttribution {
    static let ruleID = "model.attribution"

    let model: AttributionModel

    /// One candidate and what the model thought of it, for `explain` and training.
    struct Found {
        var candidate: Candidate
        var facts: AttributionFeatures.CandidateFacts
        /// The candidate model's probability: the candidate's confidence.
        var probability: Float
        /// Where its cue head is: the sentence and the token.
        var sentence: Int
        var head: Int
    }

    /// Per-worker memory, reused for every sentence.
    final class Scratch {
        var sentence = TokenizedSentence()
        var start: [Float] = []
        var end: [Float] = []
        /// Cue probability of each token of the sentence (0 where the gate keeps it out).
        var cue: [Float] = []
        /// Per token of the sentence, the index (in `candidates`' kept list) of the candidate
        /// whose content or whose cue covers it, or -1.
        var contentOwner: [Int32] = []
        var cueOwner: [Int32] = []
        /// The cue-independent part of each token's boundary scores (`AttributionModel.boundaryBases`),
        /// once computed for the loaded sentence.
        var bases: [SIMD4<Float>] = []
        /// The tokens' row offsets in the model's `BaseWordRows`, for `bases`.
        var rowOffsets: [Int] = []
        var basesReady = false
        init() {}

        /// Tokenizes a sentence into `sentence`, forgetting what was computed for the last one.
        func load(_ buf: UnsafeBufferPointer<UInt8>, range: Range<Int>, startsInsideQuote: Bool, lexicon: TokenLexicon) {
            sentence.load(buf, range: range, startsInsideQuote: startsInsideQuote, lexicon: lexicon)
            basesReady = false
        }

        /// `load` for the cue model: false (the sentence only half loaded) when no word passes `gate`.
        func load(_ buf: UnsafeBufferPointer<UInt8>, range: Range<Int>, startsInsideQuote: Bool, lexicon: TokenLexicon,
                  gate: KeyTable<Bool>) -> Bool {
            basesReady = false
            return sentence.load(buf, range: range, startsInsideQuote: startsInsideQuote, lexicon: lexicon, gate: gate)
        }

        /// `start` and `end`, emptied, for a decoding loop to own (one exclusivity check for the
        /// loop, not one an access); `giveBack` returns them with their capacity.
        func borrowScores() -> ([Float], [Float]) {
            var a: [Float] = [], b: [Float] = []
            swap(&a, &start)
            swap(&b, &end)
            a.removeAll(keepingCapacity: true)
            b.removeAll(keepingCapacity: true)
            return (a, b)
        }

        func giveBack(_ a: inout [Float], _ b: inout [Float]) {
            swap(&a, &start)
            swap(&b, &end)
        }

        /// The boundary bases of the loaded sentence, computed once.
        func ensureBases(_ model: AttributionModel, _ buf: UnsafeBufferPointer<UInt8>) {
            guard !basesReady else { return }
            model.boundaryBases(sentence, buf, into: &bases, rows: &rowOffsets)
            basesReady = true
        }
    }

    /// Rule quotes cut short where the model sees a new attribution begin inside their content:
    /// a confident cue head shortly after a clause boundary (", but she said …", "… and has
    /// withheld her endorsement", "…; 62 percent were …"). Annotators make that a report of its
    /// own, and the reported clause of the rule ends at the boundary. Direct quotations and
    /// split contents are left alone. The cuts come back too: `candidates` asks less of a
    /// quote at a cue that made one (`cutCueThreshold`).
    func trim(_ taken: [Candidate], document: Document, buf: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> (candidates: [Candidate], cuts: [Cut]) {
        let split = Float(model.splitThreshold)
        guard split <= 1 else { return (taken, []) }
        var out = taken
        var cuts: [Cut] = []
        var loaded = -1
        // Only a clause that follows its cue ("X said A, and B warned that C"): in "A reveal B, X
        // said" the new cue is nested inside what X said, and X said all of it.
        for (i, c) in taken.enumerated() where c.kind != .direct && c.parts.count == 1
            && (c.cue.map { $0.upperBound <= c.content.lowerBound } ?? false) {
            guard let si = document.sentenceIndices(overlapping: c.content).first,
                  document.sentences[si].range.contains(c.content.lowerBound),
                  c.content.upperBound <= document.sentences[si].range.upperBound else { continue }
            let sentence = document.sentences[si]
            // Candidates come in text order: a sentence is tokenized once, however many rule
            // quotes it holds (one sentence of a million words may hold thousands).
            if si != loaded {
                scratch.load(buf, range: sentence.range, startsInsideQuote: sentence.startsInsideQuote, lexicon: model.features.lexicon)
                loaded = si
            }
            let s = scratch.sentence
            let first = s.tokens.firstIndex(after: { $0.range.lowerBound < c.content.lowerBound })
            let last = s.tokens.firstIndex(after: { $0.range.lowerBound < c.content.upperBound }) - 1
            guard first < s.tokens.count, last - first >= 4 else { continue }
            var cut: Int?
            var cue = 0..<0
            for k in (first + 2)...last where model.gated(s.tokens[k]) && model.cueProbability(s, k, buf) >= split {
                // The earliest boundary of the few words before the cue ("…, and, since 2023, has
                // criticised"), and any boundary words right before it.
                guard var b = stride(from: max(first + 1, k - 10), to: k, by: 1).first(where: { LearnedAttribution.isClauseBoundary(s.tokens[$0], buf) })
                else { continue }
                while b - 1 > first, LearnedAttribution.isClauseBoundary(s.tokens[b - 1], buf) { b -= 1 }
                guard (first..<b).filter({ s.tokens[$0].isWord }).count >= 3 else { continue }
                cut = b
                cue = s.tokens[k].range
                break
            }
            guard let b = cut, let trimmed = Candidate(
                rule: c.rule, confidence: c.confidence, declaredKind: c.kind == .mixed ? .indirect : c.kind,
                content: [c.content.lowerBound..<s.tokens[b - 1].range.upperBound], speaker: c.speaker, cue: c.cue,
                title: c.title, sourceless: c.sourceless, in: buf, scope: sentence.range) else { continue }
            out[i] = trimmed
            cuts.append(Cut(index: i, original: c, cue: cue))
        }
        return (out, cuts)
    }

    /// A rule quote `trim` cut short: where it is among the candidates, what it was, and the
    /// head of the cue that cut it (where `candidates` asks less of a quote).
    struct Cut {
        var index: Int
        var original: Candidate
        var cue: Range<Int>
    }

    /// Where one clause of a sentence ends and another may begin.
    static func isClauseBoundary(_ t: WordToken, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.shape == .punctuation {
            let r = t.range
            if r.count == 1 { return buf[r.lowerBound] == UInt8(ascii: ",") || buf[r.lowerBound] == UInt8(ascii: ";") }
            return r.count == 3 && buf[r.lowerBound] == 0xE2 && buf[r.lowerBound + 1] == 0x80 && (buf[r.lowerBound + 2] == 0x93 || buf[r.lowerBound + 2] == 0x94)
        }
        return clauseWords.contains(t.norm)
    }

    static let clauseWords: Set<UInt64> = Set(["but", "and", "while", "whereas", "although", "though", "yet"].map { FeatureHash.fnv($0.utf8) })

    /// The model's candidates for a document, given the candidates the rules chose (after
    /// `trim`); `cutCues` are the heads of the cues that cut a rule's clause.
    func candidates(
        document: Document, buf: UnsafeBufferPointer<UInt8>, taken: [Candidate], minConfidence: Double, scratch: Scratch,
        cutCues: [Range<Int>] = []
    ) -> [Found] {
        let occupied = Occupancy(taken)
        // A model candidate may share its speaker with a rule quote ("X said A and argued B").
        let quoted = Occupancy(taken, speakers: false)
        func isOccupied(_ r: Range<Int>) -> Bool { occupied.touches(r) }
        let cueThreshold = Float(model.cueThreshold)
        let threshold = Float(max(model.threshold, minConfidence))
        var kept: [Found] = []
        var found: [Found] = []
        for (index, sentence) in document.sentences.enumerated() {
            found.removeAll(keepingCapacity: true)
            // A sentence all inside the rules' quotes has no free word to be a cue: not tokenized.
            if occupied.coversWords(sentence.range, buf) { continue }
            // No word that can be a cue head: nothing more to read.
            guard scratch.load(buf, range: sentence.range, startsInsideQuote: sentence.startsInsideQuote,
                               lexicon: model.features.lexicon, gate: model.gate) else { continue }
            let s = scratch.sentence
            // Filled outside the scratch (one exclusivity check a sentence, not one a token).
            var cue: [Float] = []
            swap(&cue, &scratch.cue)
            cue.removeAll(keepingCapacity: true)
            var heads = 0
            for k in s.tokens.indices {
                let p = model.gated(s.tokens[k]) ? model.cueProbability(s, k, buf) : 0
                cue.append(p)
                if p >= cueThreshold { heads += 1 }
            }
            swap(&cue, &scratch.cue)
            guard heads > 0 else { continue }
            let ruleQuote = isOccupied(sentence.range)
            let cues = scratch.cue
            for k in s.tokens.indices where cues[k] >= cueThreshold {
                let headFacts = AttributionFeatures.CandidateFacts(
                    cueProbability: cues[k], contentScore: 0, sourceScore: nil, source: nil, contentWords: 0,
                    contentAfter: true, kind: .indirect, ruleQuoteInSentence: ruleQuote, heads: heads, head: k)
                let bar = cutCues.contains(s.tokens[k].range) ? min(threshold, max(Float(minConfidence), LearnedAttribution.cutCueThreshold)) : threshold
                guard !isOccupied(s.tokens[k].range), model.mayPass(headFacts, s, head: k, buf, threshold: bar),
                      var f = decode(s, head: k, sentence: sentence.range, buf: buf, scratch: scratch),
                      !f.candidate.parts.contains(where: isOccupied), !(f.candidate.speaker.map(quoted.touches) ?? false)
                else { continue }
                f.facts.ruleQuoteInSentence = ruleQuote
                f.facts.heads = heads
                f.sentence = index
                f.probability = model.candidateProbability(f.facts, s, head: k, buf)
                guard f.probability >= bar else { continue }
                f.candidate.confidence = LearnedAttribution.confidence(f.probability)
                found.append(f)
            }
            // Among one sentence's candidates (all of a candidate lies in its sentence), the more
            // confident first; one whose content or cue overlaps one taken before is dropped.
            found.sort { ($0.probability, -$0.candidate.content.lowerBound) > ($1.probability, -$1.candidate.content.lowerBound) }
            let first = kept.count
            // Which kept candidate's content, and whose cue, covers each token: a candidate can
            // only clash with those on its own tokens, so a sentence of a million words with
            // thousands of candidates stays linear (the clash test itself is on bytes).
            let n = s.tokens.count
            var contentOwner: [Int32] = [], cueOwner: [Int32] = []
            swap(&contentOwner, &scratch.contentOwner)
            swap(&cueOwner, &scratch.cueOwner)
            defer {
                swap(&contentOwner, &scratch.contentOwner)
                swap(&cueOwner, &scratch.cueOwner)
            }
            contentOwner.removeAll(keepingCapacity: true)
            contentOwner.append(contentsOf: repeatElement(-1, count: n))
            cueOwner.removeAll(keepingCapacity: true)
            cueOwner.append(contentsOf: repeatElement(-1, count: n))
            var near: [Int32] = []
            for f in found {
                let c = f.candidate
                let a = s.tokens.firstIndex(after: { $0.range.upperBound <= c.content.lowerBound })
                let b = s.tokens.firstIndex(after: { $0.range.lowerBound < c.content.upperBound })
                near.removeAll(keepingCapacity: true)
                for t in a..<b {
                    if contentOwner[t] >= 0 { near.append(contentOwner[t]) }
                    if cueOwner[t] >= 0 { near.append(cueOwner[t]) }
                }
                if contentOwner[f.head] >= 0 { near.append(contentOwner[f.head]) }
                let clash = near.contains { i in
                    let k = kept[Int(i)]
                    return k.candidate.overlaps(c) || k.candidate.parts.contains { p in c.cue.map(p.overlaps) ?? false }
                        || c.parts.contains { p in k.candidate.cue.map(p.overlaps) ?? false }
                }
                if !clash {
                    let index = Int32(kept.count)
                    for t in a..<b { contentOwner[t] = index }
                    cueOwner[f.head] = index
                    kept.append(f)
                }
            }
            kept[first...].sort { $0.candidate.content.lowerBound < $1.candidate.content.lowerBound }
        }
        return kept
    }

    /// Content and source of the cue head `h`: the best-scoring spans on one side of the cue.
    /// The facts are filled in but for the sentence's (`candidates` adds them).
    func decode(_ s: TokenizedSentence, head h: Int, sentence: Range<Int>,
                buf: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> Found? {
        guard let (a, b, contentScore) = bestContent(s, head: h, buf: buf, scratch: scratch) else { return nil }
        var source = bestSource(s, head: h, content: a...b, buf: buf, scratch: scratch)
        // A relative pronoun speaks for the name before it: "Mitch McConnell, who in 2010 said …"
        // is McConnell's; with no name right before it, the pronoun alone.
        if let (x, _, score) = source, LearnedAttribution.relativePronouns.contains(s.tokens[x].norm) {
            source = LearnedAttribution.antecedent(s, before: x).map { ($0.lowerBound, $0.upperBound, score) } ?? (x, x, score)
        } else if let (x, y, score) = source, x < y {
            // A pronoun takes no modifiers: a span that starts or ends with one ("she revised her
            // statement", "even before he") is a clause around the speaker, who is the pronoun.
            if s.wordClass[x] == .pronoun { source = (x, x, score) } else if s.wordClass[y] == .pronoun { source = (y, y, score) }
        }
        // "Maria Lopez, a spokeswoman for the union": the name speaks, the apposition is its title
        // (as the rules' APPOS gives it), so later mentions of "Lopez" find her.
        var name = source.map { ($0.0, $0.1) }, title: Range<Int>?
        if let (x, y) = name, let split = LearnedAttribution.apposition(s, x, y, buf) {
            name = (split.name.lowerBound, split.name.upperBound)
            title = s.tokens[split.title.lowerBound].range.lowerBound..<s.tokens[split.title.upperBound].range.upperBound
        }
        let speaker = name.map { s.tokens[$0.0].range.lowerBound..<s.tokens[$0.1].range.upperBound }
        guard let candidate = Candidate(
            rule: LearnedAttribution.ruleID, confidence: 0, declaredKind: .indirect,
            content: [s.tokens[a].range.lowerBound..<s.tokens[b].range.upperBound], speaker: speaker,
            cue: s.tokens[h].range, title: title, sourceless: false, in: buf, scope: sentence)
        else { return nil }
        let words = (a...b).reduce(0) { $0 + (s.tokens[$1].isWord ? 1 : 0) }
        let facts = AttributionFeatures.CandidateFacts(
            cueProbability: scratch.cue[h], contentScore: contentScore, sourceScore: source?.2,
            source: source.map { ($0.0, $0.1) }, contentWords: words, contentAfter: a > h, kind: candidate.kind,
            ruleQuoteInSentence: false, heads: 1, head: h)
        return Found(candidate: candidate, facts: facts, probability: 0, sentence: 0, head: h)
    }

    static let relativePronouns: Set<UInt64> = Set(["who", "which"].map { FeatureHash.fnv($0.utf8) })

    /// A source span that is a name, a comma and an apposition ("Maria Lopez, a spokeswoman for
    /// the union", "Smith, the mayor of Boston"): the name's tokens (one to six capitalised
    /// words) and the apposition's (from a determiner or a role word to the span's end, a
    /// closing comma left out). Nil for any other span.
    static func apposition(_ s: TokenizedSentence, _ x: Int, _ y: Int, _ buf: UnsafeBufferPointer<UInt8>)
        -> (name: ClosedRange<Int>, title: ClosedRange<Int>)? {
        guard y - x >= 2, let k = (x + 1..<y).first(where: { isComma(s.tokens[$0], buf) }) else { return nil }
        guard k - x <= 6, (x..<k).allSatisfy({ isNameWord(s, $0) }) else { return nil }
        let a = k + 1
        guard s.wordClass[a] == .determiner || s.wordClass[a] == .role else { return nil }
        var b = y
        while b > a, isComma(s.tokens[b], buf) { b -= 1 }
        // The apposition holds no other comma: "Smith, Jones, the mayor" is a list.
        guard b > a || s.wordClass[a] == .role, !(a...b).contains(where: { isComma(s.tokens[$0], buf) }) else { return nil }
        return (x...(k - 1), a...b)
    }

    @inline(__always) static func isComma(_ t: WordToken, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        t.shape == .punctuation && t.range.count == 1 && buf[t.range.lowerBound] == UInt8(ascii: ",")
    }

    /// A word that can be part of a name: capitalised, outside quotation marks ("the Department
    /// of Justice": a capitalised role noun too).
    static func isNameWord(_ s: TokenizedSentence, _ k: Int) -> Bool {
        !s.tokens[k].quoted && (s.wordClass[k] == .capitalised || s.wordClass[k] == .initialCapital
            || (s.wordClass[k] == .role && s.tokens[k].shape == .capitalised))
    }

    /// The capitalised words (up to six, "of" and "the" allowed inside) that end right before
    /// the comma in front of token `x`, or nil.
    static func antecedent(_ s: TokenizedSentence, before x: Int) -> ClosedRange<Int>? {
        func name(_ k: Int) -> Bool { isNameWord(s, k) }
        guard x >= 2, s.tokens[x - 1].shape == .punctuation, s.tokens[x - 1].range.count == 1, name(x - 2) else { return nil }
        let last = x - 2
        var first = last
        while first > 0, last - first < 5 {
            if name(first - 1) { first -= 1; continue }
            if first >= 2, connectors.contains(s.tokens[first - 1].norm), name(first - 2) { first -= 2; continue }
            break
        }
        // A role noun alone is no name, only capitalised by its place ("Officials, who …").
        if first == last, s.wordClass[first] == .role { return nil }
        return first...last
    }

    static let connectors: Set<UInt64> = Set(["of", "for"].map { FeatureHash.fnv($0.utf8) })

    /// Confidence of a model candidate: its cue probability, two decimals.
    static func confidence(_ p: Float) -> Double { (Double(p) * 100).rounded() / 100 }

    /// log σ(z), stable for large |z|.
    @inline(__always) static func logSigmoid(_ z: Float) -> Float {
        z >= 0 ? -log1p(exp(-z)) : z - log1p(exp(z))
    }

    /// The content span: start `a` and end `b` on the same side of the head, maximising
    /// log p(start = a) + log p(end = b).
    func bestContent(_ s: TokenizedSentence, head h: Int, buf: UnsafeBufferPointer<UInt8>,
                     scratch: Scratch) -> (Int, Int, Float)? {
        // A window around the head: content longer than this within one sentence is rare, and a
        // sentence of a million words (a page without punctuation) stays linear.
        let lo = max(0, h - LearnedAttribution.window)
        var hi = min(s.tokens.count, h + LearnedAttribution.window + 1)
        // Content after its cue stops before another confident cue: "X said A, and B warned
        // that C" holds two reports (as a rule's clause is cut, `trim`).
        let split = Float(model.splitThreshold)
        let cue = scratch.cue
        if split <= 1, h + 1 < hi, let k = (h + 1..<hi).first(where: { cue[$0] >= split }) { hi = k }
        scratch.ensureBases(model, buf)
        var (start, end) = scratch.borrowScores()
        defer { scratch.giveBack(&start, &end) }
        let bases = scratch.bases
        let scorer = model.scorer
        let cueStart = scorer.headWeights(scorer.contentStart, s, head: h), cueEnd = scorer.headWeights(scorer.contentEnd, s, head: h)
        // Logits: log σ is increasing, so the best end is the one of the highest logit, and
        // log σ(z) ≤ min(0, z) bounds a start's score before it is computed. Written through
        // buffers: one uniqueness check a head, not two a word.
        start.append(contentsOf: repeatElement(-.infinity, count: hi - lo))
        end.append(contentsOf: repeatElement(-.infinity, count: hi - lo))
        start.withUnsafeMutableBufferPointer { startLogit in
            end.withUnsafeMutableBufferPointer { endLogit in
                for j in lo..<hi where j != h && s.tokens[j].isWord {
                    let base = bases[j]
                    let (a, b) = scorer.contentPair(s, head: h, start: cueStart, end: cueEnd, at: j)
                    startLogit[j - lo] = base[0] + a
                    endLogit[j - lo] = base[1] + b
                }
            }
        }
        var best: (Int, Int, Float)?
        // Each side: walking from the far end towards the start keeps the best end at or after a.
        for side in 0..<2 {
            let (first, last) = side == 0 ? (h + 1, hi) : (lo, h)
            guard first < last else { continue }
            var bestEnd = -1
            var endScore = -Float.infinity
            for a in stride(from: last - 1, through: first, by: -1) {
                if bestEnd < 0 || end[a - lo] > end[bestEnd - lo] {
                    bestEnd = a
                    endScore = end[a - lo] == -.infinity ? -.infinity : LearnedAttribution.logSigmoid(end[a - lo])
                }
                let z = start[a - lo]
                guard z > -.infinity, endScore > -.infinity else { continue }
                if let b = best, min(0, z) + endScore <= b.2 { continue }
                let score = LearnedAttribution.logSigmoid(z) + endScore
                if best == nil || score > best!.2 { best = (a, bestEnd, score) }
            }
        }
        return best
    }

    /// The candidate threshold at a cue that cut a rule's clause (`trim`): the cut already
    /// says the words after it are another report, so its quote needs less to be kept
    /// ("Turkey has accused Israel of … and, since late 2023, has also fiercely criticised
    /// Israel's assault on Gaza": the second report is at 0.53). Against the model's 0.6 at
    /// such cues: PolNeAR dev all-partial 0.7299 → 0.7305, all-exact 0.5429 → 0.5437.
    static let cutCueThreshold: Float = 0.5

    /// How far (in tokens) from its cue head a content or source boundary is looked for.
    static let window = 80

    /// The source span: up to 30 tokens on one side of the head and of the content, holding a
    /// word that can name a speaker, starting where the start model gives at least the
    /// threshold. It holds no other cue (that would be a clause of its own: "both of whom
    /// opposed the deal"), no quotation mark and no `;`, `:`, `?` or `!`, and neither starts
    /// nor ends with a function word or an adverb. Nil when there is none.
    func bestSource(_ s: TokenizedSentence, head h: Int, content: ClosedRange<Int>, buf: UnsafeBufferPointer<UInt8>,
                    scratch: Scratch) -> (Int, Int, Float)? {
        let lo = max(0, h - LearnedAttribution.window), hi = min(s.tokens.count, h + LearnedAttribution.window + 1)
        let after = content.lowerBound > h
        let minStart = LearnedAttribution.logSigmoidInverse(Float(model.sourceThreshold))
        scratch.ensureBases(model, buf)
        var (start, end) = scratch.borrowScores()
        defer { scratch.giveBack(&start, &end) }
        let bases = scratch.bases, cue = scratch.cue
        let scorer = model.scorer
        let cueStart = scorer.headWeights(scorer.sourceStart, s, head: h), cueEnd = scorer.headWeights(scorer.sourceEnd, s, head: h)
        start.append(contentsOf: repeatElement(-.infinity, count: hi - lo))
        end.append(contentsOf: repeatElement(-.infinity, count: hi - lo))
        start.withUnsafeMutableBufferPointer { startScore in
            end.withUnsafeMutableBufferPointer { endScore in
                for j in lo..<hi where j != h && !content.contains(j) && s.tokens[j].isWord {
                    let base = bases[j]
                    // Scored only where the search below can use it: a start where a speaker may
                    // start (outside quotation marks), an end where one may end.
                    let cls = s.wordClass[j]
                    if cls.canStartSpeaker && !s.tokens[j].quoted {
                        startScore[j - lo] = LearnedAttribution.logSigmoid(
                            base[2] + scorer.source(scorer.sourceStart, s, head: h, contentAfter: after, cue: cueStart, at: j))
                    }
                    if cls.canEndSpeaker {
                        endScore[j - lo] = LearnedAttribution.logSigmoid(
                            base[3] + scorer.source(scorer.sourceEnd, s, head: h, contentAfter: after, cue: cueEnd, at: j))
                    }
                }
            }
        }
        var best: (Int, Int, Float)?
        let threshold = Float(model.cueThreshold)
        for x in lo..<hi where start[x - lo] >= minStart && s.wordClass[x].canStartSpeaker && !s.tokens[x].quoted {
            var canName = false
            var y = x
            while y < hi, y - x <= 30, y != h, !content.contains(y) {
                let t = s.tokens[y]
                if t.quoted || (t.shape == .punctuation && LearnedAttribution.endsSource(t, buf)) || !s.wordClass[y].canBeInsideSpeaker { break }
                if y > x, cue[y] >= threshold { break }
                if s.wordClass[y].canHeadSpeaker { canName = true }
                if canName, end[y - lo] > -.infinity, s.wordClass[y].canEndSpeaker {
                    let score = start[x - lo] + end[y - lo]
                    if best == nil || score > best!.2 { best = (x, y, score) }
                }
                y += 1
            }
        }
        return best
    }

    /// Marks a source never runs over: quotation marks, `;`, `:`, `?`, `!`.
    static func endsSource(_ t: WordToken, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        if QuoteMarks.mark(at: t.range.lowerBound, in: buf, limit: t.range.upperBound) > 0 { return true }
        guard t.range.count == 1 else { return false }
        let b = buf[t.range.lowerBound]
        return b == UInt8(ascii: ";") || b == UInt8(ascii: ":") || b == UInt8(ascii: "?") || b == UInt8(ascii: "!")
    }

    /// log p for a probability threshold p.
    static func logSigmoidInverse(_ p: Float) -> Float { log(max(p, 1e-9)) }
}
