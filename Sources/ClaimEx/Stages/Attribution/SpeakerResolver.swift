/// Turns speaker mentions into speakers, in document order: splits titles from names,
/// resolves surnames to the full name mentioned earlier and pronouns to the most recent
/// compatible speaker. One resolver per document.
struct SpeakerResolver {
    let lexicon: SpeakerLexicon
    /// People named in full so far (two or more name words), by their last word: the most
    /// recent person with that surname.
    private var peopleBySurname: [String: (name: String, title: String?)] = [:]
    /// Speakers resolved so far, most recent last.
    private var history: [Speaker] = []

    init(lexicon: SpeakerLexicon) {
        self.lexicon = lexicon
    }

    /// `quoted`: the mention sits inside a quotation, so a first-person "I" is the quoted
    /// speaker, not the writer.
    mutating func resolve(mention raw: String, range: Range<Int>, apposition: String?, quoted: Bool = false) -> Speaker {
        let mention = ASCIIText.trimmed(raw) ?? raw.trimmingWhitespace()
        // A possessor ("Mr. Trump's vows") names the same person as the plain name.
        var bare = mention
        if ASCIIText.isPlain(mention) {
            // Bytes are characters: only the straight apostrophe's two forms can end it.
            let bytes = mention.utf8
            let cut = bytes.count > 2 && bytes.last == 0x73 && bytes.dropLast().last == 0x27 ? 2
                : bytes.count > 1 && bytes.last == 0x27 ? 1 : 0
            if cut > 0 { bare = String(decoding: bytes.dropLast(cut), as: UTF8.self) }
        } else {
            for suffix in ["’s", "'s", "’", "'"] where bare.hasSuffix(suffix) && bare.count > suffix.count {
                bare = String(bare.dropLast(suffix.count))
                break
            }
        }
        let lower = SpeakerResolver.lowered(bare)
        let speaker: Speaker
        if let referent = lexicon.pronouns[lower] {
            speaker = resolvePronoun(mention: mention, range: range, referent: referent == .self && quoted ? .person : referent)
        } else if isRole(lower) {
            speaker = Speaker(name: bare, title: apposition, mention: mention, range: range, resolvedBy: .role)
        } else {
            let (title, name) = splitTitle(bare)
            let words = ASCIIText.spaceSeparatedWords(name) ?? {
                let all = name.split(separator: " ")
                return (min(all.count, 2), all.last.map(String.init))
            }()
            if words.count == 1, let person = peopleBySurname[name] {
                speaker = Speaker(name: person.name, title: title ?? person.title ?? apposition, mention: mention,
                                  range: range, resolvedBy: .surname)
            } else {
                speaker = Speaker(name: name, title: title ?? apposition, mention: mention, range: range, resolvedBy: .name)
                // "Johnson and Corbyn" names two people, not one whose surname is Corbyn.
                if words.count >= 2, !SpeakerResolver.isGroup(name), let surname = words.last {
                    peopleBySurname[surname] = (name, title ?? apposition)
                }
            }
        }
        history.append(speaker)
        return speaker
    }

    /// `text.lowercased()`, on the bytes where `ASCIIText` can (nearly every mention).
    private static func lowered(_ text: String) -> String {
        ASCIIText.lowercased(text) ?? text.lowercased()
    }

    /// Records a speaker that an earlier quote already resolved (", adding …" inherits it).
    mutating func repeatLast() -> Speaker? {
        history.last
    }

    private func resolvePronoun(mention: String, range: Range<Int>, referent: SpeakerLexicon.Referent) -> Speaker {
        let antecedent = history.last { candidate in
            // A pronoun left unresolved (the writer's "I") is nobody's antecedent.
            if lexicon.pronouns[SpeakerResolver.lowered(candidate.name)] != nil { return false }
            return switch referent {
            case .person: candidate.resolvedBy != .role && !SpeakerResolver.isGroup(candidate.name)
            case .group: true
            // "It" is one organisation, country or document: never someone with a title, someone
            // found by surname, several people, what a "he", "she" or "they" pointed at, or a name
            // of several words that does not end in an organisation noun ("John Smith", not
            // "the Justice Department").
            case .thing: candidate.title == nil && candidate.resolvedBy != .surname && !SpeakerResolver.isGroup(candidate.name)
                && !(candidate.resolvedBy == .pronoun && lexicon.pronouns[SpeakerResolver.lowered(candidate.mention)].map { $0 != .thing } ?? false)
                && !(candidate.resolvedBy == .name && looksLikePerson(candidate.name))
            case .self: false
            }
        }
        guard let antecedent else {
            return Speaker(name: mention, title: nil, mention: mention, range: range, resolvedBy: .pronoun)
        }
        return Speaker(name: antecedent.name, title: antecedent.title, mention: mention, range: range, resolvedBy: .pronoun)
    }

    /// A name of two to four words whose last is no role or organisation noun.
    private func looksLikePerson(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard words.count >= 2, words.count <= 4, let last = words.last else { return false }
        return !lexicon.roles.contains(last.lowercased())
    }

    /// Two or more people named together ("Johnson and Corbyn", "Smith & Jones"): a group.
    static func isGroup(_ name: String) -> Bool {
        // On the UTF-8 bytes: Foundation's `contains` on a String goes through NSString.
        var name = name
        return name.withUTF8 { b in
            guard b.count >= 3 else { return false }
            for i in 0..<(b.count - 2) where b[i] == 0x20 {
                if b[i + 1] == 0x26, b[i + 2] == 0x20 { return true }
                if i + 4 < b.count, b[i + 1] == 0x61, b[i + 2] == 0x6E, b[i + 3] == 0x64, b[i + 4] == 0x20 { return true }
            }
            return false
        }
    }

    /// A mention that starts with a determiner or ends in a role noun names a role, not a person.
    private func isRole(_ lower: String) -> Bool {
        if let (first, only) = SpeakerResolver.firstWord(lower) {
            return SpeakerResolver.determiners.contains(first) || (only && lexicon.roles.contains(first))
        }
        let words = lower.split(separator: " ")
        guard let first = words.first else { return false }
        if SpeakerResolver.determiners.contains(String(first)) { return true }
        return words.count == 1 && lexicon.roles.contains(String(first))
    }

    static let determiners: Set<String> = ["the", "a", "an", "one", "another", "two", "three", "four", "several", "some", "many",
                                           "its", "his", "her", "their"]

    /// `text.split(separator: " ")`'s first word and whether it is the only one, for ASCII
    /// text (nil otherwise, and for text with no word).
    private static func firstWord(_ text: String) -> (String, Bool)? {
        var text = text
        return text.withUTF8 { bytes -> (String, Bool)? in
            guard bytes.allSatisfy(ASCIIText.isPlain) else { return nil }
            guard let start = bytes.firstIndex(where: { $0 != 0x20 }) else { return nil }
            let end = bytes[start...].firstIndex(of: 0x20) ?? bytes.endIndex
            let only = !bytes[end...].contains { $0 != 0x20 }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), only)
        }
    }

    /// "Defence Minister Yasar Guler" → ("Defence Minister", "Yasar Guler"). Titles may stack
    /// ("Former Defense Secretary"); a name is never reduced to nothing.
    private func splitTitle(_ mention: String) -> (title: String?, name: String) {
        if let titles = lexicon.asciiTitlesByFirstBytes, let split = SpeakerResolver.splitTitle(mention, titlesByFirstBytes: titles) { return split }
        var rest = Substring(mention)
        var titleEnd = rest.startIndex
        var found = false
        outer: while true {
            let lower = SpeakerResolver.lowered(String(rest[titleEnd...]))
            // The bytes first: a string that starts with a title starts with its bytes, unless
            // the title holds a character another one is canonically equivalent to (`;`, `` ` ``).
            for title in lexicon.spacedTitles where (!lexicon.titlesMatchBytewise || lower.utf8.starts(with: title.utf8))
                && lower.hasPrefix(title) {
                titleEnd = rest.index(titleEnd, offsetBy: title.count)
                while titleEnd < rest.endIndex, rest[titleEnd] == " " { titleEnd = rest.index(after: titleEnd) }
                found = true
                continue outer
            }
            break
        }
        guard found, titleEnd < rest.endIndex else { return (nil, mention) }
        let title = rest[..<titleEnd].trimmingWhitespace()
        rest = rest[titleEnd...]
        return (title, String(rest))
    }

    /// `splitTitle` on the bytes of an ASCII mention (nil for any other), comparing each title
    /// that starts with the next word's first two bytes (with its space, lower-cased) byte by
    /// byte.
    private static func splitTitle(_ mention: String, titlesByFirstBytes: [UInt16: [[UInt8]]]) -> (title: String?, name: String)? {
        var mention = mention
        return mention.withUTF8 { bytes -> (title: String?, name: String)? in
            guard bytes.allSatisfy(ASCIIText.isPlain) else { return nil }
            var titleEnd = 0
            var found = false
            outer: while titleEnd + 1 < bytes.count {
                guard let bucket = titlesByFirstBytes[SpeakerLexicon.pairKey(bytes[titleEnd], bytes[titleEnd + 1])] else { break }
                for title in bucket where title.count <= bytes.count - titleEnd {
                    var k = 0
                    while k < title.count, ASCIIText.lower(bytes[titleEnd + k]) == title[k] { k += 1 }
                    guard k == title.count else { continue }
                    titleEnd += title.count
                    while titleEnd < bytes.count, bytes[titleEnd] == 0x20 { titleEnd += 1 }
                    found = true
                    continue outer
                }
                break
            }
            guard found, titleEnd < bytes.count else { return (nil, String(decoding: bytes, as: UTF8.self)) }
            var end = titleEnd
            var start = 0
            while start < end, ASCIIText.isSpace(bytes[start]) { start += 1 }
            while end > start, ASCIIText.isSpace(bytes[end - 1]) { end -= 1 }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[titleEnd...]), as: UTF8.self))
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
