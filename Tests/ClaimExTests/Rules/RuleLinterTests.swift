import Foundation
import Testing
@testable import ClaimEx

@Suite struct RuleLinterTests {
    /// A claim rule without `words:` is slow, not wrong: a note. `words:` on an attribution
    /// rule is never read: a warning.
    @Test func wordsAreLintedWhereTheyAreMissingOrUnread() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: test.said
                kind: indirect
                words: [said]
                pattern: '(?<speaker>\\w+) \\s+ said \\s+ (?<content>.+)'
                examples:
                  - text: 'Anna said hello there'
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
        #expect(about.contains { $0.severity == .warning && $0.message.contains("'test.said'") })
        #expect(about.contains { $0.severity == .note && $0.message.contains("'test.rose'") })
        #expect(!findings.contains { $0.message.contains("`words:`") && $0.message.contains("'quantity.percent'") })
    }
}
