/// What the learned attribution model knows of a word from the lexicons the rules use:
/// the cue class of `rules/lexicons/cues.tsv`, and whether it is a pronoun, a determiner or a
/// role noun. Keyed by the token's normalised hash, so a token is looked up without a string.
///
/// The lexicons feed the model's features: a form added to cues.tsv is read like the other
/// cues of its class at once, and a retrained model learns from it.
struct TokenLexicon: Sendable {
    enum WordClass: UInt8, Sendable {
        case pronoun, determiner, role, capitalised, initialCapital, number, adverb, other, punctuation

        /// The one-letter value of the class in feature names.
        var letter: String {
            switch self {
            case .pronoun: "P"
            case .determiner: "D"
            case .role: "R"
            case .capitalised: "C"
            case .initialCapital: "I"
            case .number: "N"
            case .adverb: "Y"
            case .other: "L"
            case .punctuation: "X"
            }
        }

        /// Whether a speaker may consist of such words alone ("he", "the ministry",
        /// "Guler", "52 percent"): a source span must hold at least one.
        var canHeadSpeaker: Bool {
            switch self {
            case .pronoun, .determiner, .role, .capitalised, .initialCapital, .number: true
            default: false
            }
        }
    }

    /// Cue classes of cues.tsv's third column, by the hash of each entry's first word.
    private let cueClass: [UInt64: String]
    private let pronouns: Set<UInt64>
    private let roles: Set<UInt64>
    private let determiners: Set<UInt64>
    /// The hashes of the cue classes' names (feature values), and of "-" for no class.
    let classValue: [String: UInt64]
    static let noClass = "-"

    init(cueEntries: [(form: String, cueClass: String)], pronouns: [String], roles: [String]) {
        var classes: [UInt64: String] = [:]
        for (form, cls) in cueEntries {
            guard let first = form.lowercased().split(separator: " ").first else { continue }
            let key = FeatureHash.fnv(first.utf8)
            if classes[key] == nil { classes[key] = cls }
        }
        cueClass = classes
        self.pronouns = Set((pronouns + ["who", "which"]).map { FeatureHash.fnv($0.lowercased().utf8) })
        self.roles = Set(roles.flatMap { r in [r, r + "s"] }.map { FeatureHash.fnv($0.lowercased().utf8) })
        determiners = Set(TokenLexicon.determinerWords.map { FeatureHash.fnv($0.utf8) })
        var values = [TokenLexicon.noClass: FeatureKey.value(TokenLexicon.noClass)]
        for cls in Set(classes.values) { values[cls] = FeatureKey.value(cls) }
        classValue = values
    }

    /// Reads the three lexicons from a rules directory's `lexicons/`.
    static func load(directory: String) throws(RuleError) -> TokenLexicon {
        let cues = try WordList.load(directory + "/cues.tsv").entries.compactMap { e -> (String, String)? in
            guard let form = e.columns.first else { return nil }
            return (form, e.columns.count >= 3 ? e.columns[2] : "speech")
        }
        let pronouns = try WordList.load(directory + "/pronouns.tsv").entries.compactMap(\.columns.first)
        let roles = try WordList.load(directory + "/roles.txt").entries.compactMap(\.columns.first)
        return TokenLexicon(cueEntries: cues.map { (form: $0.0, cueClass: $0.1) }, pronouns: pronouns, roles: roles)
    }

    static let determinerWords = ["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "some", "many",
                                  "several", "most", "one", "two", "three", "four", "five", "both", "all", "these",
                                  "those", "this", "that", "other", "another", "each", "every", "no", "more", "few"]

    /// The cue class of a token ("speech", …, or "-").
    func cueClass(of token: WordToken) -> String {
        token.isWord ? cueClass[token.norm] ?? TokenLexicon.noClass : TokenLexicon.noClass
    }

    /// The word class of the token at `index` of its sentence (an initial capital is not a
    /// name's evidence the way a capital inside the sentence is).
    func wordClass(of token: WordToken, at index: Int, in buf: UnsafeBufferPointer<UInt8>) -> WordClass {
        switch token.shape {
        case .punctuation: return .punctuation
        case .digit: return .number
        default: break
        }
        if pronouns.contains(token.norm) { return .pronoun }
        if determiners.contains(token.norm) { return .determiner }
        if roles.contains(token.norm) { return .role }
        if token.shape == .capitalised || token.shape == .allCaps { return index == 0 ? .initialCapital : .capitalised }
        let r = token.range
        if r.count > 3, buf[r.upperBound - 2] == UInt8(ascii: "l"), buf[r.upperBound - 1] == UInt8(ascii: "y") { return .adverb }
        return .other
    }
}
