/// Splits cleaned article text into sentences, as byte ranges.
///
/// Rule-based on purpose: the attribution stage needs boundaries it can predict (a quotation
/// closed in its paragraph is never cut; a sentence knows when it continues a quotation from
/// the paragraph before) and the pipeline needs throughput, so the splitter is one forward
/// scan over UTF-8 bytes with lexicon lookups by hashed byte slices, and never copies text.
public struct SentenceSplitter: Sendable {
    let lexicon: SentenceLexicon

    public init(lexicon: SentenceLexicon) {
        self.lexicon = lexicon
    }

    /// `text`: the UTF-8 bytes of the whole cleaned document text. `paragraphs`: byte ranges of its
    /// paragraphs, in order, non-overlapping (the text between them is "\n\n" or "\n").
    /// Returns sentences in order; each range excludes leading/trailing whitespace, lies inside one
    /// paragraph, and the splitter never changes text (a sentence's text IS the slice).
    ///
    /// Quotation state flows between paragraphs the way news writes long quotations: a
    /// paragraph that leaves a quotation open hands it to the next paragraph if that one starts
    /// by re-opening it; any other start ends it, so an unbalanced mark never runs away.
    public func split(_ text: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>]) -> [Sentence] {
        guard let base = text.baseAddress, text.count > 0 else { return [] }
        var out: [Sentence] = []
        out.reserveCapacity(text.count / 120 + 1)
        var scanner = ParagraphScanner(p: base, lexicon: lexicon, quotes: QuotePairing(elisions: lexicon.elisions))
        var carried: QuoteMark.Family?
        for (index, range) in paragraphs.enumerated() {
            let lo = min(max(range.lowerBound, 0), text.count)
            let hi = min(max(range.upperBound, lo), text.count)
            let first = ByteClass.skipSpaces(base, lo, hi)
            guard first < hi else { continue }
            scanner.quotes.analyse(base, lo, hi)
            let continues = carried.map { scanner.quotes.reopens($0, at: first) } ?? false
            scanner.scan(lo, hi, paragraph: index, continuesQuote: continues, into: &out)
            carried = scanner.quotes.unclosedFamily
        }
        return out
    }
}
