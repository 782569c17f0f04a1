import Foundation
import Testing
@testable import ClaimEx

@Suite struct AttributionModelTrainerTests {
    /// A small annotated corpus written from marked templates: the verb "hinted" (in no lexicon)
    /// reports a clause, in several frames; other sentences report nothing.
    static func corpus(_ count: Int) -> [AttributionModelTrainer.AnnotatedArticle] {
        let names = ["Maria Lopez", "The ministry", "Senator Ann Cole", "Two officials", "The union", "Paul Reyes"]
        let clauses = ["the plan would change", "talks had stalled", "prices would rise next year", "the deal was dead",
                       "no decision had been made", "the strike would go on"]
        let filler = ["The weather was mild on Monday.", "Markets opened higher.", "The meeting ended early.",
                      "Traffic was heavy downtown."]
        var articles: [AttributionModelTrainer.AnnotatedArticle] = []
        for i in 0..<count {
            let a = names[i % names.count], b = clauses[(i * 5) % clauses.count]
            let frames = ["⟦source:\(a)⟧ ⟦cue:hinted⟧ that ⟦content:\(b)⟧.",
                          "⟦source:\(a)⟧ ⟦cue:hinted⟧ on Friday ⟦content:\(b)⟧.",
                          "⟦content:\(b.prefix(1).uppercased() + b.dropFirst())⟧, ⟦source:\(a)⟧ ⟦cue:hinted⟧."]
            let marked = filler[i % filler.count] + "\n\n" + frames[i % frames.count] + "\n\n" + filler[(i + 1) % filler.count]
            let m = Marked(marked)
            let scalars = Array(m.text.utf8)
            func scalarRange(_ r: Range<Int>) -> Range<Int> {
                let lo = scalars[..<r.lowerBound].filter { $0 & 0xC0 != 0x80 }.count
                return lo..<(lo + scalars[r].filter { $0 & 0xC0 != 0x80 }.count)
            }
            articles.append(.init(text: m.text, attributions: [.init(
                content: [scalarRange(m.spans["content"]!)], source: [scalarRange(m.spans["source"]!)], cue: [scalarRange(m.spans["cue"]!)])]))
        }
        return articles
    }

    static var options: AttributionModelTrainer.Options {
        var o = AttributionModelTrainer.Options()
        o.minCount = 1
        o.l1 = 0
        o.cueL1 = 0
        o.epochs = 4
        return o
    }

    @Test func sameDataSameFile() throws {
        let trainer = try AttributionModelTrainer(rulesDirectory: Fixtures.rulesDirectory, options: AttributionModelTrainerTests.options)
        let data = AttributionModelTrainerTests.corpus(40)
        let (a, report) = try trainer.train(data)
        let (b, _) = try trainer.train(data)
        #expect(a.serialized(header: []) == b.serialized(header: []))
        #expect(report.usable == 40)
        #expect(report.candidateExamples > 0)
        #expect(a.entries.contains { $0.name.hasPrefix("q:") })
    }

    /// Trained on the corpus, the model finds the new verb's report in a sentence it never saw,
    /// with its content and source, where no rule fires.
    @Test func learnsACueNoRuleKnows() throws {
        let trainer = try AttributionModelTrainer(rulesDirectory: Fixtures.rulesDirectory, options: AttributionModelTrainerTests.options)
        let (model, _) = try trainer.train(AttributionModelTrainerTests.corpus(60))
        let evaluation = trainer.evaluate(model, on: AttributionModelTrainerTests.corpus(12))
        // Some of the frames a rule takes ("… hinted that …": any verb with a that-clause); the
        // model is judged on the others.
        #expect(evaluation.heads >= 4, "\(evaluation)")
        #expect(Double(evaluation.correctHeads) >= 0.75 * Double(evaluation.heads), "\(evaluation)")
        #expect(evaluation.contentHalf >= 10, "\(evaluation)")

        let m = Marked("Markets opened higher.\n\n⟦source:Jane Roe⟧ ⟦cue:hinted⟧ that ⟦content:the strike had stalled⟧.")
        var document = Document(article: Article(id: "t", format: .text, body: [], provenance: Provenance(input: "t")),
                                clean: CleanText(paragraphs: m.text.components(separatedBy: "\n\n")))
        let ranges = document.paragraphs
        document.sentences = document.withUTF8 { SentenceSplitter(lexicon: Fixtures.rules.sentences).split($0, paragraphs: ranges) }
        let found = document.withUTF8 { buf in
            LearnedAttribution(model: model).candidates(document: document, buf: buf, taken: [], minConfidence: 0, scratch: .init())
        }
        let f = try #require(found.first { $0.candidate.cue == m.spans["cue"] }, "\(found.map { document.slice($0.candidate.content) })")
        #expect(f.candidate.content == m.spans["content"])
        #expect(f.candidate.speaker == m.spans["source"])
        #expect(f.candidate.rule == LearnedAttribution.ruleID)
        #expect(f.candidate.confidence == LearnedAttribution.confidence(f.probability))
    }

    /// The gate lets in a verb outside the lexicons only on evidence: it headed at least
    /// `gateMinCount` training cues and `gateMinRate` of its occurrences.
    @Test func theGateWantsEvidence() throws {
        func article(_ marked: String) -> AttributionModelTrainer.AnnotatedArticle {
            let m = Marked(marked)
            // ASCII text: byte offsets are scalar offsets.
            return .init(text: m.text, attributions: [.init(content: [m.spans["content"]!], source: [m.spans["source"]!], cue: [m.spans["cue"]!])])
        }
        var data = AttributionModelTrainerTests.corpus(30)
        // "murmured" heads one cue; "waved" heads two but mostly waves.
        data.append(article("⟦source:Ann Cole⟧ ⟦cue:murmured⟧ that ⟦content:the talks had stalled⟧."))
        for _ in 0..<2 { data.append(article("⟦source:Paul Reyes⟧ ⟦cue:waved⟧ off ⟦content:the talk of a strike⟧.")) }
        for i in 0..<40 { data.append(.init(text: "The crowd waved flags on day \(i). Fans waved back.", attributions: [])) }
        func gate(_ configure: (inout AttributionModelTrainer.Options) -> Void) throws -> String {
            var options = AttributionModelTrainerTests.options
            configure(&options)
            let trainer = try AttributionModelTrainer(rulesDirectory: Fixtures.rulesDirectory, options: options)
            return try trainer.train(data).0.serialized(header: []).split(separator: "\n").filter { $0.hasPrefix("gate\t") }.joined(separator: "\n")
        }
        let standard = try gate { _ in }
        #expect(standard.contains("gate\thint"))
        #expect(!standard.contains("gate\tmurmur"))
        #expect(!standard.contains("gate\twav"))
        let lenient = try gate { $0.gateMinCount = 1; $0.gateMinRate = 0 }
        #expect(lenient.contains("gate\tmurmur") && lenient.contains("gate\twav"))
    }

    @Test func emptyDataIsAnError() throws {
        let trainer = try AttributionModelTrainer(rulesDirectory: Fixtures.rulesDirectory, options: AttributionModelTrainerTests.options)
        #expect(throws: TrainingError.self) { try trainer.train([]) }
    }

    @Test func badLinesNameTheirLine() throws {
        let path = try TempFiles.write(Array(#"{"text": "a", "attributions": []}"#.utf8) + [0x0A] + Array("not json".utf8), suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try AttributionModelTrainer.readArticles(path)
            Issue.record("read a bad file")
        } catch {
            #expect(error == .badLine(file: path, line: 2, message: "not a JSON object"))
            #expect(error.description == "\(path):2: error[train.bad-line]: not a JSON object")
        }
    }

    /// Offsets in Unicode scalars become byte ranges of the document built from the lines.
    @Test func goldSpansLandOnTheirBytes() throws {
        let trainer = try AttributionModelTrainer(rulesDirectory: Fixtures.rulesDirectory, options: AttributionModelTrainerTests.options)
        let text = "Café owners met.\n\n\nJosé said it was “over”."
        let scalars = Array(text.unicodeScalars)
        func range(_ s: String) -> Range<Int> {
            let target = Array(s.unicodeScalars)
            let i = (0...(scalars.count - target.count)).first { Array(scalars[$0..<($0 + target.count)]) == target }!
            return i..<(i + target.count)
        }
        let article = AttributionModelTrainer.AnnotatedArticle(text: text, attributions: [
            .init(content: [range("it was “over”")], source: [range("José")], cue: [range("said")])])
        let p = trainer.prepare(article, scratch: Workspace().scratch)
        #expect(p.document.slice(p.gold[0].content[0]) == "it was “over”")
        #expect(p.document.slice(p.gold[0].source[0]) == "José")
        #expect(p.document.slice(p.gold[0].cue[0]) == "said")
    }
}
