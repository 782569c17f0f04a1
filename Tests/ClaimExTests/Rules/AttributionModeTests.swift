import Foundation
import Testing
@testable import ClaimEx

@Suite struct AttributionModeTests {
    /// The fast set is the full set less the rules marked `fast: false`, and only indirect
    /// rules carry the mark: every direct and mixed rule (quotation marks, which the model
    /// reads less well) runs in both modes.
    @Test func theFastModeLeavesOutExactlyTheMarkedRules() throws {
        let full = Fixtures.rules.attribution.map(\.spec)
        let fast = Fixtures.fastRules.attribution.map(\.spec)
        let marked = full.filter { !$0.fast }
        #expect(!marked.isEmpty)
        #expect(fast.map(\.id) == full.filter(\.fast).map(\.id))
        #expect(marked.allSatisfy { $0.kind == "indirect" }, "\(marked.filter { $0.kind != "indirect" }.map(\.id))")
        #expect(Fixtures.rules.attributionMode == .full && Fixtures.fastRules.attributionMode == .fast)
    }

    /// Each mode loads its own model: the fast one was trained without the marked rules.
    @Test func eachModeLoadsItsOwnModel() throws {
        let full = try #require(Fixtures.rules.attributionModel)
        let fast = try #require(Fixtures.fastRules.attributionModel, "the bundled rules carry attribution/model-fast.tsv")
        #expect(full.weightCount > 0 && fast.weightCount > 0)
        #expect(full.weightCount != fast.weightCount)
    }

    @Test func fastFalseIsReadAndABadValueStopsLoadingWithItsLine() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: test.said
                fast: false
                kind: indirect
                pattern: '(?<speaker>\\w+) \\s+ (?<cue>said) \\s+ (?<content>.+)'
                examples:
                  - text: 'Anna said hello there'
              - id: test.told
                kind: indirect
                pattern: '(?<speaker>\\w+) \\s+ (?<cue>told) \\s+ (?<content>.+)'
                examples:
                  - text: 'Anna told us hello'
            """)
        let full = try RuleSet.load(directory: dir.path)
        #expect(full.attribution.map(\.spec.id) == ["test.said", "test.told"])
        #expect(full.attribution.map(\.spec.fast) == [false, true])
        // No model-fast.tsv in this directory: the set loads, with no model (the CLI refuses
        // `--fast` then, rather than running the rules alone).
        let fast = try RuleSet.load(directory: dir.path, attribution: .fast)
        #expect(fast.attribution.map(\.spec.id) == ["test.told"])
        #expect(fast.attributionModel == nil)

        try """
            rules:
              - id: test.said
                kind: indirect
                fast: sometimes
                pattern: '(?<cue>said) \\s+ (?<content>.+)'
            """.write(toFile: dir.path + "/attribution/test.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try RuleSet.load(directory: dir.path)
            Issue.record("a bad `fast:` value loaded")
        } catch {
            #expect(error.description.contains("attribution/test.yaml:4"), "\(error)")
            #expect(error.description.contains("test.said"), "\(error)")
            #expect(error.description.contains("sometimes"), "\(error)")
        }
    }

    /// The constructions of the attribution issue the fast mode's model gets whole without the
    /// marked rules: content, kind, speaker and cue.
    @Test(arguments: AttributionStageTests.constructions.filter { !AttributionModeTests.fastMisses.contains($0.marked) })
    func construction(_ c: Construction) throws {
        try AttributionStageTests.check(c, attribution: .fast)
    }

    /// What the fast mode gets wrong among them (README, "Fast attribution"): a short clause
    /// before ", X said" (found, but below the model's threshold), a quoted fragment inside the
    /// clause, an adverb before an unknown verb taken for the cue, an action verb's object. A known issue each, so that a model that comes to find
    /// one shows here.
    @Test(arguments: AttributionStageTests.constructions.filter { AttributionModeTests.fastMisses.contains($0.marked) })
    func constructionTheFastModeMisses(_ c: Construction) throws {
        withKnownIssue { try AttributionStageTests.check(c, attribution: .fast) }
        // The full mode, run on the same text, gets it.
        try AttributionStageTests.check(c)
    }

    static let fastMisses: Set<String> = [
        "⟦content:The talks would resume in March⟧, ⟦speaker:Maria Lopez⟧ ⟦cue:said⟧.",
        #"⟦content:The offer was "an insult to every worker"⟧, ⟦speaker:Maria Lopez⟧ ⟦cue:said⟧."#,
        "⟦speaker:Sharpton⟧ later ⟦cue:clarified⟧ ⟦content:that he meant the group, not the candidate⟧.",
        "⟦speaker:Christie⟧ ⟦cue:endorsed⟧ ⟦content:Trump⟧ last week and has appeared with him since.",
        "⟦speaker:Maria Lopez⟧ ⟦cue:said⟧ ⟦content:the plan, “a disaster,” would fail⟧.",
    ]

    /// Every fast miss names a construction of the list (a typo would silently test nothing).
    @Test func theMissesAreConstructionsOfTheList() {
        let all = Set(AttributionStageTests.constructions.map(\.marked))
        #expect(AttributionModeTests.fastMisses.isSubset(of: all))
    }
}
