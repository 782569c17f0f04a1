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
        let mention = raw.trimmingWhitespace()
        // A possessor ("Mr. Trump's vows") names the same person as the plain name.
        var bare = mention
        for suffix in ["’s", "'s", "’", "'"] where bare.hasSuffix(suffix) && bare.count > suffix.count {
            bare = String(bare.dropLast(suffix.count))
            break
        }
        let lower = bare.lowercased()
        let speaker: Speaker
        if let referent = lexicon.pronouns[lower] {
            speaker = resolvePronoun(mention: mention, range: range, referent: referent == .self && quoted ? .person : referent)
        } else if isRole(lower) {
            speaker = Speaker(name: bare, title: apposition, mention: mention, range: range, resolvedBy: .role)
        } else {
            let (title, name) = splitTitle(bare)
            let words = name.split(separator: " ")
            if words.count == 1, let person = peopleBySurname[name] {
                speaker = Speaker(name: person.name, title: title ?? person.title ?? apposition, mention: mention,
                                  range: range, resolvedBy: .surname)
            } else {
                speaker = Speaker(name: name, title: title ?? apposition, mention: mention, range: range, resolvedBy: .name)
                // "Johnson and Corbyn" names two people, not one whose surname is Corbyn.
                if words.count >= 2, !SpeakerResolver.isGroup(name), let surname = words.last {
                    peopleBySurname[String(surname)] = (name, title ?? apposition)
                }
            }
        }
        history.append(speaker)
        return speaker
    }

    /// Records a speaker that an earlier quote already resolved (", adding …" inherits it).
    mutating func repeatLast() -> Speaker? {
        history.last
    }

    private func resolvePronoun(mention: String, range: Range<Int>, referent: SpeakerLexicon.Referent) -> Speaker {
        let antecedent = history.last { candidate in
            // A pronoun left unresolved (the writer's "I") is nobody's antecedent.
            if lexicon.pronouns[candidate.name.lowercased()] != nil { return false }
            return switch referent {
            case .person: candidate.resolvedBy != .role && !SpeakerResolver.isGroup(candidate.name)
            case .group, .thing: true
            case .self: false
            }
        }
        guard let antecedent else {
            return Speaker(name: mention, title: nil, mention: mention, range: range, resolvedBy: .pronoun)
        }
        return Speaker(name: antecedent.name, title: antecedent.title, mention: mention, range: range, resolvedBy: .pronoun)
    }

    /// Two or more people named together ("Johnson and Corbyn", "Smith & Jones"): a group.
    static func isGroup(_ name: String) -> Bool {
        name.contains(" and ") || name.contains(" & ")
    }

    /// A mention that starts with a determiner or ends in a role noun names a role, not a person.
    private func isRole(_ lower: String) -> Bool {
        let words = lower.split(separator: " ")
        guard let first = words.first else { return false }
        if ["the", "a", "an", "one", "another", "two", "three", "four", "several", "some", "many", "its", "his", "her", "their"]
            .contains(first) { return true }
        return words.count == 1 && lexicon.roles.contains(String(first))
    }

    /// "Defence Minister Yasar Guler" → ("Defence Minister", "Yasar Guler"). Titles may stack
    /// ("Former Defense Secretary"); a name is never reduced to nothing.
    private func splitTitle(_ mention: String) -> (title: String?, name: String) {
        var rest = Substring(mention)
        var titleEnd = rest.startIndex
        var found = false
        outer: while true {
            let lower = rest[titleEnd...].lowercased()
            for title in lexicon.titles where lower.hasPrefix(title + " ") {
                titleEnd = rest.index(titleEnd, offsetBy: title.count + 1)
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
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
