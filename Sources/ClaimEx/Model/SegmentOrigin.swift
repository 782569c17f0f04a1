/// Where a segment's document starts inside the whole document it was cut from: what its
/// own offsets and indices are shifted by when its records are written.
///
/// A large document is analysed in segments of whole paragraphs (`Pipeline.segmentBytes`),
/// each a `Document` of its own whose byte ranges, sentence indices and paragraph indices
/// start at 0. The records must still speak of the whole document (spans into the text that
/// `claimex clean` prints, sentence ids counted from its first sentence), so the encoder adds
/// these to every position it writes. `.start` (all zero) is a document that is not cut.
public struct SegmentOrigin: Sendable, Equatable {
    /// UTF-8 bytes of the whole text before the segment (earlier segments and the blank
    /// lines that join them).
    public var bytes = 0
    /// Unicode scalars of the whole text before the segment: the unit of output spans.
    public var scalars = 0
    /// Sentences of the earlier segments.
    public var sentences = 0
    /// Paragraphs of the earlier segments.
    public var paragraphs = 0

    public init(bytes: Int = 0, scalars: Int = 0, sentences: Int = 0, paragraphs: Int = 0) {
        self.bytes = bytes
        self.scalars = scalars
        self.sentences = sentences
        self.paragraphs = paragraphs
    }

    /// A document that is not cut: nothing is shifted.
    public static let start = SegmentOrigin()

    /// The origin of the segment that follows `document`, a segment starting at `self`
    /// (the two are joined by a blank line, as paragraphs are).
    public func after(_ document: Document) -> SegmentOrigin {
        let scalars = document.withUTF8 { buf in ScalarOffsets.count(in: buf, 0..<buf.count) }
        return SegmentOrigin(bytes: bytes + document.text.utf8.count + 2, scalars: self.scalars + scalars + 2,
                             sentences: sentences + document.sentences.count, paragraphs: paragraphs + document.paragraphs.count)
    }
}
