/// What follows a candidate boundary, seen past opening quotes, brackets and dashes.
///
/// Whether "." ends a sentence mostly depends on the next word: `said. "The` ends, `U.S.
/// Government` does not. Reading is bounded (a handful of marks, one word of at most
/// `LexiconKey.capacity` bytes), so the lookahead keeps the scan linear.
struct NextToken {
    var letterCase: ByteClass.Case = .other
    var wordStart = 0
    var wordEnd = 0
    /// The token is an inline list label such as "b." or "(c)".
    var isListLabel = false
    /// The token starts with "(": a parenthesis right after the boundary.
    var opensParen = false

    init(_ p: UnsafePointer<UInt8>, _ n: Int, _ end: Int) {
        guard n < end else { return }
        isListLabel = ListMarker.parse(p, n, end) != nil
        opensParen = p[n] == UInt8(ascii: "(")
        var k = n
        var skipped = 0
        while k < end && skipped < 8 {
            let b = p[k]
            if b == UInt8(ascii: "-") {
                while k < end && p[k] == UInt8(ascii: "-") { k += 1 }
                k = ByteClass.skipSpaces(p, k, end)
                skipped += 1
                continue
            }
            if b == 0xE2 && k + 2 < end && p[k + 1] == 0x80 && (p[k + 2] == 0x93 || p[k + 2] == 0x94) {
                k += 3
                k = ByteClass.skipSpaces(p, k, end)
                skipped += 1
                continue
            }
            if b == 0xC2 && k + 1 < end && (p[k + 1] == 0xBF || p[k + 1] == 0xA1) {  // ¿ ¡
                k += 2
                skipped += 1
                continue
            }
            if let mark = QuoteMark.at(p, k, end), mark.shape != .closing {
                k += mark.length
                skipped += 1
                continue
            }
            break
        }
        guard k < end else { return }
        letterCase = ByteClass.letterCase(p, k, end)
        if letterCase == .other {
            switch p[k] {
            case UInt8(ascii: "<"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "*"), UInt8(ascii: "&"),
                UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "~"), UInt8(ascii: "|"), UInt8(ascii: ">"):
                isSymbol = true
            default:
                break
            }
        }
        wordStart = k
        var w = k
        while w < end && w - k <= LexiconKey.capacity && ByteClass.isASCIILetter(p[w]) { w += 1 }
        wordEnd = w
    }

    var startsUpper: Bool { letterCase == .upper || letterCase == .caseless }

    /// The token is a symbol that can open a sentence ("<|CITE|>", "@user", "#tag", "*"),
    /// as opposed to punctuation that continues one ("," ";" "--" "!").
    var isSymbol = false

    /// The word as a lexicon key (nil when it is not made of ASCII letters or is too long).
    func key(_ p: UnsafePointer<UInt8>) -> LexiconKey? {
        wordEnd > wordStart ? LexiconKey(p + wordStart, count: wordEnd - wordStart) : nil
    }
}
