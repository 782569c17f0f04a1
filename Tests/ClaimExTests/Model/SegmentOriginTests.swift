import Testing
@testable import ClaimEx

@Suite struct SegmentOriginTests {
    @Test func theNextSegmentStartsAfterThisOneAndTheBlankLine() throws {
        let document = try Fixtures.document("Zürich grew. It is “big”, she said.\nÀ second line.", depth: .sentences)
        let start = SegmentOrigin(bytes: 10, scalars: 8, sentences: 3, paragraphs: 2)
        let next = start.after(document)
        #expect(next.bytes == 10 + document.text.utf8.count + 2)
        #expect(next.scalars == 8 + document.text.unicodeScalars.count + 2)
        #expect(next.sentences == 3 + document.sentences.count)
        #expect(next.paragraphs == 2 + document.paragraphs.count)
        #expect(document.text.unicodeScalars.count < document.text.utf8.count)
    }
}
