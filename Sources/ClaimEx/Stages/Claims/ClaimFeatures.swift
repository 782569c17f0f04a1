/// The features the claim model reads from one text: word unigrams and bigrams, a few
/// shape cues (and the sentence-level cues of `ClaimCues`), and which claim rules fired.
///
/// Each feature has a readable name (`w:troops`, `b:more than`, `f:cap`, `t:quantity`,
/// `r:quantity.percent`) — the weights file lists weights by these names, so a fact-checker
/// can read why a sentence scored as it did. At run time no string is built: a name's 64-bit
/// key is computed straight from the bytes, and `ClaimFeatures.key(of:)` computes the same key
/// from the name when the weights are loaded.
public struct ClaimFeatures {
    /// Keys of the features, one per occurrence.
    public private(set) var keys: [UInt64] = []
    /// Names, parallel to `keys`; only filled when `namesWanted` (training, explain).
    public private(set) var names: [String] = []
    let namesWanted: Bool
    /// When set, each feature's weights are summed into `sums` as it is found and no key is
    /// kept: classifying a sentence then allocates no list of features (the hot path).
    let scoring: ClaimModel?
    /// The summed weights (claim, check-worthiness) of the features found so far, without
    /// the biases; only kept when `scoring`.
    public private(set) var sums: (claim: Float, checkworthy: Float) = (0, 0)
    /// Words (runs of letters) read so far: a text with none ("___", "©", a lone number)
    /// makes no claim, whatever its shape cues weigh.
    public private(set) var wordCount = 0

    public init(namesWanted: Bool = false) {
        self.namesWanted = namesWanted
        scoring = nil
        keys.reserveCapacity(96)
    }

    /// Features that are only scored by `model`, never listed.
    init(scoringWith model: ClaimModel) {
        namesWanted = false
        scoring = model
    }

    /// Empties the lists, keeping their storage.
    public mutating func reset() {
        sums = (0, 0)
        wordCount = 0
        keys.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
    }

    // MARK: keys

    /// The weights files' hashing (`FeatureHash`), under the names the claim features use.
    @inline(__always) static func fnv(_ h: UInt64, _ byte: UInt8) -> UInt64 { FeatureHash.fnv(h, byte) }
    static let fnvStart = FeatureHash.fnvStart
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 { FeatureHash.mix(x) }

    static func tokenHash<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
        bytes.reduce(fnvStart) { fnv($0, $1) }
    }

    @inline(__always) static func unigram(_ t: UInt64) -> UInt64 { mix(t ^ 0x5555_5555_5555_5555) }
    @inline(__always) static func bigram(_ a: UInt64, _ b: UInt64) -> UInt64 { mix((a &* 0x2545_f491_4f6c_dd1d) ^ b) }
    static func other(_ name: String) -> UInt64 { mix(tokenHash(name.utf8) ^ 0xaaaa_aaaa_aaaa_aaaa) }

    /// The key of a feature name as the weights file writes it.
    public static func key(of name: String) -> UInt64 {
        if name.hasPrefix("w:") {
            return unigram(tokenHash(name.utf8.dropFirst(2)))
        }
        if name.hasPrefix("b:"), let space = name.utf8.firstIndex(of: UInt8(ascii: " ")) {
            let first = name.utf8[name.utf8.index(name.utf8.startIndex, offsetBy: 2)..<space]
            let second = name.utf8[name.utf8.index(after: space)...]
            return bigram(tokenHash(first), tokenHash(second))
        }
        return other(name)
    }

    static let sentenceStart = tokenHash("<s>".utf8)
    static let sentenceEnd = tokenHash("</s>".utf8)
    static let number = tokenHash("<num>".utf8)
    static let year = tokenHash("<year>".utf8)

    // MARK: extraction

    mutating func add(_ key: UInt64, _ name: @autoclosure () -> String) {
        if scoring != nil {
            // Read through the optional rather than bound: a binding copies the model (a
            // retain and a release of its arrays for every word) while `sums` changes.
            if let w = scoring?.weights(of: key) {
                sums.claim += w.claim
                sums.checkworthy += w.checkworthy
            }
            return
        }
        keys.append(key)
        if namesWanted { names.append(name()) }
    }

    /// Adds a feature that is neither a word nor a bigram (`t:`, `r:`, `f:`).
    mutating func add(named name: String) {
        add(ClaimFeatures.other(name), name)
    }

    /// A named feature whose key is computed once, not per sentence.
    public struct Named: Sendable {
        public let name: String
        public let key: UInt64
        public init(_ name: String) {
            self.name = name
            key = ClaimFeatures.other(name)
        }
    }

    mutating func add(_ feature: Named) {
        add(feature.key, feature.name)
    }

    static let capitals = (0...3).map { Named($0 > 2 ? "f:cap3+" : "f:cap\($0)") }
    static let digitsFeature = Named("f:digits")
    static let questionFeature = Named("f:question")
    static let lengths = (0...8).map { Named("f:len\($0)") }

    /// Adds the word features of the bytes in `ranges` (one text, possibly in parts).
    ///
    /// Tokens: runs of letters (ASCII folded to lower case, any non-ASCII letter kept as is)
    /// with inner apostrophes (' or ’, written '), numbers (digits with inner . or ,) as
    /// `<num>` or, for 1900–2099, `<year>`, and the signs `%`, `$`, `?`. Everything else
    /// separates tokens.
    public mutating func addWords(_ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>) {
        var previous = ClaimFeatures.sentenceStart
        var previousName = "<s>"
        var tokens = 0
        var capitals = 0
        var digits = 0
        var lastSign: UInt8 = 0
        var cues = ClaimCues()
        var token: [UInt8] = []
        for range in ranges {
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                let b = buf[i]
                var hash: UInt64
                token.removeAll(keepingCapacity: true)
                if ClaimFeatures.letterWidth(buf, i, end) > 0 {
                    // A word: capitalised words after the first count as names.
                    let capitalised = b >= 0x41 && b <= 0x5a
                    if tokens > 0 && capitalised { capitals += 1 }
                    hash = ClaimFeatures.fnvStart
                    var length = 0
                    var tail: UInt32 = 0
                    while i < end {
                        let width = ClaimFeatures.letterWidth(buf, i, end)
                        if width > 0 {
                            for k in i..<(i + width) {
                                let c = buf[k]
                                let lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : c
                                hash = ClaimFeatures.fnv(hash, lower)
                                tail = (tail << 8 | UInt32(lower)) & 0xff_ffff
                                if namesWanted { token.append(lower) }
                            }
                            i += width
                            length += width
                        } else if let width = ClaimFeatures.apostrophe(buf, i, end), i + width < end,
                                  ClaimFeatures.letterWidth(buf, i + width, end) > 0 {
                            hash = ClaimFeatures.fnv(hash, UInt8(ascii: "'"))
                            tail = (tail << 8 | UInt32(UInt8(ascii: "'"))) & 0xff_ffff
                            if namesWanted { token.append(UInt8(ascii: "'")) }
                            i += width
                            length += 1
                        } else {
                            break
                        }
                    }
                    cues.word(hash: hash, length: length, tail: tail, capitalised: capitalised)
                    lastSign = 0
                } else if b >= 0x30 && b <= 0x39 {
                    let start = i
                    while i < end {
                        let c = buf[i]
                        if c >= 0x30 && c <= 0x39 {
                            i += 1
                        } else if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && i + 1 < end
                                    && buf[i + 1] >= 0x30 && buf[i + 1] <= 0x39 {
                            i += 1
                        } else {
                            break
                        }
                    }
                    let isYear = i - start == 4 && ((buf[start] == 0x31 && buf[start + 1] == 0x39)
                                                    || (buf[start] == 0x32 && buf[start + 1] == 0x30))
                    hash = isYear ? ClaimFeatures.year : ClaimFeatures.number
                    if namesWanted { token = Array((isYear ? "<year>" : "<num>").utf8) }
                    digits += 1
                    cues.other()
                    lastSign = 0
                } else if b == UInt8(ascii: "%") || b == UInt8(ascii: "$") || b == UInt8(ascii: "?") {
                    hash = ClaimFeatures.fnv(ClaimFeatures.fnvStart, b)
                    if namesWanted { token = [b] }
                    cues.other()
                    lastSign = b
                    i += 1
                } else {
                    if b > 0x20 { lastSign = b }
                    if b == UInt8(ascii: ",") { cues.commas += 1 }
                    // " or “ (E2 80 9C).
                    if b == UInt8(ascii: "\"") || (b == 0xe2 && i + 2 < end && buf[i + 1] == 0x80 && buf[i + 2] == 0x9c) {
                        cues.quotationMark = true
                    }
                    i += ClaimFeatures.scalarWidth(b)
                    continue
                }
                let name = namesWanted ? String(decoding: token, as: UTF8.self) : ""
                add(ClaimFeatures.unigram(hash), "w:" + name)
                add(ClaimFeatures.bigram(previous, hash), "b:" + previousName + " " + name)
                previous = hash
                previousName = name
                tokens += 1
            }
        }
        add(ClaimFeatures.bigram(previous, ClaimFeatures.sentenceEnd), "b:" + previousName + " </s>")
        if capitals > 0 { add(ClaimFeatures.capitals[min(capitals, 3)]) }
        if digits > 0 { add(ClaimFeatures.digitsFeature) }
        if lastSign == UInt8(ascii: "?") { add(ClaimFeatures.questionFeature) }
        add(ClaimFeatures.lengths[min(tokens / 5, 8)])
        cues.emit(into: &self, lastSign: lastSign)
        wordCount += cues.words
    }

    static let typeFeatures = ClaimType.allCases.map { Named("t:" + $0.rawValue) }

    /// The byte width of the letter at `i`, or 0. Non-ASCII counts as a letter except the
    /// Latin-1 punctuation block (C2 xx: «, », no-break space), general punctuation and
    /// symbols (E2 xx xx: curly quotes, dashes) and four-byte scalars (emoji).
    @inline(__always) static func letterWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = buf[i]
        if b < 0x80 { return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a ? 1 : 0 }
        if b >= 0xc3 && b <= 0xdf { return min(2, end - i) }
        if b >= 0xe0 && b <= 0xef && b != 0xe2 { return min(3, end - i) }
        return 0
    }

    /// The byte width of the scalar starting with `b` (1 for a stray continuation byte).
    @inline(__always) static func scalarWidth(_ b: UInt8) -> Int {
        b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4
    }

    /// The width of an apostrophe at `i` (' or ’), or nil.
    @inline(__always) static func apostrophe(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        if buf[i] == UInt8(ascii: "'") { return 1 }
        if buf[i] == 0xe2 && i + 2 < end && buf[i + 1] == 0x80 && buf[i + 2] == 0x99 { return 3 }
        return nil
    }
}
