import Testing
@testable import ClaimEx

@Suite struct QuoteMarksTests {
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
