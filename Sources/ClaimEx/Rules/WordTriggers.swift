/// Which rules can match a text, found in one pass over its words.
///
/// Claim typing runs every claim rule on every sentence, and attribution runs its rules on
/// every sentence and paragraph; each PCRE2 scan costs about as much as the rest of a stage
/// together, yet a sentence holds the words of only a few claim rules, and most sentences no
/// cue word at all. A rule's `words:` lists the words one of which every match of it
/// contains, and this table tells, from one walk over the text's words, which rules are worth
/// a scan.
///
/// The walk must never skip a rule that would match (a skipped rule is a lost type, not a slow
/// one), so its words are deliberately coarse: a word is a maximal run of ASCII letters,
/// compared case-insensitively, so every place a pattern can start an ASCII word (after a
/// space, an apostrophe, a digit or any non-ASCII character) starts one here too. The two
/// non-ASCII characters that a caseless pattern matches for an ASCII letter (ſ for s, the
/// Kelvin sign for k) turn the filter off for that text, and `<digit>` is set by ASCII digits
/// and by the lead bytes of every block that has other decimal digits (`\d` under UCP). Both
/// facts are checked against PCRE2 itself in the tests.
public struct WordTriggers: Sendable {
    public let ruleCount: Int
    /// 64-bit words in one rule mask.
    let stride: Int
    /// Rules without `words:`: tried on every text.
    let always: [UInt64]
    /// Rules listing `<digit>`.
    let digit: [UInt64]
    /// Open addressing, power-of-two size, key 0 = empty; `slotMask` indexes `masks` (in strides).
    let slots: [UInt64]
    let slotMask: [Int32]
    let masks: [UInt64]
    let tableMask: Int
    /// Bit n is set when some `prefix*` has n letters: the only lengths at which a word's
    /// prefix is looked up.
    let prefixLengths: UInt64
    /// The first two letters of every prefix (26 × 26), so most words need no prefix lookup.
    let prefixPairs: [Bool]

    public static let digitWord = "<digit>"

    /// A valid entry of `words:`: lower-case ASCII letters, optionally ending in `*` after at
    /// least three letters (a shorter prefix would name most words), or `<digit>`.
    public static func isValid(_ word: String) -> Bool {
        if word == digitWord { return true }
        let letters = word.hasSuffix("*") ? word.utf8.dropLast() : word.utf8[...]
        guard !letters.isEmpty, letters.count < 64, letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7a }) else { return false }
        return !word.hasSuffix("*") || letters.count >= 3
    }

    /// The `words:` entry a lexicon entry stands for: its first run of ASCII letters,
    /// lower-cased ("According to" → "according", "co-sponsored" → "co"); empty when the entry
    /// does not start with one (then no word can stand for it).
    public static func key(of entry: String) -> String {
        var out: [UInt8] = []
        for b in entry.utf8 {
            let lower = b | 0x20
            guard lower >= 0x61 && lower <= 0x7a, out.count < 63 else { break }
            out.append(lower)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `words[i]` is rule i's list (nil: always tried). Invalid entries (which the rule
    /// loader already refuses) make the rule always tried rather than never.
    public init(words: [[String]?]) {
        ruleCount = words.count
        stride = max(1, (words.count + 63) / 64)
        var always = [UInt64](repeating: 0, count: stride)
        var digit = [UInt64](repeating: 0, count: stride)
        var byKey: [UInt64: [UInt64]] = [:]
        var keyOrder: [UInt64] = []
        var prefixLengths: UInt64 = 0
        var prefixPairs = [Bool](repeating: false, count: 26 * 26)
        let stride = stride
        func set(_ bits: inout [UInt64], _ rule: Int) { bits[rule / 64] |= 1 << UInt64(rule % 64) }
        for (rule, list) in words.enumerated() {
            guard let list, list.allSatisfy(WordTriggers.isValid) else {
                set(&always, rule)
                continue
            }
            for word in list {
                if word == WordTriggers.digitWord {
                    set(&digit, rule)
                    continue
                }
                let key: UInt64
                if word.hasSuffix("*") {
                    let letters = Array(word.utf8.dropLast())
                    key = WordTriggers.prefixKey(ClaimFeatures.tokenHash(letters))
                    prefixLengths |= 1 << UInt64(letters.count)
                    prefixPairs[Int(letters[0] - 0x61) * 26 + Int(letters[1] - 0x61)] = true
                } else {
                    key = WordTriggers.wordKey(ClaimFeatures.tokenHash(word.utf8))
                }
                if byKey[key] == nil {
                    byKey[key] = [UInt64](repeating: 0, count: stride)
                    keyOrder.append(key)
                }
                set(&byKey[key]!, rule)
            }
        }
        var size = 16
        while size < keyOrder.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var slotMask = [Int32](repeating: -1, count: size)
        var masks: [UInt64] = []
        for key in keyOrder {
            var i = Int(truncatingIfNeeded: key) & (size - 1)
            while slots[i] != 0 { i = (i + 1) & (size - 1) }
            slots[i] = key
            slotMask[i] = Int32(masks.count / stride)
            masks += byKey[key]!
        }
        self.always = always
        self.digit = digit
        self.slots = slots
        self.slotMask = slotMask
        self.masks = masks
        tableMask = size - 1
        self.prefixLengths = prefixLengths
        self.prefixPairs = prefixPairs
    }

    /// Keys of whole words and of prefixes differ, so `law` does not fire `law*`'s rules on
    /// its own and vice versa. Never 0 (the empty slot).
    @inline(__always) static func wordKey(_ hash: UInt64) -> UInt64 { ClaimFeatures.mix(hash) | 1 }
    @inline(__always) static func prefixKey(_ hash: UInt64) -> UInt64 { ClaimFeatures.mix(hash ^ 0x0f0f_0f0f_0f0f_0f0f) | 1 }

    /// ORs into `mask` (`stride` words) the rules whose words `key` names; returns which of
    /// `masks` that is (in strides), or -1 when `key` is nobody's word.
    @inline(__always) @discardableResult
    func lookup(_ key: UInt64, into mask: UnsafeMutableBufferPointer<UInt64>, _ slots: UnsafeBufferPointer<UInt64>) -> Int32 {
        var i = Int(truncatingIfNeeded: key) & tableMask
        while true {
            let k = slots[i]
            if k == key {
                let base = Int(slotMask[i]) * stride
                for w in 0..<stride { mask[w] |= masks[base + w] }
                return slotMask[i]
            }
            if k == 0 { return -1 }
            i = (i + 1) & tableMask
        }
    }

    /// A word of some rule in a text: where it starts, and whose word it is.
    public struct Hit: Sendable, Equatable {
        /// Byte offset of the word's first letter.
        public var start: Int
        /// Index of the word's rule mask in `masks` (in strides).
        var rules: Int32
    }

    /// Sets in `mask` (`stride` words, overwritten) a bit for every rule that may match
    /// somewhere in the bytes of `ranges`: its words occur there, or it has none.
    public func candidates(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, into mask: UnsafeMutableBufferPointer<UInt64>
    ) {
        _ = walk(buf, ranges: ranges, into: mask) { _, _ in }
    }

    /// `candidates`, and appends to `hits` every word of a rule in `ranges`, in text order.
    /// Returns false when the hits may be incomplete (a character that a caseless pattern
    /// reads as an ASCII letter turned the filter off: see the type's comment); then `mask`
    /// has every rule.
    public func candidates(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, into mask: UnsafeMutableBufferPointer<UInt64>,
        hits: inout [Hit]
    ) -> Bool {
        walk(buf, ranges: ranges, into: mask) { start, rules in hits.append(Hit(start: start, rules: rules)) }
    }

    /// `candidates` over `ranges`, and where in each range the last word of each rule starts,
    /// `<digit>` counting as a word at every character that may be a digit:
    /// `latest[k * ruleCount + rule]` for the k-th range (`ruleCount × ranges.count` slots,
    /// overwritten; -1 where the range holds none of the rule's words). A match lies in one
    /// range and holds one of its rule's words (`rules test` checks it), so for a rule that
    /// `hasPlaces` no match starts after that place, and none lies in a range without one.
    /// Returns false when the walk cannot be sure of its words (then `mask` has every rule
    /// and `latest` says nothing).
    public func candidates(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, into mask: UnsafeMutableBufferPointer<UInt64>,
        latest: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        for w in 0..<stride { mask[w] = always[w] }
        var sure = true
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: stride) { one in
            for (k, range) in ranges.enumerated() {
                let base = k * ruleCount
                for r in 0..<ruleCount { latest[base + r] = -1 }
                // Hits come in text order: each one is the latest of its rules so far.
                var lastDigit = -1
                let walkedSure = walk(buf, ranges: CollectionOfOne(range), into: one, digitAt: { lastDigit = $0 }) { start, rules in
                    let m = Int(rules) * stride
                    forEachRule({ masks[m + $0] }) { latest[base + $0] = start }
                }
                if !walkedSure { sure = false }
                if lastDigit >= 0 {
                    forEachRule({ digit[$0] }) { latest[base + $0] = max(latest[base + $0], lastDigit) }
                }
                for w in 0..<stride { mask[w] |= one[w] }
            }
        }
        return sure
    }

    /// `body(rule)` for each rule set in a mask, `word(w)` giving its w-th 64-bit word.
    @inline(__always) private func forEachRule(_ word: (Int) -> UInt64, _ body: (Int) -> Void) {
        for w in 0..<stride {
            var bits = word(w)
            while bits != 0 {
                body(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// Whether `rule` has a place in every text it may match when `<digit>` counts as a word
    /// at each digit (`candidates(_:ranges:into:latest:)`): it has `words:`.
    public func hasPlaces(_ rule: Int) -> Bool {
        always[rule / 64] & (1 << UInt64(rule % 64)) == 0
    }

    /// Whether `rule` has a position in every text it may match: it has `words:` and no
    /// `<digit>` (digits are not recorded as hits).
    public func isPositional(_ rule: Int) -> Bool {
        always[rule / 64] & (1 << UInt64(rule % 64)) == 0 && digit[rule / 64] & (1 << UInt64(rule % 64)) == 0
    }

    /// Whether `hit` is a word of `rule`.
    @inline(__always) public func hit(_ hit: Hit, isWordOf rule: Int) -> Bool {
        masks[Int(hit.rules) * stride + rule / 64] & (1 << UInt64(rule % 64)) != 0
    }

    /// The walk behind both `candidates`: `found(start, rules)` for every word of a rule.
    @inline(__always) private func walk(
        _ buf: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, into mask: UnsafeMutableBufferPointer<UInt64>,
        digitAt: (Int) -> Void = { _ in }, found: (Int, Int32) -> Void
    ) -> Bool {
        for w in 0..<stride { mask[w] = always[w] }
        var sawDigit = false
        var unsure = false
        slots.withUnsafeBufferPointer { slots in
            for range in ranges {
                var i = range.lowerBound
                let end = range.upperBound
                while i < end {
                    let b = buf[i]
                    let lower = b | 0x20
                    if lower >= 0x61 && lower <= 0x7a {
                        // One ASCII word: its whole-word key, and its prefix keys at the lengths some prefix has.
                        let start = i
                        var hash = ClaimFeatures.fnvStart
                        var length = 0
                        var pairKnown = false
                        var first: UInt8 = 0
                        while i < end {
                            let c = buf[i] | 0x20
                            guard c >= 0x61 && c <= 0x7a else { break }
                            hash = ClaimFeatures.fnv(hash, c)
                            length += 1
                            if length == 1 {
                                first = c
                            } else if length == 2 {
                                pairKnown = prefixPairs[Int(first - 0x61) * 26 + Int(c - 0x61)]
                            }
                            if pairKnown && length < 64 && prefixLengths & (1 << UInt64(length)) != 0 {
                                let rules = lookup(WordTriggers.prefixKey(hash), into: mask, slots)
                                if rules >= 0 { found(start, rules) }
                            }
                            i += 1
                        }
                        let rules = lookup(WordTriggers.wordKey(hash), into: mask, slots)
                        if rules >= 0 { found(start, rules) }
                    } else if b < 0x80 {
                        if b >= 0x30 && b <= 0x39 {
                            sawDigit = true
                            digitAt(i)
                        }
                        i += 1
                    } else {
                        // ſ (C5 BF) and K (E2 84 AA) match s and k caselessly: no word is certain.
                        if b == 0xc5 && i + 1 < end && buf[i + 1] == 0xbf { unsure = true }
                        if b == 0xe2 && i + 2 < end && buf[i + 1] == 0x84 && buf[i + 2] == 0xaa { unsure = true }
                        if WordTriggers.mayStartDigit(b) {
                            sawDigit = true
                            digitAt(i)
                        }
                        i += ClaimFeatures.scalarWidth(b)
                    }
                }
            }
        }
        if unsure {
            for w in 0..<stride { mask[w] = ~0 }
        } else if sawDigit {
            for w in 0..<stride { mask[w] |= digit[w] }
        }
        return !unsure
    }

    /// Lead bytes of the blocks that hold decimal digits other than ASCII ones (U+0660 Arabic-
    /// Indic onwards; none in U+0080–U+063F, U+2000–U+9FFF or U+B000–U+EFFF).
    @inline(__always) static func mayStartDigit(_ b: UInt8) -> Bool {
        (b >= 0xd9 && b <= 0xe1) || b == 0xea || b >= 0xef
    }

    /// Whether rule `index` is set in `mask`.
    @inline(__always) static func contains(_ mask: UnsafeMutableBufferPointer<UInt64>, _ index: Int) -> Bool {
        mask[index / 64] & (1 << UInt64(index % 64)) != 0
    }

    /// The candidate rules of one text, as indices: for tests and tools.
    public func candidates(_ buf: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> [Int] {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: stride) { mask in
            candidates(buf, ranges: ranges, into: mask)
            return (0..<ruleCount).filter { WordTriggers.contains(mask, $0) }
        }
    }
}
