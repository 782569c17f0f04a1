/// One sentence of the cleaned text.
///
/// A sentence is a byte range and never a copy: its text is always the slice of the
/// document text, so offsets stay true through every later stage.
public struct Sentence: Sendable, Equatable {
    /// UTF-8 byte range in the document text.
    public var range: Range<Int>
    /// Index of the paragraph the sentence lies in.
    public var paragraph: Int
    /// True when the sentence begins inside a quotation opened by an earlier sentence
    /// (possibly in an earlier paragraph): the attribution stage reads such sentences as
    /// continuations of that quotation.
    public var startsInsideQuote: Bool

    public init(range: Range<Int>, paragraph: Int, startsInsideQuote: Bool = false) {
        self.range = range
        self.paragraph = paragraph
        self.startsInsideQuote = startsInsideQuote
    }
}
