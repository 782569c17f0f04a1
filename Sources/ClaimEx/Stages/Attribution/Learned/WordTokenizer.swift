/// One token of a sentence, as the learned attribution model reads it: a byte range and the
/// few facts its features ask for, computed once.
struct WordToken: Sendable, Equatable {
    enum Shape: UInt8, Sendable {
        /// Capitalised ("Trump"), all capitals ("NATO"), starting with a digit, lower case, and
        /// punctuation (one mark a token; its own bytes are its shape in feature names).
        case capitalised, allCaps, digit, lower, punctuation
    }

    var range: Range<Int>
    var shape: Shape
    /// FNV-1a of the normalised form (ASCII lower-cased, ’ and ‘ written '): the key every
    /// word feature is built from.
    var norm: UInt64
    /// Key of the word's stem (`WordTokenizer.stem`), for the cue gate.
    var stem: UInt64
    /// Inside a quotation (double marks), as read from the sentence start.
    var quoted: Bool

    var isWord: Bool { shape != .punctuation }
}

/// Splits a sentence into words and single punctuation marks.
///
/// A word is a run of letters, digits and other non-space, non-punctuation characters; an
/// apostrophe, hyphen, period or comma between two word characters stays inside ("don't",
/// "de-confliction", "U.S", "20,000"). A possessive or contracted `'s` / `’s` is split off, so
/// "Trump’s campaign" reads as "Trump", "’s", "campaign". Only bytes are looked at: the text
/// is valid UTF-8, and every multi-byte punctuation mark the tokenizer knows is listed here.
enum WordTokenizer {
    /// Appends the tokens of `range` to `tokens` (cleared first).
    static func tokenize(
        _ buf: UnsafeBufferPointer<UInt8>, range: Range<Int>, startsInsideQuote: Bool, into tokens: inout [WordToken]
    ) {
        tokens.removeAll(keepingCapacity: true)
        var i = range.lowerBound
        let end = range.upperBound
        var inside = startsInsideQuote
        while i < end {
            let space = spaceLength(buf, i, end)
            if space > 0 { i += space; continue }
            let punct = punctuationLength(buf, i, end)
            if punct > 0 {
                var mark = 0
                if QuoteMarks.mayStart(buf[i]), let base = buf.baseAddress, let m = QuoteMark.at(base, i, end),
                   m.family == .double || m.family == .guillemet {
                    mark = m.length
                    inside = QuoteMarks.opens(m, at: i, rangeStart: range.lowerBound, in: buf)
                }
                let length = max(punct, mark)
                tokens.append(WordToken(range: i..<(i + length), shape: .punctuation, norm: normKey(buf, i..<(i + length)),
                                        stem: 0, quoted: inside || mark > 0))
                i += length
                continue
            }
            var j = i
            while j < end {
                // Most bytes of a word are ASCII letters and digits: neither space nor mark.
                if isPlainASCII(buf[j]) { j += 1; continue }
                if spaceLength(buf, j, end) > 0 { break }
                let p = punctuationLength(buf, j, end)
                if p > 0 {
                    // Joiners between two word characters stay inside the word.
                    if isJoiner(buf, j, p), j > i, j + p < end, spaceLength(buf, j + p, end) == 0,
                       punctuationLength(buf, j + p, end) == 0 {
                        j += p
                        continue
                    }
                    break
                }
                j += 1
            }
            // Split a trailing 's / ’s (possessive or "is").
            var wordEnd = j
            if j - i > 2, buf[j - 1] | 0x20 == UInt8(ascii: "s") {
                if buf[j - 2] == 0x27 { wordEnd = j - 2 } else if j - i > 4, buf[j - 4] == 0xE2, buf[j - 3] == 0x80, buf[j - 2] == 0x99 { wordEnd = j - 4 }
            }
            tokens.append(word(buf, i..<wordEnd, quoted: inside))
            if wordEnd < j { tokens.append(word(buf, wordEnd..<j, quoted: inside)) }
            i = j
        }
    }

    private static func word(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, quoted: Bool) -> WordToken {
        let (norm, stem) = keys(buf, r)
        return WordToken(range: r, shape: shape(buf, r), norm: norm, stem: stem, quoted: quoted)
    }

    /// `normKey` and `stemKey` in one pass: FNV is sequential, so the stem's hash is the hash
    /// state before the suffix, kept for the last three bytes.
    @inline(__always) static func keys(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (norm: UInt64, stem: UInt64) {
        // Most words are ASCII: their normalised length is their length, so the hash states the
        // stem needs are those before the last three bytes, kept only there.
        var h = FeatureKey.fnvStart
        var i = r.lowerBound
        let tail = r.upperBound - min(r.count, 3)
        while i < tail {
            let b = buf[i]
            if b >= 0x80 { return keysOfAnyWord(buf, r) }
            h = FeatureKey.fnv(h, b &- 0x41 < 26 ? b | 0x20 : b)
            i += 1
        }
        var before: (UInt64, UInt64, UInt64) = (h, h, h)
        var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
        while i < r.upperBound {
            var b = buf[i]
            if b >= 0x80 { return keysOfAnyWord(buf, r) }
            if b &- 0x41 < 26 { b |= 0x20 }
            before = (before.1, before.2, h)
            last = (last.1, last.2, b)
            h = FeatureKey.fnv(h, b)
            i += 1
        }
        return (h, stemKey(h, before: before, last: last, count: r.count))
    }

    /// `keys` for a word with non-ASCII bytes (’ and ‘ normalise to ', so the normalised length
    /// is only known at the end).
    private static func keysOfAnyWord(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (norm: UInt64, stem: UInt64) {
        var h = FeatureKey.fnvStart
        // The hash before each of the last three bytes, and those bytes (newest last).
        var before: (UInt64, UInt64, UInt64) = (h, h, h)
        var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var n = 0
        forEachNormalisedByte(buf, r) { b in
            before = (before.1, before.2, h)
            last = (last.1, last.2, b)
            h = FeatureKey.fnv(h, b)
            n += 1
        }
        return (h, stemKey(h, before: before, last: last, count: n))
    }

    /// The stem's key from the word's hash, the hash states before its last three normalised
    /// bytes, those bytes and the normalised length: -ing, -ed, -es, -s, -d, -e dropped with at
    /// least three bytes left (`stemSuffixes`).
    @inline(__always) private static func stemKey(_ h: UInt64, before: (UInt64, UInt64, UInt64), last: (UInt8, UInt8, UInt8),
                                                  count n: Int) -> UInt64 {
        if n >= 6, last == (UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "g")) { return before.0 }
        if n >= 5, (last.1, last.2) == (UInt8(ascii: "e"), UInt8(ascii: "d")) || (last.1, last.2) == (UInt8(ascii: "e"), UInt8(ascii: "s")) {
            return before.1
        }
        if n >= 4, last.2 == UInt8(ascii: "s") || last.2 == UInt8(ascii: "d") || last.2 == UInt8(ascii: "e") { return before.2 }
        return h
    }

    /// An ASCII letter, digit or `_`: a byte that is neither white space nor punctuation.
    @inline(__always) static func isPlainASCII(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default: return false
        }
    }

    /// Bytes of white space at `i` (ASCII, no-break space, the Unicode spaces of U+2000–U+200B,
    /// U+202F, U+3000), or 0.
    @inline(__always) static func spaceLength(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = buf[i]
        if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { return 1 }
        if b == 0xC2, i + 1 < end, buf[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < end, buf[i + 1] == 0x80, buf[i + 2] <= 0x8B || buf[i + 2] == 0xAF { return 3 }
        if b == 0xE3, i + 2 < end, buf[i + 1] == 0x80, buf[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// Bytes of the punctuation mark at `i`, or 0: ASCII punctuation except `_`, and the
    /// dashes, quotation marks, ellipsis, bullets and guillemets of U+2010–U+203A and U+00AB/BB.
    @inline(__always) static func punctuationLength(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = buf[i]
        if b < 0x80 {
            switch b {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x5E, 0x60, 0x7B...0x7E: return 1
            default: return 0
            }
        }
        if b == 0xC2, i + 1 < end, buf[i + 1] == 0xAB || buf[i + 1] == 0xBB || buf[i + 1] == 0xB7 { return 2 }
        if b == 0xE2, i + 2 < end, buf[i + 1] == 0x80, (0x90...0xBA).contains(buf[i + 2]), buf[i + 2] != 0xAF { return 3 }
        return 0
    }

    /// `'`, `’`, `-`, `.`, `,` and `&` join word characters ("don't", "Trump’s", "U.S", "20,000", "AT&T").
    @inline(__always) private static func isJoiner(_ buf: UnsafeBufferPointer<UInt8>, _ j: Int, _ length: Int) -> Bool {
        if length == 1 {
            let b = buf[j]
            return b == 0x27 || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: "&")
        }
        return length == 3 && buf[j] == 0xE2 && buf[j + 1] == 0x80 && buf[j + 2] == 0x99
    }

    /// Inlined into the tokenizer's loop (it runs once a word); Unicode is asked apart.
    @inline(__always) static func shape(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> WordToken.Shape {
        let b = buf[r.lowerBound]
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            var i = r.lowerBound + 1
            while i < r.upperBound {
                if buf[i] &- UInt8(ascii: "a") < 26 { return .capitalised }
                i += 1
            }
            return r.count > 1 ? .allCaps : .capitalised
        case 0x80...: return shapeOfNonASCII(buf, r)
        default: return .lower
        }
    }

    /// A non-ASCII first letter: Unicode says whether it is a capital.
    private static func shapeOfNonASCII(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> WordToken.Shape {
        var iterator = UnsafeBufferPointer(rebasing: buf[r]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator), s.properties.isUppercase { return .capitalised }
        return .lower
    }

    /// The normalised bytes of a token, one at a time: ASCII lower-cased, ’ and ‘ as '.
    @inline(__always) static func forEachNormalisedByte(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ body: (UInt8) -> Void) {
        var i = r.lowerBound
        while i < r.upperBound {
            let b = buf[i]
            if b == 0xE2, i + 2 < r.upperBound, buf[i + 1] == 0x80, buf[i + 2] == 0x98 || buf[i + 2] == 0x99 {
                body(0x27)
                i += 3
                continue
            }
            body(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b)
            i += 1
        }
    }

    static func normKey(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        var h = FeatureKey.fnvStart
        forEachNormalisedByte(buf, r) { h = FeatureKey.fnv(h, $0) }
        return h
    }

    /// The normalised form as a string (feature names, explain).
    static func normalised(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(r.count)
        forEachNormalisedByte(buf, r) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A crude stem for the cue gate: the normalised word without one of -ing, -ed, -es, -s,
    /// -d, -e when at least three bytes remain ("endorsed", "endorses", "endorsing" → "endors").
    static func stem(of normalised: [UInt8]) -> ArraySlice<UInt8> {
        for suffix in stemSuffixes where normalised.count - suffix.count >= 3 && normalised.suffix(suffix.count).elementsEqual(suffix) {
            return normalised.dropLast(suffix.count)
        }
        return normalised[...]
    }

    static let stemSuffixes: [[UInt8]] = ["ing", "ed", "es", "s", "d", "e"].map { Array($0.utf8) }

    static func stemKey(of normalised: [UInt8]) -> UInt64 {
        stem(of: normalised).reduce(FeatureKey.fnvStart) { FeatureKey.fnv($0, $1) }
    }
}
