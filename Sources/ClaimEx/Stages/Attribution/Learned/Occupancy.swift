extension LearnedAttribution {
    /// Everything the rules' quotes occupy — contents, cues and (unless told not to) speakers — sorted, so that
    /// "does this range touch one of them" is a binary search.
    struct Occupancy {
        private var ranges: [Range<Int>] = []
        /// reach[i]: the furthest upper bound among ranges[0...i].
        private var reach: [Int] = []

        init(_ taken: [Candidate], speakers: Bool = true) {
            for c in taken {
                ranges += c.parts
                if let r = c.cue { ranges.append(r) }
                if speakers, let r = c.speaker { ranges.append(r) }
            }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            for r in ranges { reach.append(max(reach.last ?? 0, r.upperBound)) }
        }

        func touches(_ r: Range<Int>) -> Bool {
            let hi = ranges.firstIndex(after: { $0.lowerBound < r.upperBound })
            return hi > 0 && reach[hi - 1] > r.lowerBound
        }

        /// Whether every ASCII letter or digit and every byte that starts a non-ASCII character
        /// outside the punctuation block (U+2000–U+2FFF: curly quotes, dashes) of `r` lies in one
        /// of the ranges: a sentence inside a rule's quotation, where no word is free to be a cue.
        func coversWords(_ r: Range<Int>, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
            // hi: how many ranges start at or before i. The one of them reaching furthest covers
            // everything from i to reach[hi - 1] when that lies past i.
            var hi = ranges.firstIndex(after: { $0.lowerBound <= r.lowerBound })
            var i = r.lowerBound
            while i < r.upperBound {
                while hi < ranges.count, ranges[hi].lowerBound <= i { hi += 1 }
                if hi > 0, reach[hi - 1] > i {
                    i = reach[hi - 1]
                    continue
                }
                let b = buf[i]
                if (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || (b >= 0xC0 && b != 0xE2) { return false }
                i += 1
            }
            return true
        }
    }
}
