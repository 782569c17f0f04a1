/// The stages of DESIGN.md chained for one command: `clean` stops after cleanup,
/// `sentences` after splitting, `extract` runs them all.
public struct Pipeline: Sendable {
    public enum Depth: String, Sendable {
        case clean, sentences, full
    }

    public let depth: Depth
    let stages: any Stage<Article, Document>

    /// `attributionModel: false` runs the attribution rules without the learned model.
    public init(rules: RuleSet, depth: Depth = .full, limits: ArticleLimits = .standard, minQuoteConfidence: Double = 0,
                attributionModel: Bool = true) {
        self.depth = depth
        let cleanup = CleanupStage(rules: rules, limits: limits)
        switch depth {
        case .clean:
            stages = cleanup
        case .sentences:
            stages = cleanup.then(SentenceStage(rules: rules))
        case .full:
            stages = cleanup
                .then(SentenceStage(rules: rules))
                .then(AttributionStage(rules: rules, limits: limits, minConfidence: minQuoteConfidence, useModel: attributionModel))
                .then(ClaimTypingStage(rules: rules))
        }
    }

    public func run(_ article: Article, in workspace: Workspace) throws(ArticleError) -> Document {
        try stages.process(article, in: workspace)
    }
}
