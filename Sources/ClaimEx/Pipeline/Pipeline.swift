/// The stages of DESIGN.md chained for one command: `clean` stops after cleanup,
/// `sentences` after splitting, `extract` runs them all.
public struct Pipeline: Sendable {
    public enum Depth: String, Sendable {
        case clean, sentences, full
    }

    public let depth: Depth
    let cleanup: CleanupStage
    /// The stages after cleanup (none for `clean`).
    let analysis: (any Stage<Document, Document>)?

    /// The cleaned-text size above which `run(_:in:segmentBytes:each:)` analyses a document in
    /// segments of whole paragraphs: 1 MiB, some 30 times the longest news article of the
    /// evaluation sets, so real articles are never cut, while the memory a huge page takes
    /// in sentences, attribution, claim typing and encoding follows this size instead of
    /// the page's (a segment's quotes, candidates and records are freed before the next
    /// one is analysed).
    ///
    /// What a cut loses, because each segment is analysed as a document of its own: a
    /// quotation open at the end of a segment does not run on into the next (its
    /// continuation sentences there are not marked as inside a quotation); a surname, a
    /// pronoun or a role does not resolve to a speaker named only in an earlier segment;
    /// and records come segment by segment (a segment's quotes, then its claims) rather
    /// than all quotes of the article before all its claims. Offsets, spans and sentence
    /// ids stay those of the whole document.
    public static let segmentBytes = 1 << 20

    /// `attributionModel: false` runs the attribution rules without the learned model.
    public init(rules: RuleSet, depth: Depth = .full, limits: ArticleLimits = .standard, minQuoteConfidence: Double = 0,
                attributionModel: Bool = true) {
        self.depth = depth
        cleanup = CleanupStage(rules: rules, limits: limits)
        switch depth {
        case .clean:
            analysis = nil
        case .sentences:
            analysis = SentenceStage(rules: rules)
        case .full:
            analysis = SentenceStage(rules: rules)
                .then(AttributionStage(rules: rules, limits: limits, minConfidence: minQuoteConfidence, useModel: attributionModel))
                .then(ClaimTypingStage(rules: rules))
        }
    }

    /// The whole article as one document. The article is taken: its body is freed once
    /// cleaned when the caller gave up its last copy (`CleanupStage.clean`).
    public func run(_ article: consuming Article, in workspace: Workspace) throws(ArticleError) -> Document {
        let document = try cleanup.process(consume article, in: workspace)
        guard let analysis else { return document }
        return try analysis.process(document, in: workspace)
    }

    /// The article analysed a segment at a time (see `segmentBytes`): `each` gets every
    /// segment's document, in order, with where it starts in the whole document and whether
    /// it is the last, before the next segment is analysed. A cleaned text of at most `segmentBytes` is one segment at
    /// `.start`, the same document `run(_:in:)` gives. Only the `full` depth is cut; the
    /// others give their whole document (their records hold the whole text anyway).
    public func run(_ article: consuming Article, in workspace: Workspace, segmentBytes: Int = Pipeline.segmentBytes,
                    each: (_ document: Document, _ origin: SegmentOrigin, _ isLast: Bool) -> Void) throws(ArticleError) {
        var clean = try cleanup.clean(&article, in: workspace)
        guard let analysis else {
            each(Document(article: article, clean: clean), .start, true)
            return
        }
        let ranges = depth == .full ? ParagraphSegments.ranges(clean.ranges, maxBytes: segmentBytes) : [clean.ranges.indices]
        if ranges.count == 1 {
            each(try analysis.process(Document(article: article, clean: clean), in: workspace), .start, true)
            return
        }
        var origin = SegmentOrigin.start
        for (n, range) in ranges.enumerated() {
            // A segment's text is copied out of the whole (at most `segmentBytes`), which is
            // dropped once the last is cut.
            let part = clean.part(range)
            if n == ranges.count - 1 { clean.dropText() }
            let document = try analysis.process(Document(article: copy article, clean: part), in: workspace)
            each(document, origin, n == ranges.count - 1)
            origin = origin.after(document)
        }
    }
}
