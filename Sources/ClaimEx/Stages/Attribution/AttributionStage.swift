import Patterns

/// Finds who said what: runs the attribution rules over sentences and paragraphs, keeps the
/// best non-overlapping candidates, derives each quote's kind from its quotation marks and
/// resolves its speaker.
public struct AttributionStage: Stage {
    public let name = "attribution"
    let sentenceRules: [AttributionRule]
    let paragraphRules: [AttributionRule]
    /// The distinct `requires` patterns of the rules; `AttributionRule.prefilter` indexes here.
    let prefilters: [Pattern]
    /// The rules' `words:`, indexed by `AttributionRule.index`: which rules a sentence or
    /// paragraph holds a word of.
    let triggers: WordTriggers
    let lexicon: SpeakerLexicon
    /// The learned model's pass, after the rules (nil: rules only).
    let learned: LearnedAttribution?
    /// Quotes whose content is longer than this (Unicode scalars) are dropped with a warning.
    let maxQuoteLength: Int
    /// Floating quotes (confidence `floatingConfidence`) are only looked for at or above it.
    let minConfidence: Double
    static let floatingConfidence = 0.6

    /// `minConfidence`: rules less confident than this are not run at all (a user who wants
    /// speech only, not every stance PolNeAR counts, sets 0.6), and the model keeps only cues
    /// at least that probable. `useModel: false` runs the rules alone. `only`: just the rules
    /// with these ids (the benchmark's cost of each rule).
    public init(rules: RuleSet, limits: ArticleLimits = ArticleLimits(), minConfidence: Double = 0, useModel: Bool = true,
                only: Set<String>? = nil) {
        maxQuoteLength = limits.maxQuoteLength
        self.minConfidence = minConfidence
        var prefilters: [Pattern] = []
        var index: [String: Int] = [:]
        let kept = rules.attribution.filter { $0.spec.confidence >= minConfidence && (only?.contains($0.spec.id) ?? true) }
        let all = kept.enumerated().map { i, compiled -> AttributionRule in
            var rule = AttributionRule(compiled)
            rule.index = i
            if let p = compiled.prefilter {
                if index[p.source] == nil {
                    index[p.source] = prefilters.count
                    prefilters.append(p)
                }
                rule.prefilter = index[p.source]
            }
            return rule
        }
        self.prefilters = prefilters
        triggers = WordTriggers(words: kept.map(\.spec.words))
        sentenceRules = all.filter { $0.compiled.spec.scope == .sentence }
        paragraphRules = all.filter { $0.compiled.spec.scope == .paragraph }
        lexicon = rules.speakers
        learned = useModel ? rules.attributionModel.map { LearnedAttribution(model: $0) } : nil
    }

    public func process(_ input: consuming Document, in workspace: Workspace) throws(ArticleError) -> Document {
        var document = input
        var chosen = ruleCandidates(&document, scratch: workspace.scratch)
        if let learned {
            let (trimmed, cuts) = document.withUTF8 { buf in learned.trim(chosen, document: document, buf: buf, scratch: workspace.learned) }
            let found = document.withUTF8 { buf in
                learned.candidates(document: document, buf: buf, taken: trimmed, minConfidence: minConfidence, scratch: workspace.learned,
                                   cutCues: cuts.map(\.cue))
            }
            chosen = trimmed
            // The model's quotes keep to the same length limit as the rules'.
            let (fit, dropped) = document.withUTF8 { buf in dropOverlong(found.map(\.candidate), in: buf, document: document) }
            document.warnings += dropped
            chosen = (chosen + fit).sorted { $0.content.lowerBound < $1.content.lowerBound }
        }
        document.quotes = document.withUTF8 { buf in
            build(chosen, document: document, buf: buf)
        }
        return document
    }

    /// The candidates the rules' matches leave after selection (their warnings added to the
    /// document): what the learned model's pass works around.
    func ruleCandidates(_ document: inout Document, scratch: MatchScratch) -> [Candidate] {
        let (candidates, warnings) = document.withUTF8 { buf in
            findCandidates(in: buf, document: document, scratch: scratch)
        }
        document.warnings += warnings
        let (kept, dropped) = document.withUTF8 { buf in
            dropOverlong(candidates, in: buf, document: document)
        }
        document.warnings += dropped
        return AttributionStage.select(kept)
    }

    /// Every rule match, with its content trimmed and its kind derived. Public for `explain`.
    func findCandidates(
        in buf: UnsafeBufferPointer<UInt8>, document: Document, scratch: MatchScratch
    ) -> ([Candidate], [ArticleError]) {
        var candidates: [Candidate] = []
        var warnings: [ArticleError] = []
        // Where each prefilter matches, found once for the whole text.
        var hits: [[Int]] = []
        for p in prefilters {
            var starts: [Int] = []
            try? p.forEachMatch(in: buf, scratch: scratch) { m in
                starts.append(m.range.lowerBound)
                return true
            }
            hits.append(starts)
        }
        // Which rules each sentence and paragraph holds a word of, and where their last one starts.
        let scopes = RuleScopes(triggers: triggers, buf: buf, document: document)
        func allowed(_ rule: AttributionRule, _ range: Range<Int>, paragraph: Bool, _ scope: Int) -> Bool {
            guard scopes.allows(rule.index, paragraph: paragraph, scope) else { return false }
            guard let p = rule.prefilter else { return true }
            let starts = hits[p]
            let lo = starts.firstIndex(after: { $0 < range.lowerBound })
            return lo < starts.count && starts[lo] < range.upperBound
        }
        let sentenceStarts = document.sentences.map(\.range.lowerBound)
        func run(_ rule: AttributionRule, over ranges: [Range<Int>], paragraph: Bool) {
            do {
                for (scope, range) in ranges.enumerated() where allowed(rule, range, paragraph: paragraph, scope) {
                    let latest = scopes.latestStart(rule.index, paragraph: paragraph, scope, range: range)
                    guard rule.compiled.spec.startsBeforeRequires, let p = rule.prefilter else {
                        try rule.compiled.pattern.forEachMatch(in: buf, range: range, latestStart: latest, scratch: scratch) { match in
                            if let candidate = rule.candidate(from: match, in: buf, scope: range) {
                                candidates.append(candidate)
                            }
                            return true
                        }
                        continue
                    }
                    // `starts: before-requires`: from the sentence of each `requires` match up
                    // to it, left to right, each search going on from where the last match
                    // ended, as one search over the scope would, and never trying a place
                    // twice (a sentence of a million words with a thousand colons stays linear).
                    let last = min(latest ?? range.upperBound, range.upperBound)
                    let starts = hits[p]
                    var cursor = range.lowerBound
                    var i = starts.firstIndex(after: { $0 < range.lowerBound })
                    while i < starts.count, starts[i] < range.upperBound {
                        let h = starts[i]
                        i += 1
                        let sentence = sentenceStarts.firstIndex(after: { $0 <= h }) - 1
                        let from = max(cursor, sentence >= 0 ? sentenceStarts[sentence] : range.lowerBound)
                        if from > last { break }
                        guard from <= h else { continue }
                        let limit = min(h, last)
                        try rule.compiled.pattern.forEachMatch(in: buf, range: from..<range.upperBound, latestStart: limit,
                                                               scratch: scratch) { match in
                            if let candidate = rule.candidate(from: match, in: buf, scope: range) {
                                candidates.append(candidate)
                            }
                            cursor = max(cursor, match.range.upperBound)
                            return true
                        }
                        // Every start up to the limit is tried: the next window begins after it
                        // (on a character's first byte).
                        var next = limit + 1
                        while next < range.upperBound, buf[next] & 0xC0 == 0x80 { next += 1 }
                        cursor = max(cursor, next)
                    }
                }
            } catch {
                // A rule that blows a match limit is skipped for this article, not fatal.
                warnings.append(ArticleError(
                    code: (error as? PatternError)?.id ?? "pattern.match",
                    message: "rule skipped for this article: \(error)",
                    articleID: document.article.id, provenance: document.article.provenance,
                    rule: rule.compiled.spec.id))
            }
        }
        let sentenceRanges = document.sentences.map(\.range)
        for rule in paragraphRules { run(rule, over: document.paragraphs, paragraph: true) }
        for rule in sentenceRules { run(rule, over: sentenceRanges, paragraph: false) }
        return (candidates, warnings)
    }

    /// Drops candidates whose content exceeds `maxQuoteLength` scalars (a runaway quotation:
    /// an unclosed mark that swallowed the page), with one warning a rule and article.
    private func dropOverlong(
        _ candidates: [Candidate], in buf: UnsafeBufferPointer<UInt8>, document: Document
    ) -> ([Candidate], [ArticleError]) {
        var warned: Set<String> = []
        var warnings: [ArticleError] = []
        let kept = candidates.filter { c in
            var scalars = 0
            for part in c.parts where part.upperBound <= buf.count {
                scalars += ScalarOffsets.count(in: buf, part)
                if scalars > maxQuoteLength { break }
            }
            guard scalars > maxQuoteLength else { return true }
            if warned.insert(c.rule).inserted {
                warnings.append(ArticleError(
                    code: "limit.quote-length",
                    message: "a quote of more than \(maxQuoteLength) characters was dropped (the max-quote-length limit)",
                    articleID: document.article.id, provenance: document.article.provenance, rule: c.rule))
            }
            return false
        }
        return (kept, warnings)
    }

    /// Why a candidate lost, for `explain`.
    enum Drop: Sendable, Equatable {
        /// Another candidate with the same cue had more content (or as much and more confidence).
        case sameCue(winner: String)
        /// Its content overlaps a candidate taken before it (higher confidence).
        case overlap(winner: String)
        /// Its speaker sits inside the content of another candidate: the sentence is someone
        /// else's report ("officials said the FBI declined to …"), not the FBI's.
        case speakerInsideQuote(winner: String)
    }

    /// Between two readings of one cue: the one with more content, unless a direct quotation
    /// sits inside the other's content ("Narrative: “quote,” he said." — the narrative before
    /// the colon is the writer's, the quotation is the speaker's).
    static func prefers(_ c: Candidate, over other: Candidate) -> Bool {
        func directInside(_ inner: Candidate, _ outer: Candidate) -> Bool {
            inner.kind == .direct && outer.kind != .direct
                && outer.content.lowerBound <= inner.content.lowerBound && inner.content.upperBound <= outer.content.upperBound
        }
        if directInside(c, other) { return true }
        if directInside(other, c) { return false }
        return c.contentLength > other.contentLength
            || (c.contentLength == other.contentLength && c.confidence > other.confidence)
    }

    /// Drops reports inside reports; keeps, among candidates sharing a cue, the preferred one
    /// (`prefers`); then takes candidates by confidence whose content overlaps nothing taken
    /// before.
    static func select(_ candidates: [Candidate]) -> [Candidate] {
        selectExplained(candidates).kept
    }

    /// Reports inside reports ("X clarified that he meant Y"): the inner one's speaker lies in
    /// the outer one's content. Only one can be kept, and the outer says more — unless the
    /// inner one is a direct quotation, whose marks are stronger evidence than any clause.
    /// Returns inner candidate → the outer one that wins over it.
    static func nestedReports(_ candidates: [Candidate]) -> [Int: Int] {
        let parts = candidates.indices.flatMap { i in candidates[i].parts.map { (range: $0, owner: i) } }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        var reach: [Int] = []  // reach[k]: the furthest upper bound among parts[0...k]
        for p in parts { reach.append(max(reach.last ?? 0, p.range.upperBound)) }
        // The candidates whose content holds `i`'s speaker (and whose own speaker is not inside
        // `i`'s content: two clauses quoting each other settle by confidence later).
        func enclosers(_ i: Int) -> [Int] {
            guard let s = candidates[i].speaker else { return [] }
            let lo = parts.firstIndex(after: { $0.range.lowerBound <= s.lowerBound })
            var found: [Int] = []
            var k = lo - 1
            while k >= 0, reach[k] >= s.upperBound {
                let o = parts[k].owner
                if o != i, parts[k].range.lowerBound <= s.lowerBound, parts[k].range.upperBound >= s.upperBound,
                   !(candidates[o].speaker.map { os in candidates[i].parts.contains { $0.lowerBound <= os.lowerBound && os.upperBound <= $0.upperBound } } ?? false) {
                    found.append(o)
                }
                k -= 1
            }
            return found
        }
        let outers = candidates.indices.map(enclosers)
        // Only an outer report that is not itself inside another one decides: a bad clause that
        // swallowed a later sentence ("…, but Sondland said …") must not take Sondland with it.
        var nested: [Int: Int] = [:]
        for (i, c) in candidates.enumerated() where c.kind != .direct {
            if let outer = outers[i].first(where: { outers[$0].isEmpty }) { nested[i] = outer }
        }
        return nested
    }

    static func selectExplained(_ candidates: [Candidate]) -> (kept: [Candidate], dropped: [(Candidate, Drop)]) {
        var bestByCue: [Range<Int>: Candidate] = [:]
        var noCue: [Candidate] = []
        var dropped: [(Candidate, Drop)] = []
        let nested = nestedReports(candidates)
        for (i, outer) in nested.sorted(by: { $0.key < $1.key }) {
            dropped.append((candidates[i], .speakerInsideQuote(winner: candidates[outer].rule)))
        }
        for (i, c) in candidates.enumerated() where nested[i] == nil {
            guard let cue = c.cue else { noCue.append(c); continue }
            if let other = bestByCue[cue] {
                if AttributionStage.prefers(c, over: other) {
                    bestByCue[cue] = c
                    dropped.append((other, .sameCue(winner: c.rule)))
                } else {
                    dropped.append((c, .sameCue(winner: other.rule)))
                }
            } else {
                bestByCue[cue] = c
            }
        }
        let pool = (Array(bestByCue.values) + noCue).sorted {
            ($0.confidence, $0.contentLength, -$0.content.lowerBound) > ($1.confidence, $1.contentLength, -$1.content.lowerBound)
        }
        var taken: [Candidate] = []
        // The parts taken so far, sorted and non-overlapping, with the index of their candidate:
        // an overlap test is a binary search, so a huge document stays linear-ish.
        var occupied: [(range: Range<Int>, owner: Int)] = []
        func firstOverlap(_ r: Range<Int>) -> Int? {
            let lo = occupied.firstIndex(after: { $0.range.upperBound <= r.lowerBound })
            return lo < occupied.count && occupied[lo].range.overlaps(r) ? occupied[lo].owner : nil
        }
        for c in pool {
            if let owner = c.parts.lazy.compactMap(firstOverlap).first {
                dropped.append((c, .overlap(winner: taken[owner].rule)))
                continue
            }
            if let s = c.speaker, let owner = firstOverlap(s) {
                dropped.append((c, .speakerInsideQuote(winner: taken[owner].rule)))
                continue
            }
            for part in c.parts where !part.isEmpty {
                let lo = occupied.firstIndex(after: { $0.range.lowerBound < part.lowerBound })
                occupied.insert((part, taken.count), at: lo)
            }
            taken.append(c)
        }
        return (taken.sorted { $0.content.lowerBound < $1.content.lowerBound }, dropped)
    }

    /// Quotes from the chosen candidates, their speakers resolved in document order (also what
    /// the model trainer judges its candidates by).
    func build(_ chosen: [Candidate], document: Document, buf: UnsafeBufferPointer<UInt8>) -> [Quote] {
        var resolver = SpeakerResolver(lexicon: lexicon)
        var quotes: [Quote] = []
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self) }
        // Resolve in the order the speakers appear, so "he" finds the person named before it.
        var cursor: (sentence: Int, scan: QuoteMarks.Cursor)?
        for c in chosen.sorted(by: { ($0.speaker ?? $0.cue ?? $0.content).lowerBound < ($1.speaker ?? $1.cue ?? $1.content).lowerBound }) {
            let speaker: Speaker?
            if let s = c.speaker {
                speaker = resolver.resolve(mention: text(s), range: s, apposition: c.title.map(text),
                                           quoted: isQuoted(s.lowerBound, document: document, buf: buf, cursor: &cursor))
            } else if c.sourceless {
                speaker = nil
            } else {
                speaker = resolver.repeatLast()
            }
            let cue = c.cue.map { r in Cue(text: text(r), lemma: lexicon.lemma(of: text(r)), range: r) }
            var quote = Quote(kind: c.kind, content: c.content, speaker: speaker, cue: cue,
                              sentenceIndices: document.sentenceIndices(overlapping: c.content),
                              rule: c.rule, confidence: c.confidence)
            quote.parts = c.parts
            quotes.append(quote)
        }
        if AttributionStage.floatingConfidence >= minConfidence {
            quotes.append(contentsOf: floatingQuotes(after: quotes, document: document, buf: buf))
        }
        return quotes.sorted { $0.content.lowerBound < $1.content.lowerBound }
    }

    /// Whether `offset` lies inside a quotation, from the sentence's quote state at its start.
    /// A speaker there is someone quoted ("“I said …”").
    /// Offsets come in increasing order: `cursor` carries the scan of their sentence on, so a
    /// sentence of a million words with thousands of speakers is read once.
    private func isQuoted(_ offset: Int, document: Document, buf: UnsafeBufferPointer<UInt8>,
                          cursor: inout (sentence: Int, scan: QuoteMarks.Cursor)?) -> Bool {
        guard let i = document.sentenceIndices(overlapping: offset..<(offset + 1)).first else { return false }
        let sentence = document.sentences[i]
        var scan = QuoteMarks.Cursor(start: sentence.range.lowerBound, inside: sentence.startsInsideQuote)
        if let c = cursor, c.sentence == i, c.scan.position <= offset { scan = c.scan }
        scan = QuoteMarks.scan(to: offset, from: scan, in: buf)
        cursor = (i, scan)
        return scan.inside
    }

    /// A paragraph that is nothing but a quotation continues the speaker of the paragraph
    /// before it, when that paragraph ended with one of their quotes.
    private func floatingQuotes(after quotes: [Quote], document: Document, buf: UnsafeBufferPointer<UInt8>) -> [Quote] {
        var found: [Quote] = []
        // The index (in `quotes`) of each paragraph's last quote, or -1: looked up by index, a
        // quote is not copied twice a paragraph.
        var lastByParagraph = [Int](repeating: -1, count: document.paragraphs.count)
        for (i, q) in quotes.enumerated() {
            if let p = document.paragraphIndex(containing: q.content.lowerBound) { lastByParagraph[p] = i }
        }
        // The speaker of the paragraph before's last quote (nil: none, or a quote without one).
        var previous: Speaker?
        for (index, paragraph) in document.paragraphs.enumerated() {
            let last = lastByParagraph[index]
            defer {
                previous = last >= 0 ? quotes[last].speaker
                    : found.last.flatMap { document.paragraphIndex(containing: $0.content.lowerBound) == index ? $0.speaker : nil }
            }
            guard last < 0, let speaker = previous else { continue }
            let open = QuoteMarks.mark(at: paragraph.lowerBound, in: buf, limit: paragraph.upperBound)
            guard open > 0 else { continue }
            var end = paragraph.upperBound
            let close = QuoteMarks.mark(endingAt: end, in: buf, floor: paragraph.lowerBound + open)
            end -= close
            let content = (paragraph.lowerBound + open)..<end
            // Only a whole-paragraph quotation: no other marks inside (else it is something else).
            guard content.count > 8, QuoteMarks.count(in: content, of: buf) == 0 else { continue }
            var quote = Quote(kind: .direct, content: content, speaker: speaker, cue: nil,
                              sentenceIndices: document.sentenceIndices(overlapping: content),
                              rule: "direct.floating", confidence: AttributionStage.floatingConfidence)
            quote.parts = [content]
            found.append(quote)
        }
        return found
    }
}

