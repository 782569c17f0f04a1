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

    /// A claim rule whose example matches without any of its `words:` would be skipped by claim
    /// typing on that very text: `rules test` says so.
    @Test func anExampleMatchWithoutTheRulesWordsFails() throws {
        let dir = try TemporaryRules(attribution: "rules: []\n")
        try """
            rules:
              - id: test.rose
                kind: quantity
                words: [fell]
                pattern: '{W}rose\\s+\\d'
                examples:
                  - text: 'Prices rose 4% in May.'
            """.write(toFile: dir.path + "/claims/test.yaml", atomically: true, encoding: .utf8)
        let set = try RuleSet.load(directory: dir.path)
        let (failures, _) = RuleTester().test(set.claims.filter { $0.spec.id == "test.rose" })
        let failure = try #require(failures.first)
        #expect(failure.problem.contains("contains none of `words:`"))
        #expect(failure.problem.contains("rose 4"))
    }

    @Test func aBadEntryInWordsStopsLoadingWithItsLine() throws {
        let dir = try TemporaryRules(attribution: "rules: []\n")
        try """
            rules:
              - id: test.rose
                kind: quantity
                words: [rose,
                        Fell]
                pattern: '{W}rose'
            """.write(toFile: dir.path + "/claims/test.yaml", atomically: true, encoding: .utf8)
        #expect {
            _ = try RuleSet.load(directory: dir.path)
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.line == 5 && e.ruleID == "test.rose" && e.message.contains("`Fell`")
        }
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

    /// Rules compile on every core; of several broken ones, the first in file order is the
    /// one reported, every time.
    @Test func theFirstBrokenRuleIsReportedWhateverTheCompileOrder() throws {
        let good = (0..<40).map { "  - id: ok.rule\($0)\n    kind: direct\n    pattern: 'a\($0)'\n" }.joined()
        let dir = try TemporaryRules(attribution: "rules:\n" + good + """
              - id: broken.first
                kind: direct
                pattern: '(?<content>abc'
              - id: broken.second
                kind: direct
                pattern: '[unclosed'
            """)
        for _ in 0..<5 {
            #expect {
                _ = try RuleSet.load(directory: dir.path)
            } throws: { error in
                (error as? RuleError)?.ruleID == "broken.first"
            }
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
        #expect(expanded == #"(?^x:(?^x:\p{L}+) (?^x:\p{L}+))\d{2,3}\p{Lu}"#)
        let called = try macros.expand(#"{TWO}\d{2,3}\p{Lu}"#, file: "r", line: 1, ruleID: "x", called: ["TWO", "WORD"])
        #expect(called == #"(?&TWO)\d{2,3}\p{Lu}"# + "\n" + #"(?(DEFINE)(?<WORD>\p{L}+)(?<TWO>(?&WORD) (?&WORD)))"#)
    }

    @Test func wordListMacrosAreAPrefixTreeThatPrefersLongerEntries() throws {
        var macros = Macros()
        macros.defineWordList("CUE", ["according", "according to", "said", "says", "added"], file: "cues.tsv")
        #expect(try macros.expand("{CUE}", file: "r", line: nil, ruleID: nil)
                == #"(?^x:(?:a(?:ccording(?:\s+to)?|dded)|sa(?:id|ys)))"#)
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
        let expanded = try macros.expand("{APPOS}{BEHIND}", file: "r", line: 1, ruleID: "x", called: ["APPOS", "BEHIND"])
        #expect(expanded == #"(?:,\s+(?<title>[^,]+),)(?&BEHIND)"# + "\n" + #"(?(DEFINE)(?<BEHIND>(?<=\s)x))"#)
    }

    @Test func wordsTakeWordListMacrosAndEveryExampleMustPassWordsAndRequires() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: words.rule
                kind: indirect
                words: [stated, "{CUE}"]
                pattern: '(?<speaker>\\w+) \\s+ (?<cue>\\w+) \\s+ (?<content>.+)'
                examples:
                  - 'Anna stated the obvious'
                  - 'Anna said the obvious'
                  - 'Anna ate the obvious'
              - id: both.rule
                kind: direct
                words: [said]
                requires: ':'
                pattern: '(?<cue>said) \\s* ,? \\s* (?<content>.+)'
                examples:
                  - 'Anna said: yes'
                  - 'Anna said, yes'
            """)
        let set = try RuleSet.load(directory: dir.path)
        let words = try #require(set.attribution.first { $0.spec.id == "words.rule" })
        #expect(words.spec.words?.contains("stated") == true)
        #expect(words.spec.words?.contains("told") == true)   // from {CUE}
        #expect(words.spec.words?.contains("according") != true)   // "according to" is a source, not a CUE
        #expect(words.prefilter == nil)
        let both = try #require(set.attribution.first { $0.spec.id == "both.rule" })
        #expect(both.spec.words == ["said"])
        #expect(both.prefilter != nil)
        let (failures, _) = RuleTester().test(set.attribution)
        #expect(failures.map(\.example.text) == ["Anna ate the obvious", "Anna said, yes"])
        #expect(failures.first?.problem.contains("none of `words:`") == true)
        #expect(failures.last?.problem.contains("`requires:` pattern") == true)
    }

    @Test func sourceIsNoneOrPrevious() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: bad.source
                kind: indirect
                source: nobody
                pattern: '(?<content>x)'
            """)
        #expect {
            _ = try RuleSet.load(directory: dir.path)
        } throws: { error in
            (error as? RuleError)?.ruleID == "bad.source" && (error as? RuleError)?.line == 4
        }
    }

    @Test func wordsNamingAMacroThatIsNoWordListIsAnError() throws {
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: bad.requires
                kind: direct
                words: ["{OPEN}"]
                pattern: '(?<content>x)'
            """)
        #expect {
            _ = try RuleSet.load(directory: dir.path)
        } throws: { error in
            (error as? RuleError)?.ruleID == "bad.requires" && (error as? RuleError)?.line == 4
        }
    }
}

extension RuleExamplesTests {
    static let colonRule = """
        rules:
          - id: test.colon
            kind: direct
            scope: paragraph
            requires: ':\\s*"'
            starts: before-requires
            pattern: '(?<speaker>\\p{Lu}\\w+) \\s+ (?<cue>said) : \\s* " (?<content>[^"]+) "'
            examples:
              - text: 'Anna said: "We are ready."'
        """

    /// `starts: before-requires` is read; a rule that states it without `requires:`, or with
    /// another value, stops loading with the line and the rule id.
    @Test func startsBeforeRequiresIsReadAndCheckedWhenLoaded() throws {
        let dir = try TemporaryRules(attribution: RuleExamplesTests.colonRule)
        let set = try RuleSet.load(directory: dir.path, attribution: .full)
        #expect(set.attribution.map(\.spec.startsBeforeRequires) == [true])
        #expect(RuleTester().test(set.attribution).failures.isEmpty)

        for (yaml, message) in [
            (RuleExamplesTests.colonRule.replacingOccurrences(of: "starts: before-requires", with: "starts: anywhere"), "anywhere"),
            (RuleExamplesTests.colonRule.replacingOccurrences(of: "    requires: ':\\s*\"'\n", with: ""), "needs a `requires:`"),
        ] {
            try yaml.write(toFile: dir.path + "/attribution/test.yaml", atomically: true, encoding: .utf8)
            do {
                _ = try RuleSet.load(directory: dir.path)
                Issue.record("a bad `starts:` loaded: \(yaml)")
            } catch {
                #expect(error.description.contains("attribution/test.yaml:"), "\(error)")
                #expect(error.description.contains("test.colon"), "\(error)")
                #expect(error.description.contains(message), "\(error)")
            }
        }
    }

    /// An example whose match starts after every match of `requires:` proves nothing for a
    /// rule that is only tried before them: `rules test` says so.
    @Test func anExampleStartingAfterTheRequiresMatchFails() throws {
        let dir = try TemporaryRules(attribution: RuleExamplesTests.colonRule
            .replacingOccurrences(of: "requires: ':\\s*\"'", with: "requires: 'Anna'")
            .replacingOccurrences(of: "'Anna said: ", with: "'Anna and Bob said: "))
        let set = try RuleSet.load(directory: dir.path)
        let (failures, _) = RuleTester().test(set.attribution)
        let failure = try #require(failures.first)
        #expect(failure.problem.contains("starts after every match of `requires:`"), "\(failure.problem)")
    }
}

/// A copy of the bundled rules, removed when done: whole (models included), or with the
/// attribution rules replaced by one file.
final class TemporaryRules {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "claimex-rules-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory, toPath: path)
    }

    convenience init(attribution yaml: String) throws {
        try self.init()
        let fm = FileManager.default
        let attribution = path + "/attribution"
        for file in try fm.contentsOfDirectory(atPath: attribution) where file != "macros.yaml" {
            try fm.removeItem(atPath: attribution + "/" + file)
        }
        try yaml.write(toFile: attribution + "/test.yaml", atomically: true, encoding: .utf8)
    }

    /// Replaces `old` with `new` (every occurrence, or the first) in one file of the copy;
    /// `old` must occur.
    func edit(_ file: String, _ old: String, _ new: String, once: Bool = false) throws {
        let url = URL(fileURLWithPath: path + "/" + file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let range = text.range(of: old) else { throw CocoaError(.fileReadCorruptFile) }
        let edited = once ? text.replacingCharacters(in: range, with: new) : text.replacingOccurrences(of: old, with: new)
        try edited.write(to: url, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
