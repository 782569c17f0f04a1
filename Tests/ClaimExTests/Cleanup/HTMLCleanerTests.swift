import Foundation
import Testing

@testable import ClaimEx

private let articlePage = """
    <!DOCTYPE html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>Senate passes the budget bill | Example News</title>
    <meta property="og:title" content="Senate passes the budget bill">
    <meta property="og:url" content="https://news.example.com/og-url">
    <link rel="canonical" href="https://news.example.com/politics/budget-bill">
    <script type="application/ld+json">
    {"@context":"https://schema.org","@type":"NewsArticle","headline":"Senate passes the budget bill",
     "datePublished":"2019-11-19T15:04:05Z",
     "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}]}
    </script>
    </head><body>
    <header class="site-header"><nav><ul>
      <li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/world">World</a></li>
    </ul></nav></header>
    <main>
    <article class="story">
      <header class="story-header">
        <h1>Senate passes the budget bill</h1>
        <p class="standfirst">Lawmakers approved the plan late on Tuesday after weeks of talks.</p>
        <div class="byline">By <a rel="author" href="/jane">Jane Doe</a> and John Roe</div>
        <time datetime="2019-11-19T15:04:05Z">Nov. 19, 2019</time>
      </header>
      <figure class="lead-image"><img src="x.jpg"><figcaption>Senators leave the chamber. (Photo: AP)</figcaption></figure>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      <div class="story-body">
        <p>WASHINGTON (AP) — The Senate passed the budget bill on Tuesday, sending it to the president, who is expected to sign it.</p>
        <p>The vote was 62 to 38, with several members of both parties crossing the aisle, according to the official tally.</p>
        <div class="ad-slot"><p>Advertisement</p></div>
        <h2>What comes next</h2>
        <p>The bill now goes to the White House, where aides said the president would review it, line by line, this week.</p>
        <blockquote class="twitter-tweet"><p>Big day in the Senate, and a good one for the country.</p>&mdash; A Senator (@senator) November 19, 2019</blockquote>
        <p>“This is a good day,” the majority leader said, adding that talks had been long, hard and, at times, bitter.</p>
        <div class="newsletter-signup"><p>Sign up for our politics newsletter, delivered every weekday morning to your inbox.</p></div>
        <p>Continue reading the main story</p>
        <p>Contributing: Sam Poe in New York.</p>
      </div>
      <aside class="related"><h3>Related</h3><ul>
        <li><a href="/a">House passes its own version of the bill after long debate</a></li>
        <li><a href="/b">What is in the budget bill, explained in charts and tables</a></li>
      </ul></aside>
    </article>
    <section class="comments"><p>Great article, thanks for writing it, I learned a lot from it today.</p></section>
    </main>
    <footer><p>© 2019 Example News. All rights reserved, including the right to reproduce this page.</p></footer>
    </body></html>
    """

@Suite("HTMLCleaner")
struct HTMLCleanerTests {
    let cleaner = HTMLCleaner()

    @Test func keepsTheBodyAndDropsTheChrome() {
        let result = cleaner.clean(Array(articlePage.utf8))
        #expect(
            result.paragraphs == [
                "WASHINGTON (AP) — The Senate passed the budget bill on Tuesday, sending it to the president, who is expected to sign it.",
                "The vote was 62 to 38, with several members of both parties crossing the aisle, according to the official tally.",
                "What comes next",
                "The bill now goes to the White House, where aides said the president would review it, line by line, this week.",
                "Big day in the Senate, and a good one for the country.",
                "— A Senator (@senator) November 19, 2019",
                "“This is a good day,” the majority leader said, adding that talks had been long, hard and, at times, bitter.",
                "Contributing: Sam Poe in New York.",
            ])
    }

    @Test func metadataComesFromThePage() {
        let m = cleaner.clean(Array(articlePage.utf8)).metadata
        #expect(m.title == "Senate passes the budget bill")
        #expect(m.authors == ["Jane Doe", "John Roe"])
        #expect(m.published == "2019-11-19T15:04:05Z")
        #expect(m.url == "https://news.example.com/politics/budget-bill")
        #expect(m.lang == "en")
        #expect(m.dateline == Dateline(place: "WASHINGTON", agency: "AP"))
    }

    @Test func metaTagsWhenThereIsNoJSONLD() {
        let html = """
            <html><head><title>Hello</title>
            <meta name="author" content="By Ann Lee">
            <meta name="pubdate" content="2020-01-02 03:04:05">
            <meta property="og:url" content="https://e.com/x">
            </head><body><div class="content">
            <p>One paragraph of real prose, with a comma, and a full stop at the end of it.</p>
            <p>Another paragraph of real prose, with a comma, and a full stop at the end.</p>
            </div></body></html>
            """
        let r = cleaner.clean(Array(html.utf8))
        #expect(r.paragraphs.count == 2)
        #expect(r.metadata.authors == ["Ann Lee"])
        #expect(r.metadata.published == "2020-01-02T03:04:05")
        #expect(r.metadata.url == "https://e.com/x")
        #expect(r.metadata.title == "Hello")
        #expect(r.metadata.dateline == nil)
    }

    @Test func bodySplitIntoChunksIsJoined() {
        let para = "<p>A sentence of article prose, long enough to count, with commas, and an end.</p>"
        let html =
            "<html><body><div class=\"chunks\">"
            + "<div class=\"chunk\"><div class=\"inner\">\(para)\(para.replacingOccurrences(of: "A sentence", with: "Second"))</div></div>"
            + "<div class=\"ad\"><p>Advertisement</p></div>"
            + "<div class=\"chunk\"><div class=\"inner\">\(para.replacingOccurrences(of: "A sentence", with: "Third"))\(para.replacingOccurrences(of: "A sentence", with: "Fourth"))</div></div>"
            + "</div><div class=\"sidebar\"><p>Sidebar text that is long enough to look like prose, really.</p></div></body></html>"
        let r = cleaner.clean(Array(html.utf8))
        #expect(r.paragraphs.map { String($0.prefix(6)) } == ["A sent", "Second", "Third ", "Fourth"])
    }

    /// A text already kept (by its key: letters and digits, lower-cased) is dropped when it
    /// comes again, on a page of thousands of paragraphs as on a short one; short texts (under
    /// 30 bytes) are never taken for repeats.
    @Test func repeatedTextsAreDroppedAfterTheFirst() {
        func prose(_ i: Int) -> String { "Paragraph \(i) tells of the river, the bridge and the old town hall." }
        var html = "<html><body><article>"
        var expected: [String] = []
        for i in 0..<3000 {
            html += "<p>\(prose(i))</p>"
            expected.append(prose(i))
            if i % 10 == 9 {
                // The same text again, in other case and punctuation, a few paragraphs later.
                html += "<p>PARAGRAPH \(i - 5) tells of the river; the bridge and the old town hall!</p>"
            }
            if i % 100 == 50 {
                html += "<p>Short, said the mayor.</p>"
                expected.append("Short, said the mayor.")
            }
        }
        html += "</article></body></html>"
        #expect(cleaner.clean(Array(html.utf8)).paragraphs == expected)
    }

    @Test func nothingArticleLikeGivesNoParagraphs() {
        let html = "<html><body><nav><a href=/a>A</a> <a href=/b>B</a></nav><p>Hi</p></body></html>"
        #expect(cleaner.clean(Array(html.utf8)).paragraphs.isEmpty)
        #expect(cleaner.clean([]).paragraphs.isEmpty)
        #expect(cleaner.clean([0xFF, 0x00, 0x3C]).paragraphs.isEmpty)
    }

    @Test func paragraphsAreNormalised() {
        let html = "<div class=article-body><p>  Some   text\n\n with\tbreaks,  and more words here to make prose. </p><p>Second\u{00A0}\u{00A0}one, with more words to pass the prose bar.</p></div>"
        for p in cleaner.clean(Array(html.utf8)).paragraphs {
            #expect(!p.contains("\n"))
            #expect(!p.contains("  "))
            #expect(p.first != " " && p.last != " ")
        }
    }

    @Test func jsonLDArticleBodyIsTheFallback() {
        let body = String(repeating: "The body sentence from structured data, with words. ", count: 6)
        let html = """
            <html><head><script type="application/ld+json">{"@type":"Article","articleBody":"\(body)"}</script></head>
            <body><nav><a href="/">Home</a></nav></body></html>
            """
        let r = cleaner.clean(Array(html.utf8))
        #expect(r.paragraphs == [body.trimmingCharacters(in: .whitespaces)])
    }

    @Test func datesBecomeISO8601WherePossible() {
        #expect(HTMLMetadataReader.isoDate("2019-11-19T10:00:00Z") == "2019-11-19T10:00:00Z")
        #expect(HTMLMetadataReader.isoDate("2019-11-20T06:35:39+0000") == "2019-11-20T06:35:39+00:00")
        #expect(HTMLMetadataReader.isoDate("2019-11-20 06:35") == "2019-11-20T06:35")
        #expect(HTMLMetadataReader.isoDate("20191119") == "2019-11-19")
        #expect(HTMLMetadataReader.isoDate("Nov. 19, 2019") == "2019-11-19")
        #expect(HTMLMetadataReader.isoDate("Tue, 5 September 2017") == "2017-09-05")
        #expect(HTMLMetadataReader.isoDate("last Tuesday") == "last Tuesday")
    }

    @Test func datelines() {
        #expect(HTMLDateline.find(in: "BUFFALO, N.Y. — Hours before the game") == Dateline(place: "BUFFALO, N.Y."))
        #expect(HTMLDateline.find(in: "NEW DELHI: Their American dream") == Dateline(place: "NEW DELHI"))
        #expect(HTMLDateline.find(in: "HANOI, Vietnam (AP) — U.S. Defense") == Dateline(place: "HANOI, Vietnam", agency: "AP"))
        #expect(HTMLDateline.find(in: "The Senate passed the bill - finally.") == nil)
        #expect(HTMLDateline.find(in: "US stocks fell - again.") == nil)
    }

    @Test func boilerplatePhrases() {
        #expect(HTMLBoilerplate.isBoilerplate("Advertisement"))
        #expect(HTMLBoilerplate.isBoilerplate("Continue reading the main story"))
        #expect(HTMLBoilerplate.isBoilerplate("Read more: Senate passes bill"))
        #expect(!HTMLBoilerplate.isBoilerplate("Contributing: Kristine Phillips"))
        #expect(HTMLBoilerplate.isByline("By Jane Doe and John Roe, Associated Press"))
        #expect(!HTMLBoilerplate.isByline("By Tuesday, the talks had stalled and the senators went home for the night."))
        #expect(HTMLBoilerplate.isDateLine("Updated 3:45 PM ET, Tue November 19, 2019"))
        #expect(HTMLBoilerplate.isDateLine("Nov. 19, 2019"))
        #expect(!HTMLBoilerplate.isDateLine("The vote was on Nov. 19, and it passed easily in the end."))
    }

    @Test func classWords() {
        #expect(HTMLClassWords.classify("share-bar").boilerplate)
        #expect(HTMLClassWords.classify("article-footer").boilerplate)
        #expect(HTMLClassWords.classify("ad-slot").boilerplate)
        #expect(!HTMLClassWords.classify("article-body").boilerplate)
        #expect(HTMLClassWords.classify("article-body").weight == 1)
        #expect(!HTMLClassWords.classify("shadow").boilerplate)
        #expect(!HTMLClassWords.classify("").boilerplate)
    }

    /// The repository's rules/cleanup folder, found from this file's place in Tests/.
    static var rulesDirectory: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules/cleanup").path
    }

    @Test func shippedRuleFilesMatchTheBuiltInLists() throws {
        let loaded = try HTMLCleanupRules.load(directory: Self.rulesDirectory)
        #expect(loaded == HTMLCleanupRules.builtIn)
        let cleaner = try HTMLCleaner.load(directory: Self.rulesDirectory)
        #expect(cleaner.clean(Array(articlePage.utf8)) == HTMLCleaner().clean(Array(articlePage.utf8)))
    }

    @Test func badRuleFilesSayWhereAndWhy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("html-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# comment\nboilerplate\tshare\nsometimes\tshare\n".write(
            to: dir.appendingPathComponent("html-classes.txt"), atomically: true, encoding: .utf8)
        try "exact\tAdvertisement\n".write(to: dir.appendingPathComponent("html-phrases.txt"), atomically: true, encoding: .utf8)
        #expect(throws: RuleError.self) { try HTMLCleaner.load(directory: dir.path) }
        do {
            _ = try HTMLCleanupRules.load(directory: dir.path)
        } catch {
            #expect(error.code == .syntax)
            #expect(error.line == 3)
            #expect(error.file.hasSuffix("html-classes.txt"))
        }
        do {
            _ = try HTMLCleanupRules.load(directory: dir.path + "/missing")
        } catch {
            #expect(error.code == .unreadable)
        }
    }

    @Test func editedListsChangeTheResult() throws {
        var rules = HTMLCleanupRules.builtIn
        rules.phrases = HTMLPhrases(exact: [], prefixes: [])
        let html = "<div class=story-body><p>A paragraph of prose, with commas, long enough to count here.</p><p>Advertisement</p><p>Another paragraph of prose, with commas, long enough to count.</p></div>"
        #expect(HTMLCleaner().clean(Array(html.utf8)).paragraphs.count == 2)
        #expect(HTMLCleaner(rules: rules).clean(Array(html.utf8)).paragraphs.count == 3)
    }
}

