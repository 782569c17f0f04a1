/// Double quotation marks as the attribution stage counts them: `"`, `“`, `”`, `„`, `«`, `»`,
/// and the doubled apostrophe `''` some archives use. Single quotes are left out on purpose: inside news
/// quotations they nest, and outside they are mostly apostrophes.
enum QuoteMarks {
    /// Length in bytes of the mark starting at `i`, or 0. Recognition is the sentence
    /// splitter's (`QuoteMark`), so both stages agree on what a quotation mark is.
    static func mark(at i: Int, in buf: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        guard i < limit, QuoteMarks.mayStart(buf[i]), let base = buf.baseAddress, let mark = QuoteMark.at(base, i, limit) else { return 0 }
        switch mark.family {
        case .double, .guillemet: return mark.length
        default: return 0
        }
    }

    /// Whether a double mark or a guillemet can start with this byte: `"`, `'` and `` ` ``
    /// (doubled), and the lead bytes of «, », “, ” and „. Content is counted mark by mark on
    /// every candidate, so most bytes are turned away here.
    @inline(__always) static func mayStart(_ b: UInt8) -> Bool {
        b == 0x22 || b == 0x27 || b == 0x60 || b == 0xC2 || b == 0xE2
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

    /// Whether `offset` lies inside a quotation, reading the marks of `range` from its start
    /// (inside or not, as `startsInside` says) up to `offset`. Curly marks say which way they
    /// face; a straight mark opens after a space or at the start and closes otherwise. A new
    /// paragraph re-opening a quotation that ran on (“…¶“…) stays inside.
    static func isInside(_ offset: Int, from start: Int, startsInside: Bool, in buf: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(to: offset, from: Cursor(start: start, inside: startsInside), in: buf).inside
    }

    /// Where a scan of one range's marks stands: `position` is where it goes on (past the last
    /// mark read, which may end beyond the offset asked for), `start` the range's own start.
    struct Cursor {
        let start: Int
        var position: Int
        var inside: Bool

        init(start: Int, inside: Bool) {
            self.start = start
            position = start
            self.inside = inside
        }
    }

    /// Whether the mark `m` at `i` leaves the text inside a quotation: curly marks and
    /// guillemets face their way; a straight mark opens at the range's start or after a space,
    /// a line break or "(", and closes otherwise. (The learned model's tokenizer reads marks the
    /// same way.)
    @inline(__always) static func opens(_ m: QuoteMark, at i: Int, rangeStart: Int, in buf: UnsafeBufferPointer<UInt8>) -> Bool {
        switch m.shape {
        case .opening: true
        case .closing: false
        default: i == rangeStart || buf[i - 1] == 0x20 || buf[i - 1] == 0x0A || buf[i - 1] == UInt8(ascii: "(")
        }
    }

    /// The quotation state at `offset`, reading on from `cursor` (so that offsets asked for in
    /// increasing order cost one pass over the range, not one each).
    static func scan(to offset: Int, from cursor: Cursor, in buf: UnsafeBufferPointer<UInt8>) -> Cursor {
        guard let base = buf.baseAddress else { return cursor }
        var c = cursor
        var i = c.position
        while i < offset {
            guard let m = QuoteMark.at(base, i, offset), m.family == .double || m.family == .guillemet else { i += 1; continue }
            c.inside = opens(m, at: i, rangeStart: c.start, in: buf)
            i += m.length
        }
        c.position = max(i, c.position)
        return c
    }
}
