/// Which rules' required words occur where, found in one pass over a text.
///
/// Most rules can only match near a cue word ("said", "according to", "saying"); trying them
/// on a sentence without one is wasted work. Scanning the text with each rule's `requires`
/// alternation of hundreds of words cost as much as running the rules themselves, so the
/// words are looked up instead: the text is cut into ASCII letter-and-digit runs, each run is
/// lower-cased and hashed, and the hash finds the set of word lists it belongs to.
///
/// The test is a superset of the rule's own: a hash collision, or a word inside a hyphenated
/// compound, only means a rule is tried where it will not match.
public struct WordIndex: Sendable {
    /// Word hash → bit set of the word lists that contain the word.
    private let bits: [UInt64: UInt64]
    /// Bits of the lists that cannot be looked up (an entry with no ASCII letter to key on):
    /// such lists always pass.
    private let alwaysOn: UInt64
    /// How many lists there are (at most 64).
    public let count: Int

    /// Builds an index over at most 64 word lists; list `i` is bit `i` of a mask.
    public init(lists: [Set<String>]) {
        precondition(lists.count <= 64, "a word index holds at most 64 lists")
        var bits: [UInt64: UInt64] = [:]
        var alwaysOn: UInt64 = 0
        for (i, list) in lists.enumerated() {
            for word in list {
                if word.isEmpty {
                    alwaysOn |= 1 << UInt64(i)
                    continue
                }
                var w = word
                let h = w.withUTF8 { WordIndex.hash(UnsafeRawBufferPointer($0)) }
                bits[h, default: 0] |= 1 << UInt64(i)
            }
        }
        self.bits = bits
        self.alwaysOn = alwaysOn
        count = lists.count
    }

    /// The lookup key of a lexicon entry: its first run of ASCII letters and digits,
    /// lower-cased ("According to" → "according", "co-sponsored" → "co"); empty when the entry
    /// does not start with one.
    public static func key(of entry: String) -> String {
        var out: [UInt8] = []
        for b in entry.utf8 {
            guard let l = lowered(b) else { break }
            out.append(l)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words of `buf` that belong to some list: each word's start and its mask, in text
    /// order. One pass, no allocation beyond the result.
    public func hits(in buf: UnsafeBufferPointer<UInt8>) -> Hits {
        var starts: [Int] = []
        var masks: [UInt64] = []
        var i = 0
        let n = buf.count
        while i < n {
            guard lowered(buf[i]) != nil else { i += 1; continue }
            let start = i
            var h: UInt64 = WordIndex.offset
            while i < n, let l = lowered(buf[i]) {
                h = (h ^ UInt64(l)) &* WordIndex.prime
                i += 1
            }
            if let m = bits[h] {
                starts.append(start)
                masks.append(m)
            }
        }
        return Hits(starts: starts, masks: masks, alwaysOn: alwaysOn)
    }

    /// The indexed words of one text.
    public struct Hits: Sendable {
        let starts: [Int]
        let masks: [UInt64]
        let alwaysOn: UInt64

        /// The lists that have a word starting inside `range`.
        public func mask(in range: Range<Int>) -> UInt64 {
            var lo = 0
            var hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < range.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            var m = alwaysOn
            while lo < starts.count, starts[lo] < range.upperBound {
                m |= masks[lo]
                lo += 1
            }
            return m
        }
    }

    // FNV-1a, 64 bits: a few instructions a byte, and collisions only cost a wasted rule try.
    private static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = offset
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    @inline(__always)
    private static func lowered(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return b
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return b | 0x20
        default: return nil
        }
    }

    @inline(__always)
    private func lowered(_ b: UInt8) -> UInt8? { WordIndex.lowered(b) }
}
