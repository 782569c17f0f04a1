import Foundation
import Testing
@testable import ClaimEx
import Patterns

@Suite struct RuleScopesTests {
    /// Rule 0: "said", "told"; rule 1: no words.
    let triggers = WordTriggers(words: [["said", "told"], nil])

    func scopes(_ document: Document) -> RuleScopes {
        document.withUTF8 { RuleScopes(triggers: triggers, buf: $0, document: document) }
    }

    @Test func theLastWordOfTheRuleInEachScope() throws {
        let text = "Maria Lopez said the talks would resume. The mayor told reporters nothing.\n\nNobody spoke."
        let document = try Fixtures.document(text, depth: .sentences)
        #expect(document.sentences.count == 3)
        let s = scopes(document)
        let said = text.utf8.count - text.drop { $0 != "s" }.utf8.count
        let told = try #require(text.range(of: "told")).lowerBound.utf16Offset(in: text)
        let ranges = document.sentences.map(\.range)
        #expect(s.latestStart(0, paragraph: false, 0, range: ranges[0]) == said)
        #expect(s.latestStart(0, paragraph: false, 1, range: ranges[1]) == told)
        #expect(s.latestStart(0, paragraph: false, 2, range: ranges[2]) == nil)
        #expect(!s.allows(0, paragraph: false, 2))
        #expect(s.latestStart(0, paragraph: true, 0, range: document.paragraphs[0]) == told)
        // A rule without words is tried everywhere, to the end.
        #expect(s.allows(1, paragraph: false, 2))
        #expect(s.latestStart(1, paragraph: false, 0, range: ranges[0]) == nil)
    }

    /// A paragraph's words are its sentences' words only when the sentences hold all its
    /// letters and cut no word: otherwise the paragraph is tried to its end.
    @Test func aParagraphWhoseSentencesCutAWordIsTriedToTheEnd() throws {
        let text = "Maria Lopez said the talks would resume. The mayor told reporters nothing."
        var document = try Fixtures.document(text, depth: .sentences)
        let cut = try #require(text.range(of: "told")).lowerBound.utf16Offset(in: text) + 2
        let whole = document.paragraphs[0]
        document.sentences = [Sentence(range: whole.lowerBound..<cut, paragraph: 0), Sentence(range: cut..<whole.upperBound, paragraph: 0)]
        #expect(scopes(document).latestStart(0, paragraph: true, 0, range: whole) == nil)
        document.sentences = [Sentence(range: whole.lowerBound..<(cut - 10), paragraph: 0)]
        #expect(scopes(document).latestStart(0, paragraph: true, 0, range: whole) == nil)
    }

    /// Every bundled attribution rule finds the same matches when it stops at the last of its
    /// words, on the sample article and the golden pages' text.
    @Test func boundedSearchesFindWhatWholeSearchesFind() throws {
        let stage = AttributionStage(rules: Fixtures.rules)
        let fm = FileManager.default
        var articles = [Article(id: "seed", format: .text,
                                body: Array(try String(contentsOfFile: Fixtures.root + "/golden/seed-article/seed-article.txt", encoding: .utf8).utf8),
                                provenance: Provenance(input: "seed"))]
        for dir in try fm.contentsOfDirectory(atPath: Fixtures.root + "/golden").sorted() {
            let path = Fixtures.root + "/golden/" + dir + "/" + dir + ".html"
            if let data = fm.contents(atPath: path) {
                articles.append(Article(id: dir, format: .html, body: Array(data), provenance: Provenance(input: path)))
            }
        }
        let pipeline = Pipeline(rules: Fixtures.rules, depth: .sentences)
        let scratch = MatchScratch()
        var bounded = 0
        for article in articles {
            let document = try pipeline.run(article, in: Workspace())
            try document.withUTF8 { buf throws in
                let scopes = RuleScopes(triggers: stage.triggers, buf: buf, document: document)
                for (paragraph, rules, ranges) in [(true, stage.paragraphRules, document.paragraphs),
                                                   (false, stage.sentenceRules, document.sentences.map(\.range))] {
                    for rule in rules {
                        for (index, range) in ranges.enumerated() where scopes.allows(rule.index, paragraph: paragraph, index) {
                            let latest = scopes.latestStart(rule.index, paragraph: paragraph, index, range: range)
                            if latest != nil { bounded += 1 }
                            func all(_ latest: Int?) throws -> [MatchResult] {
                                var found: [MatchResult] = []
                                try rule.compiled.pattern.forEachMatch(in: buf, range: range, latestStart: latest, scratch: scratch) {
                                    found.append($0.result())
                                    return true
                                }
                                return found
                            }
                            let found = try all(latest), everywhere = try all(nil)
                            #expect(found == everywhere, "rule \(rule.compiled.spec.id) in \(article.id) at \(range)")
                        }
                    }
                }
            }
        }
        #expect(bounded > 100)
    }
}
