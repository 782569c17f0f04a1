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

    /// The types the rules give, before the model decides whether the text is a claim.
    func ruleTypes(_ text: String) -> [ClaimType] {
        var text = text
        return text.withUTF8 { typer.hits($0, ranges: [0..<$0.count], scratch: scratch).types }
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
    }

    /// A quote in parts: each part is searched only up to where its last word of a rule starts,
    /// and a part without one is not searched for that rule; every rule is found in its part
    /// as it is in the whole.
    @Test(arguments: [
        ("We met them twice,", "and the ban on imports will stay."),
        ("The ban on imports will stay,", "we met them twice."),
        ("Nothing to see here,", "I think they caused the crash because of the rain."),
        ("Prices rose sharply after the law passed,", "nothing else."),
        ("It cost 4 million dollars,", "they said, and rose 5% in 2019."),
        ("Nothing here,", "but 30 percent of the 2,000 voters stayed home."),
    ])
    func rulesAreFoundInTheirPartOfAQuote(_ a: String, _ b: String) {
        var text = a + " " + b
        let split = a.utf8.count
        let (parts, whole) = text.withUTF8 { buf in
            (typer.hits(buf, ranges: [0..<split, (split + 1)..<buf.count], scratch: scratch),
             [typer.hits(buf, ranges: [0..<split], scratch: scratch), typer.hits(buf, ranges: [(split + 1)..<buf.count], scratch: scratch)])
        }
        #expect(!parts.types.isEmpty)
        #expect(Set(parts.indices) == Set(whole.flatMap(\.indices)))
        #expect(parts.types == ClaimType.allCases.filter { t in whole.contains { $0.types.contains(t) } })
    }

    @Test(arguments: [
        "I think we should all be kinder to each other.",
        "The weather was pleasant on Tuesday.",
        "In 2016 the party chose a new leader.",
    ])
    func nonQuantities(_ sentence: String) {
        #expect(!ruleTypes(sentence).contains(.quantity))
    }

    /// Each type: sentences it must get, and sentences it must not.
    @Test(arguments: [
        (ClaimType.comparison, "Unemployment is lower than it was under the last government.", true),
        (.comparison, "Unvaccinated people are 4.5 times less likely to catch it.", true),
        (.comparison, "It was the largest protest in the country since 1989.", true),
        (.comparison, "More than anything, he wanted peace.", false),
        (.prediction, "The new plant will create 2,000 jobs.", true),
        (.prediction, "The company plans to close three factories next year.", true),
        (.prediction, "The factory closed in 2019.", false),
        (.causal, "Smoking causes lung cancer.", true),
        (.causal, "The policy has led to a surge in prices.", true),
        (.causal, "The talks are due to resume on Monday.", false),
        (.rules, "It is illegal to drive without insurance.", true),
        (.rules, "Nigeria bans children under 18 from buying SIM cards.", true),
        (.rules, "The bill for dinner was high.", false),
        (.personal, "I grew up in a small town in Ohio.", true),
        (.personal, "My father worked in a steel mill for 30 years.", true),
        (.personal, "His father worked in a steel mill.", false),
        (.temporal, "The army entered the city on March 3, 2021.", true),
        (.temporal, "The law was passed in 1999.", true),
        (.temporal, "The army entered the city.", false),
        (.opinion, "I believe this is the right thing to do.", true),
        (.opinion, "We must stand together.", true),
        (.opinion, "Exports fell 4% in May.", false),
        (.quantity, "Prices rose 3.5% in May.", true),
        (.quantity, "Prices rose in May.", false),
    ])
    func types(_ type: ClaimType, _ sentence: String, _ expected: Bool) {
        #expect(ruleTypes(sentence).contains(type) == expected, "\(type) on «\(sentence)»")
    }

    @Test func typesNeverContradictTheClaimDecision() {
        for sentence in ["I think we should all be kinder to each other.", "Smoking causes lung cancer.",
                         "Hello, everyone, and thank you for coming.", "Unemployment fell to 4.1% in March."] {
            let v = verdict(sentence)
            if v.isClaim {
                #expect(!v.types.contains(.opinion))
            } else {
                #expect(v.types.allSatisfy { $0 == .opinion })
            }
            #expect((0...1).contains(v.checkworthy))
        }
    }

    /// Page furniture split off as a sentence ("___", a lone backslash, a copyright sign and
    /// year) has shape cues but no word: never a claim, whatever the weights say.
    @Test(arguments: ["___", "\\", "© 2024", "$5,000,000!", "1.", "“…”"])
    func textsWithoutWordsAreNoClaims(_ text: String) {
        let v = verdict(text)
        #expect(!v.isClaim)
        #expect(v.types.allSatisfy { $0 == .opinion })
        #expect(v.checkworthy < 0.5)
    }

    @Test func checkworthyRanksFactsAboveSmallTalk() {
        let fact = verdict("We have lost 2.3 million manufacturing jobs since 2001.")
        let talk = verdict("Thank you very much, it is good to be here tonight.")
        #expect(fact.checkworthy > talk.checkworthy)
        #expect(fact.isClaim && !talk.isClaim)
    }

    @Test func ownVoiceSentencesBecomeClaimsButQuotedOnesDoNot() throws {
        let document = try Fixtures.document("""
            The army has 20,000 troops in the region.
            "We will add 5,000 more troops," the minister said.
            """)
        #expect(document.claims.count == 1)
        #expect(document.claims.first.map { document.slice($0.range) } == "The army has 20,000 troops in the region.")
        #expect(document.quotes.first?.claimTypes.contains(.quantity) == true)
        #expect(document.quotes.first?.claimTypes.contains(.prediction) == true)
    }
}
