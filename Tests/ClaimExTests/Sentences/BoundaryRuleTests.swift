import Foundation
import Testing

@testable import ClaimEx

/// Abbreviations, numbers, ellipses, addresses and lists. `|` marks where a sentence must end.
@Suite("Sentence splitter: boundary rules")
struct BoundaryRuleTests {
    @Test("abbreviations and titles", arguments: [
        "Mr. Smith met Dr. Jones and Gov. Newsom. |Sen. Warren and Rep. Ocasio-Cortez came too.",
        "Gen. Mark Milley, Lt. Col. Vindman and Capt. Marvel spoke.",
        "He lives on Main St. near the park. |St. Louis is far away.",
        "She moved to Main St. |The rent was lower.",
        "Acme Inc. reported a loss. |Its shares fell.",
        "Acme Corp. and Widget Ltd. merged with Pitt & Co. last year.",
        "The deal was signed by Acme Co. |It closed yesterday.",
        "John Smith Jr. said it was over.",
        "Apples, pears, etc. are fruit.",
        "He bought apples, pears, etc. |Then he left.",
        "Smith et al. found no effect.",
        "It was the Giants vs. the Tigers.",
        "Some fruit, e.g. apples, i.e. the red ones, are sweet.",
        "The shop in Phoenix, Ariz. closed. |Its owner moved to Calif. last year.",
    ])
    func abbreviations(_ marked: String) { check(marked) }

    @Test("initials, U.S. and a.m./p.m.", arguments: [
        "J. R. R. Tolkien wrote it. |George W. Bush read it.",
        "I work for the U.S. Government. |I live in the U.S. |How about you?",
        "The U.K. Panel met. |Then he left the U.K. |He went home.",
        "There were 500 cases in the U.S. |Millions attended.",
        "At 5 a.m. Mr. Smith left. |He returned at 6 p.m. |Mr. Smith then slept.",
        "The meeting starts at 9 a.m. and ends at 5 p.m. on Friday.",
        "They met at 5 p.m. Tuesday in the Oval Office. |It opened at 10 a.m. ET. |Stocks rose.",
        "Sen. Chuck Schumer, D-N.Y. |The bill failed. |The F.B.I. Director testified.",
        "\"We live in the U.S.\" |Critics disagreed.",
        "She has a Ph.D. in physics.",
        "We make a good team, you and I. |Did you see Albert I. Jones?",
    ])
    func initials(_ marked: String) { check(marked) }

    @Test("months and numbers", arguments: [
        "On Jan. 20, he took office. |On Sept. 11 it changed.",
        "It costs $1.5 billion, or 3.14 times more. |That is a lot.",
        "He is No. 5 on the list, see pp. 12-14 and Art. 3 of the treaty.",
        "She has $100.00. |It is in her bag.",
        "Version 2.0.1 ships today. |Download it now.",
        "The rate rose to 4.5%. |Markets fell.",
        "He scored 2. |The team lost 3-2.",
        "Today is 11.18.2014. |Tomorrow is not.",
    ])
    func numbers(_ marked: String) { check(marked) }

    @Test("ellipses", arguments: [
        "I never meant that.... |She left the store.",
        "He paused… then went on.",
        "He paused… |Then he left.",
        "I wasn't really ... well, you know.",
        "The words . . . were lost.",
        "It ended with a period . . . . |Next sentence.",
        "It was a compound. |. . . The practice was not abandoned. . . .",
        "\"Bohr [...] used the analogy [...]\" (Smith 55).",
    ])
    func ellipses(_ marked: String) { check(marked) }

    @Test("addresses", arguments: [
        "Her email is Jane.Doe@example.com. |I sent her an email.",
        "The site is https://www.example.com/a/b.html. |Check it out.",
        "Visit www.testurl.Awesome.com for details.",
        "Amazon.com Inc. and Amazon.Com Inc. are one company.",
        "Hello world.|Today is Tuesday.|Mr. Smith went home.",
    ])
    func addresses(_ marked: String) { check(marked) }

    @Test("lists", arguments: [
        "1. The first item |2. The second item",
        "1.) The first item. |2.) The second item.",
        "a) here it is |b) another |c) one more",
        "(i) Hello world. |(ii) Hello world.",
        "• 9. Stop smoking |• 10. Get some rest",
        "He won 1. |Then he won 2. |Then nothing.",
        "As payment for 1. above, pay us and for 2. above, nothing.",
    ])
    func lists(_ marked: String) { check(marked) }

    @Test("other punctuation", arguments: [
        "Hello!! |Long time no see.",
        "Hello?! |Is that you?",
        "She works at Yahoo! in the accounting department.",
        "Leave me alone!, he yelled.",
        "Mix it, and -- voila! -- you have cake.",
        "What do you see? |- Posted like sentinels, they stood.",
        "It was martyr.[1] |The emperor agreed.",
        "It grew in (type 2).10 |This model is simple.",
        "Test strange period．|Does it segment correctly．",
        "これは日本語です。|次の文です。",
    ])
    func otherPunctuation(_ marked: String) { check(marked) }

    @Test("sentences never include surrounding whitespace and never leave their paragraph")
    func rangesAreTrimmed() {
        let text = "  First one.   Second one.  \n\n\t Third\u{00A0}one.\u{00A0}\n"
        let bytes = Array(text.utf8)
        let sentences = SentenceTestSupport.split(text)
        let paragraphs = SentenceTestSupport.lineParagraphs(bytes)
        #expect(sentences.count == 3)
        for s in sentences {
            let slice = String(decoding: bytes[s.range], as: UTF8.self)
            #expect(slice == slice.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(paragraphs[s.paragraph].contains(s.range.lowerBound))
            #expect(paragraphs[s.paragraph].upperBound >= s.range.upperBound)
        }
        #expect(sentences.map(\.paragraph) == [0, 0, 1])
    }

    @Test("empty text and whitespace-only paragraphs give no sentences")
    func emptyInput() {
        #expect(SentenceTestSupport.sentences("").isEmpty)
        #expect(SentenceTestSupport.sentences("\n  \n\t\n").isEmpty)
    }

    private func check(_ marked: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (text, expected) = SentenceTestSupport.unmark(marked)
        #expect(SentenceTestSupport.sentences(text) == expected, sourceLocation: sourceLocation)
    }
}
