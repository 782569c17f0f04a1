import Patterns

/// A compiled attribution rule with its group numbers resolved once.
struct AttributionRule: Sendable {
    let compiled: CompiledRule
    let content: Int
    let content2: Int?
    let speaker: Int?
    let cue: Int?
    let title: Int?
    let declaredKind: Quote.Kind
    /// Index of the rule's `requires` pattern in the stage's prefilter list.
    var prefilter: Int?
    /// The rule's place in the stage's `WordTriggers`.
    var index = 0

    init(_ compiled: CompiledRule) {
        self.compiled = compiled
        // Rules are checked for a content group when they are loaded (rules lint); a rule
        // without one simply never produces a candidate.
        content = compiled.group("content") ?? -1
        content2 = compiled.group("content2")
        speaker = compiled.group("speaker")
        cue = compiled.group("cue")
        title = compiled.group("title")
        declaredKind = Quote.Kind(rawValue: compiled.spec.kind) ?? .indirect
    }

    /// Reads a match into a candidate, or nil when its content is too thin to be a quote.
    func candidate(from match: borrowing Match, in buf: UnsafeBufferPointer<UInt8>, scope: Range<Int>) -> Candidate? {
        guard let raw = match.range(group: content) else { return nil }
        return Candidate(
            rule: compiled.spec.id, confidence: compiled.spec.confidence, declaredKind: declaredKind,
            content: [raw, content2.flatMap { match.range(group: $0) }].compactMap { $0 },
            speaker: speaker.flatMap { match.range(group: $0) }.flatMap { $0.isEmpty ? nil : $0 },
            cue: cue.flatMap { match.range(group: $0) },
            title: title.flatMap { match.range(group: $0) },
            sourceless: compiled.spec.sourceless, in: buf, scope: scope)
    }
}

/// One rule match, before candidates compete.
struct Candidate: Sendable, Equatable {
    var rule: String
    var confidence: Double
    var kind: Quote.Kind
    /// Covering range of the content parts.
    var content: Range<Int>
    /// The content itself: one range, or two for a quotation split by its attribution.
    var parts: [Range<Int>]
    var speaker: Range<Int>?
    var cue: Range<Int>?
    var title: Range<Int>?
    /// No speaker group and no source: the quote does not continue the one before it.
    var sourceless = false

    var contentLength: Int { parts.reduce(0) { $0 + $1.count } }

    func overlaps(_ other: Candidate) -> Bool {
        parts.contains { a in other.parts.contains { b in a.overlaps(b) } }
    }

    /// Trims white space, edge punctuation and edge quotation marks from a content range, and
    /// says whether the content sat between an opening and a closing mark.
    static func trim(_ r: Range<Int>, in buf: UnsafeBufferPointer<UInt8>, scope: Range<Int>) -> (range: Range<Int>, quotedOutside: Bool) {
        var lo = r.lowerBound
        var hi = r.upperBound
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
        while lo < hi, isSpace(buf[lo]) { lo += 1 }
        while hi > lo, isSpace(buf[hi - 1]) || buf[hi - 1] == UInt8(ascii: ",") || buf[hi - 1] == UInt8(ascii: ";")
            || buf[hi - 1] == UInt8(ascii: ":") { hi -= 1 }
        var openBefore = false
        var closeAfter = false
        // A mark at the content's own edge is outside the quotation.
        // Unless marks remain inside: then the edge marks belong to a mixed quotation's fragments.
        let lead = QuoteMarks.mark(at: lo, in: buf, limit: hi)
        let tail = QuoteMarks.mark(endingAt: hi, in: buf, floor: lo + lead)
        if lead + tail > 0, QuoteMarks.count(in: (lo + lead)..<(hi - tail), of: buf) == 0 {
            if lead > 0 { lo += lead; openBefore = true }
            if tail > 0 { hi -= tail; closeAfter = true }
        }
        while hi > lo, isSpace(buf[hi - 1]) || buf[hi - 1] == UInt8(ascii: ",") { hi -= 1 }
        // Otherwise look just outside: `"…,"` puts a comma between the content and the mark.
        if !openBefore {
            var i = lo
            while i > scope.lowerBound, isSpace(buf[i - 1]) { i -= 1 }
            openBefore = QuoteMarks.mark(endingAt: i, in: buf, floor: scope.lowerBound) > 0
        }
        if !closeAfter {
            var i = hi
            while i < scope.upperBound, isSpace(buf[i]) || buf[i] == UInt8(ascii: ",") || buf[i] == UInt8(ascii: ".")
                || buf[i] == UInt8(ascii: "?") || buf[i] == UInt8(ascii: "!") { i += 1 }
            closeAfter = QuoteMarks.mark(at: i, in: buf, limit: scope.upperBound) > 0
        }
        return (lo..<max(lo, hi), openBefore && closeAfter)
    }
}

extension Candidate {
    /// A candidate from raw content ranges (one, or two around a split attribution): each is
    /// trimmed, and the kind is read from the quotation marks — marks inside make it mixed,
    /// marks around it direct, none the `declaredKind` (a direct rule stays direct).
    /// Nil when no part keeps three bytes.
    init?(
        rule: String, confidence: Double, declaredKind: Quote.Kind, content raw: [Range<Int>], speaker: Range<Int>?,
        cue: Range<Int>?, title: Range<Int>?, sourceless: Bool, in buf: UnsafeBufferPointer<UInt8>, scope: Range<Int>
    ) {
        var parts: [Range<Int>] = []
        var quotedOutside = true
        var inside = 0
        for r in raw {
            let trimmed = Candidate.trim(r, in: buf, scope: scope)
            guard trimmed.range.count >= 3 else { continue }
            var part = trimmed.range
            var marks = QuoteMarks.count(in: part, of: buf)
            // A mixed quotation whose last fragment closes right after the content: keep the
            // closing mark, so the fragment reads balanced.
            if marks % 2 == 1 {
                let close = QuoteMarks.mark(at: part.upperBound, in: buf, limit: scope.upperBound)
                if close > 0 { part = part.lowerBound..<(part.upperBound + close); marks += 1 }
            }
            parts.append(part)
            quotedOutside = quotedOutside && trimmed.quotedOutside
            inside += marks
        }
        guard let first = parts.first, let last = parts.last else { return nil }
        let kind: Quote.Kind
        if inside > 0 {
            kind = .mixed
        } else if quotedOutside {
            kind = .direct
        } else {
            kind = declaredKind == .direct ? .direct : .indirect
        }
        self.init(rule: rule, confidence: confidence, kind: kind, content: first.lowerBound..<last.upperBound, parts: parts,
                  speaker: speaker, cue: cue, title: title, sourceless: sourceless)
    }
}
