/// Character tests on raw UTF-8, for the splitter's scan.
///
/// The splitter never decodes text into `Character`s: every test here looks at one to three
/// bytes at a known position, bounded by the paragraph end, so a scan stays a single pass
/// over the buffer without allocation.
enum ByteClass {
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 97 < 26 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isASCIILetter(b) || isDigit(b) }

    /// Byte length of the whitespace character at `i`, or 0. Besides ASCII whitespace this
    /// knows NO-BREAK SPACE, the U+2000…U+200A spaces, NARROW NO-BREAK SPACE, MEDIUM
    /// MATHEMATICAL SPACE and IDEOGRAPHIC SPACE, which cleaned web text is full of.
    @inline(__always)
    static func spaceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = p[i]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
        if b < 0xC2 { return 0 }
        if b == 0xC2 { return i + 1 < end && p[i + 1] == 0xA0 ? 2 : 0 }
        guard i + 2 < end else { return 0 }
        if b == 0xE2 {
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 == 0x80 && (b2 <= 0x8A || b2 == 0xAF) && b2 >= 0x80 { return 3 }
            if b1 == 0x81 && b2 == 0x9F { return 3 }
            return 0
        }
        if b == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// The first offset at or after `i` that is not whitespace (or `end`).
    @inline(__always)
    static func skipSpaces(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var k = i
        while k < end {
            let s = spaceLength(p, k, end)
            if s == 0 { break }
            k += s
        }
        return k
    }

    /// Byte length of the whitespace character that ends just before `i`, or 0.
    @inline(__always)
    static func spaceLengthBefore(_ p: UnsafePointer<UInt8>, _ i: Int, _ start: Int) -> Int {
        guard i > start else { return 0 }
        let b = p[i - 1]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
        if b < 0x80 { return 0 }
        if b == 0xA0 && i - 2 >= start && p[i - 2] == 0xC2 { return 2 }
        if i - 3 >= start {
            let b0 = p[i - 3], b1 = p[i - 2]
            if b0 == 0xE2 && b1 == 0x80 && (b <= 0x8A || b == 0xAF) { return 3 }
            if b0 == 0xE2 && b1 == 0x81 && b == 0x9F { return 3 }
            if b0 == 0xE3 && b1 == 0x80 && b == 0x80 { return 3 }
        }
        return 0
    }

    /// Byte length of the UTF-8 sequence that starts with `b` (1 for stray continuation bytes).
    @inline(__always)
    static func sequenceLength(_ b: UInt8) -> Int {
        if b < 0xC0 { return 1 }
        if b < 0xE0 { return 2 }
        if b < 0xF0 { return 3 }
        return 4
    }

    /// Letter case of the character at `i`, for the "is the next word capitalized?" test.
    /// Covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic; other letters (CJK, …)
    /// report `.caseless`.
    enum Case { case upper, lower, digit, caseless, other }

    @inline(__always)
    static func letterCase(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Case {
        let b = p[i]
        if b < 0x80 {
            if isUpper(b) { return .upper }
            if isLower(b) { return .lower }
            if isDigit(b) { return .digit }
            if b == UInt8(ascii: "$") { return .digit }
            return .other
        }
        guard i + 1 < end else { return .other }
        let b1 = p[i + 1]
        switch b {
        case 0xC2:
            // £ ¥ as money amounts; the rest of Latin-1 punctuation is not a word.
            return b1 == 0xA3 || b1 == 0xA5 ? .digit : .other
        case 0xC3:
            if b1 == 0x97 || b1 == 0xB7 { return .other }
            return b1 < 0x9F ? .upper : .lower
        case 0xC4, 0xC5:
            // Latin Extended-A alternates capital, small.
            let scalar = (UInt32(b & 0x1F) << 6) | UInt32(b1 & 0x3F)
            return scalar & 1 == 0 ? .upper : .lower
        case 0xCE:
            if b1 >= 0x91 && b1 <= 0xA9 { return .upper }
            if b1 >= 0xAC { return .lower }
            return .other
        case 0xCF:
            return .lower
        case 0xD0:
            return b1 < 0xB0 ? .upper : .lower
        case 0xD1:
            return .lower
        case 0xE2:
            if i + 2 < end && b1 == 0x82 && p[i + 2] == 0xAC { return .digit }  // €
            return .other
        default:
            return b >= 0xE3 && b < 0xF0 && !(b == 0xEF && b1 >= 0xBC) ? .caseless : .other
        }
    }

    /// A byte that can be part of a word as far as abbreviation lookup is concerned:
    /// ASCII letters and digits and any non-ASCII byte outside General Punctuation.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool { isAlnum(b) || b >= 0x80 }
}
