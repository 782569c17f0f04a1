import Foundation

/// The word lists behind every sentence-boundary decision, loaded from plain-text files.
///
/// Abbreviations, titles and sentence starters differ between newsrooms and languages, so
/// they live in `rules/sentences/*.txt` where a linguist edits them without recompiling; the
/// splitter only knows the behaviours (see `LexiconFileKind`). Entries are stored as
/// `LexiconKey`s so that looking a word up costs no allocation.
public struct SentenceLexicon: Sendable {
    var titles: Set<LexiconKey> = []
    var abbreviations: [LexiconKey: AbbreviationClass] = [:]
    var months: Set<LexiconKey> = []
    var numberAbbreviations: Set<LexiconKey> = []
    var multiPeriod: [LexiconKey: AbbreviationClass] = [:]
    var starters: Set<LexiconKey> = []
    var introductoryWords: Set<LexiconKey> = []
    var elisions: Set<LexiconKey> = []
    var exclamationNames: Set<LexiconKey> = []
    var domains: Set<LexiconKey> = []
    var bullets: Set<LexiconKey> = []
    var speechVerbs: Set<LexiconKey> = []
    var timeFollowers: Set<LexiconKey> = []

    /// An empty lexicon: every period after a word followed by a capital ends a sentence.
    init() {}

    /// Loads every lexicon file in a directory (the bundled `rules/sentences`, or a user's
    /// `--rules DIR/sentences`).
    ///
    /// A missing file counts as an empty list, so a user directory may hold only the files it
    /// changes; but a directory with none of the known files is almost surely the wrong path,
    /// and a `.txt` file with an unknown name is almost surely a misspelt one — both stop
    /// start-up rather than silently splitting worse.
    public static func load(directory: String) throws(RuleError) -> SentenceLexicon {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw RuleError(.unreadable, file: directory, message: "sentence lexicon directory does not exist")
        }
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: directory)
        } catch {
            throw RuleError(.unreadable, file: directory, message: "cannot list the directory: \(error)")
        }
        let known = Set(LexiconFileKind.allCases.map(\.rawValue))
        for name in names.sorted() where name.hasSuffix(".txt") && !known.contains(name) {
            let list = LexiconFileKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw RuleError(
                .syntax, file: directory + "/" + name,
                message: "unknown sentence lexicon file; the known files are \(list)")
        }
        var lexicon = SentenceLexicon()
        var found = 0
        for kind in LexiconFileKind.allCases where names.contains(kind.rawValue) {
            let path = directory + "/" + kind.rawValue
            guard let data = fm.contents(atPath: path) else {
                throw RuleError(.unreadable, file: path, message: "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleError(.unreadable, file: path, message: "the file is not valid UTF-8")
            }
            try lexicon.add(try LexiconFile.parse(text, kind: kind, path: path), kind: kind)
            found += 1
        }
        if found == 0 {
            throw RuleError(
                .unreadable, file: directory,
                message: "no sentence lexicon files here (expected e.g. abbreviations.txt, titles.txt)")
        }
        return lexicon
    }

    /// Builds a lexicon from file texts keyed by file name; tests use it to try one rule in
    /// isolation without touching the file system.
    static func parse(files: [LexiconFileKind: String]) throws(RuleError) -> SentenceLexicon {
        var lexicon = SentenceLexicon()
        for kind in LexiconFileKind.allCases {
            guard let text = files[kind] else { continue }
            try lexicon.add(try LexiconFile.parse(text, kind: kind, path: kind.rawValue), kind: kind)
        }
        return lexicon
    }

    private mutating func add(_ entries: [LexiconFile.Entry], kind: LexiconFileKind) throws(RuleError) {
        for entry in entries {
            switch kind {
            case .abbreviations: abbreviations[entry.key] = entry.abbreviationClass
            case .multiPeriodAbbreviations: multiPeriod[entry.key] = entry.abbreviationClass
            case .titles: titles.insert(entry.key)
            case .months: months.insert(entry.key)
            case .numberAbbreviations: numberAbbreviations.insert(entry.key)
            case .sentenceStarters: starters.insert(entry.key)
            case .introductoryWords: introductoryWords.insert(entry.key)
            case .elisions: elisions.insert(entry.key)
            case .exclamationNames: exclamationNames.insert(entry.key)
            case .domains: domains.insert(entry.key)
            case .bullets: bullets.insert(entry.key)
            case .speechVerbs: speechVerbs.insert(entry.key)
            case .timeFollowers: timeFollowers.insert(entry.key)
            }
        }
    }
}
