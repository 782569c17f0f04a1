import Foundation
import Testing
import Patterns
@testable import ClaimEx

@Suite struct WordTriggersTests {
    /// Rule 0: whole words; 1: a word start; 2: digits; 3: no words (always tried).
    let triggers = WordTriggers(words: [["led", "because"], ["caus*"], ["<digit>"], nil])

    func candidates(_ text: String, _ triggers: WordTriggers? = nil) -> [Int] {
        var text = text
        return text.withUTF8 { (triggers ?? self.triggers).candidates($0, ranges: [0..<$0.count]) }
    }

    @Test func wholeWordsPrefixesAndDigits() {
        #expect(candidates("The war led to famine.") == [0, 3])
        #expect(candidates("LED lights") == [0, 3])
        #expect(candidates("He misled them.") == [3])
        #expect(candidates("Smoking causes cancer.") == [1, 3])
        #expect(candidates("The CAUSEWAY flooded.") == [1, 3])
        #expect(candidates("a cause") == [1, 3])
        #expect(candidates("Prices rose 4%.") == [2, 3])
        #expect(candidates("nothing here") == [3])
        #expect(candidates("") == [3])
    }

    /// A word is a run of ASCII letters: apostrophes, digits and non-ASCII characters end it,
    /// as they end a word for a pattern's `\b` or `{W}`.
    @Test func wordsEndAtAnythingButAnASCIILetter() {
        let t = WordTriggers(words: [["won"], ["ll"], ["led"], ["because"]])
        #expect(candidates("We won’t go.", t) == [0])
        #expect(candidates("They'll see.", t) == [1])
        #expect(candidates("4led", t) == [2])
        #expect(candidates("éléd", t) == [])
        #expect(candidates("«because»", t) == [3])
    }

    /// A lexicon entry stands for its first ASCII word, so `words: ["{CUE}"]` can hold
    /// "according to" and "co-sponsored"; a word inside a compound still counts (a superset
    /// of the pattern's own test: the rule decides).
    @Test func lexiconEntriesAreKeyedByTheirFirstWord() {
        #expect(WordTriggers.key(of: "According to") == "according")
        #expect(WordTriggers.key(of: "co-sponsored") == "co")
        #expect(WordTriggers.key(of: "Élysée") == "")
        let t = WordTriggers(words: [["said"]])
        #expect(candidates("well-said", t) == [0])
        #expect(candidates("“said”", t) == [0])
        #expect(candidates("unsaid", t) == [])
    }

    /// Only the bytes inside the ranges count.
    @Test func onlyTheRanges() {
        var text = "led here | nothing there"
        let found = text.withUTF8 { triggers.candidates($0, ranges: [10..<$0.count]) }
        #expect(found == [3])
        let both = text.withUTF8 { triggers.candidates($0, ranges: [0..<3, 10..<$0.count]) }
        #expect(both == [0, 3])
    }

    /// ſ and the Kelvin sign match s and k caselessly, so no word is certain: every rule is tried.
    @Test func caselessLookalikesTryEveryRule() {
        #expect(candidates("cauſes") == [0, 1, 2, 3])
        #expect(candidates("\u{212A}ilometre") == [0, 1, 2, 3])
    }

    /// Where each rule's words start, in text order; rules without words or with `<digit>`
    /// have no such places.
    @Test func hitsSayWhereEachRulesWordStarts() {
        var text = "The war led to famine because causes differ."
        var hits: [WordTriggers.Hit] = []
        var mask: [UInt64] = [0]
        let sure = text.withUTF8 { buf in
            mask.withUnsafeMutableBufferPointer { triggers.candidates(buf, ranges: [0..<buf.count], into: $0, hits: &hits) }
        }
        #expect(sure)
        #expect(hits.map(\.start) == [8, 22, 30])
        #expect(hits.map { triggers.hit($0, isWordOf: 0) } == [true, true, false])
        #expect(hits.map { triggers.hit($0, isWordOf: 1) } == [false, false, true])
        #expect((0..<4).map(triggers.isPositional) == [true, true, false, false])
        var odd = "cauſes led"
        hits = []
        let unsure = odd.withUTF8 { buf in
            mask.withUnsafeMutableBufferPointer { triggers.candidates(buf, ranges: [0..<buf.count], into: $0, hits: &hits) }
        }
        #expect(!unsure)
    }

    /// Per range, where the last word of each rule starts (-1 where the range has none; for
    /// `<digit>`, the last digit), and the rules of all ranges together: the claim typer's view
    /// of a quote in parts.
    @Test func latestWordOfEachRuleInEachRange() {
        let first = Marked("Prices ⟦led:led⟧ to 2 protests, which ⟦because:because⟧ of ⟦digit:3⟧ deaths grew.")
        let second = Marked(" Smoking ⟦causes:causes⟧ harm.")
        var text = first.text + second.text
        let split = first.text.utf8.count
        let offset = { (r: Range<Int>) in r.lowerBound + split }
        var mask: [UInt64] = [0]
        var latest = [Int](repeating: 7, count: 2 * triggers.ruleCount)
        let sure = text.withUTF8 { buf in
            mask.withUnsafeMutableBufferPointer { m in
                latest.withUnsafeMutableBufferPointer { triggers.candidates(buf, ranges: [0..<split, split..<buf.count], into: m, latest: $0) }
            }
        }
        #expect(sure)
        #expect((0..<4).filter { mask[0] & (1 << UInt64($0)) != 0 } == [0, 1, 2, 3])
        #expect(Array(latest[0..<4]) == [first.spans["because"]!.lowerBound, -1, first.spans["digit"]!.lowerBound, -1])
        #expect(Array(latest[4..<8]) == [-1, offset(second.spans["causes"]!), -1, -1])
        // One range alone: what it holds and nothing of the other's.
        var one = first.text
        let onlyFirst = one.withUTF8 { buf in
            mask.withUnsafeMutableBufferPointer { m in
                latest.withUnsafeMutableBufferPointer { triggers.candidates(buf, ranges: [0..<buf.count], into: m, latest: $0) }
            }
        }
        #expect(onlyFirst)
        #expect((0..<4).filter { mask[0] & (1 << UInt64($0)) != 0 } == [0, 2, 3])
        #expect(latest[0] == first.spans["because"]!.lowerBound)
        var odd = "cauſes led"
        let unsure = odd.withUTF8 { buf in
            mask.withUnsafeMutableBufferPointer { m in
                latest.withUnsafeMutableBufferPointer { triggers.candidates(buf, ranges: [0..<buf.count], into: m, latest: $0) }
            }
        }
        #expect(!unsure)
        #expect((0..<4).filter { mask[0] & (1 << UInt64($0)) != 0 } == [0, 1, 2, 3])
    }

    @Test func otherDigitsCount() {
        #expect(candidates("٣ people") == [2, 3])
        #expect(candidates("５ people") == [2, 3])
        #expect(candidates("½ people") == [3])
    }

    @Test func moreThanSixtyFourRules() {
        let words: [[String]?] = (0..<130).map { $0 == 129 ? ["zebra"] : ($0 == 64 ? ["<digit>"] : ["never"]) }
        let t = WordTriggers(words: words)
        #expect(candidates("a zebra", t) == [129])
        #expect(candidates("7 zebras", t) == [64])
    }

    @Test(arguments: ["led", "caus*", "<digit>", "abc*"])
    func validWords(_ word: String) { #expect(WordTriggers.isValid(word)) }

    @Test(arguments: ["", "Led", "ca*", "won't", "*", "<num>", "x-ray", "é"])
    func invalidWords(_ word: String) { #expect(!WordTriggers.isValid(word)) }

    /// Every non-ASCII scalar as UTF-8, one after another (surrogates cannot be encoded).
    static let allNonASCII: [UInt8] = {
        var bytes: [UInt8] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            bytes += Array(String(Character(scalar)).utf8)
        }
        return bytes
    }()

    /// The premise of the filter, checked against this PCRE2 build: the only non-ASCII
    /// characters a caseless pattern matches for an ASCII letter are ſ and the Kelvin sign.
    @Test func caselessASCIILettersMatchOnlyTwoOtherCharacters() throws {
        let pattern = try Pattern("[a-z]", options: [.caseless])
        var found: [String] = []
        try WordTriggersTests.allNonASCII.withUnsafeBufferPointer { buf in
            try pattern.forEachMatch(in: buf, scratch: MatchScratch()) { match in
                found.append(String(decoding: buf[match.range], as: UTF8.self))
                return true
            }
        }
        #expect(found == ["ſ", "\u{212A}"])
    }

    /// … and every character `\d` matches starts with a byte `mayStartDigit` accepts.
    @Test func everyDigitIsSeen() throws {
        let pattern = try Pattern("\\d")
        var missed: [String] = []
        var digits = 0
        try WordTriggersTests.allNonASCII.withUnsafeBufferPointer { buf in
            try pattern.forEachMatch(in: buf, scratch: MatchScratch()) { match in
                digits += 1
                if !WordTriggers.mayStartDigit(buf[match.range.lowerBound]) {
                    missed.append(String(decoding: buf[match.range], as: UTF8.self))
                }
                return true
            }
        }
        #expect(digits > 500)
        #expect(missed.isEmpty)
    }

    /// The bundled claim rules never match where their words are absent: every rule on every
    /// sentence of the golden articles and on every rule example.
    @Test func bundledWordsNeverSkipAMatch() throws {
        let rules = Fixtures.rules.claims
        #expect(rules.allSatisfy { $0.spec.words != nil }, "every bundled claim rule lists its words")
        let triggers = WordTriggers(words: rules.map(\.spec.words))
        var texts = rules.flatMap { $0.spec.examples.map(\.text) + $0.spec.counterExamples.map(\.text) }
        let golden = Fixtures.root + "/golden"
        for dir in try FileManager.default.contentsOfDirectory(atPath: golden).sorted() {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: golden + "/" + dir)) ?? []
            where file.hasSuffix(".txt") || file.hasSuffix(".html") {
                let body = [UInt8](FileManager.default.contents(atPath: "\(golden)/\(dir)/\(file)") ?? Data())
                let article = Article(id: dir, format: file.hasSuffix(".html") ? .html : .text, body: body,
                                      provenance: Provenance(input: file))
                let document = try Pipeline(rules: Fixtures.rules, depth: .sentences).run(article, in: Workspace())
                document.withUTF8 { buf in
                    for s in document.sentences { texts.append(String(decoding: buf[s.range], as: UTF8.self)) }
                }
            }
        }
        #expect(texts.count > 500)
        let scratch = MatchScratch()
        var skipped: [String] = []
        for text in texts {
            var bytes = text
            bytes.withUTF8 { buf in
                let allowed = Set(triggers.candidates(buf, ranges: [0..<buf.count]))
                for (i, rule) in rules.enumerated() where !allowed.contains(i) {
                    if (try? rule.pattern.firstMatch(in: buf, scratch: scratch)) ?? nil != nil {
                        skipped.append("\(rule.spec.id): \(text)")
                    }
                }
            }
        }
        #expect(skipped.isEmpty)
    }
}
