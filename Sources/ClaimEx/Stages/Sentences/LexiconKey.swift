/// A lexicon entry or a candidate word, packed into three machine words.
///
/// The splitter asks "is this word an abbreviation?" at every period, so the question must
/// not allocate: the bytes are copied (ASCII letters lowercased, so "Inc", "INC" and "inc"
/// meet) into a fixed-size value that hashes like an integer triple. Words longer than
/// `capacity` bytes are never lexicon entries, so a candidate that long simply has no key.
struct LexiconKey: Hashable, Sendable {
    static let capacity = 23

    private let w0: UInt64
    private let w1: UInt64
    private let w2: UInt64

    /// Returns nil when `count` is 0 or more than `capacity`.
    @inline(__always)
    init?(_ p: UnsafePointer<UInt8>, count: Int) {
        guard count > 0, count <= LexiconKey.capacity else { return nil }
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var w2: UInt64 = 0
        var k = 0
        while k < count {
            var b = p[k]
            if b &- 65 < 26 { b |= 0x20 }
            let shift = UInt64((k & 7) << 3)
            switch k >> 3 {
            case 0: w0 |= UInt64(b) << shift
            case 1: w1 |= UInt64(b) << shift
            default: w2 |= UInt64(b) << shift
            }
            k += 1
        }
        w2 |= UInt64(count) << 56
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
    }

    init?(_ bytes: [UInt8]) {
        guard let key = bytes.withUnsafeBufferPointer({ buffer -> LexiconKey? in
            guard let base = buffer.baseAddress else { return nil }
            return LexiconKey(base, count: buffer.count)
        }) else { return nil }
        self = key
    }
}
