/// Splits the cleaned text into sentences, paragraph by paragraph.
public struct SentenceStage: Stage {
    public let name = "sentences"
    let splitter: SentenceSplitter

    public init(rules: RuleSet) {
        splitter = SentenceSplitter(lexicon: rules.sentences)
    }

    public func process(_ input: consuming Document, in workspace: Workspace) throws(ArticleError) -> Document {
        var document = input
        let paragraphs = document.paragraphs
        document.sentences = document.withUTF8 { splitter.split($0, paragraphs: paragraphs) }
        return document
    }
}
