import Testing

@testable import ClaimEx

/// Inputs that break splitters built on backtracking or rescanning. These check the answer,
/// not the time; a superlinear scan would make them run for minutes instead of milliseconds.
@Suite("Sentence splitter: pathological inputs")
struct PathologicalInputTests {
    @Test("a 10 MB paragraph without punctuation is one sentence")
    func longParagraphWithoutPunctuation() {
        let word = Array("lorem ipsum dolor sit amet ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10_000_000 + word.count)
        while bytes.count < 10_000_000 { bytes += word }
        let sentences = split(bytes)
        #expect(sentences.count == 1)
        #expect(sentences.first?.range == 0..<(bytes.count - 1))
    }

    @Test("a 1 MB digit string is one sentence")
    func digitString() {
        let bytes = [UInt8](repeating: UInt8(ascii: "7"), count: 1_000_000) + Array(". Next one.".utf8)
        let sentences = split(bytes)
        #expect(sentences.map { $0.range.count } == [1_000_001, 9])
    }

    @Test("a 1 MB dotted number and a 1 MB run of periods stay whole")
    func dotsWithoutSpaces() {
        let dotted = Array(String(repeating: "1.", count: 500_000).utf8) + Array("5 Next.".utf8)
        #expect(split(dotted).count == 1)
        let periods = Array("Wait".utf8) + [UInt8](repeating: UInt8(ascii: "."), count: 1_000_000)
            + Array(" Then go.".utf8)
        #expect(split(periods).map { $0.range.count } == [1_000_004, 8])
    }

    @Test("100k straight quotation marks")
    func manyStraightQuotes() {
        let bytes = Array(String(repeating: "\"a. B\" ", count: 100_000).utf8)
        let sentences = split(bytes)
        // Every quotation closes in the paragraph, so nothing splits inside one; between
        // them "B\" \"a." has no sentence punctuation outside quotation marks.
        #expect(sentences.count == 1)
        #expect(!sentences[0].startsInsideQuote)
    }

    @Test("100k unclosed opening marks and 100k stray closing marks")
    func unbalancedMarks() {
        let openers = Array(String(repeating: "“Go. ", count: 100_000).utf8)
        let opened = split(openers)
        #expect(opened.count == 100_000)
        #expect(opened.dropFirst().allSatisfy { $0.startsInsideQuote })
        let closers = Array(String(repeating: "Go.” ", count: 100_000).utf8)
        let closed = split(closers)
        #expect(closed.count == 100_000)
        #expect(closed.allSatisfy { !$0.startsInsideQuote })
    }

    @Test("100k nested brackets and a spaced ellipsis 1 MB long")
    func bracketsAndEllipses() {
        let brackets = Array((String(repeating: "(", count: 100_000) + "x. Y" + String(repeating: ")", count: 100_000)).utf8)
        #expect(split(brackets).count == 1)
        let ellipsis = Array(("It" + String(repeating: " .", count: 500_000) + " The end.").utf8)
        #expect(split(ellipsis).count == 2)
    }

    @Test("100k one-letter paragraphs and 100k list labels")
    func manyShortUnits() {
        let paragraphs = Array(String(repeating: "a\n", count: 100_000).utf8)
        #expect(split(paragraphs).count == 100_000)
        var list = ""
        for k in 1...100_000 { list += "\(k % 90 + 1). item " }
        #expect(!split(Array(list.utf8)).isEmpty)
    }

    @Test("invalid UTF-8 and truncated sequences do not trap")
    func invalidUTF8() {
        let bytes: [UInt8] = [0xE2, 0x80, 0x2E, 0x20, 0x41, 0xFF, 0xFE, 0x2E, 0x20, 0xC2, 0x20, 0x42, 0x2E, 0xE2]
        let sentences = split(bytes)
        #expect(!sentences.isEmpty)
        for s in sentences { #expect(s.range.upperBound <= bytes.count) }
    }

    private func split(_ bytes: [UInt8]) -> [Sentence] {
        let paragraphs = SentenceTestSupport.lineParagraphs(bytes)
        return bytes.withUnsafeBufferPointer { SentenceTestSupport.splitter.split($0, paragraphs: paragraphs) }
    }
}
