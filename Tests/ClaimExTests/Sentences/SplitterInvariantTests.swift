import Testing

@testable import ClaimEx

/// Properties that hold for any input, checked on generated texts made of the marks the
/// splitter reacts to: sentences are in order, trimmed, inside one paragraph, and together
/// cover every visible byte (the splitter loses and changes nothing).
@Suite("Sentence splitter: invariants on generated text")
struct SplitterInvariantTests {

    static let pieces = [
        "The", "he", "said", "Mr.", "U.S.", "a.m.", "p.", "No.", "5", "3.14", "e.g.", "Inc.", "I", "J.",
        ".", ". ", "...", ". . .", "…", "?", "!", "?!", "\"", "'", "“", "”", "‘", "’", "«", "»", "(", ")",
        "[", "]", "[1]", "--", "—", "1.", "2.", "a)", "b)", "(i)", "•", "—", "’90s", "don't", "www.x.Com",
        "a@b.co", "．", "。", "\u{00A0}", " ", " ", " ", " ", "\n", "\n\n", "\t", "Ünïcödé", "日本", "\u{E2}",
    ]

    @Test(arguments: 0..<400)
    func invariants(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        var text = ""
        for _ in 0..<Int.random(in: 1...80, using: &rng) {
            text += Self.pieces.randomElement(using: &rng)!
            if Bool.random(using: &rng) { text += " " }
        }
        let bytes = Array(text.utf8)
        let paragraphs = SentenceTestSupport.lineParagraphs(bytes)
        let sentences = bytes.withUnsafeBufferPointer { SentenceTestSupport.splitter.split($0, paragraphs: paragraphs) }
        var covered = [Bool](repeating: false, count: bytes.count)
        var previousEnd = 0
        for s in sentences {
            #expect(!s.range.isEmpty)
            #expect(s.range.lowerBound >= previousEnd, "sentences overlap or are out of order in \(text.debugDescription)")
            previousEnd = s.range.upperBound
            let paragraph = paragraphs[s.paragraph]
            #expect(paragraph.lowerBound <= s.range.lowerBound && s.range.upperBound <= paragraph.upperBound)
            #expect(!isSpace(bytes[s.range.lowerBound]) && !isSpace(bytes[s.range.upperBound - 1]))
            for k in s.range { covered[k] = true }
        }
        // Every byte outside the sentences is whitespace (ASCII or Unicode, such as NBSP).
        bytes.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!
            for paragraph in paragraphs {
                var k = paragraph.lowerBound
                while k < paragraph.upperBound {
                    let space = ByteClass.spaceLength(p, k, paragraph.upperBound)
                    if space > 0 && !covered[k] {
                        k += space
                        continue
                    }
                    #expect(covered[k], "byte \(k) of \(text.debugDescription) is in no sentence")
                    if !covered[k] { return }
                    k += 1
                }
            }
        }
    }

    private func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }
}
