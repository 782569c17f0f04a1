import Foundation
import Testing
@testable import ClaimEx

/// A model must say which rules it was trained on, and `rules lint` must notice when they are
/// not the rules beside it.
@Suite struct TrainingDigestTests {
    /// The bundled models were trained on the bundled rules: after a rule or word-list edit,
    /// retrain both (README, "The learned attribution model").
    @Test func bundledModelsRecordTheBundledRules() throws {
        let digest = try TrainingDigest.of(directory: Fixtures.rulesDirectory)
        for mode in [AttributionMode.full, .fast] {
            let path = Fixtures.rulesDirectory + "/attribution/" + mode.modelFileName
            #expect(TrainingDigest.recorded(inModel: path) == digest, "\(path)")
        }
    }

    /// What the trainer reads changes the digest; a rule's examples and comments do not.
    @Test func rulesAndWordListsChangeItExamplesDoNot() throws {
        let copy = try TemporaryRules()
        let before = try TrainingDigest.of(directory: copy.path)
        try copy.edit("attribution/indirect.yaml", "content: Turkey and Israel are continuing de-confliction talks",
                      "content: Turkey and Israel are continuing de-confliction talks\n        # an example's note")
        try copy.edit("attribution/indirect.yaml", "- 'She said nothing.'", "- 'She said nothing at all.'")
        #expect(try TrainingDigest.of(directory: copy.path) == before)
        try copy.edit("attribution/indirect.yaml", "confidence: 0.82", "confidence: 0.83")
        let edited = try TrainingDigest.of(directory: copy.path)
        #expect(edited != before)
        try copy.edit("lexicons/roles.txt", "\n", "\nzookeeper\n", once: true)
        #expect(try TrainingDigest.of(directory: copy.path) != edited)
    }

    /// Lint: an error for a model trained on other rules, a warning for one that does not say.
    @Test func lintReportsAModelTrainedOnOtherRules() throws {
        let copy = try TemporaryRules()
        let clean = RuleLinter(rules: try RuleSet.load(directory: copy.path)).lint(corpus: [])
        #expect(!clean.contains { $0.file.contains("/attribution/model") })
        try copy.edit("attribution/indirect.yaml", "confidence: 0.82", "confidence: 0.83")
        let stale = RuleLinter(rules: try RuleSet.load(directory: copy.path)).lint(corpus: [])
            .filter { $0.file.contains("/attribution/model") }
        #expect(stale.count == 2)
        #expect(stale.allSatisfy { $0.severity == .error && $0.message.contains("trained on other attribution rules") })
        #expect(stale.contains { $0.file.hasSuffix("model-fast.tsv") && $0.message.contains("train-attribution --fast") })
        try copy.edit("attribution/model.tsv", "# " + TrainingDigest.headerPrefix, "# no digest here: ")
        let unknown = RuleLinter(rules: try RuleSet.load(directory: copy.path)).lint(corpus: [])
            .filter { $0.file.hasSuffix("/model.tsv") }
        #expect(unknown.count == 1)
        #expect(unknown.first?.severity == .warning)
        #expect(unknown.first?.message.contains("records no training digest") == true)
    }
}
