/// The one value that travels through every stage.
///
/// Each stage reads what earlier stages assigned and adds its own part, so a stage can be
/// run, tested and explained on its own (spaCy's one-Doc-through-components idea).
/// All positions inside are UTF-8 byte ranges into `text`; code-point spans are made only
/// when records are written.
public struct Document: Sendable {
    public var article: Article
    /// The cleaned text: paragraphs joined by a blank line. What `claimex clean` prints.
    public private(set) var text: String
    /// Byte ranges of the paragraphs in `text`.
    public private(set) var paragraphs: [Range<Int>]
    public var metadata: DocumentMetadata
    public var sentences: [Sentence] = []
    public var quotes: [Quote] = []
    public var claims: [Claim] = []
    /// Problems that did not stop the article (a rule skipped after a match limit, …).
    public var warnings: [ArticleError] = []

    /// The cleaned text, already joined (`CleanText.text`): taken as it is, not copied.
    public init(article: Article, clean: CleanText) {
        self.article = article
        metadata = clean.metadata
        text = clean.text
        paragraphs = clean.ranges
    }

    /// The text of a byte range.
    public func slice(_ range: Range<Int>) -> String {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(text[start..<end])
    }

    /// Runs `body` over the text's UTF-8 bytes without copying them.
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try text.utf8.withContiguousStorageIfAvailable(body) { return r }
        return try Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Indices of the sentences that overlap `range`.
    public func sentenceIndices(overlapping range: Range<Int>) -> [Int] {
        let lo = sentences.firstIndex(after: { $0.range.upperBound <= range.lowerBound })
        var out: [Int] = []
        var i = lo
        while i < sentences.count, sentences[i].range.lowerBound < max(range.upperBound, range.lowerBound + 1) {
            out.append(i)
            i += 1
        }
        return out
    }

    /// The paragraph holding byte `offset`.
    public func paragraphIndex(containing offset: Int) -> Int? {
        let lo = paragraphs.firstIndex(after: { $0.upperBound <= offset })
        return lo < paragraphs.count && paragraphs[lo].contains(offset) ? lo : nil
    }
}
