import Testing

@testable import ClaimEx

/// The English Golden Rules (pySBD's benchmark) and pySBD's further English cases, each its
/// own test argument so a regression names the rule it breaks.
@Suite("Sentence splitter: pySBD golden rules and extra cases")
struct GoldenRulesTests {
    @Test("golden rule", arguments: try SBDCase.load("golden_rules_en"))
    func goldenRule(_ c: SBDCase) {
        let got = SBDCase.normalise(SentenceTestSupport.sentences(c.text))
        #expect(got == SBDCase.normalise(c.sentences))
    }

    @Test("all 48 golden rules are present")
    func goldenRuleCount() throws {
        #expect(try SBDCase.load("golden_rules_en").count == 48)
    }

    @Test(
        "extra case",
        arguments: try SBDCase.load("pysbd_extra_en").filter { SBDCase.outOfScope[$0.id] == nil })
    func extraCase(_ c: SBDCase) {
        let got = SBDCase.normalise(SentenceTestSupport.sentences(c.text))
        #expect(got == SBDCase.normalise(c.sentences))
    }

    /// Out-of-scope cases still must not lose or change text: the sentences concatenated are
    /// the input without its whitespace.
    @Test("out-of-scope extra cases keep every character", arguments: try SBDCase.load("pysbd_extra_en").filter {
        SBDCase.outOfScope[$0.id] != nil
    })
    func outOfScopeKeepsText(_ c: SBDCase) {
        let got = SentenceTestSupport.sentences(c.text).joined().filter { !$0.isWhitespace }
        #expect(got == c.text.filter { !$0.isWhitespace })
    }
}
