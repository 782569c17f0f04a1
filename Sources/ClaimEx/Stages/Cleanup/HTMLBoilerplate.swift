/// Phrases that are page furniture, not article text, whatever element holds them
/// (rules/cleanup/html-phrases.txt).
struct HTMLPhrases: Sendable, Equatable {
    /// `htmlKey` of whole-block texts.
    var exact: Set<String>
    /// Lower-cased block starts.
    var prefixes: [String] {
        didSet { prefixBytes = prefixes.map { Array($0.utf8) } }
    }
    /// `prefixes` as UTF-8, for the byte comparison of ASCII block starts.
    private var prefixBytes: [[UInt8]]

    init(exact: [String], prefixes: [String]) {
        self.exact = Set(exact.map(htmlKey).filter { !$0.isEmpty })
        let lowered = prefixes.map { $0.lowercased() }.filter { !$0.isEmpty }
        self.prefixes = lowered
        prefixBytes = lowered.map { Array($0.utf8) }
    }

    static let builtIn = HTMLPhrases(exact: HTMLBoilerplate.exact, prefixes: HTMLBoilerplate.prefixes)

    func isBoilerplate(_ text: String) -> Bool {
        let bytes = text.utf8.count
        if bytes <= 60, exact.contains(htmlKey(text)) { return true }
        guard bytes <= 300 else { return false }
        // ASCII start (the usual case): compare lower-cased bytes. With the first 61 bytes all
        // ASCII, every character up to the 60th is one byte and none after a prefix combines
        // with it, so this is what the Character comparison below would decide.
        let asciiStart: [UInt8]? = text.utf8.withContiguousStorageIfAvailable { buf -> [UInt8]? in
            let n = min(buf.count, 61)
            var lower = [UInt8](repeating: 0, count: min(buf.count, 60))
            for i in 0..<n {
                let c = buf[i]
                if c >= 0x80 || c == 0x0D { return nil }
                if i < 60 { lower[i] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            }
            return lower
        } ?? nil
        if let lower = asciiStart {
            for p in prefixBytes where lower.count >= p.count && lower[0..<p.count].elementsEqual(p) { return true }
            return false
        }
        let lower = text.prefix(60).lowercased()
        for p in prefixes where lower.hasPrefix(p) { return true }
        return false
    }
}

enum HTMLBoilerplate {
    /// Whole-block texts (compared with `htmlKey`: case, spacing and punctuation ignored).
    static let exact: [String] = [
            "Advertisement", "Advertising", "Advert", "Ad", "Sponsored", "Sponsored content",
            "Continue reading the main story", "Continue reading", "Continue reading below",
            "Story continues below", "Story continues below advertisement", "Article continues below",
            "Read more", "Read More", "Read next", "Read the full story", "Related",
            "Related articles", "Related stories", "Related content", "Related coverage",
            "More from", "Recommended", "Recommended for you", "Share", "Share this",
            "Share this article", "Share this story", "Share on Facebook", "Share on Twitter",
            "Tweet", "Email", "Print", "Comments", "Comment", "Leave a comment", "Show comments",
            "Skip to main content", "Skip to content", "Sign up", "Subscribe", "Subscribe now",
            "Loading", "Loading...", "Close", "Menu", "Search", "Log in", "Sign in", "Back to top",
            "Click to expand", "Image", "Photo", "Video", "Play video", "Watch", "Listen",
            "Listen to this article", "Enlarge this image", "Toggle caption", "Hide caption",
            "Show caption", "View gallery", "Most popular", "Most read", "Trending",
            "You may also like", "What to read next", "Follow us", "Topics", "Tags",
            "This article is more than 1 year old", "Pause", "Next", "Previous",
        ]

    /// Block starts that mark furniture (lower-cased, compared on the block's lower-cased start).
    static let prefixes: [String] = [
        "read more:", "related:", "subscribe to", "like this story?", "join the conversation", "see also:", "sign up for", "subscribe to our", "click here to subscribe",
        "we've got more newsletters", "get the latest", "image copyright", "image caption",
        "media playback is unsupported", "getty images", "photo:", "photograph:", "(photo:",
        "this content is imported from", "you may be able to find more information",
        "already a subscriber", "we use cookies", "by clicking", "copyright ©", "all rights reserved",
    ]

    static func isBoilerplate(_ text: String) -> Bool { HTMLPhrases.builtIn.isBoilerplate(text) }

    /// "By Jane Doe", "By Jane Doe and John Roe, Reuters", "BY JANE DOE | STAFF WRITER".
    static func isByline(_ text: String) -> Bool {
        guard text.utf8.count <= 120 else { return false }
        let lower = text.lowercased()
        guard lower.hasPrefix("by ") || lower.hasPrefix("by:") || lower.hasPrefix("written by")
            || lower.hasPrefix("posted by") || lower.hasPrefix("von ") || lower.hasPrefix("por ")
        else { return false }
        let words = text.split(separator: " ").count
        if words > 14 { return false }
        // A sentence that starts with "By" ("By Tuesday, the talks had stalled.") has
        // lower-case words after the first few.
        let lowerWords = text.split(separator: " ").dropFirst().filter {
            guard let f = $0.unicodeScalars.first else { return false }
            return f.properties.isLowercase && !["and", "of", "de", "van", "von", "der", "la", "le", "del", "da", "for", "in", "at", "the", "&"].contains(String($0))
        }.count
        return lowerWords <= 2
    }

    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// "Updated 3:45 PM ET, Tue November 19, 2019", "Published: 19 Nov 2019", "2 hours ago".
    static func isDateLine(_ text: String) -> Bool {
        guard text.utf8.count <= 90 else { return false }
        let lower = text.lowercased()
        guard lower.contains(where: \.isNumber) else { return false }
        for p in ["updated", "published", "posted", "last updated", "first published", "modified", "date:"]
        where lower.hasPrefix(p) {
            return true
        }
        // "The Associated Press Published Monday, November 18, 2019 8:22AM EST".
        if lower.contains(" published ") || lower.contains(" updated ") || lower.contains(" posted "),
            months.contains(where: { lower.contains($0) })
        {
            return true
        }
        if lower.hasSuffix(" ago") { return true }
        // Mostly a date: a month name and few words, no sentence.
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "|" })
        if words.count <= 9, words.contains(where: { w in months.contains { w.hasPrefix($0) } }),
            !lower.hasSuffix(".") || lower.hasSuffix("p.m.") || lower.hasSuffix("a.m.")
        {
            let digits = words.filter { $0.first?.isNumber == true }.count
            return digits >= 1 && words.count - digits <= 6
        }
        return false
    }
}
