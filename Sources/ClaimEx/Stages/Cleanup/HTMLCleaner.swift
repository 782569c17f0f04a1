import HTMLText

/// Turns an HTML news page into the article's paragraphs plus its metadata.
///
/// How the body is found (ideas from readability, trafilatura and jusText, no code):
/// 1. Every block gets a content score from its length, punctuation and link density; blocks
///    inside nav/aside/footer, hidden ones and link lists score nothing.
/// 2. Scores flow up to the block's container and, decaying, to a few ancestors; the
///    best-scoring container (adjusted by its class/id words and link density) is the body.
///    JSON-LD `articleBody` and microdata `itemprop=articleBody`, when present, weight the
///    blocks they confirm.
/// 3. Siblings of the body container that hold good text are merged in.
/// 4. Inside the body, boilerplate is dropped: blocks under elements whose class/id words say
///    share/related/newsletter/caption/byline..., captions, figures, nav-like link lists, the
///    headline, bylines and timestamps, and known phrases ("Advertisement", ...).
public struct HTMLCleaner: Sendable {
    let rules: HTMLCleanupRules
    let parseOptions: ParseOptions

    /// The cleaner with the built-in word lists (the same as the shipped `rules/cleanup` files).
    public init() {
        self.init(rules: .builtIn)
    }

    init(rules: HTMLCleanupRules) {
        self.rules = rules
        parseOptions = ParseOptions(skipClassWords: rules.skipClassWords)
    }

    /// The cleaner with the word lists of `directory` (a rules directory's `cleanup` folder:
    /// `html-classes.txt`, `html-phrases.txt`).
    public static func load(directory: String) throws(RuleError) -> HTMLCleaner {
        HTMLCleaner(rules: try HTMLCleanupRules.load(directory: directory))
    }

    /// Inline furniture cut out of the text before blocks are formed: hover cards that sit
    /// inside a sentence's link, screen-reader-only labels, tooltips.
    static let builtInSkipClassWords = [
        "rollover", "tooltip", "popover", "hovercard", "hover-card", "sr-only", "visually-hidden",
        "visuallyhidden", "screen-reader", "screenreader", "element-invisible", "offscreen",
    ]

    /// Never crashes, whatever the bytes; an empty result (no paragraphs) when nothing
    /// article-like is found.
    public func clean(_ html: consuming [UInt8]) -> CleanText {
        clean(html, maxDepth: ParseOptions.defaultMaxDepth).text
    }

    /// `clean(_:)` with an element-nesting limit; `depthLimitReached` says the page nests
    /// deeper than `maxDepth` (its text is then incomplete). The bytes are taken, and freed
    /// once parsed when the caller gave up its last copy (`HTMLPage.parse`).
    public func clean(_ html: consuming [UInt8], maxDepth: Int) -> (text: CleanText, depthLimitReached: Bool) {
        var options = parseOptions
        options.maxDepth = maxDepth
        let page = HTMLPage.parse(consume html, options: options)
        return (clean(page), page.depthLimitReached)
    }

    private func clean(_ page: HTMLPage) -> CleanText {
        let meta = HTMLMetadataReader.read(page)
        var selector = HTMLBodySelector(page: page, hint: meta.articleBodyHint, headline: meta.headlines, rules: rules)
        selector.hintFallback = { meta.articleBodyParagraphs }
        var clean: CleanText
        switch selector.select() {
        case .blocks(let kept):
            clean = CleanText(joining: kept.lazy.map { page.blocks[Int($0)].textRange }, of: page.text, metadata: meta.document)
        case .paragraphs(let paragraphs):
            clean = CleanText(paragraphs: paragraphs, metadata: meta.document)
        }
        if let first = clean.firstParagraph, let dateline = HTMLDateline.find(in: first) {
            clean.metadata.dateline = dateline
        }
        return clean
    }
}
