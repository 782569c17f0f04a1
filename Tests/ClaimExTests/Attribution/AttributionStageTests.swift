import Testing
@testable import ClaimEx

/// One construction of the attribution issue: marked text and the quote it must yield.
struct Construction: CustomTestStringConvertible, Sendable {
    let marked: String
    let kind: Quote.Kind
    /// The resolved speaker name when it differs from the marked mention.
    let name: String?

    init(_ marked: String, _ kind: Quote.Kind, name: String? = nil) {
        self.marked = marked
        self.kind = kind
        self.name = name
    }

    var testDescription: String { marked }
}

@Suite struct AttributionStageTests {
    static let constructions: [Construction] = [
        Construction(#""⟦content:We will not back down⟧," ⟦speaker:Maria Lopez⟧ ⟦cue:said⟧."#, .direct),
        Construction(#"⟦speaker:Maria Lopez⟧ ⟦cue:said⟧: "⟦content:We will not back down.⟧""#, .direct),
        Construction(#""⟦content:We will not back down⟧," ⟦cue:said⟧ ⟦speaker:Maria Lopez⟧."#, .direct),
        Construction(#"“⟦content:Prices will fall next year⟧,” ⟦speaker:the ministry⟧ ⟦cue:said⟧ on Monday."#, .direct),
        Construction("⟦speaker:Maria Lopez⟧ ⟦cue:said⟧ ⟦content:that the talks would resume in March⟧.", .indirect),
        Construction("⟦content:The talks would resume in March⟧, ⟦speaker:Maria Lopez⟧ ⟦cue:said⟧.", .indirect),
        Construction("⟦speaker:Maria Lopez⟧ ⟦cue:told⟧ Reuters ⟦content:the talks would resume in March⟧.", .indirect),
        Construction("⟦speaker:Maria Lopez⟧ ⟦cue:said⟧ in a statement ⟦content:that the talks would resume in March⟧.", .indirect),
        Construction("⟦cue:According to⟧ ⟦speaker:the ministry⟧, ⟦content:the talks will resume in March⟧.", .indirect),
        Construction("⟦content:The talks will resume in March⟧, ⟦cue:according to⟧ ⟦speaker:the ministry⟧.", .indirect),
        Construction("⟦speaker:Maria Lopez⟧, a spokeswoman for the union, ⟦cue:said⟧ ⟦content:the strike would go on⟧.", .indirect),
        Construction(#"⟦speaker:Maria Lopez⟧ ⟦cue:described⟧ ⟦content:the offer as "an insult to every worker"⟧."#, .mixed),
        Construction(#"⟦content:The offer was "an insult to every worker"⟧, ⟦speaker:Maria Lopez⟧ ⟦cue:said⟧."#, .mixed),
        Construction("⟦speaker:Defence Minister Yasar Guler⟧ ⟦cue:said⟧ ⟦content:Turkey had no plans to withdraw⟧.", .indirect,
                     name: "Yasar Guler"),
        // Verbs the lexicon does not know still report: a that-clause, a to-infinitive.
        Construction("⟦speaker:Sharpton⟧ later ⟦cue:clarified⟧ ⟦content:that he meant the group, not the candidate⟧.", .indirect),
        Construction("⟦speaker:The senator⟧ ⟦cue:declined⟧ ⟦content:to comment on the investigation⟧.", .indirect),
        Construction("⟦speaker:Christie⟧ ⟦cue:endorsed⟧ ⟦content:Trump⟧ last week and has appeared with him since.", .indirect),
        // After an opening phrase, "X said, “…”" is a direct quote (not a parenthetical's two halves) …
        Construction("In an interview with TMZ Sports, ⟦speaker:Holtz⟧ ⟦cue:said⟧, “⟦content:I’ve had a lot of people cancel on me.⟧”", .direct),
        // … and a quoted fragment inside the clause makes it mixed.
        Construction("⟦speaker:Maria Lopez⟧ ⟦cue:said⟧ ⟦content:the plan, “a disaster,” would fail⟧.", .mixed),
    ]

    @Test(arguments: constructions)
    func construction(_ c: Construction) throws {
        try AttributionStageTests.check(c)
    }

    /// The construction's quote, found in the given attribution mode: its content, kind,
    /// speaker (and resolved name) and cue.
    static func check(_ c: Construction, attribution: AttributionMode = .full) throws {
        let m = Marked(c.marked)
        let document = try Fixtures.document(m.text, attribution: attribution)
        let quote = try #require(document.quotes.first { $0.content == m.spans["content"] },
                                 "no quote with content \(m["content"] ?? "?"); got \(document.quotes.map { document.slice($0.content) })")
        #expect(quote.kind == c.kind)
        #expect(quote.speaker?.range == m.spans["speaker"])
        #expect(quote.speaker?.name == (c.name ?? m["speaker"]))
        #expect(quote.cue?.range == m.spans["cue"])
    }

    /// `starts: before-requires`: the speaker of "X noted, ''…''" is looked for in the sentence
    /// where the quotation opens, not back over a sentence end ("Mr. Reyes, for that matter -
    /// are stalled. As Maria Lopez, …" read as one long apposition of Mr. Reyes's).
    @Test func aColonQuotesSpeakerIsInTheSentenceOfItsQuotation() throws {
        try AttributionStageTests.check(Construction(
            "The plans of the council - and Mr. Reyes, for that matter - are stalled. As ⟦speaker:Maria Lopez⟧, a spokeswoman for "
                + "the union, ⟦cue:noted⟧, ''⟦content:Everyone in the city is just waiting for the next offer.⟧''",
            .direct))
    }

    /// The windowed search finds what one search over the paragraph finds when every speaker is
    /// in its quotation's sentence: two quotes of one paragraph, each after its own colon.
    @Test func windowedStartsFindEveryQuoteOfTheParagraph() throws {
        let dir = try TemporaryRules(attribution: RuleExamplesTests.colonRule)
        let rules = try RuleSet.load(directory: dir.path)
        let text = #"Anna said: "We are ready." Then Bob said: "So are we." Carl nodded."#
        let article = Article(id: "t", format: .text, body: Array(text.utf8), provenance: Provenance(input: "test"))
        let document = try Pipeline(rules: rules, attributionModel: false).run(article, in: Workspace())
        #expect(document.quotes.map { document.slice($0.content) } == ["We are ready.", "So are we."])
        #expect(document.quotes.map { $0.speaker?.name } == ["Anna", "Bob"])
        // One sentence, three colons: the first two have no speaker before them, the third has;
        // each window begins where the last one ended.
        let one = #"the plan: "none", the date: "May", and Bob said: "Fine""#
        let onlyBob = try Pipeline(rules: rules, attributionModel: false)
            .run(Article(id: "u", format: .text, body: Array(one.utf8), provenance: Provenance(input: "test")), in: Workspace())
        #expect(onlyBob.quotes.map { onlyBob.slice($0.content) } == ["Fine"])
        #expect(onlyBob.quotes.map { $0.speaker?.name } == ["Bob"])
    }

    @Test func splitQuotationIsOneQuote() throws {
        let m = Marked(#""⟦a:We are ready⟧," he said. "⟦b:The talks start tomorrow.⟧""#)
        let document = try Fixtures.document("Maria Lopez spoke.\n" + m.text)
        let offset = "Maria Lopez spoke.\n\n".utf8.count
        let quote = try #require(document.quotes.first)
        #expect(document.quotes.count == 1)
        #expect(quote.parts == [m.spans["a"]!, m.spans["b"]!].map { ($0.lowerBound + offset)..<($0.upperBound + offset) })
        #expect(quote.kind == .direct)
    }

    @Test func pronounResolvesToTheLastNamedSpeaker() throws {
        let text = """
            Defence Minister Yasar Guler said Turkey would stay.
            "We have started training," Guler said.
            "It is not a normalisation," he told Reuters.
            """
        let quotes = try Fixtures.document(text).quotes
        try #require(quotes.count == 3)
        #expect(quotes.map { $0.speaker?.name } == ["Yasar Guler", "Yasar Guler", "Yasar Guler"])
        #expect(quotes.map { $0.speaker?.resolvedBy } == [.name, .surname, .pronoun])
        #expect(quotes[0].speaker?.title == "Defence Minister")
    }

    @Test func itIsNeverThePersonBefore() throws {
        let text = """
            The ministry said the border would open in May.
            Defence Minister Yasar Guler said troops would stay.
            It said the talks would resume in March.
            """
        let quotes = try Fixtures.document(text).quotes
        let it = try #require(quotes.first { $0.speaker?.mention == "It" })
        #expect(it.speaker?.name == "The ministry")
    }

    @Test func itWithNoOrganisationBeforeStaysUnresolved() throws {
        let text = """
            Maria Lopez and John Smith said the budget would pass.
            It said the talks would resume in March.
            """
        let quotes = try Fixtures.document(text).quotes
        let it = try #require(quotes.first { $0.speaker?.mention == "It" })
        #expect(it.speaker?.name == "It")
    }

    @Test func addingInheritsTheSpeaker() throws {
        let m = Marked("The priority is stability, he said, adding ⟦content:Ankara supports the new government⟧.")
        let quotes = try Fixtures.document("Yasar Guler spoke on Monday.\n" + m.text).quotes
        let adding = try #require(quotes.first { $0.cue?.lemma == "add" })
        #expect(adding.speaker?.mention == "he")
    }

    @Test func floatingQuoteTakesTheSpeakerOfThePreviousParagraph() throws {
        let text = """
            "We are ready," Maria Lopez said.
            "The talks start tomorrow and they will go on for a week."
            """
        let quotes = try Fixtures.document(text).quotes
        try #require(quotes.count == 2)
        #expect(quotes[1].rule == "direct.floating")
        #expect(quotes[1].speaker?.name == "Maria Lopez")
    }

    @Test func unbalancedMarksDoNotStopTheArticle() throws {
        let text = """
            "This sentence never closes, the mayor said.
            Maria Lopez said the budget would pass.
            """
        let quotes = try Fixtures.document(text).quotes
        #expect(quotes.contains { $0.speaker?.name == "Maria Lopez" })
    }

    @Test func theWritersFirstPersonIsNotTheLastSpeaker() throws {
        let text = """
            Maria Lopez said the budget would pass.
            We should also note that the figures are estimates.
            """
        let quotes = try Fixtures.document(text).quotes
        let we = try #require(quotes.first { $0.speaker?.mention == "We" })
        #expect(we.speaker?.name == "We")
    }

    @Test func aQuotedFirstPersonIsTheQuotedSpeaker() throws {
        let text = """
            “You have been in every game,” Boudreau said. “So believe in yourself.
            “I said the same thing when I took over Washington, because I knew they were a good team.”
            """
        let document = try Fixtures.document(text)
        // The second quotation is Boudreau's (its paragraph is only a quotation); no "I" inside
        // it may name anyone else, such as the writer.
        let later = try #require(document.quotes.first { document.slice($0.content).hasPrefix("I said the same thing") })
        #expect(later.speaker?.name == "Boudreau")
        for q in document.quotes where q.speaker?.mention == "I" {
            #expect(q.speaker?.name == "Boudreau")
        }
    }

    @Test func minConfidenceLeavesOutTheBroadRules() throws {
        let text = "Christie endorsed Trump on Friday. Maria Lopez said the budget would pass."
        let all = try Fixtures.document(text).quotes
        #expect(all.contains { $0.rule == "indirect.action-object" })
        let speech = try Fixtures.document(text, minQuoteConfidence: 0.6).quotes
        #expect(!speech.contains { $0.confidence < 0.6 })
        #expect(speech.contains { $0.speaker?.name == "Maria Lopez" })
    }

    @Test func aSourcelessRuleDoesNotInheritTheSpeakerBefore() throws {
        let text = """
            Maria Lopez said the budget would pass.
            Asked whether the budget was fair, most voters said no.
            """
        let quotes = try Fixtures.document(text).quotes
        let asked = try #require(quotes.first { $0.rule == "indirect.asked-question" })
        #expect(asked.speaker == nil)
        #expect(Fixtures.rules.attribution.first { $0.spec.id == "indirect.asked-question" }?.spec.sourceless == true)
    }

    @Test func aQuotationAfterTheWritersColonIsTheQuote() throws {
        let m = Marked(#"Mosman saw the words differently: "⟦content:When he says he will die a free man, I don't take that as a joke⟧," ⟦speaker:he⟧ ⟦cue:said⟧."#)
        let quotes = try Fixtures.document(m.text).quotes
        let quote = try #require(quotes.first { $0.cue?.range == m.spans["cue"] })
        #expect(quote.content == m.spans["content"])
        #expect(quote.kind == .direct)
    }

    @Test func plainNarrationHasNoQuotes() throws {
        let document = try Fixtures.document("The river rose overnight. Schools were closed on Tuesday.")
        #expect(document.quotes.isEmpty)
    }
}
