import HTMLText

/// Chooses the article body among a page's blocks (see `HTMLCleaner` for the outline).
struct HTMLBodySelector {
    let page: HTMLPage
    /// JSON-LD articleBody, if any.
    let hint: String?
    /// The hint as paragraphs (the answer when the page's own blocks give nothing), made
    /// only when needed.
    var hintFallback: () -> [String] = { [] }
    /// `htmlKey` of texts that are the headline.
    let headline: Set<String>
    let rules: HTMLCleanupRules
    /// Writes the ranking to standard error (development aid).
    var debug = false

    init(page: HTMLPage, hint: String?, headline: Set<String>, rules: HTMLCleanupRules = .builtIn) {
        self.page = page
        self.hint = hint
        self.headline = headline
        self.rules = rules
    }

    /// Roles under which a block is never article text.
    private static let outsideRoles: Roles = [.nav, .aside, .footer, .hidden, .dialog, .caption, .head]
    /// Roles that, when they start inside the body container, mark boilerplate.
    private static let boilerplateRoles: Roles = [
        .nav, .aside, .footer, .header, .figure, .caption, .form, .hidden, .ariaHidden, .dialog, .head,
    ]

    /// What `select()` keeps: the indices of the page's blocks that make the body, in
    /// document order, or (when the blocks give nothing) the JSON-LD hint's paragraphs.
    /// Indices rather than texts, so that the body's text is copied once, joined, straight
    /// from the page's buffer.
    enum Selection: Equatable {
        case blocks([Int32])
        case paragraphs([String])
    }

    func select() -> Selection {
        let elements = page.elements
        let blocks = page.blocks
        let text = page.text
        let n = elements.count
        guard n > 0, !blocks.isEmpty else { return .paragraphs(hintParagraphs()) }

        // Class/id verdicts, cached by their text.
        var verdicts = Verdicts(elements: elements, words: rules.classWords)
        // Subtree end (exclusive) in pre-order, and subtree link/text byte sums (Int32, as the
        // blocks' own counts: a page's text is under Int32.max bytes, and on a huge page these
        // arrays are a large part of what the selection holds).
        var end = [Int32](repeating: 0, count: n)
        var textBytes = [Int32](repeating: 0, count: n)
        var linkBytes = [Int32](repeating: 0, count: n)
        for e in 0..<n { end[e] = Int32(e + 1) }
        for b in blocks where b.element >= 0 {
            textBytes[Int(b.element)] += b.textBytes
            linkBytes[Int(b.element)] += b.linkBytes
        }
        for e in stride(from: n - 1, through: 0, by: -1) {
            let p = Int(elements[e].parent)
            guard p >= 0 else { continue }
            end[p] = max(end[p], end[e])
            textBytes[p] += textBytes[e]
            linkBytes[p] += linkBytes[e]
        }

        // Hint (JSON-LD articleBody) matching.
        let hintKey = hint.map { Array(htmlKey($0).utf8) }
        var hintMatched = [Bool](repeating: false, count: blocks.count)
        var hintUnknown = [Bool](repeating: false, count: blocks.count)
        var useHint = false
        if let hintKey {
            var matched = 0
            var tried = 0
            // Bounded work: at most 400 blocks are looked up (each lookup scans the hint).
            for (i, b) in blocks.enumerated() where b.textBytes >= 40 && !b.roles.contains(.head) {
                let k = htmlKeyBytes(text, b.textRange, limit: 60)
                guard k.count >= 20 else { continue }
                guard tried < 400 else {
                    hintUnknown[i] = true
                    continue
                }
                tried += 1
                if containsBytes(hintKey, k) {
                    hintMatched[i] = true
                    matched += 1
                }
            }
            useHint = matched >= 3 || (tried > 0 && matched * 3 >= tried)
        }

        // Content scores flow to containers.
        var score = [Double](repeating: 0, count: n)
        var contentScore = [Double](repeating: 0, count: blocks.count)
        for (i, b) in blocks.enumerated() where b.element >= 0 {
            var s = Self.contentScore(b, text)
            guard s > 0 else { continue }
            if useHint, !hintUnknown[i] { s *= hintMatched[i] ? 1.5 : 0.4 }
            if b.roles.contains(.articleBody) { s *= 1.3 }
            contentScore[i] = s
            var a = Int(b.element)
            if b.kind != .text, b.tag != .div, b.tag != .section, b.tag != .article {
                a = Int(elements[a].parent)
            }
            var level = 0
            while a >= 0 && level < 5 {
                score[a] += s / (level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3))
                a = Int(elements[a].parent)
                level += 1
            }
        }
        var best = -1
        var bestScore = 0.0
        var final = [Double](repeating: 0, count: n)
        for e in 0..<n where score[e] > 0 {
            let ld = textBytes[e] > 0 ? Double(linkBytes[e]) / Double(textBytes[e]) : 0
            var f = score[e] * (1 - ld)
            switch verdicts[e].weight {
            case 1...: f *= 1.25
            case ..<0: f *= 0.7
            default: break
            }
            let tag = elements[e].tag
            if tag == .article || elements[e].roles.contains(.articleBody) { f *= 1.15 }
            final[e] = f
            if f > bestScore {
                bestScore = f
                best = e
            }
        }
        guard best >= 0 else { return .paragraphs(hintParagraphs()) }

        // Good text (content scores) per subtree.
        var good = [Double](repeating: 0, count: n)
        for (i, b) in blocks.enumerated() where b.element >= 0 { good[Int(b.element)] += contentScore[i] }
        for e in stride(from: n - 1, through: 1, by: -1) where elements[e].parent >= 0 {
            good[Int(elements[e].parent)] += good[e]
        }

        // Promotion (readability's idea): when several other strong candidates share an
        // ancestor with the best one, the body was split into chunks; take the ancestor.
        let strong = (0..<n).filter { e in
            e != best && final[e] >= bestScore * 0.5 && !(e < best && best < Int(end[e]))
                && !(best < e && e < Int(end[best]))
        }.sorted { final[$0] > final[$1] }.prefix(5)
        if !strong.isEmpty {
            var a = Int(elements[best].parent)
            var levels = 0
            while a >= 0, levels < 8, elements[a].tag != .body, elements[a].tag != .html {
                let inside = strong.filter { $0 > a && $0 < Int(end[a]) }
                // Outermost strong candidates only (one may contain another).
                let outer = inside.filter { s in !inside.contains { o in o < s && s < Int(end[o]) } }
                if !outer.isEmpty {
                    let covered = good[best] + outer.reduce(0) { $0 + good[$1] }
                    if good[a] <= covered * 1.3 {
                        if debug { debugPrint("promote", best, "->", a) }
                        best = a
                        bestScore = max(bestScore, final[a])
                    }
                    break
                }
                a = Int(elements[a].parent)
                levels += 1
            }
        }
        if debug {
            for e in (0..<n).sorted(by: { final[$0] > final[$1] }).prefix(8) {
                debugPrint("cand", e, elements[e].tag, elements[e].hints.prefix(50), final[e], good[e])
            }
        }

        // Climb through wrappers while the extra good text they add stays small next to the
        // body found so far (a lead paragraph or a first chunk kept apart from the rest).
        // The scored container and its ancestors hold the prose: whatever their class words say
        // (WordPress puts "author-jane tag-news" on the post), they are not boilerplate.
        var protected = Set<Int>()
        var up = best
        while up >= 0 {
            protected.insert(up)
            up = Int(elements[up].parent)
        }
        // Only text before the body counts (a lead paragraph or first chunk); text after it is
        // far more often "About us", related links or newsletter blurbs.
        let base = good[best]
        var target = best
        var targetGood = base
        var a = Int(elements[best].parent)
        let bestStart = best
        let bestEnd = Int(end[best])
        var climbed = 0
        while a >= 0, climbed < 30, elements[a].tag != .body, elements[a].tag != .html, good[a] <= base * 1.5 {
            climbed += 1
            if good[a] > targetGood + 1e-9 {
                var after = 0.0
                for (i, b) in blocks.enumerated() {
                    let e = Int(b.element)
                    if e >= bestEnd && e < Int(end[a]) { after += contentScore[i] }
                }
                _ = bestStart
                if after >= 2 { break }
                target = a
                targetGood = good[a]
            }
            a = Int(elements[a].parent)
        }
        if targetGood - base >= 2 {
            if debug { debugPrint("climb", best, "->", target, targetGood, base) }
            best = target
        }

        // Merge siblings of the body container that hold good text; text-only siblings
        // without a score (short paragraphs) are kept when they lie between merged ones.
        var roots: [Int] = [best]
        let parent = Int(elements[best].parent)
        if parent >= 0, elements[parent].tag != .html {
            var chosen: [(Int, Bool)] = []
            var c = parent + 1
            while c < Int(end[parent]) {
                if c == best {
                    chosen.append((c, true))
                } else if !verdicts[c].boilerplate, textBytes[c] > 0 {
                    let ld = Double(linkBytes[c]) / Double(textBytes[c])
                    if ld < 0.3 && elements[c].roles.isDisjoint(with: Self.boilerplateRoles) {
                        // A strong container of its own, or a single paragraph (an element
                        // with no block-level children) that reads as prose.
                        let strongSibling = final[c] >= max(bestScore * 0.2, 3)
                        let leaf = Int(end[c]) == c + 1
                        if strongSibling || leaf && good[c] > 0 {
                            chosen.append((c, true))
                        } else if leaf {
                            chosen.append((c, false))
                        }
                    }
                }
                c = Int(end[c])  // next sibling
            }
            while let last = chosen.last, !last.1 { chosen.removeLast() }
            while let first = chosen.first, !first.1 { chosen.removeFirst() }
            roots = chosen.map(\.0)
            if roots.isEmpty { roots = [best] }
        }

        if debug { debugPrint("roots", roots) }
        // Nearest boilerplate element at or above each element inside the roots (pre-order:
        // parents come first); -1 outside.
        var nearestBad = [Int32](repeating: -1, count: n)
        for r in roots {
            for e in r..<Int(end[r]) {
                let p = Int(elements[e].parent)
                let inherited = e == r || p < 0 ? -1 : nearestBad[p]
                nearestBad[e] = !protected.contains(e) && verdicts[e].boilerplate ? Int32(e) : inherited
            }
        }

        // Which root each element belongs to (roots are disjoint subtrees).
        var rootOf = [Int32](repeating: -1, count: n)
        for r in roots {
            for e in r..<Int(end[r]) { rootOf[e] = Int32(r) }
        }

        // Collect the kept blocks, in document order.
        var out: [Int32] = []
        // Repeated texts are found by the hash of their key, checked against the kept texts
        // with that hash, rather than by a set of the keys: that set was a second copy of the
        // whole article's text (lower-cased), held through the selection.
        var seenKeys = KeptTexts()
        var sawParagraph = false
        var headingLike: [Bool] = []
        /// droppedAfter[k]: a block was dropped (for links) just before the k-th kept one.
        var droppedAfter: [Int: Bool] = [:]
        for (i, b) in blocks.enumerated() where b.element >= 0 {
            let e = Int(b.element)
            var root = Int(rootOf[e])
            // Text directly in the shared parent, between two merged siblings.
            if root < 0, roots.count > 1, e == parent, b.kind == .paragraph || b.kind == .text,
                contentScore[i] > 0, b.element > Int32(roots.first!), b.element < Int32(roots.last!)
            {
                root = parent
            }
            guard root >= 0 else { continue }
            let t = page.text(of: b)
            let rootRoles = elements[root].roles
            let relative = b.roles.subtracting(rootRoles)
            let isEmbed = b.roles.contains(.embed)
            if !isEmbed {
                if !relative.isDisjoint(with: Self.boilerplateRoles) { continue }
                if Int(nearestBad[e]) > root { continue }
                if b.kind == .caption { continue }
                let maxLinks = b.kind == .listItem || b.textBytes < 80 ? 0.3 : 0.5
                if b.linkDensity > maxLinks && !(useHint && hintMatched[i]) {
                    droppedAfter[out.count] = true
                    continue
                }
                if b.kind == .heading {
                    let k = htmlKey(t)
                    if headline.contains(k) || b.headingLevel == 1 && !sawParagraph { continue }
                }
                if rules.phrases.isBoilerplate(t) { continue }
                if !sawParagraph, HTMLBoilerplate.isByline(t) || HTMLBoilerplate.isDateLine(t) {
                    continue
                }
                if b.kind != .heading, headline.contains(htmlKey(t)), !sawParagraph { continue }
            }
            // Repeated text (pull quotes, duplicated mobile/desktop blocks).
            if b.textBytes >= 30 {
                let k = htmlKey(t)
                let isNew = seenKeys.insert(hash: k.hashValue, place: Int32(out.count)) { htmlKey(page.text(of: blocks[Int(out[Int($0)])])) == k }
                if !isNew { continue }
            }
            if contentScore[i] > 0 { sawParagraph = true }
            out.append(Int32(i))
            headingLike.append(b.kind == .heading || (b.textBytes < 60 && !Self.endsSentence(t)))
        }
        // A heading whose section was all dropped ("More Great Stories" over a link list).
        // Walk backwards so that a heading followed by a removed heading is judged against
        // what follows after the removal.
        var keep = [Bool](repeating: true, count: out.count)
        var nextKept = out.count  // index of the next kept item after k
        var k = out.count - 1
        while k >= 0 {
            if headingLike[k], droppedAfter[k + 1] == true, nextKept == out.count || headingLike[nextKept] {
                keep[k] = false
            } else {
                nextKept = k
            }
            k -= 1
        }
        // In place: a filtered copy of (text, keep) pairs would be one more array a block.
        var kept = 0
        for i in out.indices where keep[i] {
            out.swapAt(kept, i)
            kept += 1
        }
        out.removeLast(out.count - kept)
        if out.isEmpty { return .paragraphs(hintParagraphs()) }
        return .blocks(out)
    }

    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last else { return false }
        return ".!?:;\"”’)。！？".unicodeScalars.contains(last)
    }

    /// The places in `out` of the kept texts, found by their key's hash: an open-addressing
    /// table of entries (a hash and a place each) rather than a dictionary of arrays, which on
    /// a page of 820,000 paragraphs held some 70 MB (an array a text) of the selection's peak.
    private struct KeptTexts {
        /// Entry numbers, -1 where empty; a power of two long, at most half full.
        private var slots = [Int32](repeating: -1, count: 1024)
        private var hashes: [Int] = []
        private var places: [Int32] = []

        /// Records `place` under `hash` unless a text already recorded under that hash is the
        /// same (`isSame` of its place); true when recorded.
        mutating func insert(hash: Int, place: Int32, isSame: (Int32) -> Bool) -> Bool {
            var i = hash & (slots.count - 1)
            while slots[i] >= 0 {
                let e = Int(slots[i])
                if hashes[e] == hash, isSame(places[e]) { return false }
                i = (i + 1) & (slots.count - 1)
            }
            slots[i] = Int32(hashes.count)
            hashes.append(hash)
            places.append(place)
            if hashes.count * 2 > slots.count { grow() }
            return true
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for (e, hash) in hashes.enumerated() {
                var i = hash & (slots.count - 1)
                while slots[i] >= 0 { i = (i + 1) & (slots.count - 1) }
                slots[i] = Int32(e)
            }
        }
    }

    /// Class/id verdicts, worked out on demand and cached by the hints text. Not by element as
    /// well: most elements have no hints (nothing to look up), and on a huge page a verdict an
    /// element was 16 bytes each of the selection's peak.
    private struct Verdicts {
        let elements: [Element]
        let words: HTMLClassWords
        var byText: [String: HTMLClassVerdict] = [:]

        init(elements: [Element], words: HTMLClassWords) {
            self.elements = elements
            self.words = words
        }

        subscript(e: Int) -> HTMLClassVerdict {
            mutating get {
                let el = elements[e]
                guard !el.hints.isEmpty && el.tag != .body && el.tag != .html else { return HTMLClassVerdict() }
                if let c = byText[el.hints] { return c }
                let v = words.classify(el.hints)
                byText[el.hints] = v
                return v
            }
        }
    }

    /// How much a block looks like article prose (0 = not at all).
    static func contentScore(_ b: Block, _ text: [UInt8]) -> Double {
        if !b.roles.isDisjoint(with: outsideRoles) { return 0 }
        switch b.kind {
        case .heading, .caption, .tableCell: return 0
        default: break
        }
        let ld = b.linkDensity
        if ld > 0.5 { return 0 }
        var chars = 0
        var commas = 0
        var stops = 0
        var prev: UInt8 = 0
        var spaces = 0
        var ascii = true
        for c in text[b.textRange] {
            if c & 0xC0 != 0x80 { chars += 1 }
            if c == 0x20 { spaces += 1 }
            if c >= 0x80 { ascii = false }
            switch c {
            case 0x2C: commas += 1  // ,
            case 0x2E, 0x21, 0x3F: stops += 1  // . ! ?
            case 0x8C where prev == 0xBC: commas += 1  // ， (EF BC 8C)
            case 0x81 where prev == 0x80: commas += 1  // 、 (E3 80 81)
            case 0x82 where prev == 0x80: stops += 1  // 。 (E3 80 82)
            default: break
            }
            prev = c
        }
        // CJK text carries more per character.
        let weightChars = Int(b.textBytes) > chars * 2 ? chars * 3 : chars
        if weightChars < 25 { return 0 }
        // Prose has words: "landscape-tablet-and-above" or a URL alone is not.
        if spaces < 2 && (ascii || spaces == 0 && chars == Int(b.textBytes)) { return 0 }
        var s = 1 + Double(min(commas, 8)) + min(Double(weightChars) / 100, 3) + Double(min(stops, 3)) * 0.5
        if b.kind == .listItem { s *= 0.5 }
        return s * (1 - ld)
    }

    /// The JSON-LD articleBody as paragraphs, when the page's own blocks gave nothing.
    private func hintParagraphs() -> [String] {
        guard let hint else { return [] }
        let paragraphs = hintFallback()
        return paragraphs.isEmpty ? [hint] : paragraphs
    }
}

/// Lower-cased letters and digits only: for comparing texts regardless of spacing,
/// punctuation and case.
func htmlKey(_ s: String) -> String {
    String(decoding: htmlKeyBytes(s), as: UTF8.self)
}

/// `htmlKey` as UTF-8 bytes; ASCII is handled byte by byte, other scalars by their properties.
func htmlKeyBytes(_ s: String, limit: Int = .max) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(min(s.utf8.count, limit))
    // One pass over the string's contiguous UTF-8 (native strings always have it), decoding
    // only the non-ASCII scalars.
    let done: Bool? = s.utf8.withContiguousStorageIfAvailable { buf -> Bool in
        appendKey(validUTF8: buf, to: &out, limit: limit)
        return true
    }
    if done != nil { return out }
    for u in s.unicodeScalars {
        if out.count >= limit { break }
        appendKeyScalar(u, to: &out)
    }
    return out
}

/// `htmlKeyBytes` of the bytes at `range` in `text`, which must be valid UTF-8 (an
/// `HTMLPage`'s text is): no string is made.
func htmlKeyBytes(_ text: [UInt8], _ range: Range<Int>, limit: Int = .max) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(min(range.count, limit))
    text.withUnsafeBufferPointer { appendKey(validUTF8: UnsafeBufferPointer(rebasing: $0[range]), to: &out, limit: limit) }
    return out
}

/// The key bytes of valid UTF-8, up to `limit` of them.
private func appendKey(validUTF8 buf: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], limit: Int) {
        let n = buf.count
        var i = 0
        while i < n {
            if out.count >= limit { break }
            let c = buf[i]
            if c < 0x80 {
                if c >= 0x61 && c <= 0x7A || c >= 0x30 && c <= 0x39 {
                    out.append(c)
                } else if c >= 0x41 && c <= 0x5A {
                    out.append(c | 0x20)
                }
                i += 1
                continue
            }
            // A valid sequence (the string's storage is valid UTF-8): 2, 3 or 4 bytes.
            var v: UInt32
            let len: Int
            if c < 0xE0 {
                v = UInt32(c & 0x1F)
                len = 2
            } else if c < 0xF0 {
                v = UInt32(c & 0x0F)
                len = 3
            } else {
                v = UInt32(c & 0x07)
                len = 4
            }
            for k in 1..<len { v = v << 6 | UInt32(buf[i + k] & 0x3F) }
            i += len
            // No-break space and General Punctuation (quotes, dashes, ellipsis, …): neither
            // letters nor numbers, and the most common non-ASCII in news text.
            if v == 0xA0 || (v >= 0x2000 && v <= 0x206F) { continue }
            appendKeyScalar(Unicode.Scalar(v)!, to: &out)
        }
}

/// One scalar's contribution to `htmlKey`: ASCII letters lower-cased and digits; other
/// letters and numbers lower-cased by their Unicode properties.
private func appendKeyScalar(_ u: Unicode.Scalar, to out: inout [UInt8]) {
    if u.isASCII {
        let c = UInt8(u.value)
        if c >= 0x61 && c <= 0x7A || c >= 0x30 && c <= 0x39 {
            out.append(c)
        } else if c >= 0x41 && c <= 0x5A {
            out.append(c | 0x20)
        }
    } else if u.properties.isAlphabetic || u.properties.numericType != nil {
        out.append(contentsOf: u.properties.lowercaseMapping.utf8)
    }
}

/// Substring search of bytes in bytes, over the arrays' storage (the hint of a long article
/// is searched for a few hundred block keys).
func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    let n = needle.count
    guard n > 0 else { return true }
    guard haystack.count >= n else { return false }
    return haystack.withUnsafeBufferPointer { h in
        needle.withUnsafeBufferPointer { k in
            let first = k[0]
            var i = 0
            let last = h.count - n
            while i <= last {
                if h[i] == first {
                    var j = 1
                    while j < n && h[i + j] == k[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }
}
