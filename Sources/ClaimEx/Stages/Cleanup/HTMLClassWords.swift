/// What an element's class/id/itemprop/role words say about it.
///
/// `boilerplate`: inside an article body, text under such an element is not article text
/// (share bars, related links, captions, bylines, newsletter boxes, ads, ...).
/// `weight`: > 0 for words that name article content ("article-body", "story"), < 0 for
/// boilerplate; used when ranking body containers.
struct HTMLClassVerdict: Sendable, Equatable {
    var boilerplate = false
    var weight = 0
}

/// The class/id word lists (rules/cleanup/html-classes.txt) and how they are matched.
struct HTMLClassWords: Sendable, Equatable {
    var boilerplate: [[UInt8]]
    /// Slices, so that a class name's tokens are looked up in place, without a copy each.
    var tokens: Set<ArraySlice<UInt8>>
    var content: [[UInt8]]
    /// `boilerplate` and `content` fragments indexed by their first byte, tagged
    /// (true = boilerplate), so a name is scanned once for all of them.
    private var byFirstByte: [[(fragment: [UInt8], boilerplate: Bool)]]

    init(boilerplate: [String], tokens: [String], content: [String]) {
        self.boilerplate = boilerplate.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        self.tokens = Set(tokens.map { ArraySlice($0.lowercased().utf8) }.filter { !$0.isEmpty })
        self.content = content.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        var index = [[(fragment: [UInt8], boilerplate: Bool)]](repeating: [], count: 256)
        for f in self.boilerplate { index[Int(f[0])].append((f, true)) }
        for f in self.content { index[Int(f[0])].append((f, false)) }
        byFirstByte = index
    }

    static func == (a: HTMLClassWords, b: HTMLClassWords) -> Bool {
        a.boilerplate == b.boilerplate && a.tokens == b.tokens && a.content == b.content
    }

    /// Whether `name` contains a boilerplate fragment, and whether it contains a content one.
    private func scan(_ name: ArraySlice<UInt8>) -> (bad: Bool, good: Bool) {
        var bad = false
        var good = false
        var i = name.startIndex
        while i < name.endIndex {
            for (f, isBoilerplate) in byFirstByte[Int(name[i])] where isBoilerplate ? !bad : !good {
                guard name.endIndex - i >= f.count else { continue }
                var k = 1
                while k < f.count && name[i + k] == f[k] { k += 1 }
                if k == f.count {
                    if isBoilerplate { bad = true } else { good = true }
                }
            }
            if bad && good { break }
            i += 1
        }
        return (bad, good)
    }

    static let builtIn = HTMLClassWords(
        boilerplate: boilerplateFragments, tokens: Array(boilerplateTokens), content: contentFragments)

    /// Substrings that mark boilerplate wherever they occur in a class or id name.
    static let boilerplateFragments: [String] = [
        "comment", "share", "sharing", "social", "related", "recommend", "newsletter", "subscri",
        "promo", "advert", "sponsor", "sidebar", "widget", "footer", "breadcrumb", "cookie",
        "consent", "gdpr", "popup", "modal", "outbrain", "taboola", "caption", "byline", "playlist",
        "toolbar", "signup", "sign-up", "trending", "masthead", "most-popular", "mostpopular",
        "most-read", "mostread", "more-stories", "morestories", "read-more", "readmore", "author",
        "credit", "timestamp", "pagination", "subnav", "navbar", "navigation", "visually-hidden",
        "visuallyhidden", "sr-only", "screen-reader", "slideshow", "carousel", "gallery",
        "overlay", "banner", "standfirst", "kicker", "eyebrow", "teaser", "recirc", "more-from",
        "read-next", "readnext", "up-next", "upnext", "next-article", "login", "feedback",
        "survey", "disqus", "tooltip", "dropdown", "jump-link", "skip-link", "keywords",
        "article-tags", "post-tags", "tag-list", "taglist", "topics", "headline", "dek",
        "subtitle", "sub-title", "subheadline", "sub-headline", "video",
        "inline-media", "image", "photo", "picture", "thumbnail", "print", "email", "follow",
        "rating", "tools", "utility", "bottom-of-article", "end-of-article", "wp-block-embed",
        "hidden-text", "read-time", "reading-time", "readtime", "readingtime",
    ]

    /// Whole tokens (class names split at '-', '_', ':' and spaces) that mark boilerplate.
    static let boilerplateTokens: [String] = [
        "nav", "menu", "ad", "ads", "adv", "dfp", "gpt", "adunit", "adslot", "adsense",
        "googletag", "meta", "date", "time", "tags", "tag", "aside", "rail", "hidden", "hide",
        "popular", "more", "links", "byl", "pubdate", "published", "updated",
        "legal", "disclosure", "header", "bio", "lightbox", "nocontent", "noprint",
    ]

    /// Substrings naming article content.
    static let contentFragments: [String] = [
        "article", "body", "content", "story", "entry", "text", "post", "main", "blog", "prose",
        "richtext", "rich-text", "paragraph",
    ]

    static func classify(_ hints: String) -> HTMLClassVerdict { builtIn.classify(hints) }

    func classify(_ hints: String) -> HTMLClassVerdict {
        var v = HTMLClassVerdict()
        guard !hints.isEmpty else { return v }
        var negative = 0
        var positive = 0
        var hintBytes = Array(hints.utf8)
        hintBytes.append(0x20)
        var start = 0
        for i in 0..<hintBytes.count where hintBytes[i] == 0x20 {
            defer { start = i + 1 }
            guard i > start else { continue }
            let name = hintBytes[start..<i]
            let scanned = scan(name)
            var bad = scanned.bad
            if !bad {
                var t = name.startIndex
                for j in name.startIndex...name.endIndex {
                    let sep = j == name.endIndex || name[j] == 0x2D || name[j] == 0x5F || name[j] == 0x3A
                    guard sep else { continue }
                    if j > t, tokens.contains(name[t..<j]) {
                        bad = true
                        break
                    }
                    t = j + 1
                }
            }
            if bad { negative += 1 }
            if scanned.good { positive += 1 }
        }
        // A name that is both ("article-footer", "post-meta", "story-share") is boilerplate.
        v.boilerplate = negative > 0
        v.weight = negative > 0 ? -1 : (positive > 0 ? 1 : 0)
        return v
    }
}
