/// One input article as a reader found it, before any cleanup.
///
/// Readers fill what their source knows (a JSON Lines export has a URL and a date, a bare
/// text file has neither); the cleanup stage may fill the rest from the page itself.
public struct Article: Sendable {
    /// How the body is to be read: the cleanup stage picks its cleaner from this.
    public enum Format: String, Sendable, CaseIterable {
        case text, html
    }

    public var id: String
    public var url: String?
    public var title: String?
    public var published: String?
    public var source: String?
    public var format: Format
    /// The raw body bytes. HTML stays bytes because its charset is only known after sniffing.
    /// Cleanup takes them out (a document's article has none left): nothing after it reads
    /// them, and a huge page is then freed once parsed instead of held through the analysis.
    public var body: [UInt8]
    public var provenance: Provenance

    public init(
        id: String, format: Format, body: [UInt8], provenance: Provenance,
        url: String? = nil, title: String? = nil, published: String? = nil, source: String? = nil
    ) {
        self.id = id
        self.format = format
        self.body = body
        self.provenance = provenance
        self.url = url
        self.title = title
        self.published = published
        self.source = source
    }
}

/// Where an article came from, so that every output record can be traced back to its input.
public struct Provenance: Sendable, Equatable {
    /// The input path, or `-` for standard input.
    public var input: String
    /// 1-based line for JSON Lines inputs.
    public var line: Int?
    /// `WARC-Record-ID` of a WARC record (e.g. `urn:uuid:…`, without angle brackets).
    public var warcRecordID: String?
    /// Byte offset of a WARC record: of its gzip member in a `.warc.gz` (Common Crawl's index
    /// `offset`, to fetch the record again with a range request), else of its `WARC/` line.
    public var warcOffset: Int?
    /// `WARC-Date`: when the page was crawled (not when it was published).
    public var warcDate: String?

    public init(input: String, line: Int? = nil, warcRecordID: String? = nil, warcOffset: Int? = nil, warcDate: String? = nil) {
        self.input = input
        self.line = line
        self.warcRecordID = warcRecordID
        self.warcOffset = warcOffset
        self.warcDate = warcDate
    }

    /// `path:line`, `path@offset`, or the path: for diagnostics.
    public var location: String {
        if let line { return "\(input):\(line)" }
        if let warcOffset { return "\(input)@\(warcOffset)" }
        return input
    }
}
