/// The line format shared by every sentence lexicon file.
///
/// One entry a line; `#` starts a comment (at the start of a line, or after whitespace);
/// blank lines are ignored. Files that allow it take a second column naming an
/// `AbbreviationClass`. Errors carry the line so the editor of the file can find it.
enum LexiconFile {
    struct Entry {
        var key: LexiconKey
        var abbreviationClass: AbbreviationClass
        var line: Int
    }

    static func parse(_ text: String, kind: LexiconFileKind, path: String) throws(RuleError) -> [Entry] {
        var entries: [Entry] = []
        var seen: [LexiconKey: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = commentStart(line) { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            let written = String(fields[0])
            var cls = AbbreviationClass.general
            if fields.count > 1 {
                guard kind.allowsClass, fields.count == 2 else {
                    throw RuleError(
                        .syntax, file: path, line: lineNumber,
                        message: kind.allowsClass
                            ? "expected an entry and at most one class (time or continues), found \(fields.count) fields"
                            : "expected one entry a line, found \(fields.count) fields (a space inside an entry is not allowed)")
                }
                switch fields[1] {
                case "general": cls = .general
                case "time": cls = .time
                case "continues": cls = .continues
                default:
                    throw RuleError(
                        .syntax, file: path, line: lineNumber,
                        message: "unknown class '\(fields[1])'; expected general, time or continues")
                }
            }
            let bytes: [UInt8]
            switch kind.normalize(written) {
            case .success(let b): bytes = b
            case .failure(let problem):
                throw RuleError(.syntax, file: path, line: lineNumber, message: problem.message)
            }
            guard let key = LexiconKey(bytes) else {
                throw RuleError(.syntax, file: path, line: lineNumber, message: "'\(written)' cannot be used as an entry")
            }
            if let first = seen[key] {
                throw RuleError(
                    .duplicate, file: path, line: lineNumber,
                    message: "'\(written)' is already listed at line \(first) (entries ignore letter case)")
            }
            seen[key] = lineNumber
            entries.append(Entry(key: key, abbreviationClass: cls, line: lineNumber))
        }
        return entries
    }

    private static func commentStart(_ line: Substring) -> Substring.Index? {
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if c == "#" && (previous == " " || previous == "\t") { return index }
            previous = c
            index = line.index(after: index)
        }
        return nil
    }
}
