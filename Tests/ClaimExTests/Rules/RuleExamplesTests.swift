import Foundation
import Testing
@testable import ClaimEx
import Patterns

@Suite struct RuleExamplesTests {
    @Test func everyBundledRuleHasExamplesAndPassesThem() {
        let rules = Fixtures.rules.allRules
        #expect(!rules.isEmpty)
        for rule in rules {
            #expect(!rule.spec.examples.isEmpty, "rule \(rule.spec.id) has no examples")
        }
        let (failures, count) = RuleTester().test(rules)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        #expect(count > rules.count)
    }

    @Test func aFailingExampleIsReportedWithItsCaptures() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: test.said
                kind: indirect
                pattern: '(?<speaker>\\w+) \\s+ (?<cue>said) \\s+ (?<content>.+)'
                examples:
                  - text: 'Anna said hello there'
                    speaker: Bob
            """)
        let set = try RuleSet.load(directory: dir.path)
        let (failures, _) = RuleTester().test(set.attribution)
        let failure = try #require(failures.first)
        #expect(failure.problem == #"speaker: expected "Bob", got "Anna""#)
        #expect(failure.description.contains("attribution/test.yaml:6"))
    }

    @Test func aPatternThatDoesNotCompileStopsLoadingWithFileLineRuleAndOffset() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: ok.rule
                kind: direct
                pattern: 'a'
              - id: broken.rule
                kind: direct
                pattern: '(?<content>abc'
            """)
        #expect {
            _ = try RuleSet.load(directory: dir.path)
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.code == .compile && e.ruleID == "broken.rule" && e.line == 5 && e.file.hasSuffix("attribution/test.yaml")
                && e.message.contains("missing closing parenthesis") && e.patternOffset == 14
        }
    }

    @Test func anUnknownMacroIsNamed() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: macro.rule
                kind: direct
                pattern: '{NO_SUCH_MACRO}'
            """)
        #expect {
            _ = try RuleSet.load(directory: dir.path)
        } throws: { error in
            (error as? RuleError)?.code == .unknownMacro && "\(error)".contains("{NO_SUCH_MACRO}")
        }
    }

    @Test func duplicateIdsAreRejected() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - { id: same, kind: direct, pattern: 'a' }
              - { id: same, kind: direct, pattern: 'b' }
            """)
        #expect {
            _ = try RuleSet.load(directory: dir.path)
        } throws: { error in
            (error as? RuleError)?.code == .duplicate
        }
    }

    @Test func macrosExpandButLeaveQuantifiersAndPropertiesAlone() throws {
        var macros = Macros()
        macros.define("WORD", #"\p{L}+"#, file: "m", line: 1)
        macros.define("TWO", "{WORD} {WORD}", file: "m", line: 2)
        let expanded = try macros.expand(#"{TWO}\d{2,3}\p{Lu}"#, file: "r", line: 1, ruleID: "x")
        #expect(expanded == #"(?&TWO)\d{2,3}\p{Lu}"# + "\n" + #"(?(DEFINE)(?<WORD>\p{L}+)(?<TWO>(?&WORD) (?&WORD)))"#)
    }

    @Test func wordListMacrosAreAPrefixTreeThatPrefersLongerEntries() throws {
        var macros = Macros()
        macros.defineWordList("CUE", ["according", "according to", "said", "says", "added"], file: "cues.tsv")
        #expect(try macros.expand("{CUE}", file: "r", line: nil, ruleID: nil)
                == "(?&CUE)\n" + #"(?(DEFINE)(?<CUE>(?:a(?:ccording(?:\s+to)?|dded)|sa(?:id|ys))))"#)
        let pattern = try Pattern(#"\b(?:"# + Macros.prefixTree(["according", "according to", "said", "says"]) + #")\b"#)
        let scratch = MatchScratch()
        func first(_ text: String) throws -> String? {
            let bytes = Array(text.utf8)
            return try bytes.withUnsafeBufferPointer { buf in
                try pattern.firstMatch(in: buf, scratch: scratch).map { String(decoding: bytes[$0.range], as: UTF8.self) }
            }
        }
        #expect(try first("prices rose, according to  the office") == "according to  the".replacingOccurrences(of: "  the", with: ""))
        #expect(try first("he says so") == "says")
        #expect(try first("according") == "according")
        #expect(try first("she sai it") == nil)
    }

    @Test func macrosWithNamedCapturesAreCopiedInPlace() throws {
        var macros = Macros()
        macros.define("APPOS", #",\s+(?<title>[^,]+),"#, file: "m", line: 1)
        macros.define("BEHIND", #"(?<=\s)x"#, file: "m", line: 2)
        let expanded = try macros.expand("{APPOS}{BEHIND}", file: "r", line: 1, ruleID: "x")
        #expect(expanded == #"(?:,\s+(?<title>[^,]+),)(?&BEHIND)"# + "\n" + #"(?(DEFINE)(?<BEHIND>(?<=\s)x))"#)
    }

    @Test func requiresTakesWordsMacrosOrBothAndEveryExampleMustPassIt() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: words.rule
                kind: indirect
                requires: [stated, "{CUE}"]
                pattern: '(?<speaker>\\w+) \\s+ (?<cue>\\w+) \\s+ (?<content>.+)'
                examples:
                  - 'Anna stated the obvious'
                  - 'Anna said the obvious'
                  - 'Anna ate the obvious'
              - id: both.rule
                kind: direct
                requires: { words: [said], pattern: ':' }
                pattern: '(?<cue>said) \\s* : \\s* (?<content>.+)'
                examples:
                  - 'Anna said: yes'
            """)
        let set = try RuleSet.load(directory: dir.path)
        let words = try #require(set.attribution.first { $0.spec.id == "words.rule" })
        #expect(words.spec.requiredWords?.contains("stated") == true)
        #expect(words.spec.requiredWords?.contains("told") == true)   // from {CUE}
        #expect(words.prefilter == nil)
        let both = try #require(set.attribution.first { $0.spec.id == "both.rule" })
        #expect(both.spec.requiredWords == ["said"])
        #expect(both.prefilter != nil)
        let (failures, _) = RuleTester().test(set.attribution)
        #expect(failures.map(\.example.text) == ["Anna ate the obvious"])
        #expect(failures.first?.problem.contains("none of the words in `requires:`") == true)
    }

    @Test func requiresNamingAMacroThatIsNoWordListIsAnError() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: bad.requires
                kind: direct
                requires: ["{OPEN}"]
                pattern: '(?<content>x)'
            """)
        #expect {
            _ = try RuleSet.load(directory: dir.path)
        } throws: { error in
            (error as? RuleError)?.ruleID == "bad.requires" && (error as? RuleError)?.line == 4
        }
    }
}

/// A copy of the bundled rules with one attribution file replaced, removed when done.
final class TemporaryRules {
    let path: String

    init(attribution yaml: String) throws {
        path = NSTemporaryDirectory() + "claimex-rules-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.copyItem(atPath: Fixtures.rulesDirectory, toPath: path)
        let attribution = path + "/attribution"
        for file in try fm.contentsOfDirectory(atPath: attribution) where file != "macros.yaml" {
            try fm.removeItem(atPath: attribution + "/" + file)
        }
        try yaml.write(toFile: attribution + "/test.yaml", atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
