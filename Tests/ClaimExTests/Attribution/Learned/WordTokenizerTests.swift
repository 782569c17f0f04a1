import Testing
@testable import ClaimEx

@Suite struct WordTokenizerTests {
    func tokens(_ text: String, startsInsideQuote: Bool = false) -> [(String, WordToken)] {
        var t = text
        return t.withUTF8 { buf in
            var out: [WordToken] = []
            WordTokenizer.tokenize(buf, range: 0..<buf.count, startsInsideQuote: startsInsideQuote, into: &out)
            return out.map { (String(decoding: UnsafeBufferPointer(rebasing: buf[$0.range]), as: UTF8.self), $0) }
        }
    }

    @Test func joinersStayInsideWordsAndPossessivesSplitOff() {
        let words = tokens("Trump’s campaign didn't say 20,000 U.S. de-confliction AT&T troops.").map(\.0)
        #expect(words == ["Trump", "’s", "campaign", "didn't", "say", "20,000", "U.S", ".", "de-confliction", "AT&T", "troops", "."])
    }

    /// The word loop's fast path takes a byte as plain only where the full checks see neither
    /// a space nor a mark.
    @Test func plainBytesAreNeitherSpaceNorPunctuation() {
        for b in UInt8(0)..<0x80 {
            var byte = [b, 0x61, 0x61]
            let plain = byte.withUnsafeMutableBufferPointer { buf in
                WordTokenizer.spaceLength(UnsafeBufferPointer(buf), 0, 3) == 0 && WordTokenizer.punctuationLength(UnsafeBufferPointer(buf), 0, 3) == 0
            }
            if WordTokenizer.isPlainASCII(b) { #expect(plain, "byte \(b)") }
        }
        #expect((UInt8(0)..<0x80).filter(WordTokenizer.isPlainASCII).count == 63)
    }

    @Test func spacesOfEveryKindSeparate() {
        #expect(tokens("a\u{00A0}b\u{2009}c\u{3000}d\te").map(\.0) == ["a", "b", "c", "d", "e"])
    }

    @Test func dashesQuotationMarksAndEllipsesAreTokensOfTheirOwn() {
        #expect(tokens("“Yes”—no… «maybe»").map(\.0) == ["“", "Yes", "”", "—", "no", "…", "«", "maybe", "»"])
    }

    @Test func quotationStateFollowsTheMarks() {
        let t = tokens(#"He said "we will win" and left."#)
        let quoted = Dictionary(t.map { ($0.0, $0.1.quoted) }, uniquingKeysWith: { a, _ in a })
        #expect(quoted["He"] == false)
        #expect(quoted["we"] == true)
        #expect(quoted["win"] == true)
        #expect(quoted["left"] == false)
        // A sentence that opens inside a quotation carried over from the one before.
        #expect(tokens("we will win.", startsInsideQuote: true).allSatisfy { $0.1.quoted })
    }

    @Test func shapes() {
        let shapes = tokens("Guler NATO 2019 said ,").map(\.1.shape)
        #expect(shapes == [.capitalised, .allCaps, .digit, .lower, .punctuation])
        #expect(tokens("Élysée").first?.1.shape == .capitalised)
    }

    /// The one-pass keys of the tokenizer are the keys the trainer and the model file build
    /// from the normalised string: FNV of the lower-cased form, and of its stem.
    @Test(arguments: ["Said", "endorsed", "endorsing", "sees", "does", "goes", "told", "pressed", "ties", "is", "don’t",
                      "saying", "sing", "bed", "used", "uses", "agreed", "CAMPAIGN", "é"])
    func keysMatchTheNormalisedForm(_ word: String) {
        let (_, token) = tokens(word)[0]
        let normalised = Array(word.lowercased().replacingOccurrences(of: "’", with: "'").utf8)
        #expect(token.norm == FeatureHash.fnv(normalised))
        #expect(token.stem == WordTokenizer.stemKey(of: normalised))
    }

    @Test func stems() {
        func stem(_ w: String) -> String { String(decoding: WordTokenizer.stem(of: Array(w.utf8)), as: UTF8.self) }
        #expect(stem("endorsed") == "endors")
        #expect(stem("endorses") == "endors")
        #expect(stem("endorsing") == "endors")
        #expect(stem("said") == "sai")
        #expect(stem("ties") == "tie")
        #expect(stem("is") == "is")
    }
}
