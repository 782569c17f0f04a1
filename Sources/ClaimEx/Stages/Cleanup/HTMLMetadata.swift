import Foundation
import HTMLText

/// Reads a page's metadata (title, authors, date, URL, language) from what `HTMLText` collected:
/// JSON-LD first, then Open Graph / article meta tags, then the page itself.
struct HTMLMetadataReader {
    var document = DocumentMetadata()
    /// JSON-LD articleBody, whitespace collapsed, when the page gives one.
    var articleBodyHint: String?
    /// The raw JSON-LD articleBody behind `articleBodyHint`.
    var articleBodyRaw: String?
    /// The hint split at its line breaks, for when the page's own blocks give nothing: worked
    /// out on demand, as most pages never need it and splitting by Character is not cheap.
    var articleBodyParagraphs: [String] {
        articleBodyRaw.map { $0.split(whereSeparator: \.isNewline).compactMap { Self.clean(String($0)) } } ?? []
    }
    /// Texts that are the headline (to drop from the body), normalised with `htmlKey`.
    var headlines: Set<String> = []

    static func read(_ page: HTMLPage) -> HTMLMetadataReader {
        var r = HTMLMetadataReader()
        let m = page.metadata
        var ld = JSONLDArticle()
        for raw in m.jsonLD { ld.absorb(raw) }

        // Title.
        let titleCandidates = [ld.headline, m.meta["og:title"], m.meta["twitter:title"], m.firstH1, m.title]
        r.document.title = titleCandidates.compactMap { $0.flatMap(clean) }.first.map {
            stripSiteName($0, site: m.meta["og:site_name"] ?? m.meta["application-name"])
        }
        for t in titleCandidates.compactMap({ $0.flatMap(clean) }) { r.headlines.insert(htmlKey(t)) }
        if let t = m.title.flatMap(clean) {
            // "Headline | Site" and "Headline - Site".
            for sep in [" | ", " - ", " – ", " — ", " :: "] {
                if let range = t.range(of: sep, options: .backwards) {
                    r.headlines.insert(htmlKey(String(t[..<range.lowerBound])))
                }
            }
        }

        // Authors.
        var authors = ld.authors
        if authors.isEmpty {
            for key in ["author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author"] {
                if let v = m.meta[key].flatMap(clean), !looksLikeURL(v) {
                    authors = splitNames(v.hasPrefix("By ") || v.hasPrefix("by ") ? String(v.dropFirst(3)) : v)
                    break
                }
            }
        }
        if authors.isEmpty {
            authors = m.relAuthors.compactMap(clean).filter { !looksLikeURL($0) && $0.count < 60 }
        }
        var seen = Set<String>()
        r.document.authors = authors.map(stripBy).filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }

        // Date.
        let dates = [
            ld.datePublished, m.meta["article:published_time"], m.meta["og:article:published_time"],
            m.meta["datepublished"], m.meta["pubdate"], m.meta["publishdate"], m.meta["date"],
            m.meta["dc.date.issued"], m.meta["dc.date"], m.meta["sailthru.date"], m.meta["parsely-pub-date"],
            m.times.first,
        ]
        r.document.published = dates.compactMap { $0.flatMap(clean) }.first.map(isoDate)

        // URL and language.
        r.document.url = [m.canonical, m.meta["og:url"], ld.url].compactMap { $0.flatMap(clean) }.first
        let lang = m.lang ?? m.meta["og:locale"] ?? m.meta["content-language"] ?? m.meta["language"]
        r.document.lang = lang.flatMap(clean).map { $0.replacingOccurrences(of: "_", with: "-") }

        // At least 200 characters; the byte count rules out short bodies without counting
        // characters, and the count stops at the 200th.
        if let raw = ld.articleBody, let body = clean(raw), body.utf8.count >= 200,
            body.index(body.startIndex, offsetBy: 200, limitedBy: body.endIndex) != nil
        {
            r.articleBodyHint = body
            r.articleBodyRaw = raw
        }
        return r
    }

    /// White space collapsed and trimmed (byte-level: ASCII white space and U+00A0), escaped
    /// entities decoded in short values; nil when nothing is left.
    private static func clean(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false
        var prev: UInt8 = 0
        for c in s.utf8 {
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                space = !out.isEmpty
            } else if c == 0xC2 {
                // Possibly the first byte of U+00A0; decided on the next byte.
            } else if c == 0xA0 && prev == 0xC2 {
                space = !out.isEmpty
            } else {
                if space {
                    out.append(0x20)
                    space = false
                }
                if prev == 0xC2 { out.append(0xC2) }
                out.append(c)
            }
            prev = c
        }
        if prev == 0xC2 { out.append(0xC2) }
        guard !out.isEmpty else { return nil }
        let t = String(decoding: out, as: UTF8.self)
        return out.count <= 1000 ? decodeEntities(t) : t
    }

    /// JSON-LD and meta values sometimes carry escaped entities once more.
    private static func decodeEntities(_ s: String) -> String {
        // A byte test first: most values have no '&', and Foundation's search is not cheap.
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var t = s
        for (k, v) in [("&amp;", "&"), ("&quot;", "\""), ("&#39;", "'"), ("&#039;", "'"), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " ")] {
            t = t.replacingOccurrences(of: k, with: v)
        }
        return t
    }

    /// "Headline | Site" → "Headline" when Site is the page's declared site name.
    static func stripSiteName(_ title: String, site: String?) -> String {
        guard let site = site.flatMap(clean), !site.isEmpty else { return title }
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            let suffix = sep + site
            if title.count > suffix.count + 3, title.lowercased().hasSuffix(suffix.lowercased()) {
                return String(title.dropLast(suffix.count))
            }
        }
        return title
    }

    /// "By Jane Doe" → "Jane Doe".
    private static func stripBy(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasPrefix("by ") { return String(name.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
        return name
    }

    private static func looksLikeURL(_ s: String) -> Bool {
        s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("/") || s.hasPrefix("www.")
    }

    private static func splitNames(_ s: String) -> [String] {
        s.replacingOccurrences(of: " and ", with: ",").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// ISO 8601 where the value is parseable ("2019-11-19T10:00:00Z", "2019-11-19 10:00",
    /// "2019-11-20T06:35:39+0000", "20191119", "Nov. 19, 2019", "19 November 2019"), else as
    /// written.
    static func isoDate(_ s: String) -> String {
        let u = Array(s.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && r.allSatisfy { u[$0] >= 0x30 && u[$0] <= 0x39 } }
        if digits(0..<4), u.count >= 10, u[4] == 0x2D, digits(5..<7), u[7] == 0x2D, digits(8..<10) {
            var t = s
            if u.count >= 16, u[10] == 0x20 { t = String(s.prefix(10)) + "T" + String(s.dropFirst(11)) }
            // "+0000" → "+00:00" (extended format throughout).
            let v = Array(t.utf8)
            let n = v.count
            if n >= 24, v[n - 5] == 0x2B || v[n - 5] == 0x2D, (n - 4..<n).allSatisfy({ v[$0] >= 0x30 && v[$0] <= 0x39 }) {
                t = String(t.dropLast(2)) + ":" + String(t.suffix(2))
            }
            return t
        }
        if u.count == 8, digits(0..<8) {
            return "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.suffix(2))"
        }
        return textualDate(s) ?? s
    }

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// "Nov. 19, 2019", "November 19 2019", "19 November 2019", "Tue, 19 Nov 2019" → "2019-11-19".
    static func textualDate(_ s: String) -> String? {
        let words = s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard words.count <= 8 else { return nil }
        var month: Int?
        var day: Int?
        var year: Int?
        for w in words {
            if let n = Int(w) {
                if w.count == 4, n >= 1900, n <= 2200 {
                    year = year ?? n
                } else if w.count <= 2, n >= 1, n <= 31, day == nil {
                    day = n
                }
            } else if month == nil, w.count >= 3, let m = monthNames.firstIndex(where: { w.hasPrefix($0) }) {
                let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][m]
                if full.hasPrefix(w) || w == "sept" { month = m + 1 }
            }
        }
        guard let year, let month, let day else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}

/// The fields of the page's schema.org Article (NewsArticle, BlogPosting, ...) in JSON-LD.
struct JSONLDArticle {
    var headline: String?
    var datePublished: String?
    var authors: [String] = []
    var articleBody: String?
    var url: String?

    private static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
        "techarticle", "report", "liveblogposting", "webpage", "socialmediaposting", "review",
    ]

    mutating func absorb(_ raw: String) {
        guard let data = raw.data(using: .utf8),
            let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return }
        var queue: [Any] = [json]
        var steps = 0
        while let item = queue.popLast(), steps < 500 {
            steps += 1
            if let array = item as? [Any] {
                queue.append(contentsOf: array.reversed())
                continue
            }
            guard let obj = item as? [String: Any] else { continue }
            if let graph = obj["@graph"] { queue.append(graph) }
            let types: [String] =
                ((obj["@type"] as? String).map { [$0] } ?? (obj["@type"] as? [String]) ?? []).map { $0.lowercased() }
            guard types.contains(where: Self.articleTypes.contains) else { continue }
            let isWebPage = types == ["webpage"]
            if headline == nil, let h = (obj["headline"] as? String) ?? (isWebPage ? nil : obj["name"] as? String) {
                headline = h
            }
            if datePublished == nil, let d = (obj["datePublished"] as? String) ?? (obj["dateCreated"] as? String) {
                datePublished = d
            }
            if authors.isEmpty, let a = obj["author"] ?? obj["creator"] { authors = Self.names(a) }
            if articleBody == nil, let b = obj["articleBody"] as? String { articleBody = b }
            if url == nil, !isWebPage, let u = obj["url"] as? String { url = u }
        }
    }

    private static func names(_ value: Any) -> [String] {
        if let s = value as? String { return s.hasPrefix("http") ? [] : [s] }
        if let o = value as? [String: Any] {
            if let n = o["name"] as? String { return [n] }
            return []
        }
        if let a = value as? [Any] {
            // People before organisations: a publisher listed among the authors is not one.
            let people = a.filter { (($0 as? [String: Any])?["@type"] as? String)?.lowercased() != "organization" }
            return (people.isEmpty ? a : people).flatMap(names)
        }
        return []
    }
}

/// A wire-story dateline at the start of the first paragraph: "WASHINGTON (Reuters) -",
/// "BUFFALO, N.Y. —", "NEW DELHI:".
enum HTMLDateline {
    static func find(in paragraph: String) -> Dateline? {
        let scalars = Array(paragraph.unicodeScalars.prefix(80))
        var i = 0
        var upper = 0
        // Place: upper-case letters, spaces, dots, commas, apostrophes, hyphens (mixed case
        // after a comma is allowed: "BUFFALO, N.Y.", "HANOI, Vietnam").
        var sawComma = false
        while i < scalars.count {
            let c = scalars[i]
            if c.properties.isUppercase {
                upper += 1
            } else if c.properties.isLowercase {
                if !sawComma { break }
            } else if c == "," {
                sawComma = true
            } else if !(c == " " || c == "." || c == "'" || c == "’" || (c == "-" && i + 1 < scalars.count && scalars[i + 1] != " ")) {
                break
            }
            i += 1
        }
        guard upper >= 3 else { return nil }
        var placeEnd = i
        while placeEnd > 0, scalars[placeEnd - 1] == " " { placeEnd -= 1 }
        let place = String(String.UnicodeScalarView(scalars[0..<placeEnd]))
        // The place itself must be upper case before any comma.
        let head = place.split(separator: ",").first.map(String.init) ?? place
        guard head == head.uppercased(), head.count >= 3 else { return nil }
        var agency: String?
        var j = i
        if j < scalars.count, scalars[j] == "(" {
            guard let close = scalars[j...].firstIndex(of: ")"), close - j < 30 else { return nil }
            agency = String(String.UnicodeScalarView(scalars[(j + 1)..<close]))
            j = close + 1
            while j < scalars.count, scalars[j] == " " { j += 1 }
        }
        guard j < scalars.count else { return nil }
        let dash = scalars[j]
        guard dash == "-" || dash == "–" || dash == "—" || dash == ":" else { return nil }
        return Dateline(place: place, agency: agency)
    }
}
