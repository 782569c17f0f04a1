/// Skips, eight bytes at a time, the bytes that can never decide a sentence boundary.
///
/// Most of a news text is letters, digits, spaces and commas; the scan only needs to stop at
/// sentence punctuation, quotation marks and non-ASCII characters (and at whitespace while an
/// inline list is open). Testing a machine word at once keeps the common case cheap.
enum PlainRun {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func hasByte(_ x: UInt64, _ c: UInt8) -> UInt64 {
        let v = x ^ (ones &* UInt64(c))
        return (v &- ones) & ~v & highs
    }

    @inline(__always)
    private static func hasByteBelow(_ x: UInt64, _ n: UInt8) -> UInt64 {
        (x &- ones &* UInt64(n)) & ~x & highs
    }

    @inline(__always)
    static func isStop(_ b: UInt8, watchSpaces: Bool) -> Bool {
        b >= 0x80 || b == 0x2E || b == 0x21 || b == 0x3F || b == 0x22 || b == 0x27 || (watchSpaces && b <= 0x20)
    }

    /// The first offset at or after `i` whose byte is a stop, or `end`.
    @inline(__always)
    static func skip(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, watchSpaces: Bool) -> Int {
        var k = i
        let raw = UnsafeRawPointer(p)
        while k + 8 <= end {
            var x = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            x = UInt64(littleEndian: x)
            var m = x & highs
            m |= hasByte(x, 0x2E) | hasByte(x, 0x21) | hasByte(x, 0x3F) | hasByte(x, 0x22) | hasByte(x, 0x27)
            if watchSpaces { m |= hasByteBelow(x, 0x21) }
            if m != 0 { return k + (m.trailingZeroBitCount >> 3) }
            k += 8
        }
        while k < end && !isStop(p[k], watchSpaces: watchSpaces) { k += 1 }
        return k
    }

    @inline(__always)
    static func isMark(_ b: UInt8) -> Bool {
        switch b {
        case 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0x60, 0x7B, 0x7D: return true
        default: return b >= 0x80
        }
    }

    /// The first offset at or after `i` that may start a quotation mark or bracket (any of
    /// `" ' ` ( ) [ ] { }` or a non-ASCII byte), or `end`: the stops of the pairing pass.
    @inline(__always)
    static func skipToMark(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var k = i
        let raw = UnsafeRawPointer(p)
        while k + 8 <= end {
            var x = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            x = UInt64(littleEndian: x)
            var m = x & highs
            let folded = x | (ones &* 0x20)  // [ → {, ] → }
            let paren = x & (ones &* 0xFE)  // ) → (
            m |= hasByte(x, 0x22) | hasByte(x, 0x27) | hasByte(x, 0x60)
            m |= hasByte(folded, 0x7B) | hasByte(folded, 0x7D) | hasByte(paren, 0x28)
            if m != 0 { return k + (m.trailingZeroBitCount >> 3) }
            k += 8
        }
        while k < end && !isMark(p[k]) { k += 1 }
        return k
    }
}
