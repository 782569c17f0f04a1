/// What a cleaner hands on: the article's paragraphs and what it learnt about the article.
///
/// Cleaners produce paragraphs rather than one string so that paragraph boundaries survive
/// into the document: multi-paragraph quotations depend on them.
public struct CleanText: Sendable, Equatable {
    public var paragraphs: [String]
    public var metadata: DocumentMetadata

    public init(paragraphs: [String], metadata: DocumentMetadata = DocumentMetadata()) {
        self.paragraphs = paragraphs
        self.metadata = metadata
    }
}

/// Facts about an article that are not part of its body text.
public struct DocumentMetadata: Sendable, Equatable {
    public var title: String?
    public var authors: [String]
    /// ISO 8601 where the source gives a parseable date, else as written.
    public var published: String?
    public var url: String?
    public var lang: String?
    /// "ANKARA (Reuters) -": the place and agency. The plain-text cleaner removes it from the
    /// first paragraph (wire copy, where it would otherwise open the first quote); the HTML
    /// cleaner leaves it in the text, as the article-extraction benchmark's ground truth does.
    public var dateline: Dateline?

    public init(
        title: String? = nil, authors: [String] = [], published: String? = nil, url: String? = nil,
        lang: String? = nil, dateline: Dateline? = nil
    ) {
        self.title = title
        self.authors = authors
        self.published = published
        self.url = url
        self.lang = lang
        self.dateline = dateline
    }
}

/// A wire-story dateline such as "ANKARA (Reuters) -".
public struct Dateline: Sendable, Equatable {
    public var place: String
    public var agency: String?

    public init(place: String, agency: String? = nil) {
        self.place = place
        self.agency = agency
    }
}
