import Testing

@testable import ClaimEx

/// Quotation punctuation as news writes it. `|` marks where a sentence must end.
@Suite("Sentence splitter: news quotations")
struct NewsQuotationTests {
    @Test(arguments: [
        // The attribution ends the sentence; the next quotation starts a new one.
        #""We will not give up," she said. |"Next year will be better.""#,
        #"“We will not give up,” she said. |“Next year will be better.”"#,
        // Sentence punctuation inside the closing mark stays in the sentence.
        #"He said: "It is over." |The crowd left."#,
        #"He said: “It is over.” |The crowd left."#,
        #"She asked: “Is it over?” |Nobody answered."#,
        #"He shouted: ‘Stop!’ |They stopped."#,
        #"She wrote: 'It is over.' |Then she left."#,
        #"Il a dit : « C'est fini. » |Puis il est parti."#,
        #"''We're part of it,'' he said. |''It is ours.''"#,
        #"``It is over,'' he said. |Then he left."#,
        // A question or exclamation followed by a lowercase word goes on.
        #""Why now?" he asked."#,
        #"“Why now?” he asked, turning away."#,
        #""Enough!" she shouted at the crowd."#,
        // A quotation closed in the paragraph is one unit, even with several sentences inside.
        #""We will win. We always win," Trump said."#,
        #"“This is not the end. It is the beginning,” said Sen. Elizabeth Warren, D-Mass."#,
        // The attribution after a name stays with its quotation.
        #""Is this the end?" Smith asked. |He did not wait for an answer."#,
        #"“What now?” Defense Minister Yasar Guler asked reporters."#,
        // A pronoun after the closing mark starts a new sentence.
        #""Who is this?" |She said it to the Knave."#,
        // Apostrophes are not quotation marks.
        #"Guler's aides don't comment on the '90s. |They never have."#,
        #"It's the players' union, he said. |'Rock 'n' roll' was the theme."#,
        #"Mr. O'Neill said the '90s were 'tough'. |Others disagreed."#,
        // Speech broken off by a dash.
        #""I was going to--" |At this moment the door opened."#,
        #""I was going to—" he began."#,
        // Parenthetical sentences.
        #"The vote failed. |(The bill returns next week.) |Lawmakers left."#,
        #"He left (he was tired.) and went home."#,
    ])
    func quotation(_ marked: String) {
        let (text, expected) = SentenceTestSupport.unmark(marked)
        #expect(SentenceTestSupport.sentences(text) == expected)
    }

    @Test("a closing quotation mark never becomes a sentence of its own", arguments: [
        "He said \"yes.\" \"No,\" she said.",
        "“Done.” ” Stray closing mark.",
        "'Yes.' ' Then nothing.",
        "It ended.\" Then another.",
    ])
    func closingMarkNeverAlone(_ text: String) {
        for sentence in SentenceTestSupport.sentences(text) {
            #expect(sentence.contains { $0.isLetter }, "sentence \(sentence.debugDescription) has no words")
        }
    }
}
