/// An HTML page turned into Swift values: its blocks of text in document order, the
/// block-level elements that hold them, and what the page says about itself.
///
/// Nothing here refers to libxml2: the document is parsed, walked and freed inside
/// `HTMLPage.parse`.
public struct HTMLPage: Sendable {
    public var blocks: [Block]
    /// The blocks' texts back to back in document order, as UTF-8 (valid: a run libxml2
    /// handed over as invalid UTF-8 is stored repaired, U+FFFD for each bad sequence).
    /// One buffer rather than a `String` a block: on a page of many short blocks, a string
    /// each cost twice the text itself in headers and allocator rounding (issue 9).
    public var text: [UInt8]
    /// Block-level elements (div, p, section, li, ...) in document order; `Block.element` and
    /// `Element.parent` index into this array. Index 0 is the root (`html`) when present.
    public var elements: [Element]
    public var metadata: PageMetadata
    /// The page nests elements deeper than `ParseOptions.maxDepth`: what lies deeper was not
    /// walked, so the page's text is incomplete and callers should reject it.
    public var depthLimitReached = false

    public init(blocks: [Block] = [], text: [UInt8] = [], elements: [Element] = [], metadata: PageMetadata = PageMetadata()) {
        self.blocks = blocks
        self.text = text
        self.elements = elements
        self.metadata = metadata
    }

    /// A block's text as a string (made on each call: callers that only scan it should read
    /// `text[block.textRange]`).
    public func text(of block: Block) -> String {
        text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[block.textRange]), as: UTF8.self) }
    }

    /// Every block's text, in order (for tests and tools; the cleaner reads the buffer).
    public var blockTexts: [String] { blocks.map { text(of: $0) } }
}

/// How `HTMLPage.parse` walks a page.
public struct ParseOptions: Sendable, Hashable {
    /// Elements whose class, id, itemprop or role value contains one of these (compared
    /// lower-cased) are left out with everything inside them: hover cards, screen-reader-only
    /// labels and the like, which would otherwise run into the sentence around them.
    public var skipClassWords: [String]
    /// The deepest element nesting walked (libxml2 itself runs with XML_PARSE_HUGE, so it
    /// keeps every level); deeper elements are left out and `depthLimitReached` is set.
    public var maxDepth: Int
    /// The most bytes libxml2 is handed a read (`PageReader`); tests make it small, so that
    /// read ends fall all over a small page.
    var readLimit = Int.max

    /// The default `maxDepth`: far deeper than any real page, low enough that a hostile one
    /// is rejected rather than walked.
    public static let defaultMaxDepth = 100_000

    public init(skipClassWords: [String] = [], maxDepth: Int = ParseOptions.defaultMaxDepth) {
        self.skipClassWords = skipClassWords
        self.maxDepth = maxDepth
    }
}

/// What kind of text a block is, from the block-level element that directly holds it.
public enum BlockKind: UInt8, Sendable, Hashable {
    case paragraph
    case heading
    case listItem
    case blockquote
    case tableCell
    case preformatted
    /// figcaption or table caption.
    case caption
    /// Text directly inside a div, section, article, td-less table part, ...
    case text
}

/// Where a block or element sits: the semantic containers around it (inherited downwards).
public struct Roles: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let article = Roles(rawValue: 1 << 0)
    public static let main = Roles(rawValue: 1 << 1)
    public static let aside = Roles(rawValue: 1 << 2)
    public static let nav = Roles(rawValue: 1 << 3)
    public static let header = Roles(rawValue: 1 << 4)
    public static let footer = Roles(rawValue: 1 << 5)
    public static let figure = Roles(rawValue: 1 << 6)
    public static let form = Roles(rawValue: 1 << 7)
    public static let blockquote = Roles(rawValue: 1 << 8)
    public static let list = Roles(rawValue: 1 << 9)
    public static let table = Roles(rawValue: 1 << 10)
    /// Inside an embedded tweet or Instagram post (blockquote.twitter-tweet, ...).
    public static let embed = Roles(rawValue: 1 << 11)
    /// `hidden` attribute or inline style display:none / visibility:hidden.
    public static let hidden = Roles(rawValue: 1 << 12)
    /// aria-hidden="true".
    public static let ariaHidden = Roles(rawValue: 1 << 13)
    public static let address = Roles(rawValue: 1 << 14)
    /// dialog, details, role=dialog.
    public static let dialog = Roles(rawValue: 1 << 15)
    /// Microdata itemprop="articleBody".
    public static let articleBody = Roles(rawValue: 1 << 16)
    /// Inside `<head>`.
    public static let head = Roles(rawValue: 1 << 17)
    /// Inside a `<figure>`'s `<figcaption>` or a table `<caption>`.
    public static let caption = Roles(rawValue: 1 << 18)
}

/// A block-level element.
public struct Element: Sendable, Hashable {
    public var tag: HTMLTag
    /// Index of the nearest block-level ancestor in `HTMLPage.elements`, or -1.
    public var parent: Int32
    /// Number of block-level ancestors.
    public var depth: Int32
    /// Roles of this element and its ancestors.
    public var roles: Roles
    /// Lower-cased values of the class, id, itemprop and role attributes, space-separated
    /// ("" when it has none).
    public var hints: String

    public init(tag: HTMLTag, parent: Int32, depth: Int32, roles: Roles, hints: String) {
        self.tag = tag
        self.parent = parent
        self.depth = depth
        self.roles = roles
        self.hints = hints
    }
}

/// A run of text between block boundaries, whitespace collapsed and trimmed; never empty.
/// Its text lies in `HTMLPage.text` at `textRange`. The fields are narrow (a page is at most
/// `Int32.max` bytes, which libxml2's own size limit already implies) so that a block takes
/// 28 bytes: a huge page holds hundreds of thousands of them.
public struct Block: Sendable, Hashable {
    public var kind: BlockKind
    /// The block-level element that directly holds the text.
    public var tag: HTMLTag
    /// 1...6 for h1...h6, else 0.
    public var headingLevel: UInt8
    /// Index into `HTMLPage.elements` of that element.
    public var element: Int32
    /// Where the text starts in `HTMLPage.text` (UTF-8 byte offset).
    public var textStart: Int32
    /// UTF-8 byte count of the stored text.
    public var textLength: Int32
    /// UTF-8 bytes of the text that lie inside `<a href>`.
    public var linkBytes: Int32
    /// UTF-8 byte count of the text as libxml2 handed it over: `textLength` but for a run
    /// that had to be repaired, whose scores keep counting the bytes it came with.
    public var textBytes: Int32
    public var roles: Roles

    public init(
        kind: BlockKind, tag: HTMLTag, element: Int32, headingLevel: UInt8, textStart: Int32, textLength: Int32,
        linkBytes: Int32, textBytes: Int32, roles: Roles
    ) {
        self.kind = kind
        self.tag = tag
        self.headingLevel = headingLevel
        self.element = element
        self.textStart = textStart
        self.textLength = textLength
        self.linkBytes = linkBytes
        self.textBytes = textBytes
        self.roles = roles
    }

    /// The byte range of the text in `HTMLPage.text`.
    public var textRange: Range<Int> { Int(textStart)..<Int(textStart) + Int(textLength) }

    /// Share of the text that is link text, 0...1.
    public var linkDensity: Double { textBytes == 0 ? 0 : Double(linkBytes) / Double(textBytes) }
}

/// What a page says about itself, raw: the cleaner decides which to believe.
public struct PageMetadata: Sendable, Hashable {
    /// `<title>`, whitespace collapsed.
    public var title: String?
    /// Text of the first `<h1>`.
    public var firstH1: String?
    /// `<html lang>`.
    public var lang: String?
    /// `<link rel="canonical" href>`.
    public var canonical: String?
    /// `<meta name|property|itemprop="..." content>`, keys lower-cased; the first wins.
    public var meta: [String: String]
    /// Contents of each `<script type="application/ld+json">`, unparsed.
    public var jsonLD: [String]
    /// `<time datetime>` values in document order.
    public var times: [String]
    /// Text of `<a rel="author">` links and `<link rel="author">` hrefs... text only.
    public var relAuthors: [String]
    /// The charset used to decode the page.
    public var charset: String?

    public init(
        title: String? = nil, firstH1: String? = nil, lang: String? = nil, canonical: String? = nil,
        meta: [String: String] = [:], jsonLD: [String] = [], times: [String] = [],
        relAuthors: [String] = [], charset: String? = nil
    ) {
        self.title = title
        self.firstH1 = firstH1
        self.lang = lang
        self.canonical = canonical
        self.meta = meta
        self.jsonLD = jsonLD
        self.times = times
        self.relAuthors = relAuthors
        self.charset = charset
    }
}
