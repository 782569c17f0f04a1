import Testing

@testable import ClaimEx

/// `startsInsideQuote` across sentences and paragraphs. In the expectations a sentence
/// written with a leading "»" must start inside a quotation opened earlier.
@Suite("Sentence splitter: quotation state")
struct QuoteStateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "multi-paragraph quotation re-opened each paragraph",
            text: """
                Smith said: "The economy is strong. Jobs are up.
                "Wages are rising. We will keep going.
                "Nobody can stop us," he said. Then he left.
                """,
            expected: [
                #"Smith said: "The economy is strong."#, "»Jobs are up.",
                #"»"Wages are rising."#, "»We will keep going.",
                #"»"Nobody can stop us," he said."#, "Then he left.",
            ]),
        Case(
            name: "typographic marks and a blank line between paragraphs",
            text: "“We will fight on the beaches.\n\n“We shall never surrender,” Churchill said.",
            expected: ["“We will fight on the beaches.", "»“We shall never surrender,” Churchill said."]),
        Case(
            name: "a paragraph that does not re-open ends the quotation",
            text: """
                He said: "It is over. We lost.
                The crowd left. Nobody spoke.
                "Really?" asked one.
                """,
            expected: [
                #"He said: "It is over."#, "»We lost.",
                "The crowd left.", "Nobody spoke.",
                #""Really?" asked one."#,
            ]),
        Case(
            name: "a closed quotation does not carry",
            text: "\"We won,\" she said. It was late.\n\"Good night.\"",
            expected: [#""We won," she said."#, "It was late.", #""Good night.""#]),
        Case(
            name: "single quotation marks carry too",
            text: "She wrote: ‘It is done. We are free.\n‘Tell everyone,’ she added.",
            expected: ["She wrote: ‘It is done.", "»We are free.", "»‘Tell everyone,’ she added."]),
        Case(
            name: "apostrophes and elisions open nothing",
            text: "In the ’90s Guler's team won. They didn't stop.\nIt was 'round midnight. Then quiet.",
            expected: ["In the ’90s Guler's team won.", "They didn't stop.", "It was 'round midnight.", "Then quiet."]),
        Case(
            name: "a quotation too long to keep whole is split, its sentences inside it",
            text: "\"" + String(repeating: "We will build it. ", count: 30) + "It is done,\" he said. Then he left.",
            expected: [#""We will build it."#] + Array(repeating: "»We will build it.", count: 29)
                + [#"»It is done," he said."#, "Then he left."]),
    ]

    @Test(arguments: cases)
    func quoteState(_ c: Case) {
        let bytes = Array(c.text.utf8)
        let got = SentenceTestSupport.split(c.text).map {
            ($0.startsInsideQuote ? "»" : "") + String(decoding: bytes[$0.range], as: UTF8.self)
        }
        #expect(got == c.expected)
    }

    @Test("an unbalanced quotation mark never runs away")
    func unbalancedMarkDoesNotRunAway() {
        var text = "He said \"this never closes. It goes on.\n"
        for k in 0..<50 { text += "Paragraph \(k) has no quotation. It is plain.\n" }
        let sentences = SentenceTestSupport.split(text)
        #expect(sentences.count == 102)
        #expect(sentences.filter { $0.startsInsideQuote }.count == 1)
        #expect(sentences.last?.startsInsideQuote == false)
    }
}
