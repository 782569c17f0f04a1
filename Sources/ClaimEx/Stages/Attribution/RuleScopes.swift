/// Where in one document each attribution rule is worth a PCRE2 scan, from one walk over the
/// words of its sentences: which sentences and paragraphs hold one of the rule's `words:`,
/// and where in each the last of them starts.
///
/// Every match of a rule holds one of its words (`rules test` checks each example), so no match
/// starts after the last one: the scan is told so (`Pattern.forEachMatch(latestStart:)`) and
/// stops there instead of trying every later position of the sentence. Most cue words stand
/// early in their sentence, before the reported clause, so for a rule that starts with its
/// speaker that is most of the positions it would otherwise try.
struct RuleScopes {
    let triggers: WordTriggers
    /// Rule masks, `triggers.stride` words a scope.
    private(set) var sentenceMasks: [UInt64]
    private(set) var paragraphMasks: [UInt64]
    /// Every rule word of the document, in text order; each scope owns a run of them.
    private var hits: [WordTriggers.Hit] = []
    private var sentenceHits: [Range<Int>]
    private var paragraphHits: [Range<Int>]
    /// False where the hits may miss a word: the walk gave up (see `WordTriggers`), or a
    /// paragraph's sentences do not hold all its letters.
    private var sentenceSure: [Bool]
    private var paragraphSure: [Bool]

    init(triggers: WordTriggers, buf: UnsafeBufferPointer<UInt8>, document: Document) {
        self.triggers = triggers
        let stride = triggers.stride
        let sentences = document.sentences
        let paragraphs = document.paragraphs
        var hits: [WordTriggers.Hit] = []
        hits.reserveCapacity(sentences.count * 2)
        var sentenceMasks = [UInt64](repeating: 0, count: sentences.count * stride)
        var sentenceHits: [Range<Int>] = []
        var sentenceSure: [Bool] = []
        sentenceHits.reserveCapacity(sentences.count)
        sentenceSure.reserveCapacity(sentences.count)
        sentenceMasks.withUnsafeMutableBufferPointer { all in
            for (i, s) in sentences.enumerated() {
                let first = hits.count
                sentenceSure.append(triggers.candidates(
                    buf, ranges: CollectionOfOne(s.range),
                    into: UnsafeMutableBufferPointer(rebasing: all[(i * stride)..<((i + 1) * stride)]), hits: &hits))
                sentenceHits.append(first..<hits.count)
            }
        }
        // A paragraph's words are its sentences' words: OR their masks and join their hits
        // rather than walk the text again (a paragraph without sentences, if any, is walked).
        var paragraphMasks = [UInt64](repeating: 0, count: paragraphs.count * stride)
        var paragraphHits = [Range<Int>](repeating: 0..<0, count: paragraphs.count)
        var paragraphSure = [Bool](repeating: true, count: paragraphs.count)
        var walked = [Bool](repeating: false, count: paragraphs.count)
        // Where the previous sentence of the same paragraph ended (the paragraph start at first).
        var covered = 0
        for (i, sentence) in sentences.enumerated() where sentence.paragraph < walked.count {
            let p = sentence.paragraph
            if !walked[p] {
                walked[p] = true
                paragraphHits[p] = sentenceHits[i]
                covered = paragraphs[p].lowerBound
            }
            for w in 0..<stride { paragraphMasks[p * stride + w] |= sentenceMasks[i * stride + w] }
            paragraphHits[p] = paragraphHits[p].lowerBound..<sentenceHits[i].upperBound
            // The hits stand for the paragraph only when its sentences leave no letter out and
            // cut no word in two.
            if !sentenceSure[i] || RuleScopes.lettersBetween(covered, sentence.range.lowerBound, buf)
                || RuleScopes.cutsWord(sentence.range.lowerBound, buf, within: paragraphs[p]) {
                paragraphSure[p] = false
            }
            covered = max(covered, sentence.range.upperBound)
            if i + 1 == sentences.count || sentences[i + 1].paragraph != p,
               RuleScopes.lettersBetween(covered, paragraphs[p].upperBound, buf) {
                paragraphSure[p] = false
            }
        }
        paragraphMasks.withUnsafeMutableBufferPointer { all in
            for (p, range) in paragraphs.enumerated() where !walked[p] {
                let first = hits.count
                paragraphSure[p] = triggers.candidates(
                    buf, ranges: CollectionOfOne(range),
                    into: UnsafeMutableBufferPointer(rebasing: all[(p * stride)..<((p + 1) * stride)]), hits: &hits)
                paragraphHits[p] = first..<hits.count
            }
        }
        self.sentenceMasks = sentenceMasks
        self.paragraphMasks = paragraphMasks
        self.hits = hits
        self.sentenceHits = sentenceHits
        self.paragraphHits = paragraphHits
        self.sentenceSure = sentenceSure
        self.paragraphSure = paragraphSure
    }

    /// Whether rule `rule` (its index in `triggers`) may match in scope `index`: one of its
    /// words occurs there, or it has none.
    func allows(_ rule: Int, paragraph: Bool, _ index: Int) -> Bool {
        let masks = paragraph ? paragraphMasks : sentenceMasks
        return masks[index * triggers.stride + rule / 64] & (1 << UInt64(rule % 64)) != 0
    }

    /// Where the last of the rule's words in scope `index` (`range`) starts: no match of the
    /// rule starts after it. Nil when that is not known (the rule has no words or `<digit>`,
    /// or the walk was unsure): then the whole scope is tried.
    func latestStart(_ rule: Int, paragraph: Bool, _ index: Int, range: Range<Int>) -> Int? {
        guard triggers.isPositional(rule), paragraph ? paragraphSure[index] : sentenceSure[index] else { return nil }
        for hit in hits[paragraph ? paragraphHits[index] : sentenceHits[index]].reversed()
        where range.contains(hit.start) && triggers.hit(hit, isWordOf: rule) {
            return hit.start
        }
        return nil
    }

    @inline(__always) private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a }

    /// Whether `buf[from..<to]` holds an ASCII letter (a word no sentence walked).
    private static func lettersBetween(_ from: Int, _ to: Int, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = from
        while i < to {
            if isASCIILetter(buf[i]) { return true }
            i += 1
        }
        return false
    }

    /// Whether a sentence starting at `offset` inside `paragraph` splits a run of ASCII letters.
    private static func cutsWord(_ offset: Int, _ buf: UnsafeBufferPointer<UInt8>, within paragraph: Range<Int>) -> Bool {
        offset > paragraph.lowerBound && offset < buf.count && isASCIILetter(buf[offset - 1]) && isASCIILetter(buf[offset])
    }
}
