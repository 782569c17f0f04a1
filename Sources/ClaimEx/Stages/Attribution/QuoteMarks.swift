/// Double quotation marks as the attribution stage counts them: `"`, `“`, `”`, `„`, `«`, `»`,
/// and the doubled apostrophe `''` some archives use. Single quotes are left out on purpose: inside news
/// quotations they nest, and outside they are mostly apostrophes.
enum QuoteMarks {
    /// Length in bytes of the mark starting at `i`, or 0. Recognition is the sentence
    /// splitter's (`QuoteMark`), so both stages agree on what a quotation mark is.
    static func mark(at i: Int, in buf: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        guard i < limit, let base = buf.baseAddress, let mark = QuoteMark.at(base, i, limit) else { return 0 }
        switch mark.family {
        case .double, .guillemet: return mark.length
        default: return 0
        }
    }

    /// Length in bytes of the mark ending just before `end`, or 0.
    static func mark(endingAt end: Int, in buf: UnsafeBufferPointer<UInt8>, floor: Int) -> Int {
        for n in [3, 2, 1] where end - n >= floor && mark(at: end - n, in: buf, limit: end) == n {
            return n
        }
        return 0
    }

    /// Number of marks in `range`.
    static func count(in range: Range<Int>, of buf: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let m = mark(at: i, in: buf, limit: range.upperBound)
            if m > 0 { n += 1; i += m } else { i += 1 }
        }
        return n
    }
}
