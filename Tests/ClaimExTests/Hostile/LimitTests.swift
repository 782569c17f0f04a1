import Foundation
import Patterns
import Testing
@testable import ClaimEx

/// Every limit of `ArticleLimits` is configurable and ends in a named error or warning,
/// never a crash or a hang.
@Suite struct LimitTests {
    static let text = "\u{201C}We will build the bridge next year and it will cost less than the old one,\u{201D} Mayor Jane Doe said on Monday."

    /// PCRE2 limits: a rule that runs into one is skipped for the article, with a warning
    /// naming the article, the rule and the limit; the article's other records stay.
    @Test func aMatchLimitSkipsTheRuleWithAWarningNamingIt() throws {
        let article = Article(id: "limited", format: .text, body: Array(LimitTests.text.utf8), provenance: Provenance(input: "t"))
        let tight = Workspace(limits: MatchLimits(match: 2, depth: 2, heapKiB: 1))
        let document = try Pipeline(rules: Fixtures.rules).run(article, in: tight)
        #expect(!document.warnings.isEmpty)
        for warning in document.warnings {
            #expect(warning.code.hasPrefix("pattern.limit"))  // the claims stage says just "pattern.limit"
            #expect(warning.articleID == "limited")
            #expect(warning.rule != nil)
            #expect(warning.description.contains("rule '"))
        }
        // The same article with the standard limits has its quote and no warning.
        let normal = try Pipeline(rules: Fixtures.rules).run(article, in: Workspace())
        #expect(normal.warnings.isEmpty)
        #expect(normal.quotes.count == 1)
    }

    @Test func anOverlongQuoteIsDroppedWithAWarningNamingTheRule() throws {
        let article = Article(id: "long", format: .text, body: Array(LimitTests.text.utf8), provenance: Provenance(input: "t"))
        let document = try Pipeline(rules: Fixtures.rules, limits: ArticleLimits(maxQuoteLength: 20)).run(article, in: Workspace())
        #expect(document.quotes.isEmpty)
        let warnings = document.warnings.filter { $0.code == "limit.quote-length" }
        #expect(warnings.count >= 1)
        #expect(warnings.allSatisfy { $0.articleID == "long" && $0.rule != nil })
        // Long enough: kept.
        let kept = try Pipeline(rules: Fixtures.rules, limits: ArticleLimits(maxQuoteLength: 200)).run(article, in: Workspace())
        #expect(kept.quotes.count == 1)
        #expect(ArticleLimits.standard.maxQuoteLength == 10_000)
    }

    @Test func aPageTooDeepFailsNamingTheArticleAndTheLimit() throws {
        let html = "<html><body>" + String(repeating: "<section>", count: 300) + "<p>\(LimitTests.text)</p></body></html>"
        let article = Article(id: "deep", format: .html, body: Array(html.utf8), provenance: Provenance(input: "deep.html"))
        #expect(throws: ArticleError.self) {
            try Pipeline(rules: Fixtures.rules, limits: ArticleLimits(maxHTMLDepth: 100)).run(article, in: Workspace())
        }
        do {
            _ = try Pipeline(rules: Fixtures.rules, limits: ArticleLimits(maxHTMLDepth: 100)).run(article, in: Workspace())
        } catch {
            #expect(error.code == "limit.html-depth")
            #expect(error.articleID == "deep")
            #expect(error.provenance?.input == "deep.html")
        }
        let fine = try Pipeline(rules: Fixtures.rules).run(article, in: Workspace())
        #expect(fine.quotes.count == 1)
    }

    @Test func deeplyNestedJSONLDIsIgnored() throws {
        let html = "<html><head><script type=\"application/ld+json\">" + String(repeating: "[", count: 100_000) + "{}"
            + String(repeating: "]", count: 100_000) + "</script><script type=\"application/ld+json\">"
            + String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
            + "</script></head><body><p>\(LimitTests.text)</p></body></html>"
        let article = Article(id: "ld", format: .html, body: Array(html.utf8), provenance: Provenance(input: "ld.html"))
        let document = try Pipeline(rules: Fixtures.rules).run(article, in: Workspace())
        #expect(document.quotes.count == 1)
    }
}
