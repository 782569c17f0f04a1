/// The word lists the HTML cleaner uses, as a maintainer edits them in `rules/cleanup/`:
/// `html-classes.txt` (class/id words) and `html-phrases.txt` (furniture phrases).
/// The built-in copy is identical to the shipped files (a test checks it).
struct HTMLCleanupRules: Sendable, Equatable {
    var classWords: HTMLClassWords
    var phrases: HTMLPhrases
    /// Class/id fragments whose elements are cut out before text is formed.
    var skipClassWords: [String]

    static let builtIn = HTMLCleanupRules(
        classWords: .builtIn, phrases: .builtIn, skipClassWords: HTMLCleaner.builtInSkipClassWords)

    static let classesFile = "html-classes.txt"
    static let phrasesFile = "html-phrases.txt"

    /// Reads both files from `directory` (the `cleanup` folder of a rules directory).
    static func load(directory: String) throws(RuleError) -> HTMLCleanupRules {
        let classes = try WordList.load(directory + "/" + classesFile)
        let phraseList = try WordList.load(directory + "/" + phrasesFile)
        var boilerplate: [String] = []
        var tokens: [String] = []
        var content: [String] = []
        var skip: [String] = []
        for entry in classes.entries {
            let (kind, word) = try pair(entry, in: classes.path)
            switch kind {
            case "boilerplate": boilerplate.append(word)
            case "token": tokens.append(word)
            case "content": content.append(word)
            case "skip": skip.append(word)
            default:
                throw RuleError(
                    .syntax, file: classes.path, line: entry.line,
                    message: "unknown kind '\(kind)'; use boilerplate, token, content or skip")
            }
        }
        var exact: [String] = []
        var prefixes: [String] = []
        for entry in phraseList.entries {
            let (kind, text) = try pair(entry, in: phraseList.path)
            switch kind {
            case "exact": exact.append(text)
            case "prefix": prefixes.append(text)
            default:
                throw RuleError(
                    .syntax, file: phraseList.path, line: entry.line,
                    message: "unknown kind '\(kind)'; use exact or prefix")
            }
        }
        return HTMLCleanupRules(
            classWords: HTMLClassWords(boilerplate: boilerplate, tokens: tokens, content: content),
            phrases: HTMLPhrases(exact: exact, prefixes: prefixes), skipClassWords: skip)
    }

    private static func pair(_ entry: WordList.Entry, in path: String) throws(RuleError) -> (String, String) {
        guard entry.columns.count == 2, !entry.columns[1].isEmpty else {
            throw RuleError(
                .syntax, file: path, line: entry.line,
                message: "expected two tab-separated columns: KIND <TAB> TEXT")
        }
        return (entry.columns[0].lowercased(), entry.columns[1])
    }
}
