import Foundation
import Testing

@testable import ClaimEx

/// Shared helpers for the sentence splitter tests: the bundled lexicon, paragraphs made the
/// way the plain-text pipeline makes them, and boundary markers instead of offsets.
enum SentenceTestSupport {
    /// `rules/sentences` of this package, found by walking up from this file to the package
    /// root (the directory holding Package.swift).
    static let rulesDirectory: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.appendingPathComponent("rules/sentences").path
            }
            url = url.deletingLastPathComponent()
        }
        return "rules/sentences"
    }()

    static let lexicon: SentenceLexicon = {
        do {
            return try SentenceLexicon.load(directory: rulesDirectory)
        } catch {
            Issue.record("cannot load \(rulesDirectory): \(error)")
            return SentenceLexicon()
        }
    }()

    static let splitter = SentenceSplitter(lexicon: lexicon)

    /// Every non-empty line is a paragraph (blank lines separate too).
    static func lineParagraphs(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if i > start { out.append(start..<i) }
            start = i + 1
        }
        if start < bytes.count { out.append(start..<bytes.count) }
        return out
    }

    static func split(_ text: String) -> [Sentence] {
        let bytes = Array(text.utf8)
        let paragraphs = lineParagraphs(bytes)
        return bytes.withUnsafeBufferPointer { splitter.split($0, paragraphs: paragraphs) }
    }

    /// The sentences of `text` as strings.
    static func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return split(text).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    /// A test text with `|` where sentences must end: returns the text without the marks and
    /// the expected sentences (each trimmed of surrounding whitespace).
    static func unmark(_ marked: String) -> (text: String, sentences: [String]) {
        let parts = marked.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let text = parts.joined()
        let expected = parts.flatMap { part in
            // A part may span several lines (paragraphs): each line ends a sentence too.
            part.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return (text, expected)
    }
}

/// One case of the pySBD-derived fixtures.
struct SBDCase: Sendable, Decodable, CustomTestStringConvertible {
    var id: String
    var name: String?
    var text: String
    var sentences: [String]

    var testDescription: String { "\(id) \(name ?? "")" }

    static func load(_ name: String) throws -> [SBDCase] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures/sbd")
        else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/sbd/\(name).jsonl"])
        }
        let data = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try data.split(separator: "\n").map { try decoder.decode(SBDCase.self, from: Data($0.utf8)) }
    }

    /// Extra cases whose gold claimex does not aim for, with the reason.
    static let outOfScope: [String: String] = {
        let changesText = "gold expects pySBD's cleaning mode, which changes the text; claimex never changes text"
        let crossesLine = "gold joins lines across a newline; claimex paragraphs end at newlines"
        var out: [String: String] = [:]
        for id in ["en_clean_009", "en_clean_022", "en_clean_041", "en_clean_045", "en_clean_049", "en_clean_064",
                   "en_clean_072", "en_clean_076", "en_clean_079"] { out[id] = changesText }
        for id in ["en_clean_006", "en_clean_023", "en_clean_025", "en_clean_028", "en_clean_029", "en_clean_031",
                   "en_clean_032", "en_clean_033", "en_clean_070", "pdf_01", "pdf_02", "pdf_03", "pdf_04"] {
            out[id] = crossesLine
        }
        out["en_clean_116"] = "gold splits `\"…soup!\" Alice said to herself`; claimex keeps a quotation with its attribution"
        out["issue53_1"] = "gold keeps `information.As` glued (pySBD without cleaning) but en_clean_008 splits `world.Today`; claimex splits glued sentences"
        out["issue83_1"] = "gold cuts the two-dot ellipsis `..` in half (a pySBD quirk)"
        out["issue83_3"] = "gold cuts the four-dot ellipsis `....` into `.` and `...` (pySBD itself fails it)"
        return out
    }()

    /// Whitespace-normalised sentences, as the project's scorer compares them.
    static func normalise(_ sentences: [String]) -> [String] {
        sentences.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
    }
}
