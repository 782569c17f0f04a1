import Patterns

/// Article → Document: picks the cleaner for the article's format and carries the reader's
/// metadata (which the caller knows best) over what the page says about itself.
public struct CleanupStage: Stage {
    public let name = "cleanup"
    let plainText: PlainTextCleaner
    let html: HTMLCleaner

    let maxHTMLDepth: Int

    public init(rules: RuleSet, limits: ArticleLimits = ArticleLimits()) {
        plainText = PlainTextCleaner(rules: rules.plainText)
        html = rules.html
        maxHTMLDepth = limits.maxHTMLDepth
    }

    public func process(_ article: consuming Article, in workspace: Workspace) throws(ArticleError) -> Document {
        let clean = try clean(&article, in: workspace)
        return Document(article: article, clean: clean)
    }

    /// The article's paragraphs and metadata, before they are joined into a document (which
    /// `Pipeline` does a segment at a time for a huge article).
    ///
    /// Takes the body out of the article (which keeps its id, metadata and provenance):
    /// nothing after cleanup reads the raw bytes, and a caller that holds no other copy of
    /// them (the runner does not) has a huge page freed as soon as it is parsed rather than
    /// kept while the document is analysed.
    func clean(_ article: inout Article, in workspace: Workspace) throws(ArticleError) -> CleanText {
        let body = article.body
        article.body = []
        var clean: CleanText
        switch article.format {
        case .html:
            let (text, tooDeep) = html.clean(consume body, maxDepth: maxHTMLDepth)
            if tooDeep {
                throw ArticleError(
                    code: "limit.html-depth",
                    message: "the page nests elements deeper than \(maxHTMLDepth) levels (the max-html-depth limit)",
                    articleID: article.id, provenance: article.provenance)
            }
            clean = text
        case .text:
            clean = plainText.clean(bytes: consume body, scratch: workspace.scratch)
        }
        if let title = article.title { clean.metadata.title = title }
        if let url = article.url { clean.metadata.url = url }
        if let published = article.published { clean.metadata.published = published }
        return clean
    }
}
