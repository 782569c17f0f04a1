import Testing
@testable import ClaimEx

@Suite struct ParagraphSegmentsTests {
    /// The bytes of the text `Document` joins from these paragraphs.
    func joined(_ paragraphs: ArraySlice<String>) -> Int {
        paragraphs.filter { !$0.isEmpty }.joined(separator: "\n\n").utf8.count
    }

    /// Paragraph byte ranges of these sizes (only their sizes matter to the cut).
    func sizes(_ paragraphs: [String]) -> [Range<Int>] {
        paragraphs.map { 0..<$0.utf8.count }
    }

    @Test func aTextWithinTheBudgetIsOneSegment() {
        let paragraphs = ["one", "", "two", "three"]
        #expect(ParagraphSegments.ranges(sizes(paragraphs), maxBytes: joined(paragraphs[...])) == [0..<4])
        #expect(ParagraphSegments.ranges([], maxBytes: 10) == [0..<0])
        #expect(ParagraphSegments.ranges(sizes(["", ""]), maxBytes: 1) == [0..<2])
    }

    @Test func segmentsCoverEveryParagraphInOrderWithinTheBudget() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let paragraphs = (0..<Int(rng.next() % 40)).map { _ in String(repeating: "é", count: Int(rng.next() % 12)) }
            let budget = 1 + Int(rng.next() % 60)
            let ranges = ParagraphSegments.ranges(sizes(paragraphs), maxBytes: budget)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == paragraphs.count)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            for r in ranges {
                let nonEmpty = paragraphs[r].filter { !$0.isEmpty }.count
                // Within the budget, or one paragraph too long for it; never only empty ones
                // (unless there is nothing else).
                #expect(joined(paragraphs[r]) <= budget || nonEmpty == 1)
                #expect(nonEmpty > 0 || ranges.count == 1)
            }
            // Greedy: a segment could not have taken the next one's first paragraph.
            for (a, b) in zip(ranges, ranges.dropFirst()) {
                let next = paragraphs[b].firstIndex { !$0.isEmpty }!
                #expect(joined(paragraphs[a.lowerBound...next]) > budget)
            }
        }
    }
}
