import HTMLText
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
        clean(folded: PlainTextCleaner.foldedLines(of: text), scratch: scratch)
    }

    /// `clean(_:scratch:)` of a text's bytes: valid UTF-8 (nearly every text) is folded straight
    /// from them, and they are freed before the paragraphs are joined, so that a long text is
    /// not held as bytes, as a string and as lines at once. Other bytes are decoded first (each
    /// ill-formed sequence as U+FFFD), as `String(decoding:as:)` does.
    public func clean(bytes: consuming [UInt8], scratch: MatchScratch) -> CleanText {
        guard bytes.withUnsafeBufferPointer({ UTF8Validation.isValid($0) }) else {
            return clean(String(decoding: bytes, as: UTF8.self), scratch: scratch)
        }
        let folded = bytes.withUnsafeBufferPointer { PlainTextCleaner.foldedLines(of: $0) }
        _ = consume bytes
        return clean(folded: folded, scratch: scratch)
    }

    private func clean(folded: FoldedLines, scratch: MatchScratch) -> CleanText {
        var lines = folded.ranges
        var metadata = DocumentMetadata()
        guard lines.count >= 3 else { return CleanText(joining: lines, of: folded.bytes, metadata: metadata) }

        stripHeader(&lines, folded, metadata: &metadata, scratch: scratch)
        stripTrailer(&lines, folded, scratch: scratch)
        if let first = lines.first, let dateline = rules.dateline,
           let m = try? dateline.matches(in: folded.string(first), scratch: scratch).first {
            func group(_ name: String) -> String? {
                dateline.groupIndex(name).flatMap { m.range(group: $0) }.map {
                    String(decoding: folded.bytes[(first.lowerBound + $0.lowerBound)..<(first.lowerBound + $0.upperBound)],
                           as: UTF8.self).trimmingWhitespace()
                }
            }
            if let place = group("place"), !place.isEmpty, m.range.upperBound < first.count {
                metadata.dateline = Dateline(place: place, agency: group("agency"))
                lines[0] = (first.lowerBound + m.range.upperBound)..<first.upperBound
            }
        }
        return CleanText(joining: lines, of: folded.bytes, metadata: metadata)
    }

    /// The lines of a text, white space folded, back to back in one buffer: a line is a range
    /// of it, and a string is made only of the few lines the header and trailer rules read.
    /// (A string a line cost about twice the text again on a long text of short lines.)
    struct FoldedLines {
        var bytes: [UInt8] = []
        /// Each line's bytes in `bytes`, in order; none is empty.
        var ranges: [Range<Int>] = []

        func string(_ range: Range<Int>) -> String {
            bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        }
    }

    /// The lines of `text`, runs of white space folded to one space, empty lines dropped. Read
    /// as bytes: a run of text with single spaces in it is copied at once (per-byte appends cost
    /// about as much as the rest of the cleanup together).
    static func foldedLines(of text: String) -> FoldedLines {
        var text = text
        return text.withUTF8 { foldedLines(of: $0) }
    }

    /// `foldedLines(of:)` of valid UTF-8 bytes.
    static func foldedLines(of buf: UnsafeBufferPointer<UInt8>) -> FoldedLines {
        var out = FoldedLines()
        let n = buf.count
        out.bytes.reserveCapacity(n)
        // Skip a byte-order mark.
        var i = n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF ? 3 : 0
        while i < n {
            // One line: up to the next line break (which ends it) or the end of the text, as
            // runs between white space that is not one plain space.
            let lineStart = out.bytes.count
            while i < n {
                let b = buf[i]
                if isLineBreak(b) { i += 1; break }
                if isSpace(b) { i += 1; continue }
                var j = i + 1
                while j < n {
                    let c = buf[j]
                    if isLineBreak(c) { break }
                    if isSpace(c) {
                        guard c == 0x20, j + 1 < n, !isSpace(buf[j + 1]), !isLineBreak(buf[j + 1]) else { break }
                        j += 2
                        continue
                    }
                    j += 1
                }
                // Runs are apart by white space, which folds to one space.
                if out.bytes.count > lineStart { out.bytes.append(0x20) }
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                i = j
            }
            if out.bytes.count > lineStart { out.ranges.append(lineStart..<out.bytes.count) }
        }
        return out
    }

    @inline(__always) private static func isLineBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B }
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x00 }

    private func matches(_ p: Pattern?, _ line: String, _ scratch: MatchScratch) -> Bool {
        guard let p else { return false }
        return ((try? p.matches(in: line, scratch: scratch)) ?? []).isEmpty == false
    }

    private func stripHeader(_ lines: inout [Range<Int>], _ folded: FoldedLines, metadata: inout DocumentMetadata,
                             scratch: MatchScratch) {
        let window = min(rules.headerLines, lines.count - 1)
        // The lines the header rules read, as strings: at most `window` of them.
        let head = lines[..<window].map(folded.string)
        if let published = rules.published, let g = published.groupIndex("date") {
            for line in head {
                guard let m = try? published.matches(in: line, scratch: scratch).first, let r = m.range(group: g) else { continue }
                let written = String(decoding: Array(line.utf8)[r], as: UTF8.self)
                metadata.published = PlainTextCleaner.isoDate(written) ?? written
                break
            }
        }
        if let byline = rules.byline, let index = (0..<window).first(where: { matches(byline, head[$0], scratch) }) {
            if index > 0 { metadata.title = head[0] }
            metadata.authors = PlainTextCleaner.authors(in: head[index], byline: byline, scratch: scratch)
            lines.removeFirst(index + 1)
            return
        }
        // At most `window` lines: compared one by one rather than hashed (a paragraph's hash
        // reads all of it; `==` first compares lengths), with a Set's notion of equality.
        var seen: [String] = []
        var kept: [Range<Int>] = []
        kept.reserveCapacity(lines.count)
        var dropped = 0
        for (i, range) in lines.enumerated() {
            if i < window {
                let line = head[i]
                if rules.dropLines.contains(where: { matches($0, line, scratch) }) || seen.contains(line) {
                    dropped += 1
                    continue
                }
                seen.append(line)
            }
            kept.append(range)
        }
        // A first line without closing punctuation above a body is a headline — but only in a
        // text that has a news header at all: a list or a form must keep its first line.
        if dropped > 0, kept.count >= 3, kept[0].count < 250 {
            let first = folded.string(kept[0])
            if let last = first.last, !".!?\"”’:)".contains(last) {
                metadata.title = first
                kept.removeFirst()
            }
        }
        lines = kept
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december"]

    /// "June 4, 2025" or "4 June 2025" → "2025-06-04"; nil when the words are not a date.
    static func isoDate(_ text: String) -> String? {
        let words = text.lowercased().split { $0 == " " || $0 == "," }.map(String.init)
        if words.count == 1, words[0].count == 10 { return words[0] }
        guard words.count == 3 else { return nil }
        let (m, d, y) = Int(words[0]) == nil ? (words[0], words[1], words[2]) : (words[1], words[0], words[2])
        // A month is known by its first three letters ("Sept", "Sep", "September").
        guard m.count >= 3, let month = months.firstIndex(where: { $0.hasPrefix(m.prefix(3)) }),
              let day = Int(d), (1...31).contains(day), let year = Int(y), (1000...9999).contains(year) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month + 1, day)
    }

    static func authors(in line: String, byline: Pattern, scratch: MatchScratch) -> [String] {
        guard let m = try? byline.matches(in: line, scratch: scratch).first,
              let g = byline.groupIndex("authors"), let r = m.range(group: g) else { return [] }
        let names = String(decoding: Array(line.utf8)[r], as: UTF8.self)
        return names.replacingAnd().split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    private func stripTrailer(_ lines: inout [Range<Int>], _ folded: FoldedLines, scratch: MatchScratch) {
        while let last = lines.last, lines.count > 1, rules.trailer.contains(where: { matches($0, folded.string(last), scratch) }) {
            lines.removeLast()
        }
        let start = max(1, lines.count - 15)
        guard let credit = (start..<lines.count).last(where: { matches(rules.credit, folded.string(lines[$0]), scratch) }) else { return }
        var vocabulary = Set<Substring>()
        for range in lines[..<credit] {
            let line = folded.string(range)
            for w in PlainTextCleaner.contentWords(line) { vocabulary.insert(w) }
        }
        var after: [Range<Int>] = []
        for range in lines[(credit + 1)...] {
            let line = folded.string(range)
            let words = PlainTextCleaner.contentWords(line)
            let known = words.filter { vocabulary.contains($0) }.count
            let restates = !words.isEmpty && Double(known) / Double(words.count) >= rules.summaryOverlap
            if !restates && !rules.trailer.contains(where: { matches($0, line, scratch) }) { after.append(range) }
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
