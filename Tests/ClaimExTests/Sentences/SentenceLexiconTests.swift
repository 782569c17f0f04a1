import Foundation
import Testing

@testable import ClaimEx

/// Loading `rules/sentences`: the bundled files load, and every kind of mistake in a lexicon
/// file stops with the file and line.
@Suite("Sentence lexicon files")
struct SentenceLexiconTests {
    @Test("the bundled lexicon loads and knows its classes")
    func bundledLexicon() throws {
        let lexicon = try SentenceLexicon.load(directory: SentenceTestSupport.rulesDirectory)
        #expect(lexicon.titles.contains(key("Mr")))
        #expect(lexicon.titles.contains(key("sen")))
        #expect(lexicon.abbreviations[key("INC")] == .general)
        #expect(lexicon.multiPeriod[key("a.m")] == .time)
        #expect(lexicon.multiPeriod[key("e.g")] == .continues)
        #expect(lexicon.months.contains(key("sept")))
        #expect(lexicon.numberAbbreviations.contains(key("no")))
        #expect(lexicon.starters.contains(key("however")))
        #expect(lexicon.elisions.contains(key("tis")))
        #expect(lexicon.exclamationNames.contains(key("yahoo")))
        #expect(!lexicon.bullets.isEmpty)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var file: String
        var content: String
        var code: RuleError.Code
        var line: Int?
        var testDescription: String { "\(file): \(content.debugDescription)" }
    }

    @Test(arguments: [
        BadFile(file: "titles.txt", content: "# titles\nMr\nDr\nmr.\n", code: .duplicate, line: 4),
        BadFile(file: "titles.txt", content: "Mr\nVice President\n", code: .syntax, line: 2),
        BadFile(file: "abbreviations.txt", content: "Inc\nU.S.\n", code: .syntax, line: 2),
        BadFile(file: "abbreviations.txt", content: "Inc sometimes\n", code: .syntax, line: 1),
        BadFile(file: "multi_period_abbreviations.txt", content: "a.m. time\nInc\n", code: .syntax, line: 2),
        BadFile(file: "sentence_starters.txt", content: "The\n\(String(repeating: "x", count: 40))\n", code: .syntax, line: 2),
        BadFile(file: "bullets.txt", content: "•\n*\n", code: .syntax, line: 2),
        BadFile(file: "titels.txt", content: "Mr\n", code: .syntax, line: nil),
    ])
    func badFile(_ bad: BadFile) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Mr\n".write(toFile: dir + "/titles.txt", atomically: true, encoding: .utf8)
        try bad.content.write(toFile: dir + "/" + bad.file, atomically: true, encoding: .utf8)
        let error = #expect(throws: RuleError.self) { try SentenceLexicon.load(directory: dir) }
        #expect(error?.code == bad.code)
        #expect(error?.line == bad.line)
        #expect(error?.file == dir + "/" + bad.file)
    }

    @Test("a directory that does not exist or holds no lexicon file is refused")
    func wrongDirectory() throws {
        #expect(throws: RuleError.self) { try SentenceLexicon.load(directory: "/nonexistent/rules/sentences") }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = #expect(throws: RuleError.self) { try SentenceLexicon.load(directory: dir) }
        #expect(error?.code == .unreadable)
    }

    @Test("a user directory may hold only the files it changes")
    func partialDirectory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "# just one\nWidg.\n".write(toFile: dir + "/abbreviations.txt", atomically: true, encoding: .utf8)
        let lexicon = try SentenceLexicon.load(directory: dir)
        #expect(lexicon.abbreviations[key("widg")] == .general)
        #expect(lexicon.titles.isEmpty)
    }

    @Test("lexicon entries change boundaries: a new title keeps the name with it")
    func lexiconDrivesSplitting() throws {
        let text = "He met Insp. Clouseau. |He left."
        let plain = try SentenceLexicon.parse(files: [.sentenceStarters: "He\n"])
        let withTitle = try SentenceLexicon.parse(files: [.sentenceStarters: "He\n", .titles: "Insp.\n"])
        let (input, expected) = SentenceTestSupport.unmark(text)
        #expect(sentences(input, plain).count == 3)
        #expect(sentences(input, withTitle) == expected)
    }

    private func sentences(_ text: String, _ lexicon: SentenceLexicon) -> [String] {
        let bytes = Array(text.utf8)
        let paragraphs = SentenceTestSupport.lineParagraphs(bytes)
        let splitter = SentenceSplitter(lexicon: lexicon)
        return bytes.withUnsafeBufferPointer { splitter.split($0, paragraphs: paragraphs) }.map {
            String(decoding: bytes[$0.range], as: UTF8.self)
        }
    }

    private func key(_ s: String) -> LexiconKey { LexiconKey(Array(s.utf8))! }

    private func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "claimex-sbd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
