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
        let clean: CleanText
        switch article.format {
        case .html:
            let (text, tooDeep) = html.clean(article.body, maxDepth: maxHTMLDepth)
            if tooDeep {
                throw ArticleError(
                    code: "limit.html-depth",
                    message: "the page nests elements deeper than \(maxHTMLDepth) levels (the max-html-depth limit)",
                    articleID: article.id, provenance: article.provenance)
            }
            clean = text
        case .text:
            clean = plainText.clean(String(decoding: article.body, as: UTF8.self), scratch: workspace.scratch)
        }
        var document = Document(article: article, clean: clean)
        if let title = document.article.title { document.metadata.title = title }
        if let url = document.article.url { document.metadata.url = url }
        if let published = document.article.published { document.metadata.published = published }
        return document
    }
}
