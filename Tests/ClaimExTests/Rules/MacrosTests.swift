import Foundation
import Testing
@testable import ClaimEx
import Patterns

/// Copying macros in place instead of calling them must never change what a rule matches.
@Suite struct MacrosTests {
    let scratch = MatchScratch()

    /// Every match of `pattern` in `text`, as the ranges of its named groups (group 0 first).
    func matches(_ pattern: Pattern, _ text: String) throws -> [[String: Range<Int>?]] {
        var found: [[String: Range<Int>?]] = []
        var text = text
        try text.withUTF8 { buf in
            try pattern.forEachMatch(in: buf, scratch: scratch) { m in
                var groups: [String: Range<Int>?] = ["": m.range]
                for (name, index) in pattern.groupNames where name.first?.isLowercase == true {
                    groups[name] = m.range(group: index)
                }
                found.append(groups)
                return true
            }
        }
        return found
    }

    @Test func macrosAreCopiedUnlessCalled() throws {
        var macros = Macros()
        macros.defineWordList("CUE", ["said", "says"], file: "cues.tsv")
        macros.define("SAID", #"\s+{CUE}"#, file: "m", line: 1)
        #expect(try macros.expand("{SAID}", file: "r", line: 1, ruleID: "x") == #"(?^x:\s+(?^x:(?:sa(?:id|ys))))"#)
        #expect(try macros.expand("{SAID}", file: "r", line: 1, ruleID: "x", caseless: true) == #"(?^ix:\s+(?^ix:(?:sa(?:id|ys))))"#)
        #expect(try macros.expand("{SAID}", file: "r", line: 1, ruleID: "x", called: ["CUE"])
                == #"(?^x:\s+(?&CUE))"# + "\n" + #"(?(DEFINE)(?<CUE>(?:sa(?:id|ys))))"#)
    }

    /// A subroutine runs with the options of the place its group is defined, not of the call:
    /// `(?i:{UP})` stays case-sensitive inside. The copy keeps that.
    @Test func aCopyKeepsTheRulesOwnOptions() throws {
        var macros = Macros()
        macros.define("UP", "A", file: "m", line: 1)
        for called in [Set<String>(), ["UP"]] {
            let plain = try Pattern(macros.expand("(?i:{UP}b)", file: "r", line: 1, ruleID: "x", called: called), options: .extended)
            #expect(try matches(plain, "ab").isEmpty)
            #expect(try matches(plain, "AB").count == 1)
            let caseless = try Pattern(macros.expand("{UP}b", file: "r", line: 1, ruleID: "x", caseless: true, called: called),
                                       options: [.extended, .caseless])
            #expect(try matches(caseless, "ab").count == 1)
        }
    }

    /// Only the escapes PCRE2 reads braces for keep a `{…}` from being a macro: `\b{W}` is a
    /// word boundary before a copy of W (left as written, PCRE2 would look for the letters).
    @Test func aBraceAfterAnEscapeIsAMacroUnlessTheEscapeTakesBraces() throws {
        var macros = Macros()
        macros.define("W", "said", file: "m", line: 1)
        #expect(try macros.expand(#"\b{W}"#, file: "r", line: 1, ruleID: "x") == #"\b(?^x:said)"#)
        for escape in [#"\p{L}"#, #"\P{Lu}"#, #"\x{2019}"#, #"\g{1}"#, #"\k{name}"#, #"\o{101}"#] {
            #expect(try macros.expand(escape, file: "r", line: 1, ruleID: "x") == escape)
        }
    }

    /// `words:` in a macros file: a list written in place becomes a prefix tree, caseless when
    /// asked whatever the rule's own options; anything else is refused with the file and line.
    @Test func wordListsWrittenInPlace() throws {
        let dir = NSTemporaryDirectory() + "claimex-macros-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/macros.yaml"
        try """
            words:
              AUX_WORD: [has, have, had, was]
              DET_WORD: { caseless: true, list: [the, a, an] }
            """.write(toFile: file, atomically: true, encoding: .utf8)
        var macros = Macros()
        try RuleFile.loadMacros(file, lexiconDir: dir, into: &macros)
        #expect(macros.definitions["AUX_WORD"] == "(?:ha(?:d|s|ve)|was)")
        #expect(macros.wordLists["DET_WORD"] == ["the", "an", "a"])
        let pattern = try Pattern(macros.expand(#"\b{DET_WORD}\s+\w+\s+{AUX_WORD}\b"#, file: "r", line: 1, ruleID: "x"),
                                  options: .extended)
        #expect(try matches(pattern, "The man has gone").count == 1)
        #expect(try matches(pattern, "AN owl WAS there").isEmpty)
        for bad in ["words:\n  X: [a, [b]]\n", "words:\n  X: said\n", "words:\n  X: []\n", "words:\n  X: { caseless: true }\n"] {
            try bad.write(toFile: file, atomically: true, encoding: .utf8)
            var fresh = Macros()
            let error = #expect(throws: RuleError.self) { try RuleFile.loadMacros(file, lexiconDir: dir, into: &fresh) }
            #expect(error?.line == 2, "\(bad)")
        }
    }

    /// `{LAZY}`, `{QTEXT}` and TRAIL's rest skip, in runs, the places where what follows them
    /// in a rule cannot start, APPOS takes its comma-free runs whole (each must end at a
    /// comma), and `{AFTER_COMMA}` finds from \G what a lookbehind found at every place. Every bundled rule must match exactly what it matches with their plain
    /// forms, groups and whole-match ranges included, on its examples, the sample article and
    /// texts made to trip them (quotation marks, doubled apostrophes, line breaks, odd spaces).
    @Test func everyRuleMatchesAsWithThePlainFormsOfTheRunSkippingMacros() throws {
        let dir = Fixtures.rulesDirectory + "/attribution"
        var plain = Macros()
        try RuleFile.loadMacros(dir + "/macros.yaml", lexiconDir: Fixtures.rulesDirectory + "/lexicons", into: &plain)
        plain.define("LAZY", ".*?", file: "test", line: nil)
        plain.define("QTEXT", #"(?:(?!'')[^"“”«»\n])+?"#, file: "test", line: nil)
        plain.define("AFTER_COMMA", #"(?<=,\s)"#, file: "test", line: nil)
        plain.define("APPOS", #"(?:,\s+(?<title>[^,"“”]{2,90}?)(?:,\s+[^,"“”]{2,150}?){0,3},|\s+[—–]\s+[^—–"“”]{2,90}?\s+[—–])"#,
                     file: "test", line: nil)
        plain.define("TRAIL", #"(?:\s*,?\s+(?:{TRAIL_WORD})\b[^"“”]*? | \s*,\s+(?:adding|noting|saying)\b.*?)?"#, file: "test", line: nil)
        let seed = try String(contentsOfFile: Fixtures.root + "/golden/seed-article/seed-article.txt", encoding: .utf8)
        let tricky = [
            "He said it was, in fact, over, the minister said.", "“It is over,” he said. “Done,” he added, “for now.”",
            "A quote '' with doubled '' apostrophes,'' she said.", "''It's John's, isn't it?'' he asked.",
            "Line one, said X\nline two, he said.", "No\u{00A0}break, space\u{2009}thin, said Y.", "x, y", "",
            "(It rained, he said in a statement on Monday.)", "Short, said Z — really; truly: yes!", "Ends with a mark,”",
            "The plan will fail, the senator said, adding that it was “a mess.”", "But he said, she said, they said",
            "Aides say the deal is off, and the senator warned that talks, which began in May, would end.",
        ]
        let texts = tricky + seed.split(separator: "\n").map(String.init)
        var compared = 0
        for rule in Fixtures.rules.attribution {
            let spec = rule.spec
            let options: PatternOptions = spec.caseless ? [.extended, .caseless] : [.extended]
            // The macros the loader called rather than copied (a rule too large copied whole).
            let called = Set(spec.expanded.split(separator: "(?&").dropFirst().compactMap { $0.split(separator: ")").first.map(String.init) })
            let reference = try Pattern(plain.expand(spec.source, file: spec.file, line: spec.line, ruleID: spec.id,
                                                     caseless: spec.caseless, called: called), options: options)
            for text in spec.examples.map(\.text) + spec.counterExamples.map(\.text) + texts {
                #expect(try matches(rule.pattern, text) == matches(reference, text), "rule \(spec.id) on: \(text)")
            }
            if spec.expanded != reference.source { compared += 1 }
        }
        #expect(compared >= 10, "only \(compared) rules use the run-skipping macros")
    }

    /// The room a copied macro takes is its own text times its copies, counting copies inside
    /// other copies and not the macros it holds.
    @Test func theLargestCopyIsTheOneCalledFirst() throws {
        var macros = Macros()
        macros.define("SMALL", "ab", file: "m", line: 1)
        macros.define("INNER", "cdefghijklmnop", file: "m", line: 2)
        macros.define("OUTER", "{INNER}{INNER}xyz", file: "m", line: 3)
        // INNER: four copies of 14 (two in each OUTER); OUTER: two of its own 3.
        let source = "{OUTER}{OUTER}{SMALL}"
        func next(_ called: Set<String>) throws -> String? {
            try macros.expansion(of: source, file: "r", line: 1, ruleID: "x", called: called).largestCopied
        }
        #expect(try next([]) == "INNER")
        // Called, INNER leaves OUTER "(?&INNER)(?&INNER)xyz" to copy.
        #expect(try next(["INNER"]) == "OUTER")
        #expect(try next(["INNER", "OUTER", "SMALL"]) == nil)
    }

    /// Every bundled rule, copied as loaded and with every macro called as before: the same
    /// matches, groups and all, on the rules' examples and counter-examples and the sample
    /// article.
    @Test func copyingNeverChangesWhatABundledRuleMatches() throws {
        let seed = try String(contentsOfFile: Fixtures.root + "/golden/seed-article/seed-article.txt", encoding: .utf8)
        for kind in ["attribution", "claims"] {
            let dir = Fixtures.rulesDirectory + "/" + kind
            var macros = Macros()
            try RuleFile.loadMacros(dir + "/macros.yaml", lexiconDir: Fixtures.rulesDirectory + "/lexicons", into: &macros)
            let every = Set(macros.definitions.keys)
            let loaded = kind == "claims" ? Fixtures.rules.claims : Fixtures.rules.attribution
            #expect(loaded.contains { $0.spec.expanded.contains("(?^x:") }, "no \(kind) rule copies a macro")
            for rule in loaded {
                let spec = rule.spec
                let options: PatternOptions = spec.caseless ? [.extended, .caseless] : [.extended]
                let called = try Pattern(macros.expand(spec.source, file: spec.file, line: spec.line, ruleID: spec.id,
                                                       caseless: spec.caseless, called: every), options: options)
                for text in spec.examples.map(\.text) + spec.counterExamples.map(\.text) + seed.split(separator: "\n").map(String.init) {
                    #expect(try matches(rule.pattern, text) == matches(called, text), "rule \(spec.id) on: \(text)")
                }
            }
        }
    }

    /// A rule whose copies overflow PCRE2's size limit is compiled with its biggest macro
    /// called; one too large even then fails to load with its own error id.
    @Test func aRuleTooLargeToCopyCallsItsBiggestMacro() throws {
        let speakers = Array(repeating: "{SPEAKER}", count: 8).joined(separator: " | ")
        let dir = try TemporaryRules(attribution: """
            rules:
              - id: big.rule
                kind: indirect
                pattern: '(?<speaker>\(speakers)) \\s+ (?<cue>said) \\s+ (?<content>.+)'
                examples:
                  - text: 'Juan Carlos Perez said it was over.'
                    speaker: Juan Carlos Perez
            """)
        let set = try RuleSet.load(directory: dir.path)
        let rule = try #require(set.attribution.first)
        #expect(rule.spec.expanded.contains("(?(DEFINE)"))
        #expect(RuleTester().test(set.attribution).failures.isEmpty)
        let huge = try TemporaryRules(attribution: """
            rules:
              - { id: huge.rule, kind: direct, pattern: '(?<content>(?:ab|cd){20000})' }
            """)
        #expect {
            _ = try RuleSet.load(directory: huge.path)
        } throws: { error in
            (error as? RuleError)?.code == .tooLarge && (error as? RuleError)?.ruleID == "huge.rule"
        }
    }
}
