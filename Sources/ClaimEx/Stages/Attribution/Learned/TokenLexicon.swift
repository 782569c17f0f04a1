/// What the learned attribution model knows of a word from the lexicons the rules use:
/// the cue class of `rules/lexicons/cues.tsv`, and whether it is a pronoun, a determiner or a
/// role noun. Keyed by the token's normalised hash, so a token is looked up without a string.
///
/// The lexicons feed the model's features: a form added to cues.tsv is read like the other
/// cues of its class at once, and a retrained model learns from it.
struct TokenLexicon: Sendable {
    enum WordClass: UInt8, Sendable {
        case pronoun, determiner, role, capitalised, initialCapital, number, adverb, other, punctuation, function, quantifier, verbLike, auxiliary

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
            case .function: "F"
            case .quantifier: "Q"
            case .verbLike: "V"
            case .auxiliary: "A"
            }
        }

        /// Whether a speaker may consist of such words alone ("he", "the ministry",
        /// "Guler", "52 percent"): a source span must hold at least one.
        var canHeadSpeaker: Bool {
            switch self {
            case .pronoun, .determiner, .quantifier, .role, .capitalised, .initialCapital, .number: true
            default: false
            }
        }

        /// A source neither starts nor ends with a function word or an adverb ("which
        /// originally", "In"), nor ends with an article or a possessive ("many" may end one).
        var canStartSpeaker: Bool { self != .function && self != .adverb && self != .punctuation && self != .verbLike && self != .auxiliary }

        /// A source never holds an auxiliary or a copula ("Michigan is also at …", "He was a …"):
        /// those open a clause of their own.
        var canBeInsideSpeaker: Bool { self != .auxiliary }
        var canEndSpeaker: Bool { canStartSpeaker && self != .determiner }
    }

    /// Per normalised word: its class where a list fixes it (low 4 bits; 15 none) and the index
    /// of its cue class in `cueClassNames` (high bits; 0 none).
    private let info: KeyTable<UInt16>
    /// Cue class names by index ("-" first, for none), and their hashes (feature values).
    let cueClassNames: [String]
    let cueClassValues: [UInt64]
    static let noClass = "-"
    private static let noWordClass: UInt16 = 15

    init(cueEntries: [(form: String, cueClass: String)], pronouns: [String], roles: [String]) {
        var names = [TokenLexicon.noClass]
        var classOf: [UInt64: Int] = [:]
        for (form, cls) in cueEntries {
            guard let first = form.lowercased().split(separator: " ").first else { continue }
            let key = FeatureHash.fnv(first.utf8)
            if classOf[key] != nil { continue }
            if !names.contains(cls) { names.append(cls) }
            classOf[key] = names.firstIndex(of: cls)!
        }
        cueClassNames = names
        cueClassValues = names.map(FeatureKey.value)
        // Later lists win: a word that is both a determiner and a role noun reads as a determiner.
        var wordClass: [UInt64: WordClass] = [:]
        for r in roles.flatMap({ [$0.lowercased(), $0.lowercased() + "s"] }) { wordClass[FeatureHash.fnv(r.utf8)] = .role }
        for w in TokenLexicon.functionWordList { wordClass[FeatureHash.fnv(w.utf8)] = .function }
        for w in TokenLexicon.timeWords { wordClass[FeatureHash.fnv(w.utf8)] = .function }
        for w in TokenLexicon.auxiliaryWords { wordClass[FeatureHash.fnv(w.utf8)] = .auxiliary }
        for w in TokenLexicon.quantifierWords { wordClass[FeatureHash.fnv(w.utf8)] = .quantifier }
        for w in TokenLexicon.determinerWords { wordClass[FeatureHash.fnv(w.utf8)] = .determiner }
        for p in pronouns + ["who", "which"] { wordClass[FeatureHash.fnv(p.lowercased().utf8)] = .pronoun }
        var entries: [(key: UInt64, value: UInt16)] = []
        for key in Set(classOf.keys).union(wordClass.keys) {
            let cls = wordClass[key].map { UInt16($0.rawValue) } ?? TokenLexicon.noWordClass
            entries.append((key, cls | UInt16(classOf[key] ?? 0) << 4))
        }
        info = KeyTable(entries, missing: TokenLexicon.noWordClass)
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

    static let determinerWords = ["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those",
                                  "this", "that", "other", "another", "each", "every", "no"]
    /// Determiners that can stand for a whole noun phrase ("many believe", "some say").
    static let quantifierWords = ["some", "many", "several", "most", "one", "two", "three", "four", "five", "both", "all",
                                  "more", "few", "others", "none"]

    static let functionWordList = [
        "in", "on", "at", "by", "for", "from", "with", "without", "of", "to", "into", "onto", "over", "under", "after",
        "before", "since", "during", "until", "while", "when", "where", "why", "how", "what", "whether", "if", "as",
        "because", "although", "though", "and", "or", "but", "so", "yet", "nor", "then", "than", "also", "still", "even",
        "do", "does", "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
        "should", "may", "might", "must", "not", "no", "yes", "there", "here", "now", "today", "yesterday", "meanwhile",
        "however", "instead", "indeed", "perhaps", "according", "among", "amid", "against", "about", "around", "through",
        "despite", "like", "unlike", "once", "sorry", "please", "thanks", "well", "oh", "dear", "let", "just", "only",
    ]

    /// Auxiliaries and copulas.
    static let auxiliaryWords = ["is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "will",
                                 "would", "can", "could", "shall", "should", "may", "might", "must", "do", "does", "did",
                                 "'re", "'ve", "'ll", "'d", "'m"]
    /// Days, months and other time words: capitalised, but no one's name ("on Friday declared").
    static let timeWords = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                            "march", "april", "june", "july", "august", "september", "october", "november", "december",
                            "tonight", "tomorrow", "earlier", "later", "recently"]

    /// The index of a token's cue class in `cueClassNames` (0: none).
    @inline(__always) func cueClassIndex(of token: WordToken) -> Int {
        token.isWord ? Int(info[token.norm] >> 4) : 0
    }

    /// The cue class of a token ("speech", …, or "-").
    func cueClass(of token: WordToken) -> String { cueClassNames[cueClassIndex(of: token)] }

    /// The word class of the token at `index` of its sentence (an initial capital is not a
    /// name's evidence the way a capital inside the sentence is).
    func wordClass(of token: WordToken, at index: Int, in buf: UnsafeBufferPointer<UInt8>) -> WordClass {
        wordClass(of: token, at: index, in: buf, info: token.isWord ? info[token.norm] : 0)
    }

    /// A token's cue class value (`cueClassValues`) and word class, from one lookup of the word.
    @inline(__always) func classes(of token: WordToken, at index: Int, in buf: UnsafeBufferPointer<UInt8>) -> (cue: UInt64, word: WordClass) {
        let i = token.isWord ? info[token.norm] : 0
        return (cueClassValues[Int(i >> 4)], wordClass(of: token, at: index, in: buf, info: i))
    }

    @inline(__always) private func wordClass(of token: WordToken, at index: Int, in buf: UnsafeBufferPointer<UInt8>, info i: UInt16) -> WordClass {
        switch token.shape {
        case .punctuation: return .punctuation
        case .digit: return .number
        default: break
        }
        let fixed = i & 15
        if fixed != TokenLexicon.noWordClass, let c = WordClass(rawValue: UInt8(fixed)) { return c }
        let r = token.range
        // A participle: "contradicting Trump", "Citing …, Will urged", "Based on …".
        let participle = r.count > 4 && (
            (buf[r.upperBound - 3] == UInt8(ascii: "i") && buf[r.upperBound - 2] == UInt8(ascii: "n") && buf[r.upperBound - 1] == UInt8(ascii: "g"))
                || (buf[r.upperBound - 2] == UInt8(ascii: "e") && buf[r.upperBound - 1] == UInt8(ascii: "d")))
        if token.shape == .capitalised || token.shape == .allCaps {
            if index == 0 && participle { return .verbLike }
            return index == 0 ? .initialCapital : .capitalised
        }
        if participle { return .verbLike }
        if r.count > 3, buf[r.upperBound - 2] == UInt8(ascii: "l"), buf[r.upperBound - 1] == UInt8(ascii: "y") { return .adverb }
        return .other
    }
}
