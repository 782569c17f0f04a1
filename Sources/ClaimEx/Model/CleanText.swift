/// What a cleaner hands on: the article's paragraphs and what it learnt about the article.
///
/// Cleaners produce paragraphs rather than one string so that paragraph boundaries survive
/// into the document: multi-paragraph quotations depend on them.
public struct CleanText: Sendable, Equatable {
    /// The paragraphs joined by a blank line ("\n\n"), empty ones left out: the document's
    /// text, made here once so that `Document` takes it as it is. One string rather than a
    /// string a paragraph: on a page of many short paragraphs, strings each cost twice the
    /// text in headers and allocator rounding, and joining them was a second copy (issue 9).
    public private(set) var text: String
    /// UTF-8 byte ranges of the paragraphs in `text`, in order; none is empty.
    public private(set) var ranges: [Range<Int>]
    public var metadata: DocumentMetadata

    /// Joins `paragraphs`; empty ones add nothing.
    public init(paragraphs: [String], metadata: DocumentMetadata = DocumentMetadata()) {
        var text = ""
        text.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count + 2 })
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(paragraphs.count)
        var offset = 0
        for paragraph in paragraphs where !paragraph.isEmpty {
            if offset > 0 {
                text += "\n\n"
                offset += 2
            }
            text += paragraph
            let n = paragraph.utf8.count
            ranges.append(offset..<offset + n)
            offset += n
        }
        self.init(text: text, ranges: ranges, metadata: metadata)
    }

    /// A text already joined: `ranges` must be its paragraphs, non-empty, in order, with
    /// "\n\n" between each two.
    public init(text: String, ranges: [Range<Int>], metadata: DocumentMetadata = DocumentMetadata()) {
        self.text = text
        self.ranges = ranges
        self.metadata = metadata
    }

    /// Joins the byte ranges `pieces` of valid UTF-8 `bytes` (each non-empty) into one
    /// text, straight from the bytes: no string a paragraph is made.
    public init(joining pieces: some Collection<Range<Int>>, of bytes: [UInt8], metadata: DocumentMetadata = DocumentMetadata()) {
        let size = pieces.reduce(0) { $0 + $1.count } + max(0, pieces.count - 1) * 2
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(pieces.count)
        let text = bytes.withUnsafeBufferPointer { src in
            String(unsafeUninitializedCapacity: size) { dst in
                var offset = 0
                for piece in pieces {
                    if offset > 0 {
                        dst[offset] = 0x0A
                        dst[offset + 1] = 0x0A
                        offset += 2
                    }
                    // SAFETY: `piece` lies inside `src` (the caller's ranges into `bytes`) and
                    // `size` counts every piece and separator, so the copy stays inside `dst`.
                    _ = UnsafeMutableBufferPointer(rebasing: dst[offset..<offset + piece.count])
                        .initialize(from: UnsafeBufferPointer(rebasing: src[piece]))
                    ranges.append(offset..<offset + piece.count)
                    offset += piece.count
                }
                return offset
            }
        }
        self.init(text: text, ranges: ranges, metadata: metadata)
    }

    /// The paragraphs as strings, made on each call.
    public var paragraphs: [String] {
        let utf8 = Array(text.utf8)
        return ranges.map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    /// The first paragraph, if any.
    public var firstParagraph: String? {
        guard let r = ranges.first else { return nil }
        let utf8 = text.utf8
        return String(utf8[utf8.index(utf8.startIndex, offsetBy: r.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: r.upperBound)])
    }

    /// Paragraphs `range` (indices into `ranges`) as a text of their own, offsets from 0.
    func part(_ range: Range<Int>) -> CleanText {
        guard let first = ranges[range].first, let last = ranges[range].last else {
            return CleanText(text: "", ranges: [], metadata: metadata)
        }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: first.lowerBound)
        let end = utf8.index(start, offsetBy: last.upperBound - first.lowerBound)
        let shift = first.lowerBound
        return CleanText(text: String(text[start..<end]), ranges: ranges[range].map { $0.lowerBound - shift..<$0.upperBound - shift },
                         metadata: metadata)
    }

    /// Drops the text (a caller that has cut it into parts).
    mutating func dropText() {
        text = ""
        ranges = []
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
