import Patterns

/// Cleans a plain-text article: one paragraph a line; drops the header (publisher lines,
/// standfirst), the byline, the dateline, credit lines and trailing summaries, keeping what
/// they say as metadata.
///
/// Short texts (fewer than three lines) are passed through with only white space
/// normalised: a single sentence must never lose its first line as a "headline".
public struct PlainTextCleaner: Sendable {
    let rules: PlainTextRules

    public init(rules: PlainTextRules) {
        self.rules = rules
    }

    public func clean(_ text: String, scratch: MatchScratch) -> CleanText {
        var lines = PlainTextCleaner.lines(of: text)
        var metadata = DocumentMetadata()
        guard lines.count >= 3 else { return CleanText(paragraphs: lines, metadata: metadata) }

        stripHeader(&lines, metadata: &metadata, scratch: scratch)
        stripTrailer(&lines, scratch: scratch)
        if let first = lines.first, let dateline = rules.dateline,
           let m = try? dateline.matches(in: first, scratch: scratch).first {
            let bytes = Array(first.utf8)
            func group(_ name: String) -> String? {
                dateline.groupIndex(name).flatMap { m.range(group: $0) }.map {
                    String(decoding: bytes[$0], as: UTF8.self).trimmingWhitespace()
                }
            }
            if let place = group("place"), !place.isEmpty, m.range.upperBound < bytes.count {
                metadata.dateline = Dateline(place: place, agency: group("agency"))
                lines[0] = String(decoding: bytes[m.range.upperBound...], as: UTF8.self)
            }
        }
        return CleanText(paragraphs: lines, metadata: metadata)
    }

    /// Lines with runs of white space folded to one space; empty lines dropped.
    static func lines(of text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        var pendingSpace = false
        func flush() {
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
        var utf8 = text.utf8.makeIterator()
        // Skip a byte-order mark.
        var skipBOM = text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while let b = utf8.next() {
            if skipBOM > 0 { skipBOM -= 1; continue }
            switch b {
            case 0x0A, 0x0D, 0x0C, 0x0B: flush()
            case 0x20, 0x09, 0x00: pendingSpace = !current.isEmpty
            default:
                if pendingSpace { current.append(0x20); pendingSpace = false }
                current.append(b)
            }
        }
        flush()
        return out
    }

    private func matches(_ p: Pattern?, _ line: String, _ scratch: MatchScratch) -> Bool {
        guard let p else { return false }
        return ((try? p.matches(in: line, scratch: scratch)) ?? []).isEmpty == false
    }

    private func stripHeader(_ lines: inout [String], metadata: inout DocumentMetadata, scratch: MatchScratch) {
        let window = min(rules.headerLines, lines.count - 1)
        if let byline = rules.byline, let index = (0..<window).first(where: { matches(byline, lines[$0], scratch) }) {
            if index > 0 { metadata.title = lines[0] }
            metadata.authors = PlainTextCleaner.authors(in: lines[index], byline: byline, scratch: scratch)
            lines.removeFirst(index + 1)
            return
        }
        var seen = Set<String>()
        var kept: [String] = []
        var dropped = 0
        for (i, line) in lines.enumerated() {
            if i < window, rules.dropLines.contains(where: { matches($0, line, scratch) }) || seen.contains(line) {
                dropped += 1
                continue
            }
            if i < window { seen.insert(line) }
            kept.append(line)
        }
        // A first line without closing punctuation above a body is a headline — but only in a
        // text that has a news header at all: a list or a form must keep its first line.
        if dropped > 0, kept.count >= 3, let first = kept.first, first.utf8.count < 250,
           let last = first.last, !".!?\"”’:)".contains(last) {
            metadata.title = first
            kept.removeFirst()
        }
        lines = kept
    }

    static func authors(in line: String, byline: Pattern, scratch: MatchScratch) -> [String] {
        guard let m = try? byline.matches(in: line, scratch: scratch).first,
              let g = byline.groupIndex("authors"), let r = m.range(group: g) else { return [] }
        let names = String(decoding: Array(line.utf8)[r], as: UTF8.self)
        return names.replacingAnd().split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    private func stripTrailer(_ lines: inout [String], scratch: MatchScratch) {
        while let last = lines.last, lines.count > 1, rules.trailer.contains(where: { matches($0, last, scratch) }) {
            lines.removeLast()
        }
        let start = max(1, lines.count - 15)
        guard let credit = (start..<lines.count).last(where: { matches(rules.credit, lines[$0], scratch) }) else { return }
        var vocabulary = Set<Substring>()
        for line in lines[..<credit] { for w in PlainTextCleaner.contentWords(line) { vocabulary.insert(w) } }
        var after: [String] = []
        for line in lines[(credit + 1)...] {
            let words = PlainTextCleaner.contentWords(line)
            let known = words.filter { vocabulary.contains($0) }.count
            let restates = !words.isEmpty && Double(known) / Double(words.count) >= rules.summaryOverlap
            if !restates && !rules.trailer.contains(where: { matches($0, line, scratch) }) { after.append(line) }
        }
        lines = Array(lines[..<credit]) + after
    }

    private static let stopwords: Set<Substring> = [
        "about", "after", "again", "also", "among", "been", "being", "could", "from", "have", "into", "more",
        "most", "much", "other", "over", "particularly", "should", "since", "some", "such", "than", "that",
        "their", "them", "then", "there", "these", "they", "this", "those", "very", "were", "what", "when",
        "where", "which", "while", "will", "with", "would", "area", "while",
    ]

    /// Lower-cased five-letter stems of the words of four letters or more, stopwords left out.
    static func contentWords(_ line: String) -> [Substring] {
        line.lowercased().split { !$0.isLetter && !$0.isNumber }
            .filter { $0.count >= 4 && !stopwords.contains($0) }
            .map { $0.prefix(5) }
    }
}

extension String {
    fileprivate func replacingAnd() -> String {
        var s = self
        while let r = s.range(of: " and ") { s.replaceSubrange(r, with: ", ") }
        return s
    }
}
