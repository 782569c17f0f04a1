import Testing
import Patterns
@testable import ClaimEx

@Suite struct PlainTextCleanerTests {
    let cleaner = PlainTextCleaner(rules: Fixtures.rules.plainText)
    let scratch = MatchScratch()

    @Test func headerBylineDatelineAndTrailerGoToMetadata() {
        let text = """
            Ministers agree on a budget deal
            Published by Example News
            Posted on June 4, 2025
            3 min read
            Ministers agreed a budget that restores funding for schools.
            By Ana Pérez and John Smith
            MADRID (Reuters) - Ministers agreed a budget on Tuesday that restores funding for schools.
            The deal ends months of talks between the coalition partners.
            (Reporting by Ana Pérez; Editing by John Smith)
            Ministers agreed a budget restoring funding for schools.
            Explore more articles in the Politics category
            """
        let clean = cleaner.clean(text, scratch: scratch)
        #expect(clean.paragraphs == [
            "Ministers agreed a budget on Tuesday that restores funding for schools.",
            "The deal ends months of talks between the coalition partners.",
        ])
        #expect(clean.metadata.title == "Ministers agree on a budget deal")
        #expect(clean.metadata.authors == ["Ana Pérez", "John Smith"])
        #expect(clean.metadata.dateline == Dateline(place: "MADRID", agency: "Reuters"))
        #expect(clean.metadata.published == "2025-06-04")
    }

    @Test(arguments: [("June 4, 2025", "2025-06-04"), ("4 June 2025", "2025-06-04"), ("Sept 30, 2024", "2024-09-30"),
                      ("2024-01-02", "2024-01-02")])
    func datesBecomeISO(_ written: String, _ iso: String) {
        #expect(PlainTextCleaner.isoDate(written) == iso)
    }

    /// White space folds to one space whatever its kind and length, line breaks of every kind
    /// end a line, a byte-order mark goes, and an empty line is dropped; a line of single
    /// spaces is taken whole.
    @Test(arguments: [
        ("one line of single spaces", ["one line of single spaces"]),
        ("\u{FEFF}mark first", ["mark first"]),
        ("  lead\tand\u{0}trail  ", ["lead and trail"]),
        ("a  b \t c", ["a b c"]),
        ("first\r\nsecond\rthird\u{0C}fourth\u{0B}fifth", ["first", "second", "third", "fourth", "fifth"]),
        ("\n\n  \t \nonly this\n \n", ["only this"]),
        ("Pérez said “yes” \t to 20 000 people", ["Pérez said “yes” to 20 000 people"]),
        ("x", ["x"]),
        ("", []),
    ])
    func linesFoldWhiteSpace(_ text: String, _ lines: [String]) {
        let folded = PlainTextCleaner.foldedLines(of: text)
        #expect(folded.ranges.map(folded.string) == lines)
    }

    /// The bytes of a text clean as the text does: valid UTF-8 folded straight from them, and
    /// anything else decoded first, each ill-formed sequence as U+FFFD.
    @Test(arguments: [
        Array("ANKARA (Reuters) - Turkey said.\n\nBy Jane Doe\n\n“We are ready,” he said.\n\nMore lines here.\n".utf8),
        Array("\u{FEFF}one\r\ntwo  three\n\nfour".utf8),
        [0x42, 0x61, 0x64, 0x20, 0xFF, 0x0A, 0x0A, 0x53, 0x65, 0x63, 0x20, 0xC3, 0x28, 0x0A, 0x0A, 0x45, 0x6E, 0x64, 0xE2, 0x80],
        [],
    ] as [[UInt8]])
    func bytesCleanAsTheirText(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(cleaner.clean(bytes: bytes, scratch: scratch) == cleaner.clean(text, scratch: scratch))
    }

    @Test func shortTextsAreOnlyNormalised() {
        let clean = cleaner.clean("  Hello   World.\r\nMy name is Jonas.  ", scratch: scratch)
        #expect(clean.paragraphs == ["Hello World.", "My name is Jonas."])
        #expect(clean.metadata == DocumentMetadata())
    }

    @Test func aTextWithoutANewsHeaderKeepsItsFirstLine() {
        let clean = cleaner.clean("features\ncontact manager\nevents, activities\n", scratch: scratch)
        #expect(clean.paragraphs == ["features", "contact manager", "events, activities"])
        #expect(clean.metadata.title == nil)
    }

    @Test func aLineAfterTheCreditThatSaysSomethingNewIsKept() {
        let text = """
            The council approved the plan.
            Work starts in May.
            (Reporting by Ana Pérez)
            Correction: an earlier version misspelt the mayor's surname.
            """
        let clean = cleaner.clean(text, scratch: scratch)
        #expect(clean.paragraphs.last == "Correction: an earlier version misspelt the mayor's surname.")
    }

    @Test func paragraphsSurviveIntoTheDocument() throws {
        let document = try Fixtures.document("First paragraph here.\nSecond one.\n\nThird one.", depth: .clean)
        #expect(document.text == "First paragraph here.\n\nSecond one.\n\nThird one.")
        #expect(document.paragraphs.map { document.slice($0) } == ["First paragraph here.", "Second one.", "Third one."])
    }
}
