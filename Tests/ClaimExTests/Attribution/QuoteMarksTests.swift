import Testing
@testable import ClaimEx

@Suite struct QuoteMarksTests {
    /// A scan carried on from a cursor gives, at every character boundary, the state a scan
    /// from the start gives.
    @Test func aCarriedScanAgreesWithAFreshOne() {
        var text = #"He said "yes," and “no” then «peut-être» "again "and" again" she “said"#
        text.withUTF8 { buf in
            let boundaries = (0...buf.count).filter { $0 == buf.count || buf[$0] & 0xC0 != 0x80 }
            for inside in [false, true] {
                var cursor = QuoteMarks.Cursor(start: 0, inside: inside)
                var states: [Bool] = []
                for offset in boundaries {
                    cursor = QuoteMarks.scan(to: offset, from: cursor, in: buf)
                    states.append(cursor.inside)
                    #expect(cursor.inside == QuoteMarks.isInside(offset, from: 0, startsInside: inside, in: buf), "at \(offset)")
                }
                #expect(states.contains(true) && states.contains(false))
            }
        }
    }

    /// Every double mark and guillemet the splitter's `QuoteMark` knows starts with a byte
    /// `mayStart` lets through: the shortcut never hides a mark.
    @Test func everyMarkStartsWithAByteLetThrough() {
        var texts = ["''", "``"]
        for value in UInt32(0x20)...0xFFFF {
            if let scalar = Unicode.Scalar(value) { texts.append(String(Character(scalar))) }
        }
        var found = 0
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buf in
                guard let m = QuoteMark.at(buf.baseAddress!, 0, buf.count), m.family == .double || m.family == .guillemet else { return }
                found += 1
                #expect(QuoteMarks.mayStart(buf[0]), "\(text)")
                #expect(QuoteMarks.mark(at: 0, in: buf, limit: buf.count) == m.length)
            }
        }
        #expect(found >= 7)
    }
}
