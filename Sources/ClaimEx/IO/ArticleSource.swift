/// One item read from the input: an article, or the reason an input item could not become
/// one (a line that is not JSON, a file that cannot be read). Failures travel in order with
/// the articles so that every input item is accounted for where it stood.
public typealias ReadItem = Result<Article, ArticleError>

/// A stream of input items, read lazily so that memory stays bounded.
public protocol ArticleSource {
    mutating func next() -> ReadItem?
}

/// How to read the inputs: the `--format` and `--*-key` options.
public struct InputOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case auto, text, html, jsonl, warc
    }

    public var format: Format = .auto
    public var textKey: String?
    public var idKey: String?
    public var urlKey: String?
    public var titleKey: String?
    public var dateKey: String?
    /// Articles larger than this fail with `input.too-large` instead of being processed.
    public var maxBytes: Int = 50_000_000

    public init() {}

    static let textKeys = ["text", "maintext", "content", "raw_text", "body"]
    static let urlKeys = ["url", "source", "link"]
    static let dateKeys = ["date", "date_publish", "publish_date", "published", "published_date"]
    static let idKeys = ["id", "article_id", "doc_id"]
}
