/// The single forward scan that finds the sentences of one paragraph.
///
/// Bytes that cannot matter (letters, digits, spaces, most punctuation) are skipped a machine
/// word at a time (`PlainRun`); the scan stops at sentence punctuation, quotation marks and
/// non-ASCII characters (bullets, typographic marks), and at whitespace only while an inline
/// list is open. Each stop looks a bounded distance back and forward, so the whole scan is
/// linear in the paragraph, whatever the text.
struct ParagraphScanner {
    /// The kinds of candidate boundary, each with its own test of what follows.
    enum Kind {
        case period
        case ellipsis
        case questionOrExclamation(singleBang: Bool)
        /// Ideographic and fullwidth marks ("。", "．"): end a sentence even without a space.
        case fullwidth
        /// Speech broken off by a dash and closed by a quotation mark: `to--" At this moment`.
        case interrupted
    }

    let p: UnsafePointer<UInt8>
    let lexicon: SentenceLexicon
    /// The analysis of the current paragraph; the caller runs `quotes.analyse` before `scan`.
    var quotes: QuotePairing

    private var start = 0
    private var end = 0
    private var paragraph = 0
    private var continuesQuote = false
    private var sentStart = 0
    private var emittedInParagraph = false
    private var marker: (ListMarker, ListMarker?)?
    private var pairCursor = 0
    private var longCursor = 0

    init(p: UnsafePointer<UInt8>, lexicon: SentenceLexicon, quotes: QuotePairing) {
        self.p = p
        self.lexicon = lexicon
        self.quotes = quotes
    }

    /// Appends the sentences of the paragraph `[start, end)` to `out`. `quotes` must hold the
    /// analysis of the same paragraph.
    mutating func scan(
        _ start: Int, _ end: Int, paragraph: Int, continuesQuote: Bool, into out: inout [Sentence]
    ) {
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.continuesQuote = continuesQuote
        emittedInParagraph = false
        pairCursor = 0
        longCursor = 0
        var i = ByteClass.skipSpaces(p, start, end)
        guard i < end else { return }
        i = beginSentence(i)
        while i < end {
            i = PlainRun.skip(p, i, end, watchSpaces: marker != nil)
            guard i < end else { break }
            let b = p[i]
            if b < 0x80 {
                switch b {
                case 0x2E, 0x21, 0x3F: i = terminator(i, &out)
                case 0x22, 0x27: i = dashQuote(i, 1, &out)
                case 0x20, 0x09...0x0D: i = whitespace(i, &out)
                default: i += 1
                }
            } else {
                i = nonASCII(i, &out)
            }
        }
        append(to: end, &out)
    }

    // MARK: - Sentences

    private mutating func beginSentence(_ s: Int) -> Int {
        sentStart = s
        marker = nil
        var m = s
        while m < end {
            let bullet = bulletLength(m)
            if bullet == 0 { break }
            m = ByteClass.skipSpaces(p, m + bullet, end)
        }
        if m < end, let label = ListMarker.parse(p, m, end) {
            marker = label
            return label.0.end
        }
        return m
    }

    /// Ends the current sentence at `e` and starts the next at `n`, unless `e` lies inside a
    /// quotation or bracket that closes later in the paragraph.
    private mutating func emit(end e: Int, next n: Int, _ out: inout [Sentence]) -> Bool {
        if isProtected(e) { return false }
        append(to: e, &out)
        sentStart = n
        return true
    }

    private mutating func append(to e: Int, _ out: inout [Sentence]) {
        var te = e
        while te > sentStart {
            let s = ByteClass.spaceLengthBefore(p, te, sentStart)
            if s == 0 { break }
            te -= s
        }
        guard te > sentStart else { return }
        let inside =
            (continuesQuote && !emittedInParagraph)
            || (quotes.firstUnclosedQuote >= 0 && quotes.firstUnclosedQuote < sentStart)
            || isInsideLongQuotation(sentStart)
        out.append(Sentence(range: sentStart..<te, paragraph: paragraph, startsInsideQuote: inside))
        emittedInParagraph = true
    }

    private mutating func isInsideLongQuotation(_ s: Int) -> Bool {
        let closes = quotes.longClose
        guard !closes.isEmpty else { return false }
        while longCursor < closes.count && closes[longCursor] < s { longCursor += 1 }
        return longCursor < closes.count && quotes.longOpen[longCursor] < s
    }

    private mutating func isProtected(_ e: Int) -> Bool {
        let closes = quotes.pairClose
        while pairCursor < closes.count && closes[pairCursor] < e { pairCursor += 1 }
        return pairCursor < closes.count && quotes.pairOpen[pairCursor] < e
    }

    // MARK: - Stops of the scan

    private mutating func whitespace(_ i: Int, _ out: inout [Sentence]) -> Int {
        let j = ByteClass.skipSpaces(p, i, end)
        guard j < end, j > sentStart else { return j }
        if let current = marker, ByteClass.isAlnum(p[j]) || p[j] == UInt8(ascii: "(") {
            if let label = ListMarker.parse(p, j, end), continues(label, current) {
                if emit(end: j, next: j, &out) { return beginSentence(j) }
            }
        }
        return j
    }

    /// A label continues the list when it is the successor of the label that opened the
    /// current sentence, or when a new list starts ("1.", "a)", "(i)") right after an item.
    private func continues(_ label: (ListMarker, ListMarker?), _ current: (ListMarker, ListMarker?)) -> Bool {
        for new in [label.0, label.1] {
            guard let new, new.chainsInline else { continue }
            if new.continues(current.0) || new.value == 1 { return true }
            if let alt = current.1, new.continues(alt) { return true }
        }
        return false
    }

    private mutating func nonASCII(_ i: Int, _ out: inout [Sentence]) -> Int {
        let b = p[i]
        if b >= 0xC0 && i > sentStart && ByteClass.spaceLengthBefore(p, i, start) > 0 && bulletLength(i) > 0 {
            // "• 9. The first item • 10. The second item": a bullet inside a line starts an item.
            if emit(end: i, next: i, &out) { return beginSentence(i) }
            return i + bulletLength(i)
        }
        switch b {
        case 0xC2:
            if i + 1 < end && p[i + 1] == 0xA0 { return marker != nil ? whitespace(i, &out) : i + 2 }
            return i + 2
        case 0xE2:
            guard i + 2 < end else { return end }
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 == 0x80 {
                if b2 == 0xA6 || b2 == 0xBC { return cluster(i, &out) }
                if (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xAF { return marker != nil ? whitespace(i, &out) : i + 3 }
                if b2 == 0x9D || b2 == 0x99 { return dashQuote(i, 3, &out) }
            } else if b1 == 0x81 {
                if b2 >= 0x87 && b2 <= 0x89 { return cluster(i, &out) }
                if b2 == 0x9F { return marker != nil ? whitespace(i, &out) : i + 3 }
            }
            return i + 3
        case 0xE3:
            guard i + 2 < end else { return end }
            if p[i + 1] == 0x80 {
                if p[i + 2] == 0x82 { return cluster(i, &out) }
                if p[i + 2] == 0x80 { return marker != nil ? whitespace(i, &out) : i + 3 }
            }
            return i + 3
        case 0xEF:
            if multiByteTerminator(i) != nil { return cluster(i, &out) }
            return i + 3
        default:
            return i + ByteClass.sequenceLength(b)
        }
    }

    // MARK: - Terminators

    private mutating func terminator(_ i: Int, _ out: inout [Sentence]) -> Int {
        guard p[i] == UInt8(ascii: ".") else { return cluster(i, &out) }
        var j = i + 1
        while j < end && p[j] == UInt8(ascii: ".") { j += 1 }
        if j < end && (p[j] == UInt8(ascii: "?") || p[j] == UInt8(ascii: "!") || multiByteTerminator(j) != nil) {
            return cluster(i, &out)
        }
        let spaced = j + 1 < end && p[j] == 0x20 && p[j + 1] == UInt8(ascii: ".")
        if j - i == 1 && !spaced { return period(i, &out) }
        return dotRun(i, &out)
    }

    /// A single period.
    private mutating func period(_ i: Int, _ out: inout [Sentence]) -> Int {
        let j = i + 1
        guard j < end else { return j }
        let b = p[j]
        if ByteClass.isDigit(b) {
            if let f = footnoteEnd(i) { return decide(.period, i, clusterEnd: f, &out) }
            return j  // a decimal point, a version, a date
        }
        if ByteClass.isASCIILetter(b) {
            if gluedSentenceStart(i) && emit(end: j, next: j, &out) { return beginSentence(j) }
            return j
        }
        return decide(.period, i, clusterEnd: j, &out)
    }

    /// Two or more periods: "...", "....", ". . .", ". . . .".
    private mutating func dotRun(_ i: Int, _ out: inout [Sentence]) -> Int {
        var j = i
        while j < end && p[j] == UInt8(ascii: ".") { j += 1 }
        let firstLength = j - i
        var total = firstLength
        var clusters = 1
        var secondStart = -1
        var k = j
        while k + 1 < end && p[k] == 0x20 && p[k + 1] == UInt8(ascii: ".") {
            if secondStart < 0 { secondStart = k + 1 }
            k += 1
            while k < end && p[k] == UInt8(ascii: ".") {
                k += 1
                total += 1
            }
            clusters += 1
        }
        // "[...]" and "(...)" mark an omission inside the sentence.
        if i > start && (p[i - 1] == UInt8(ascii: "[") || p[i - 1] == UInt8(ascii: "(")) { return k }
        if clusters == 1 { return decide(.ellipsis, i, clusterEnd: k, &out) }
        let attached = i > start && ByteClass.spaceLengthBefore(p, i, start) == 0
            && !(p[i - 1] == UInt8(ascii: "(") || p[i - 1] == UInt8(ascii: "["))
        let rest = total - firstLength
        if attached && firstLength == 1 && (rest >= 3 || (clusters == 2 && rest >= 2)) {
            // "compounds. . . . The practice": the period ends the word's sentence and the
            // ellipsis opens the next one (an omission at its start).
            let e = consumeClosers(k).end
            if e < end && ByteClass.spaceLength(p, e, end) > 0 {
                let n = ByteClass.skipSpaces(p, e, end)
                if n < end && NextToken(p, n, end).startsUpper && emit(end: i + 1, next: secondStart, &out) {
                    return beginSentence(secondStart)
                }
            }
        }
        // A spaced three-dot ellipsis is an omission inside the sentence ("is . . . I didn't").
        if total == 3 { return k }
        return decide(.ellipsis, i, clusterEnd: k, &out)
    }

    /// A run of "?", "!", "…", "‼", fullwidth or ideographic marks (with periods mixed in).
    private mutating func cluster(_ i: Int, _ out: inout [Sentence]) -> Int {
        var j = i
        var questionOrBang = false
        var fullwidth = false
        var marks = 0
        var bangs = 0
        while j < end {
            let b = p[j]
            if b == UInt8(ascii: "?") || b == UInt8(ascii: "!") {
                questionOrBang = true
                if b == UInt8(ascii: "!") { bangs += 1 }
                marks += 1
                j += 1
                continue
            }
            if b == UInt8(ascii: ".") {
                marks += 1
                j += 1
                continue
            }
            if let t = multiByteTerminator(j) {
                switch t.kind {
                case .fullwidth: fullwidth = true
                case .questionOrExclamation: questionOrBang = true
                default: break
                }
                marks += 1
                j += t.length
                continue
            }
            break
        }
        let kind: Kind =
            fullwidth
            ? .fullwidth
            : questionOrBang ? .questionOrExclamation(singleBang: marks == 1 && bangs == 1) : .ellipsis
        return decide(kind, i, clusterEnd: j, &out)
    }

    /// A closing quotation mark right after "--" or "—".
    private mutating func dashQuote(_ i: Int, _ length: Int, _ out: inout [Sentence]) -> Int {
        let broken =
            (i - 2 >= start && p[i - 1] == UInt8(ascii: "-") && p[i - 2] == UInt8(ascii: "-"))
            || (i - 3 >= start && p[i - 3] == 0xE2 && p[i - 2] == 0x80 && (p[i - 1] == 0x94 || p[i - 1] == 0x93))
        guard broken, quotes.role(at: i) == .close else { return i + length }
        return decide(.interrupted, i, clusterEnd: i, &out)
    }

    private func multiByteTerminator(_ j: Int) -> (kind: Kind, length: Int)? {
        let b = p[j]
        guard b >= 0xE2, j + 2 < end else { return nil }
        let b1 = p[j + 1], b2 = p[j + 2]
        switch b {
        case 0xE2:
            if b1 == 0x80 && b2 == 0xA6 { return (.ellipsis, 3) }
            if b1 == 0x80 && b2 == 0xBC { return (.questionOrExclamation(singleBang: false), 3) }
            if b1 == 0x81 && b2 >= 0x87 && b2 <= 0x89 { return (.questionOrExclamation(singleBang: false), 3) }
        case 0xE3:
            if b1 == 0x80 && b2 == 0x82 { return (.fullwidth, 3) }
        case 0xEF:
            if b1 == 0xBC && (b2 == 0x8E || b2 == 0x81 || b2 == 0x9F) { return (.fullwidth, 3) }
            if b1 == 0xBD && b2 == 0xA1 { return (.fullwidth, 3) }
        default:
            break
        }
        return nil
    }

    // MARK: - Deciding

    /// Takes the closing marks after a terminator into the sentence and decides, from the
    /// next token, whether the sentence ends there.
    private mutating func decide(_ kind: Kind, _ i: Int, clusterEnd c: Int, _ out: inout [Sentence]) -> Int {
        let (e, closedQuote, reterminated) = consumeClosers(c)
        guard e < end else { return e }
        if ByteClass.spaceLength(p, e, end) == 0 {
            if case .fullwidth = kind, emit(end: e, next: e, &out) { return beginSentence(e) }
            return e
        }
        let n = ByteClass.skipSpaces(p, e, end)
        guard n < end else { return n }
        let next = NextToken(p, n, end)
        var ends: Bool
        switch kind {
        case .fullwidth:
            ends = true
        case .period:
            // After a closing mark the quotation or bracket has ended, and with it, mostly,
            // the sentence: `in the U.S." Critics said` ends although "U.S." alone would not.
            ends = reterminated || closedQuote ? plainEnds(next) : periodEnds(i, next)
        case .ellipsis:
            ends = next.startsUpper || next.isListLabel
        case .questionOrExclamation(let singleBang):
            if singleBang && isExclamationName(before: i) {
                ends = isStarter(next)
            } else {
                ends = next.startsUpper || next.letterCase == .digit || next.isListLabel || next.isSymbol
            }
        case .interrupted:
            ends = next.startsUpper
        }
        if ends && closedQuote {
            if next.letterCase == .upper && isSpeechAttribution(n) { ends = false }
            if next.opensParen && parenthesisEndsParagraph(n) { ends = false }
        }
        if ends && emit(end: e, next: n, &out) { return beginSentence(n) }
        return e
    }

    private func periodEnds(_ i: Int, _ next: NextToken) -> Bool {
        let word = WordBefore(p, period: i, paragraphStart: sentStart)
        if word.isEmpty || word.isLong { return plainEnds(next) }
        if word.segments >= 2 {
            if word.isInitialism && !isDomain(word.lastSegmentStart, word.end) {
                let cls = LexiconKey(p + word.start, count: word.length).flatMap { lexicon.multiPeriod[$0] }
                return abbreviationEnds(cls ?? .general, next)
            }
            return plainEnds(next)
        }
        if word.length == 1 && ByteClass.isASCIILetter(p[word.start]) {
            // An initial ("Jonas E. Smith", "p. 55", "v. If"), except the pronoun I.
            guard p[word.start] == UInt8(ascii: "I") else { return false }
            return previousWordIsCapitalized(word.start) ? isStarter(next) : next.startsUpper
        }
        if word.endsWithDigit(p) { return plainEnds(next) }
        guard let key = LexiconKey(p + word.start, count: word.length) else { return plainEnds(next) }
        if lexicon.titles.contains(key) { return false }
        if next.letterCase == .digit && (lexicon.numberAbbreviations.contains(key) || lexicon.months.contains(key)) {
            return false
        }
        if let cls = lexicon.abbreviations[key] { return abbreviationEnds(cls, next) }
        if lexicon.months.contains(key) { return abbreviationEnds(.general, next) }
        return plainEnds(next)
    }

    private func plainEnds(_ next: NextToken) -> Bool {
        next.startsUpper || next.letterCase == .digit || next.isListLabel || next.isSymbol
    }

    private func abbreviationEnds(_ cls: AbbreviationClass, _ next: NextToken) -> Bool {
        switch cls {
        case .continues: return false
        case .time:
            guard next.startsUpper else { return false }
            if let key = next.key(p), lexicon.timeFollowers.contains(key) { return false }
            return !isIntroductoryPhrase(before: next.wordStart)
        case .general: return isStarter(next)
        }
    }

    private func isStarter(_ next: NextToken) -> Bool {
        guard next.letterCase == .upper, let key = next.key(p) else { return false }
        return lexicon.starters.contains(key)
    }

    /// "At 5 a.m." — a short sentence opening with a preposition is an adverbial that the
    /// rest of the sentence follows, not a sentence of its own.
    private func isIntroductoryPhrase(before i: Int) -> Bool {
        guard wordCount(sentStart, i, limit: 6) <= 6 else { return false }
        var k = sentStart
        while k < end, let mark = QuoteMark.at(p, k, end), mark.shape != .closing { k += mark.length }
        var w = k
        while w < end && ByteClass.isASCIILetter(p[w]) && w - k <= LexiconKey.capacity { w += 1 }
        guard let key = LexiconKey(p + k, count: w - k) else { return false }
        return lexicon.introductoryWords.contains(key)
    }

    /// Words between `from` and `to`, counting at most `limit + 1` and looking at most 96
    /// bytes: enough to recognise a short introductory phrase, bounded whatever the text.
    private func wordCount(_ from: Int, _ to: Int, limit: Int) -> Int {
        var count = 0
        var inWord = false
        var k = from
        let stop = min(to, from + 96)
        while k < stop {
            let s = ByteClass.spaceLength(p, k, end)
            if s > 0 {
                inWord = false
                k += s
            } else {
                if !inWord {
                    count += 1
                    if count > limit { return count }
                }
                inWord = true
                k += 1
            }
        }
        return k < to ? limit + 1 : count
    }

    private func previousWordIsCapitalized(_ wordStart: Int) -> Bool {
        var k = wordStart
        var spaces = 0
        while k > start && spaces < 8 {
            let s = ByteClass.spaceLengthBefore(p, k, start)
            if s == 0 { break }
            k -= s
            spaces += 1
        }
        guard spaces > 0 else { return false }
        var w = k
        while w > start && k - w < LexiconKey.capacity && ByteClass.isASCIILetter(p[w - 1]) { w -= 1 }
        return w < k && ByteClass.isUpper(p[w])
    }

    private func isExclamationName(before i: Int) -> Bool {
        var w = i
        while w > start && i - w < LexiconKey.capacity && ByteClass.isASCIILetter(p[w - 1]) { w -= 1 }
        guard let key = LexiconKey(p + w, count: i - w) else { return false }
        return lexicon.exclamationNames.contains(key)
    }

    private func isDomain(_ from: Int, _ to: Int) -> Bool {
        guard let key = LexiconKey(p + from, count: to - from) else { return false }
        return lexicon.domains.contains(key)
    }

    /// `"Why?" Smith asked.` — up to five capitalized words and then a verb of saying: the
    /// quotation's attribution, which belongs to its sentence.
    private func isSpeechAttribution(_ n: Int) -> Bool {
        guard !lexicon.speechVerbs.isEmpty else { return false }
        var k = n
        var names = 0
        while names < 5 && k < end && ByteClass.isUpper(p[k]) {
            if names == 0, isStarter(NextToken(p, k, end)) { return false }  // "She said …" opens a sentence
            var m = k
            while m < end && m - k < 24 {
                let b = p[m]
                if ByteClass.isASCIILetter(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
                    || b == UInt8(ascii: "'") || (b >= 0x80 && ByteClass.spaceLength(p, m, end) == 0)
                {
                    m += 1
                } else {
                    break
                }
            }
            names += 1
            guard m < end && p[m] == 0x20 else { return false }
            k = m + 1
        }
        guard names > 0, k < end, ByteClass.isLower(p[k]) else { return false }
        var m = k
        while m < end && ByteClass.isASCIILetter(p[m]) && m - k <= LexiconKey.capacity { m += 1 }
        guard let key = LexiconKey(p + k, count: m - k) else { return false }
        return lexicon.speechVerbs.contains(key)
    }

    /// `…house!' (Which was very likely true.)` at the end of a paragraph: an aside on the
    /// quotation, kept with it.
    private func parenthesisEndsParagraph(_ n: Int) -> Bool {
        guard let close = quotes.closeOfOutermost(openAt: n) else { return false }
        var k = close + 1
        while k < end {
            let b = p[k]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: ")") {
                k += 1
            } else if let mark = QuoteMark.at(p, k, end), mark.shape != .opening {
                k += mark.length
            } else {
                break
            }
        }
        return ByteClass.skipSpaces(p, k, end) >= end
    }

    // MARK: - Around the terminator

    /// Closing quotation marks, brackets, citation marks ("[7][8]") and further sentence
    /// punctuation that belong to the sentence just ended. Returns where the sentence ends and
    /// whether a quotation mark closed there, and whether sentence punctuation followed a
    /// closing mark ("(Ibid.)." — then that last period is the sentence's own, and the word
    /// inside the brackets no longer decides).
    private func consumeClosers(_ c: Int) -> (end: Int, closedQuote: Bool, reterminated: Bool) {
        var j = c
        var closedQuote = false
        var closed = false
        var reterminated = false
        while j < end {
            let b = p[j]
            if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                j += 1
                closed = true
                continue
            }
            if ByteClass.spaceLength(p, j, end) > 0 {
                // « C'est fini. » — a closing mark set off by a space still closes here.
                let k = ByteClass.skipSpaces(p, j, end)
                if k < end, let mark = QuoteMark.at(p, k, end), mark.shape != .opening,
                    mark.family.isQuotation, quotes.role(at: k) == .close
                {
                    j = k
                    continue
                }
                break
            }
            if b == UInt8(ascii: "["), let k = citationEnd(j) {
                j = k
                continue
            }
            if let mark = QuoteMark.at(p, j, end) {
                if mark.shape == .opening { break }
                if quotes.role(at: j) == .open { break }
                if mark.shape == .straightSingle || mark.shape == .rightSingle || mark.shape == .backtick {
                    // "Jr.'s": an apostrophe that goes on into a word.
                    if j + mark.length < end && QuoteContext.isWordAt(p, j + mark.length, end) { break }
                }
                if mark.family.isQuotation { closedQuote = true }
                closed = true
                j += mark.length
                continue
            }
            if b == UInt8(ascii: "?") || b == UInt8(ascii: "!") || b == UInt8(ascii: ".") {
                if closed { reterminated = true }
                j += 1
                continue
            }
            if let t = multiByteTerminator(j) {
                j += t.length
                continue
            }
            break
        }
        return (j, closedQuote, reterminated)
    }

    /// "[12]", "[2–11]", "[3, 4]" right after the sentence's punctuation.
    private func citationEnd(_ j: Int) -> Int? {
        var k = j + 1
        var digits = 0
        while k < end && k - j <= 16 {
            let b = p[k]
            if ByteClass.isDigit(b) {
                digits += 1
                k += 1
            } else if b == UInt8(ascii: ",") || b == UInt8(ascii: "-") || b == 0x20 {
                k += 1
            } else if b == 0xE2 && k + 2 < end && p[k + 1] == 0x80 && p[k + 2] == 0x93 {
                k += 3
            } else {
                break
            }
        }
        guard digits > 0, k < end, p[k] == UInt8(ascii: "]") else { return nil }
        return k + 1
    }

    /// "consultation.11 12 Take" and "(1987).1 According": footnote numbers glued to the
    /// period of a word (not of a number, which would be a decimal).
    private func footnoteEnd(_ i: Int) -> Int? {
        guard i - 1 >= start else { return nil }
        let before = p[i - 1]
        if before == UInt8(ascii: ")") || before == UInt8(ascii: "]") {
            // fine
        } else if ByteClass.isASCIILetter(before) && i - 2 >= start && ByteClass.isASCIILetter(p[i - 2]) {
            // a word of two letters or more
        } else {
            return nil
        }
        func digitRun(_ from: Int) -> Int? {
            var k = from
            while k < end && ByteClass.isDigit(p[k]) && k - from < 4 { k += 1 }
            let n = k - from
            guard n >= 1 && n <= 3 else { return nil }
            guard k >= end || ByteClass.spaceLength(p, k, end) > 0 else { return nil }
            return k
        }
        guard var k = digitRun(i + 1) else { return nil }
        while k + 1 < end && p[k] == 0x20, let more = digitRun(k + 1) { k = more }
        return k
    }

    /// "Hello world.Today is Tuesday." — text glued together by a careless cleanup. A
    /// lowercase word (or a number) and a capitalized word standing alone, not a host name.
    private func gluedSentenceStart(_ i: Int) -> Bool {
        var w = i
        while w > start && i - w <= LexiconKey.capacity && ByteClass.isASCIILetter(p[w - 1]) { w -= 1 }
        let letters = i - w
        if letters >= 2 {
            guard ByteClass.isLower(p[i - 1]) else { return false }
            if let key = LexiconKey(p + w, count: letters),
                lexicon.abbreviations[key] != nil || lexicon.titles.contains(key) || lexicon.months.contains(key)
            {
                return false
            }
            if w > start && p[w - 1] == UInt8(ascii: ".") { return false }  // a host name: www.example.Com
        } else if letters == 0 {
            guard i - 1 >= start && ByteClass.isDigit(p[i - 1]) else { return false }
        } else {
            return false
        }
        let j = i + 1
        guard j + 1 < end, ByteClass.isUpper(p[j]), ByteClass.isLower(p[j + 1]) else { return false }
        var k = j + 1
        while k < end && ByteClass.isLower(p[k]) && k - j <= LexiconKey.capacity { k += 1 }
        if let key = LexiconKey(p + j, count: k - j), lexicon.domains.contains(key) { return false }
        if k >= end || ByteClass.spaceLength(p, k, end) > 0 { return true }
        switch p[k] {
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"):
            return true
        case UInt8(ascii: "."):
            return k + 1 >= end || ByteClass.spaceLength(p, k + 1, end) > 0
        default:
            return false
        }
    }

    private func bulletLength(_ j: Int) -> Int {
        let b = p[j]
        guard b >= 0xC0, !lexicon.bullets.isEmpty else { return 0 }
        let n = ByteClass.sequenceLength(b)
        guard j + n <= end, let key = LexiconKey(p + j, count: n), lexicon.bullets.contains(key) else { return 0 }
        return n
    }
}
