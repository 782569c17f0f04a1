/// Sentence-level cues that word n-grams spread thin over many rare features: who speaks
/// (I, we, you), hedges and modals, negation, number words, word endings that mark tense or
/// manner (-ed, -ing, -ly), names inside the sentence, a promise ("I will", "we need"), and a
/// few marks of punctuation.
///
/// A bag of words sees "invented", "proposed" and "doubled" as three unrelated words; the
/// model sees them also as `f:ed1`, one feature with thousands of training sentences behind it.
/// `ClaimFeatures.addWords` feeds each token here as it is read (no string is built), and
/// `emit` adds the cues as named `f:` features, so the weights file lists them by name and
/// `explain` shows them.
struct ClaimCues {
    /// Word classes, as bits of `WordClass.table`.
    struct WordClass: OptionSet {
        let rawValue: UInt16
        static let first = WordClass(rawValue: 1 << 0)
        static let we = WordClass(rawValue: 1 << 1)
        static let you = WordClass(rawValue: 1 << 2)
        static let modal = WordClass(rawValue: 1 << 3)
        static let hedge = WordClass(rawValue: 1 << 4)
        static let negation = WordClass(rawValue: 1 << 5)
        static let numberWord = WordClass(rawValue: 1 << 6)
        /// "I", "we": the subject of a promise.
        static let promiser = WordClass(rawValue: 1 << 7)
        /// "will", "must", "need", "want": the verb of a promise.
        static let promiseVerb = WordClass(rawValue: 1 << 8)
        /// "am", "are": "I am going to", "we are going to".
        static let be = WordClass(rawValue: 1 << 9)
        static let going = WordClass(rawValue: 1 << 10)
        /// "i'll", "we'll": a whole promise in one token.
        static let promise = WordClass(rawValue: 1 << 11)
        static let letWord = WordClass(rawValue: 1 << 12)
        /// "us", "me" after "let".
        static let letObject = WordClass(rawValue: 1 << 13)
        /// "let's".
        static let lets = WordClass(rawValue: 1 << 14)

        static let lists: [(WordClass, [String])] = [
            (.first, ["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"]),
            (.we, ["we", "us", "our", "ours", "we're", "we've", "we'll", "we'd"]),
            (.you, ["you", "your", "yours", "you're", "you've", "you'll"]),
            (.modal, ["should", "must", "need", "ought", "could", "would", "might", "may", "can", "shall", "will",
                      "won't", "wouldn't", "shouldn't", "can't"]),
            (.hedge, ["think", "believe", "hope", "feel", "want", "wish", "guess", "suppose", "maybe", "perhaps",
                      "probably", "seem", "seems"]),
            (.negation, ["not", "no", "never", "nothing", "none", "nobody", "neither", "nor"]),
            (.numberWord, ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
                           "thousand", "million", "billion", "trillion", "percent", "half", "twice", "dozen", "first",
                           "second", "third"]),
            (.promiser, ["i", "we"]),
            (.promiseVerb, ["will", "must", "need", "want"]),
            (.be, ["am", "are"]),
            (.going, ["going"]),
            (.promise, ["i'll", "we'll"]),
            (.letWord, ["let"]),
            (.letObject, ["us", "me"]),
            (.lets, ["let's"]),
        ]

        /// Open addressing over token hashes, `slots` entries, at most half full: a token costs
        /// one probe, mostly, not a binary search. An entry packs the top 48 bits of a word's
        /// hash over its 16 class bits (0 = empty), so a lookup reads one array; a word not
        /// listed matches only if it shares those 48 bits with a listed one.
        static let slotBits = 8
        static let slots = 1 << slotBits
        static let table: [UInt64] = {
            var merged: [UInt64: WordClass] = [:]
            for (wordClass, words) in lists {
                for word in words { merged[ClaimFeatures.tokenHash(word.utf8), default: []].insert(wordClass) }
            }
            precondition(merged.count * 2 <= slots, "ClaimCues: more words than the table holds")
            var table = [UInt64](repeating: 0, count: slots)
            // Sorted, so that the table is the same in every process.
            for (hash, wordClass) in merged.sorted(by: { $0.key < $1.key }) {
                precondition(hash >> 16 != 0, "ClaimCues: a word hashes to the empty entry")
                var i = slot(hash)
                while table[i] != 0 { i = (i + 1) & (slots - 1) }
                table[i] = hash & ~0xffff | UInt64(wordClass.rawValue)
            }
            return table
        }()

        /// Fibonacci hashing: the top bits of the product spread FNV's hashes over the slots.
        @inline(__always) static func slot(_ hash: UInt64) -> Int {
            Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> (64 - UInt64(slotBits)))
        }

        /// The classes of the token with this hash (FNV of its lower-cased bytes).
        @inline(__always) static func of(_ hash: UInt64) -> WordClass {
            var i = slot(hash)
            while true {
                let entry = table[i]
                if entry == 0 { return [] }
                if entry >> 16 == hash >> 16 { return WordClass(rawValue: UInt16(truncatingIfNeeded: entry)) }
                i = (i + 1) & (slots - 1)
            }
        }
    }

    /// The classes seen at least once, and at least twice (no array: a sentence's cues allocate nothing).
    private var seen: WordClass = []
    private var seenTwice: WordClass = []
    private var startsWith: WordClass = []
    private var previous: WordClass = []
    private var beforePrevious: WordClass = []
    private var promise = false
    private var lets = false
    private var pastWords = 0
    private var ingWords = 0
    private var lyWords = 0
    private var names = 0
    private var inName = false
    /// Words read so far.
    private(set) var words = 0
    var quotationMark = false
    var commas = 0

    /// One word token: its hash, its length in bytes, its last three bytes (lower-cased, the
    /// last in the low byte) and whether it starts with an ASCII capital.
    mutating func word(hash: UInt64, length: Int, tail: UInt32, capitalised: Bool) {
        var classes = WordClass.of(hash)
        // ASCII "n't" negates ("don't", "isn't").
        if tail == ClaimCues.nt { classes.insert(.negation) }
        seenTwice.formUnion(seen.intersection(classes))
        seen.formUnion(classes)
        if words == 0 { startsWith = classes }
        if classes.contains(.promise)
            || (previous.contains(.promiser) && classes.contains(.promiseVerb))
            || (beforePrevious.contains(.promiser) && previous.contains(.be) && classes.contains(.going)) {
            promise = true
        }
        if classes.contains(.lets) || (previous.contains(.letWord) && classes.contains(.letObject)) { lets = true }
        // Endings: "-ed", "-ing", "-ly" on words long enough not to be "red", "king" or "only"
        // by accident (most such words are past tenses and participles, gerunds and adverbs).
        if length > 4 && tail & 0xffff == ClaimCues.ed { pastWords += 1 }
        if length > 5 && tail == ClaimCues.ingTail { ingWords += 1 }
        if length > 4 && tail & 0xffff == ClaimCues.ly { lyWords += 1 }
        // A name inside the sentence: a run of capitalised words after the first word ("I" is
        // no name). `f:cap` counts the capitalised words; this counts the runs, so "Joe Biden"
        // is one name.
        let name = capitalised && words > 0 && !classes.contains(.first)
        if name && !inName { names += 1 }
        inName = name
        beforePrevious = previous
        previous = classes
        words += 1
    }

    /// A number or a sign: it ends a name and a promise in the making.
    mutating func other() {
        inName = false
        beforePrevious = previous
        previous = []
    }

    static let nt = tailOf("n't")
    static let ed = tailOf("ed")
    static let ingTail = tailOf("ing")
    static let ly = tailOf("ly")
    static func tailOf(_ s: String) -> UInt32 { s.utf8.reduce(0) { $0 << 8 | UInt32($1) } }

    // MARK: features

    static let classNames = ["first", "we", "you", "modal", "hedge", "neg", "numw"]
    static let once = classNames.map { ClaimFeatures.Named("f:" + $0) }
    static let twice = classNames.map { ClaimFeatures.Named("f:" + $0 + "2") }
    static let startsI = ClaimFeatures.Named("f:starts-i")
    static let startsYou = ClaimFeatures.Named("f:starts-you")
    static let promiseFeature = ClaimFeatures.Named("f:promise")
    static let letsFeature = ClaimFeatures.Named("f:lets")
    static let past = (1...3).map { ClaimFeatures.Named("f:ed\($0)") }
    static let ing = (1...3).map { ClaimFeatures.Named("f:ing\($0)") }
    static let lyFeature = ClaimFeatures.Named("f:ly")
    static let nameFeatures = (1...3).map { ClaimFeatures.Named("f:ent\($0)") }
    static let quoteFeature = ClaimFeatures.Named("f:quote")
    static let commasFeature = ClaimFeatures.Named("f:commas")
    static let exclamationFeature = ClaimFeatures.Named("f:excl")
    static let noFullStopFeature = ClaimFeatures.Named("f:noend")

    /// Adds the cues found; `lastSign` is the last mark after the last word or number.
    func emit(into features: inout ClaimFeatures, lastSign: UInt8) {
        for bit in 0..<ClaimCues.classNames.count where seen.rawValue & (1 << bit) != 0 {
            features.add(ClaimCues.once[bit])
            if seenTwice.rawValue & (1 << bit) != 0 { features.add(ClaimCues.twice[bit]) }
        }
        if startsWith.contains(.first) { features.add(ClaimCues.startsI) }
        if startsWith.contains(.you) { features.add(ClaimCues.startsYou) }
        if promise { features.add(ClaimCues.promiseFeature) }
        if lets { features.add(ClaimCues.letsFeature) }
        if pastWords > 0 { features.add(ClaimCues.past[min(pastWords, 3) - 1]) }
        if ingWords > 0 { features.add(ClaimCues.ing[min(ingWords, 3) - 1]) }
        if lyWords > 0 { features.add(ClaimCues.lyFeature) }
        if names > 0 { features.add(ClaimCues.nameFeatures[min(names, 3) - 1]) }
        if quotationMark { features.add(ClaimCues.quoteFeature) }
        if commas >= 3 { features.add(ClaimCues.commasFeature) }
        if lastSign == UInt8(ascii: "!") { features.add(ClaimCues.exclamationFeature) }
        if lastSign != UInt8(ascii: ".") { features.add(ClaimCues.noFullStopFeature) }
    }
}
