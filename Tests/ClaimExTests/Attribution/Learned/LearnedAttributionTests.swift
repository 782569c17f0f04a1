import Testing
@testable import ClaimEx

@Suite struct LearnedAttributionTests {
    static let learned = LearnedAttributionTests.model.map(LearnedAttribution.init)
    static let model = Fixtures.rules.attributionModel

    /// A construction no rule names, found by the bundled model: PolNeAR's sourceless
    /// expectations read as the subject's.
    @Test func findsWhatNoRuleNames() throws {
        try #require(LearnedAttributionTests.model != nil, "the bundled rules carry attribution/model.tsv")
        let m = Marked("⟦speaker:Senate Republicans⟧ are ⟦cue:expected⟧ ⟦content:to block the nomination next week⟧.")
        let document = try Fixtures.document(m.text)
        let quote = try #require(document.quotes.first, "no quote")
        #expect(quote.rule == LearnedAttribution.ruleID)
        #expect(quote.content == m.spans["content"])
        #expect(quote.speaker?.range == m.spans["speaker"])
        #expect(quote.cue?.range == m.spans["cue"])
        #expect(quote.confidence >= 0.5 && quote.confidence <= 1)
    }

    static let article = """
        Defence Minister Yasar Guler told Reuters that Turkey would stay. Senate Republicans are expected to block \
        the nomination, and the mayor declined to comment.

        "We will not back down," Guler said, adding that talks would go on. Many voters remain skeptical of the plan, \
        polls show.
        """

    /// The model fills gaps: none of its quotes touches a rule quote, and no two quotes overlap.
    @Test func modelQuotesNeverOverlapRuleQuotes() throws {
        let document = try Fixtures.document(LearnedAttributionTests.article)
        let parts = document.quotes.flatMap { q in q.parts.map { (q.rule, $0) } }
        for (i, a) in parts.enumerated() {
            for b in parts[(i + 1)...] { #expect(!a.1.overlaps(b.1), "\(a.0) and \(b.0) overlap") }
        }
        #expect(document.quotes.contains { $0.rule == LearnedAttribution.ruleID })
        #expect(document.quotes.contains { $0.rule != LearnedAttribution.ruleID })
    }

    @Test func rulesAloneWithoutTheModel() throws {
        let article = Article(id: "t", format: .text, body: Array(LearnedAttributionTests.article.utf8), provenance: Provenance(input: "t"))
        let workspace = Workspace()
        var document = try CleanupStage(rules: Fixtures.rules).then(SentenceStage(rules: Fixtures.rules)).process(article, in: workspace)
        document = try AttributionStage(rules: Fixtures.rules, useModel: false).process(document, in: workspace)
        #expect(!document.quotes.isEmpty)
        #expect(!document.quotes.contains { $0.rule == LearnedAttribution.ruleID })
    }

    /// `--min-confidence` holds for the model's quotes too.
    @Test func minimumConfidenceAppliesToTheModel() throws {
        let all = try Fixtures.document(LearnedAttributionTests.article)
        let strict = try Fixtures.document(LearnedAttributionTests.article, minQuoteConfidence: 0.9)
        let kept = strict.quotes.filter { $0.rule == LearnedAttribution.ruleID }
        #expect(kept.allSatisfy { $0.confidence >= 0.9 })
        #expect(kept.count <= all.quotes.filter { $0.rule == LearnedAttribution.ruleID }.count)
    }

    /// A model that knows one cue word (probability near 1 for it, near 0 for any other), and
    /// cuts rule clauses before a cue of 0.7.
    static func oneCueModel(_ word: String) -> AttributionModel {
        let stem = String(decoding: WordTokenizer.stem(of: Array(word.utf8)), as: UTF8.self)
        var model = AttributionModel(cueThreshold: 0.3, sourceThreshold: 0.05, gateStems: [stem],
                                     entries: [("c:bias=1", -6), ("c:w=\(word)", 12)], lexicon: AttributionFeaturesTests.lexicon)
        model.splitThreshold = 0.7
        return model
    }

    /// A document of one sentence, cleaned and split.
    static func oneSentence(_ text: String) -> Document {
        var document = Document(article: Article(id: "t", format: .text, body: [], provenance: Provenance(input: "t")),
                                clean: CleanText(paragraphs: [text]))
        document.sentences = [Sentence(range: 0..<text.utf8.count, paragraph: 0)]
        return document
    }

    /// A rule's reported clause is cut before a clause boundary that a confident cue follows;
    /// with the cut past every probability, never.
    @Test func rulesClauseIsCutBeforeANewReport() throws {
        let m = Marked("Clinton said ⟦kept:the deal was bad⟧ and has withheld her endorsement.")
        var model = LearnedAttributionTests.oneCueModel("withheld")
        let document = LearnedAttributionTests.oneSentence(m.text)
        let said = m.text.utf8.count - "said the deal was bad and has withheld her endorsement.".utf8.count
        let contentStart = m.spans["kept"]!.lowerBound
        let contentEnd = m.text.utf8.count - 1
        let rule = Candidate(rule: "indirect.speaker-cue-clause", confidence: 0.8, kind: .indirect, content: contentStart..<contentEnd,
                             parts: [contentStart..<contentEnd], speaker: 0..<7, cue: said..<(said + 4), title: nil)
        let cut = document.withUTF8 { LearnedAttribution(model: model).trim([rule], document: document, buf: $0, scratch: .init()) }
        #expect(cut.candidates.first?.content == m.spans["kept"])
        #expect(cut.cuts.map(\.cue) == [Marked("Clinton said the deal was bad and has ⟦cue:withheld⟧ her endorsement.").spans["cue"]!])
        model.splitThreshold = 2
        let uncut = document.withUTF8 { LearnedAttribution(model: model).trim([rule], document: document, buf: $0, scratch: .init()) }
        #expect(uncut.candidates.first?.content == contentStart..<contentEnd)
        #expect(uncut.cuts.isEmpty)
    }

    /// After a cut, the cue that made it needs less for its own quote: a candidate the
    /// candidate model cannot tell either way (no weights: probability 0.5) is kept there,
    /// and only there.
    @Test func theCueThatCutAClauseNeedsLessForItsQuote() throws {
        let m = Marked("⟦s:Clinton⟧ said the deal was bad and has ⟦cue:withheld⟧ her endorsement.")
        var model = LearnedAttributionTests.oneCueModel("withheld")
        model.threshold = 0.6
        let document = LearnedAttributionTests.oneSentence(m.text)
        let rule = Candidate(rule: "indirect.speaker-cue-clause", confidence: 0.8, kind: .indirect, content: 13..<(m.text.utf8.count - 1),
                             parts: [13..<(m.text.utf8.count - 1)], speaker: m.spans["s"]!, cue: 8..<12, title: nil)
        let learned = LearnedAttribution(model: model)
        let (trimmed, cuts) = document.withUTF8 { learned.trim([rule], document: document, buf: $0, scratch: .init()) }
        #expect(cuts.map(\.cue) == [m.spans["cue"]!])
        let atCut = document.withUTF8 {
            learned.candidates(document: document, buf: $0, taken: trimmed, minConfidence: 0, scratch: .init(), cutCues: cuts.map(\.cue))
        }
        #expect(atCut.map(\.candidate.cue) == [m.spans["cue"]!])
        let elsewhere = document.withUTF8 { learned.candidates(document: document, buf: $0, taken: trimmed, minConfidence: 0, scratch: .init()) }
        #expect(elsewhere.isEmpty)
    }

    /// A cue inside a clause that comes before its own cue is nested in what was said: the
    /// clause stays whole.
    @Test func aClauseBeforeItsCueIsNotCut() throws {
        let m = Marked("⟦content:The footage and the testimony reveal a pattern of killings⟧, ⟦speaker:Amnesty⟧ ⟦cue:said⟧.")
        let model = LearnedAttributionTests.oneCueModel("reveal")
        let document = LearnedAttributionTests.oneSentence(m.text)
        let content = m.spans["content"]!
        let rule = Candidate(rule: "indirect.clause-speaker-cue", confidence: 0.8, kind: .indirect, content: content,
                             parts: [content], speaker: m.spans["speaker"]!, cue: m.spans["cue"]!, title: nil)
        let out = document.withUTF8 { LearnedAttribution(model: model).trim([rule], document: document, buf: $0, scratch: .init()) }
        #expect(out.candidates.first?.content == content)
    }

    @Test func occupancyCoversTheWordsOfASentenceInsideAQuote() {
        let m = Marked("“⟦q:We will not back down⟧,” ⟦s:Lopez⟧ ⟦c:said⟧. Then she left.")
        let c = Candidate(rule: "r", confidence: 1, kind: .direct, content: m.spans["q"]!, parts: [m.spans["q"]!],
                          speaker: m.spans["s"]!, cue: m.spans["c"]!, title: nil)
        let occupied = LearnedAttribution.Occupancy([c])
        var text = m.text
        text.withUTF8 { buf in
            let first = 0..<(m.spans["c"]!.upperBound + 1)
            #expect(occupied.coversWords(first, buf))
            #expect(!occupied.coversWords(0..<buf.count, buf))
            #expect(!LearnedAttribution.Occupancy([c], speakers: false).coversWords(first, buf))
        }
    }

    @Test func groupsAreNamesJoinedByAndOrAmpersand() {
        #expect(SpeakerResolver.isGroup("Johnson and Corbyn"))
        #expect(SpeakerResolver.isGroup("Smith & Jones"))
        #expect(!SpeakerResolver.isGroup("Anderson"))
        #expect(!SpeakerResolver.isGroup("Sandra Andrews"))
        #expect(!SpeakerResolver.isGroup("and"))
    }

    /// "who" speaks for the name before its comma; with none, it stays itself.
    @Test(arguments: [
        ("Senate leader Mitch McConnell, who in 2010 said he would block it", "Mitch McConnell"),
        ("The Department of Justice, which said it would appeal", "Department of Justice"),
        ("Officials, who said the road was closed", nil),
        ("the senator, who said the road was closed", nil),
    ] as [(String, String?)])
    func aRelativePronounsAntecedent(_ text: String, _ expected: String?) {
        AttributionFeaturesTests.load(text) { s, buf in
            let who = s.tokens.firstIndex { t in ["who", "which"].contains(String(decoding: UnsafeBufferPointer(rebasing: buf[t.range]), as: UTF8.self)) }!
            let found = LearnedAttribution.antecedent(s, before: who).map { r in
                String(decoding: UnsafeBufferPointer(rebasing: buf[s.tokens[r.lowerBound].range.lowerBound..<s.tokens[r.upperBound].range.upperBound]), as: UTF8.self)
            }
            #expect(found == expected)
        }
    }

    @Test func occupancyTouches() {
        let c = Candidate(rule: "r", confidence: 1, kind: .indirect, content: 10..<20, parts: [10..<20], speaker: 0..<5, cue: 6..<9, title: nil)
        let all = LearnedAttribution.Occupancy([c])
        let quoted = LearnedAttribution.Occupancy([c], speakers: false)
        #expect(all.touches(2..<3) && !quoted.touches(2..<3))
        #expect(all.touches(19..<25) && quoted.touches(7..<8))
        #expect(!all.touches(20..<30) && !all.touches(5..<6))
    }

    /// A model source "Name, apposition" gives the name as the speaker and the apposition as
    /// its title; other commas in a source are left alone.
    @Test(arguments: [
        ("⟦name:Maria Lopez⟧, ⟦title:a spokeswoman for the union⟧", true),
        ("⟦name:John Smith⟧, ⟦title:the mayor of Boston⟧", true),
        ("⟦name:Smith⟧, ⟦title:spokesman⟧", true),
        ("Smith, Jones and Brown", false),
        ("the mayor, a Democrat", false),
        ("Maria Lopez, a spokeswoman, a mother", false),
        ("Maria Lopez", false),
    ])
    func appositionSplitsTheNameFromItsTitle(_ marked: String, _ splits: Bool) {
        let m = Marked(marked)
        var text = m.text
        text.withUTF8 { buf in
            var s = TokenizedSentence()
            s.load(buf, range: 0..<buf.count, startsInsideQuote: false, lexicon: AttributionFeaturesTests.lexicon)
            let split = LearnedAttribution.apposition(s, 0, s.tokens.count - 1, buf)
            #expect((split != nil) == splits, "\(marked)")
            guard let split else { return }
            #expect(s.tokens[split.name.lowerBound].range.lowerBound..<s.tokens[split.name.upperBound].range.upperBound == m.spans["name"])
            #expect(s.tokens[split.title.lowerBound].range.lowerBound..<s.tokens[split.title.upperBound].range.upperBound == m.spans["title"])
        }
    }

    /// In a document, the split name is the speaker (the full mode's rules give the same), and a
    /// later surname finds it.
    @Test func aModelSpeakersAppositionIsItsTitle() throws {
        let m = Marked("⟦speaker:Maria Lopez⟧, a spokeswoman for the union, is ⟦cue:expected⟧ ⟦content:to call a strike⟧. Lopez said talks had failed.")
        let document = try Fixtures.document(m.text, attribution: .fast)
        let quote = try #require(document.quotes.first { $0.cue?.range == m.spans["cue"] }, "\(document.quotes)")
        #expect(quote.rule == LearnedAttribution.ruleID)
        #expect(quote.speaker?.range == m.spans["speaker"])
        #expect(quote.speaker?.name == "Maria Lopez")
        #expect(quote.speaker?.title == "a spokeswoman for the union")
        let later = try #require(document.quotes.last)
        #expect(later.speaker?.name == "Maria Lopez" && later.speaker?.resolvedBy == .surname)
    }
}
