/// An item label of an inline list: `1.`, `2.)`, `3)`, `(4)`, `a.`, `b)`, `(c)`, `ii)`, `(iv)`.
///
/// Lists flattened into one line ("1. The first item 2. The second item") have no sentence
/// punctuation between items; the labels are the boundaries. A label only starts a new
/// sentence mid-line when it continues the numbering of the label that opened the current
/// sentence, so a stray "2." inside ordinary prose is left alone.
struct ListMarker: Equatable {
    enum Counter: UInt8 { case number, lowerLetter, upperLetter, lowerRoman, upperRoman }
    enum Punctuation: UInt8 { case dot, dotParen, paren, enclosed }

    var counter: Counter
    var punctuation: Punctuation
    var value: Int
    /// Offset just after the label.
    var end: Int

    /// Whether this label may end the sentence before it mid-line. "A." after "J. Smith
    /// met" is an initial far more often than a list label, so single capital letters with a
    /// period only ever label a list at the start of a sentence.
    var chainsInline: Bool {
        !(counter == .upperLetter && punctuation == .dot)
    }

    func continues(_ previous: ListMarker) -> Bool {
        counter == previous.counter && punctuation == previous.punctuation && value == previous.value + 1
    }

    /// The labels that start at `i` (a single letter such as "i" or "v" reads as a letter and
    /// as a Roman numeral, hence up to two), each followed by whitespace or the paragraph end.
    static func parse(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (ListMarker, ListMarker?)? {
        var j = i
        let enclosed = p[j] == UInt8(ascii: "(")
        if enclosed { j += 1 }
        let bodyStart = j
        guard j < end else { return nil }
        var counters: (Counter, Int, Counter?, Int) = (.number, 0, nil, 0)
        if ByteClass.isDigit(p[j]) {
            var value = 0
            while j < end, ByteClass.isDigit(p[j]), j - bodyStart < 3 {
                value = value * 10 + Int(p[j] &- 48)
                j += 1
            }
            if j - bodyStart > 2 && !enclosed { return nil }
            counters = (.number, value, nil, 0)
        } else if ByteClass.isASCIILetter(p[j]) {
            while j < end, ByteClass.isASCIILetter(p[j]), j - bodyStart < 6 { j += 1 }
            let length = j - bodyStart
            let upper = ByteClass.isUpper(p[bodyStart])
            let roman = romanValue(p, bodyStart, j)
            if length == 1 {
                let value = Int((p[bodyStart] | 0x20) &- 96)
                counters = (upper ? .upperLetter : .lowerLetter, value, nil, 0)
                if let roman { counters.2 = upper ? .upperRoman : .lowerRoman; counters.3 = roman }
            } else if let roman {
                counters = (upper ? .upperRoman : .lowerRoman, roman, nil, 0)
            } else {
                return nil
            }
        } else {
            return nil
        }
        guard j < end else { return nil }
        let punctuation: Punctuation
        if enclosed {
            guard p[j] == UInt8(ascii: ")") else { return nil }
            punctuation = .enclosed
            j += 1
        } else if p[j] == UInt8(ascii: ".") {
            j += 1
            if j < end && p[j] == UInt8(ascii: ")") {
                punctuation = .dotParen
                j += 1
            } else {
                punctuation = .dot
            }
        } else if p[j] == UInt8(ascii: ")") {
            punctuation = .paren
            j += 1
        } else {
            return nil
        }
        // Roman numerals longer than one letter take a bracket: "ii." is too often a typo.
        if counters.0 == .lowerRoman || counters.0 == .upperRoman, punctuation == .dot { return nil }
        guard j >= end || ByteClass.spaceLength(p, j, end) > 0 else { return nil }
        let first = ListMarker(counter: counters.0, punctuation: punctuation, value: counters.1, end: j)
        let second = counters.2.map {
            ListMarker(counter: $0, punctuation: punctuation, value: counters.3, end: j)
        }
        return (first, second)
    }

    private static func romanValue(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        var total = 0
        var previous = 0
        var k = to - 1
        while k >= from {
            let v: Int
            switch p[k] | 0x20 {
            case UInt8(ascii: "i"): v = 1
            case UInt8(ascii: "v"): v = 5
            case UInt8(ascii: "x"): v = 10
            case UInt8(ascii: "l"): v = 50
            case UInt8(ascii: "c"): v = 100
            default: return nil
            }
            if v < previous { total -= v } else { total += v; previous = v }
            k -= 1
        }
        return total
    }
}
