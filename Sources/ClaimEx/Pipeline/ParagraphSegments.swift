/// Cuts a document's paragraphs into segments of whole paragraphs whose joined text stays
/// within a byte budget, so that a huge article is analysed a segment at a time
/// (`Pipeline.segmentBytes`) and its memory follows the segment, not the article.
enum ParagraphSegments {
    /// Index ranges of `paragraphs` (byte ranges of a joined text, as `CleanText.ranges`),
    /// in order and covering every index, each joining (with a blank line between
    /// paragraphs, as `CleanText` does) to at most `maxBytes` bytes, except a single
    /// paragraph longer than that, which is a segment of its own. Empty ranges add nothing
    /// and never make a segment alone. One range when the whole text fits, so a document
    /// under the budget is processed exactly as before.
    static func ranges(_ paragraphs: [Range<Int>], maxBytes: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var size = 0
        for (i, paragraph) in paragraphs.enumerated() {
            let n = paragraph.count
            if n == 0 { continue }
            if size > 0 && size + 2 + n > maxBytes {
                out.append(start..<i)
                start = i
                size = 0
            }
            size += (size > 0 ? 2 : 0) + n
        }
        out.append(start..<paragraphs.count)
        return out
    }
}
