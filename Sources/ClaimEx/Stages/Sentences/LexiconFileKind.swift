/// The lexicon files of `rules/sentences`, and how each file's entries are read.
///
/// One file per behaviour keeps the rule for a linguist simple: to change how a word acts at
/// a sentence boundary, move it to the file that describes that behaviour.
enum LexiconFileKind: String, CaseIterable, Sendable {
    case abbreviations = "abbreviations.txt"
    case titles = "titles.txt"
    case months = "months.txt"
    case numberAbbreviations = "number_abbreviations.txt"
    case multiPeriodAbbreviations = "multi_period_abbreviations.txt"
    case sentenceStarters = "sentence_starters.txt"
    case introductoryWords = "introductory_words.txt"
    case elisions = "elisions.txt"
    case exclamationNames = "exclamation_names.txt"
    case domains = "domains.txt"
    case bullets = "bullets.txt"
    case speechVerbs = "speech_verbs.txt"
    case timeFollowers = "time_followers.txt"

    /// Whether a line may carry a second column with an `AbbreviationClass` name.
    var allowsClass: Bool {
        self == .abbreviations || self == .multiPeriodAbbreviations
    }

    /// Turns the written entry into the bytes the splitter compares, or explains why the
    /// entry cannot be used.
    func normalize(_ entry: String) -> Result<[UInt8], LexiconEntryProblem> {
        var bytes = Array(entry.utf8)
        switch self {
        case .abbreviations, .titles, .months, .numberAbbreviations:
            if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
            if bytes.contains(UInt8(ascii: ".")) {
                return .failure(.init("'\(entry)' has an inner period; list it in multi_period_abbreviations.txt"))
            }
        case .multiPeriodAbbreviations:
            if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
            if !bytes.contains(UInt8(ascii: ".")) {
                return .failure(.init("'\(entry)' has no inner period; list it in abbreviations.txt"))
            }
        case .elisions:
            if bytes.first == UInt8(ascii: "'") {
                bytes.removeFirst()
            } else if bytes.starts(with: [0xE2, 0x80, 0x99]) || bytes.starts(with: [0xE2, 0x80, 0x98]) {
                bytes.removeFirst(3)
            }
        case .exclamationNames:
            if bytes.last == UInt8(ascii: "!") { bytes.removeLast() }
        case .domains:
            if bytes.first == UInt8(ascii: ".") { bytes.removeFirst() }
        case .sentenceStarters, .introductoryWords, .speechVerbs, .timeFollowers, .bullets:
            break
        }
        if bytes.isEmpty { return .failure(.init("'\(entry)' is empty once its punctuation is removed")) }
        if bytes.count > LexiconKey.capacity {
            return .failure(.init("'\(entry)' is longer than \(LexiconKey.capacity) bytes"))
        }
        if self == .bullets {
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return .failure(.init("'\(entry)': a bullet must be a non-ASCII mark such as •"))
            }
        } else if bytes.contains(where: { $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") }) {
            return .failure(.init("'\(entry)' contains sentence punctuation"))
        }
        return .success(bytes)
    }
}

/// Why one lexicon line was rejected; becomes a `RuleError` with the file and line.
struct LexiconEntryProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
