import Foundation
import Testing
@testable import ClaimEx

@Suite struct RuleLinterTests {
    /// A rule without `words:` is slow, not wrong: a note, for attribution and claim rules alike.
    @Test func rulesWithoutWordsAreNoted() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: test.said
                kind: indirect
                words: [said]
                pattern: '(?<speaker>\\w+) \\s+ said \\s+ (?<content>.+)'
                examples:
                  - text: 'Anna said hello there'
              - id: test.colon
                kind: direct
                pattern: '(?<speaker>\\w+) : \\s+ (?<content>.+)'
                examples:
                  - text: 'Anna: hello there'
            """)
        try """
            rules:
              - id: test.rose
                kind: quantity
                pattern: '{W}rose\\s+\\d'
                examples:
                  - text: 'Prices rose 4% in May.'
            """.write(toFile: dir.path + "/claims/test.yaml", atomically: true, encoding: .utf8)
        let findings = RuleLinter(rules: try RuleSet.load(directory: dir.path)).lint(corpus: [])
        let about = findings.filter { $0.message.contains("`words:`") }
        #expect(about.count == 2)
        #expect(!about.contains { $0.message.contains("'test.said'") })
        #expect(about.contains { $0.severity == .note && $0.message.contains("'test.colon'") && $0.message.contains("every sentence") })
        #expect(about.contains { $0.severity == .note && $0.message.contains("'test.rose'") })
        #expect(!findings.contains { $0.message.contains("`words:`") && $0.message.contains("'quantity.percent'") })
    }
}
