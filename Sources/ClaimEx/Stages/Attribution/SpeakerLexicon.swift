/// The word lists the speaker resolver needs: cue lemmas, titles, roles and pronouns,
/// loaded from `rules/lexicons/` (the same files the rule macros are built from).
public struct SpeakerLexicon: Sendable {
    public enum Referent: String, Sendable {
        /// `self`: the first person ("I", "we"). Outside a quotation it is the writer, not the
        /// last speaker, so it is never resolved to anyone.
        case person, group, thing, `self`
    }

    /// Lower-cased cue form → lemma ("told" → "tell", "according to" → "according to").
    public let cueLemmas: [String: String]
    /// Titles, lower-cased, longest first so that "defence minister" wins over "minister".
    public let titles: [String]
    /// Role and organisation nouns, lower-cased.
    public let roles: Set<String>
    /// Lower-cased pronoun → what it may refer to.
    public let pronouns: [String: Referent]
    /// `titles`, each with the space that follows it in a mention, as bytes, by their first
    /// two bytes (`SpeakerLexicon.pairKey`; each list in `titles`' order, longest first): what
    /// the resolver compares an ASCII mention with, only the titles that can start at its next
    /// word (by the first byte alone, a mention's word was compared with some sixty). Nil when
    /// a title is not ASCII (then it compares strings).
    let asciiTitlesByFirstBytes: [UInt16: [[UInt8]]]?
    /// `titles`, each with its following space: what a mention that is not ASCII is compared with.
    let spacedTitles: [String]
    /// Every title is ASCII without `;` or `` ` ``, the only ASCII characters another character
    /// is canonically equivalent to (U+037E, U+1FEF; the Kelvin sign lower-cases to `k`): a
    /// lower-cased string then starts with a title only if its bytes start with the title's.
    let titlesMatchBytewise: Bool

    public init(cueLemmas: [String: String], titles: [String], roles: Set<String>, pronouns: [String: Referent]) {
        self.cueLemmas = cueLemmas
        self.titles = titles.map { $0.lowercased() }.sorted { $0.count > $1.count }
        self.roles = roles
        self.pronouns = pronouns
        spacedTitles = self.titles.map { $0 + " " }
        titlesMatchBytewise = self.titles.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") } }
        let spaced = self.titles.map { Array(($0 + " ").utf8) }
        // Every spaced title has two bytes or more: a letter and its space.
        if spaced.allSatisfy({ $0.count >= 2 && $0.allSatisfy(ASCIIText.isPlain) }) {
            var buckets: [UInt16: [[UInt8]]] = [:]
            for title in spaced { buckets[SpeakerLexicon.pairKey(title[0], title[1]), default: []].append(title) }
            asciiTitlesByFirstBytes = buckets
        } else {
            asciiTitlesByFirstBytes = nil
        }
    }

    /// The bucket of a title, or of the place in a mention where one may start, lower-cased.
    @inline(__always) static func pairKey(_ a: UInt8, _ b: UInt8) -> UInt16 {
        UInt16(ASCIIText.lower(a)) << 8 | UInt16(ASCIIText.lower(b))
    }

    public static func load(directory: String) throws(RuleError) -> SpeakerLexicon {
        let cues = try WordList.load(directory + "/cues.tsv")
        var lemmas: [String: String] = [:]
        for entry in cues.entries {
            guard entry.columns.count >= 2 else {
                throw RuleError(.syntax, file: cues.path, line: entry.line, message: "a cue needs a form and a lemma, separated by a tab")
            }
            lemmas[entry.columns[0].lowercased()] = entry.columns[1]
        }
        let titles = try WordList.load(directory + "/titles.txt").entries.compactMap(\.columns.first)
        let roles = try WordList.load(directory + "/roles.txt").entries.compactMap { $0.columns.first?.lowercased() }
        let pronounFile = try WordList.load(directory + "/pronouns.tsv")
        var pronouns: [String: Referent] = [:]
        for entry in pronounFile.entries {
            guard entry.columns.count >= 2, let referent = Referent(rawValue: entry.columns[1]) else {
                throw RuleError(.syntax, file: pronounFile.path, line: entry.line,
                                message: "a pronoun line is: pronoun <TAB> person|group|thing|self")
            }
            pronouns[entry.columns[0].lowercased()] = referent
        }
        return SpeakerLexicon(cueLemmas: lemmas, titles: titles, roles: Set(roles), pronouns: pronouns)
    }

    /// The lemma of a cue as written; multi-word cues are normalised to single spaces.
    public func lemma(of cue: String) -> String {
        let key = ASCIIText.joinedWords(of: cue)
            ?? cue.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return cueLemmas[key] ?? key
    }
}
