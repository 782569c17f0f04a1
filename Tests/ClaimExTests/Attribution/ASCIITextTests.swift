import Testing
@testable import ClaimEx

/// The byte forms must give what the `String` operations give, or nothing.
@Suite struct ASCIITextTests {
    static let samples = ["", " ", "Maria Lopez", "  Maria  Lopez ", "said", "According \t to", "\tthe senator\n",
                          "told\r\nreporters", "a\u{0B}b\u{0C}c", "X 's", "O'Brien's", "'s", "'", "it's ", "line\r", "MIXED Case WORDS"]

    @Test(arguments: samples)
    func byteFormsEqualStringForms(_ text: String) {
        #expect(ASCIIText.joinedWords(of: text) == text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "))
        if let trimmed = ASCIIText.trimmed(text) { #expect(trimmed == text.trimmingWhitespace()) }
        #expect(ASCIIText.lowercased(text) == text.lowercased())
        if let words = ASCIIText.spaceSeparatedWords(text) {
            let all = text.split(separator: " ")
            #expect(words.count == min(all.count, 2))
            #expect(words.last == all.last.map(String.init))
        }
    }

    /// Lower-casing also keeps the bytes of the no-break space and of the curly marks and
    /// dashes of U+2013–U+201D, which lower-case to themselves; any other letter that is not
    /// ASCII is left to `String`.
    @Test(arguments: ["O’Malley", "Trump’s campaign", "Cruz constituent\u{A0}Dan Golvach", "“Quoted” – Said — ‘X’",
                      "\u{A0}", "’", "mañana", "ÉLYSÉE", "Müller’s", "İstanbul", "ΣΟΦΙΑ’Σ", "x\u{2012}y", "x\u{201E}y"])
    func lowerCasingKeepsMarksOrLeavesTheRest(_ text: String) {
        if let lower = ASCIIText.lowercased(text) { #expect(lower == text.lowercased()) }
        let marksOnly = text.unicodeScalars.allSatisfy { $0.isASCII || $0 == "\u{A0}" || (0x2013...0x201D).contains($0.value) }
        #expect((ASCIIText.lowercased(text) != nil) == marksOnly)
    }

    /// A carriage return joins a following line feed into one character, and anything not
    /// ASCII may lower-case or compare differently: those take the `String` path.
    @Test func otherTextIsLeftToStrings() {
        #expect(ASCIIText.joinedWords(of: "Élysée said") == nil)
        #expect(ASCIIText.trimmed("a\r\n") == nil)
        #expect(ASCIIText.trimmed("Müller ") == nil)
        #expect(ASCIIText.spaceSeparatedWords("Jean Müller") == nil)
    }

    /// The resolver's byte path splits titles, possessors and surnames as its string path did.
    @Test func speakersResolveAsBefore() {
        let lexicon = Fixtures.rules.speakers
        #expect(lexicon.asciiTitlesByFirstBytes != nil)
        var resolver = SpeakerResolver(lexicon: lexicon)
        let full = resolver.resolve(mention: " Defence Minister  Yasar Guler's", range: 0..<10, apposition: nil)
        #expect(full.name == "Yasar Guler")
        #expect(full.title == "Defence Minister")
        #expect(full.mention == "Defence Minister  Yasar Guler's")
        let surname = resolver.resolve(mention: "Guler", range: 20..<25, apposition: nil)
        #expect(surname.name == "Yasar Guler")
        #expect(surname.resolvedBy == .surname)
        #expect(resolver.resolve(mention: "the ministry", range: 30..<42, apposition: nil).resolvedBy == .role)
        #expect(lexicon.lemma(of: "According\n to") == "according to")
        // Not ASCII: titles are compared by their bytes first, then as strings.
        #expect(lexicon.titlesMatchBytewise)
        let accented = resolver.resolve(mention: "Defence Minister Yaşar Güler", range: 50..<80, apposition: nil)
        #expect(accented.name == "Yaşar Güler")
        #expect(accented.title == "Defence Minister")
        // A combining mark on the space after a title makes the bytes match but not the characters.
        let marked = resolver.resolve(mention: "Defence Minister \u{301}Güler", range: 90..<110, apposition: nil)
        #expect(marked.title == nil)
        #expect(marked.name == "Defence Minister \u{301}Güler")
    }
}
