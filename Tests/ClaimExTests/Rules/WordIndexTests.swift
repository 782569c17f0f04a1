import Testing
@testable import ClaimEx

@Suite struct WordIndexTests {
    private func masks(_ index: WordIndex, _ marked: Marked) -> [String: UInt64] {
        var text = marked.text
        return text.withUTF8 { buf in
            let hits = index.hits(in: buf)
            return marked.spans.mapValues { hits.mask(in: $0) }
        }
    }

    @Test func findsListedWordsCaseInsensitivelyAndOnlyWhole() {
        let index = WordIndex(lists: [["said"], ["according"]])
        let m = masks(index, Marked("⟦a:He SAID so.⟧ ⟦b:Unsaid, saidx, sai.⟧ ⟦c:According to her.⟧"))
        #expect(m["a"] == 0b01)
        #expect(m["b"] == 0)
        #expect(m["c"] == 0b10)
    }

    @Test func aWordInsideACompoundOrNextToUnicodeStillCounts() {
        // A superset of `\bsaid\b`: the rule itself decides, the index must never hide a match.
        let index = WordIndex(lists: [["said"]])
        let m = masks(index, Marked("⟦a:well-said⟧ ⟦b:“said”⟧ ⟦c:(said)⟧"))
        #expect(m["a"] == 1)
        #expect(m["b"] == 1)
        #expect(m["c"] == 1)
    }

    @Test func anEntryIsKeyedByItsFirstAsciiWord() {
        #expect(WordIndex.key(of: "According to") == "according")
        #expect(WordIndex.key(of: "co-sponsored") == "co")
        #expect(WordIndex.key(of: "Élysée") == "")
        // A list with an entry that cannot be keyed always passes.
        let index = WordIndex(lists: [[WordIndex.key(of: "Élysée")]])
        #expect(masks(index, Marked("⟦a:nothing here⟧"))["a"] == 1)
    }

    @Test func aMaskCoversOnlyWordsStartingInsideTheRange() {
        let index = WordIndex(lists: [["told"]])
        let m = masks(index, Marked("⟦a:First one.⟧ ⟦b:She told me.⟧ ⟦c:Last.⟧"))
        #expect(m["a"] == 0)
        #expect(m["b"] == 1)
        #expect(m["c"] == 0)
    }
}
