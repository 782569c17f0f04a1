import Testing
import Patterns
@testable import ClaimEx

@Suite struct ClaimTyperTests {
    let typer = ClaimTyper(rules: Fixtures.rules)
    let scratch = MatchScratch()

    func verdict(_ text: String) -> ClaimTyper.Verdict {
        var text = text
        return text.withUTF8 { typer.classify($0, ranges: [0..<$0.count], scratch: scratch) }
    }

    /// The seed article's numeric claims (the claims issue names them).
    @Test(arguments: [
        "it was too early to discuss possible withdrawal of the more than 20,000 Turkish troops in Syria",
        "ousted former Syrian President Bashar al-Assad in December to end his family's five-decade rule",
        "Ankara controlled swathes of northern Syria and established dozens of bases there",
        "facilitate the return of millions of Syrian civil war refugees",
        "Unemployment fell to 4.1% in March.",
        "The bill would cost taxpayers $2.3 billion.",
    ])
    func quantities(_ sentence: String) {
        let v = verdict(sentence)
        #expect(v.types.contains(.quantity))
        #expect(v.isClaim)
        #expect(v.checkworthy >= 0.5)
    }

    @Test(arguments: [
        "I think we should all be kinder to each other.",
        "The weather was pleasant on Tuesday.",
        "In 2016 the party chose a new leader.",
    ])
    func nonQuantities(_ sentence: String) {
        let v = verdict(sentence)
        #expect(!v.types.contains(.quantity))
        #expect(v.checkworthy < 0.5)
    }

    @Test func ownVoiceSentencesBecomeClaimsButQuotedOnesDoNot() throws {
        let document = try Fixtures.document("""
            The army has 20,000 troops in the region.
            "We will add 5,000 more troops," the minister said.
            """)
        #expect(document.claims.count == 1)
        #expect(document.claims.first.map { document.slice($0.range) } == "The army has 20,000 troops in the region.")
        #expect(document.quotes.first?.claimTypes == [.quantity])
    }
}
