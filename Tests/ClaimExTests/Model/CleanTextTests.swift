import Testing
@testable import ClaimEx

@Suite struct CleanTextTests {
    @Test func paragraphsAreJoinedByABlankLineEmptyOnesLeftOut() {
        let clean = CleanText(paragraphs: ["One “é”.", "", "Two."])
        #expect(clean.text == "One “é”.\n\nTwo.")
        #expect(clean.ranges == [0..<13, 15..<19])
        #expect(clean.paragraphs == ["One “é”.", "Two."])
        #expect(clean.firstParagraph == "One “é”.")
        #expect(CleanText(paragraphs: []).firstParagraph == nil)
    }

    @Test func joiningByteRangesGivesWhatJoiningStringsGives() {
        let bytes = Array("xxOne “é”.yyTwo.Three".utf8)
        let pieces = [2..<15, 17..<21, 21..<26]
        let joined = CleanText(joining: pieces, of: bytes)
        let strings = pieces.map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(joined == CleanText(paragraphs: strings))
        #expect(CleanText(joining: [Range<Int>](), of: bytes) == CleanText(paragraphs: []))
    }

    @Test func aPartIsItsParagraphsAsATextOfTheirOwn() {
        let clean = CleanText(paragraphs: ["a", "bé", "c", "dd"])
        #expect(clean.part(1..<3) == CleanText(paragraphs: ["bé", "c"]))
        #expect(clean.part(0..<4) == clean)
        #expect(clean.part(2..<2).text.isEmpty)
    }

    @Test func theDocumentTakesTheJoinedText() {
        let clean = CleanText(paragraphs: ["First.", "Second."])
        let article = Article(id: "a", format: .text, body: [], provenance: Provenance(input: "-"))
        let document = Document(article: article, clean: clean)
        #expect(document.text == clean.text && document.paragraphs == clean.ranges)
    }
}
