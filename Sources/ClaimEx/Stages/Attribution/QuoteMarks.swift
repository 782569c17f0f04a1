/// Double quotation marks as UTF-8 byte sequences: `"`, `“`, `”`, `«`, `»` and the doubled
/// apostrophe `''` some archives use. Single quotes are left out on purpose: inside news
/// quotations they nest, and outside they are mostly apostrophes.
enum QuoteMarks {
    /// Length in bytes of the mark starting at `i`, or 0.
    static func mark(at i: Int, in buf: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        guard i < limit else { return 0 }
        switch buf[i] {
        case 0x22: return 1
        case 0x27: return i + 1 < limit && buf[i + 1] == 0x27 ? 2 : 0
        case 0xC2: return i + 1 < limit && (buf[i + 1] == 0xAB || buf[i + 1] == 0xBB) ? 2 : 0
        case 0xE2: return i + 2 < limit && buf[i + 1] == 0x80 && (buf[i + 2] == 0x9C || buf[i + 2] == 0x9D) ? 3 : 0
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
