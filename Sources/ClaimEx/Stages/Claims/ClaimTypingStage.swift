/// Types every quote's content and every sentence in the article's own voice; own-voice
/// sentences that make a checkable claim become `Claim`s.
public struct ClaimTypingStage: Stage {
    public let name = "claims"
    let typer: ClaimTyper

    public init(rules: RuleSet) {
        typer = ClaimTyper(rules: rules)
    }

    public func process(_ input: consuming Document, in workspace: Workspace) throws(ArticleError) -> Document {
        var document = input
        let id = document.article.id
        let provenance = document.article.provenance
        var warnings: [ArticleError] = []
        func warn(_ rule: String, _ error: Error) {
            warnings.append(ArticleError(code: "pattern.limit", message: "rule skipped: \(error)", articleID: id,
                                         provenance: provenance, rule: rule))
        }
        // Quote parts in order, walked alongside the sentences (both are sorted): linear, not quadratic.
        let quoteRanges = document.quotes.flatMap(\.parts).sorted { $0.lowerBound < $1.lowerBound }
        var nextQuote = 0
        document.withUTF8 { buf in
            for i in document.quotes.indices {
                let verdict = typer.classify(buf, ranges: document.quotes[i].parts, scratch: workspace.scratch, warning: warn)
                document.quotes[i].claimTypes = verdict.types
                document.quotes[i].checkworthy = verdict.checkworthy
            }
            var claims: [Claim] = []
            for (index, sentence) in document.sentences.enumerated() {
                // Reported speech belongs to its speaker: only the article's own voice makes claims.
                while nextQuote < quoteRanges.count, quoteRanges[nextQuote].upperBound <= sentence.range.lowerBound { nextQuote += 1 }
                var inQuote = false
                var q = nextQuote
                while q < quoteRanges.count, quoteRanges[q].lowerBound < sentence.range.upperBound {
                    if quoteRanges[q].overlaps(sentence.range) { inQuote = true; break }
                    q += 1
                }
                if inQuote { continue }
                let verdict = typer.classify(buf, ranges: CollectionOfOne(sentence.range), scratch: workspace.scratch, warning: warn)
                guard verdict.isClaim else { continue }
                // A claim no type rule named was found by the model alone.
                claims.append(Claim(range: sentence.range, sentenceIndex: index, types: verdict.types,
                                    checkworthy: verdict.checkworthy, rule: verdict.rule ?? "model.claim"))
            }
            document.claims = claims
        }
        document.warnings += warnings
        return document
    }
}
