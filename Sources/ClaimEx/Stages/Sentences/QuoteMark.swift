/// Quotation marks and brackets as the splitter sees them.
///
/// News text mixes straight and typographic marks, and the straight ones (`"` and `'`) say
/// nothing about direction; `'` is more often an apostrophe (don't, Guler's, '90s) than a
/// quote. This type names what a mark is *by itself*; `QuotePairing` settles direction and
/// apostrophes from the context.
struct QuoteMark {
    enum Family: UInt8 {
        case double = 0, single, guillemet, corner, paren, bracket, brace
        /// Quotation families carry across paragraphs and make `startsInsideQuote`; brackets only
        /// protect their inside from splitting.
        var isQuotation: Bool { rawValue <= Family.corner.rawValue }
    }

    enum Shape {
        case opening  // “ „ « ‹ 「 『 （ ( [ { ``
        case closing  // ” » › 」 』 ） ) ] }
        case straightDouble  // " and ''
        case straightSingle  // '
        case leftSingle  // ‘ (also written for '90s by autocorrect)
        case rightSingle  // ’ (also the typographic apostrophe)
        case backtick  // ` (LaTeX-style opening quote)
    }

    var family: Family
    var shape: Shape
    var length: Int

    /// The mark that starts at `i`, if any.
    @inline(__always)
    static func at(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> QuoteMark? {
        let b = p[i]
        switch b {
        case 0x22: return QuoteMark(family: .double, shape: .straightDouble, length: 1)
        case 0x27:
            // '' written for a double quotation mark (wire copy, LaTeX, OCR).
            if i + 1 < end && p[i + 1] == 0x27 { return QuoteMark(family: .double, shape: .straightDouble, length: 2) }
            return QuoteMark(family: .single, shape: .straightSingle, length: 1)
        case 0x60:
            if i + 1 < end && p[i + 1] == 0x60 { return QuoteMark(family: .double, shape: .opening, length: 2) }
            return QuoteMark(family: .single, shape: .backtick, length: 1)
        case 0x28: return QuoteMark(family: .paren, shape: .opening, length: 1)
        case 0x29: return QuoteMark(family: .paren, shape: .closing, length: 1)
        case 0x5B: return QuoteMark(family: .bracket, shape: .opening, length: 1)
        case 0x5D: return QuoteMark(family: .bracket, shape: .closing, length: 1)
        case 0x7B: return QuoteMark(family: .brace, shape: .opening, length: 1)
        case 0x7D: return QuoteMark(family: .brace, shape: .closing, length: 1)
        case 0xC2:
            guard i + 1 < end else { return nil }
            if p[i + 1] == 0xAB { return QuoteMark(family: .guillemet, shape: .opening, length: 2) }
            if p[i + 1] == 0xBB { return QuoteMark(family: .guillemet, shape: .closing, length: 2) }
            return nil
        case 0xE2:
            guard i + 2 < end, p[i + 1] == 0x80 else { return nil }
            switch p[i + 2] {
            case 0x9C, 0x9E: return QuoteMark(family: .double, shape: .opening, length: 3)
            case 0x9D: return QuoteMark(family: .double, shape: .closing, length: 3)
            case 0x98: return QuoteMark(family: .single, shape: .leftSingle, length: 3)
            case 0x99: return QuoteMark(family: .single, shape: .rightSingle, length: 3)
            case 0xB9: return QuoteMark(family: .single, shape: .opening, length: 3)
            case 0xBA: return QuoteMark(family: .single, shape: .closing, length: 3)
            default: return nil
            }
        case 0xE3:
            guard i + 2 < end, p[i + 1] == 0x80 else { return nil }
            switch p[i + 2] {
            case 0x8C, 0x8E: return QuoteMark(family: .corner, shape: .opening, length: 3)
            case 0x8D, 0x8F: return QuoteMark(family: .corner, shape: .closing, length: 3)
            default: return nil
            }
        case 0xEF:
            guard i + 2 < end, p[i + 1] == 0xBC else { return nil }
            if p[i + 2] == 0x88 { return QuoteMark(family: .paren, shape: .opening, length: 3) }
            if p[i + 2] == 0x89 { return QuoteMark(family: .paren, shape: .closing, length: 3) }
            return nil
        default:
            return nil
        }
    }
}
