import Testing
@testable import ClaimEx

/// Bad input of every kind gives a document (possibly empty), never a crash or a hang.
@Suite struct CleanupStageTests {
    static func html(_ body: String) -> [UInt8] { Array(body.utf8) }

    static let badInputs: [(name: String, bytes: [UInt8])] = [
        ("empty file", []),
        ("binary garbage", (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }),
        ("truncated HTML", html("<html><head><title>Cut</title></head><body><article><p>The mayor said the budget would pa")),
        ("50k nested divs", html(String(repeating: "<div>", count: 50_000) + "<p>Deep inside, the text survives.</p>")),
        ("20 MB page", html("<html><body><article>" + (0..<340_000).map { "<p>Paragraph \($0) of an enormous page, said the editor.</p>" }.joined() + "</article></body></html>")),
        ("NUL bytes", html("<p>Before\u{0}after, the official said.</p>")),
    ]

    @Test(arguments: badInputs.indices)
    func badHTMLGivesADocument(_ index: Int) throws {
        let (name, bytes) = CleanupStageTests.badInputs[index]
        let article = Article(id: name, format: .html, body: bytes, provenance: Provenance(input: name))
        let document = try Pipeline(rules: Fixtures.rules, depth: .full).run(article, in: Workspace())
        #expect(document.article.id == name)
        #expect(document.paragraphs.allSatisfy { !$0.isEmpty })
    }

    @Test func theTwentyMegabytePageKeepsItsText() throws {
        let (_, bytes) = CleanupStageTests.badInputs[4]
        let article = Article(id: "big", format: .html, body: bytes, provenance: Provenance(input: "big"))
        let document = try Pipeline(rules: Fixtures.rules, depth: .clean).run(article, in: Workspace())
        #expect(bytes.count > 20_000_000)
        #expect(document.paragraphs.count == 340_000)
    }

    @Test(arguments: ["", "\u{0}\u{1}\u{2}", String(repeating: "\"", count: 100_000), String(repeating: "1", count: 1_000_000)])
    func badTextGivesADocument(_ text: String) throws {
        let article = Article(id: "t", format: .text, body: Array(text.utf8), provenance: Provenance(input: "t"))
        _ = try Pipeline(rules: Fixtures.rules, depth: .full).run(article, in: Workspace())
    }

    /// Nothing after cleanup reads the raw bytes, so cleanup takes them out of the article
    /// (freed once parsed, when the caller held no other copy) and the document keeps the rest.
    @Test(arguments: [Article.Format.html, .text])
    func cleanupTakesTheBodyAndKeepsTheRestOfTheArticle(_ format: Article.Format) throws {
        let body = Array("<html><body><article><p>“The bridge opens in May,” the mayor said on Monday.</p></article></body></html>".utf8)
        let article = Article(id: "a1", format: format, body: body, provenance: Provenance(input: "in.html", line: 7),
                              url: "https://example.com/a1", title: "Bridge", published: "2024-05-01", source: "Example")
        let stage = CleanupStage(rules: Fixtures.rules)
        let document = try stage.process(article, in: Workspace())
        #expect(document.article.body.isEmpty)
        #expect(document.article.id == "a1" && document.article.format == format)
        #expect(document.article.url == "https://example.com/a1" && document.article.title == "Bridge")
        #expect(document.article.published == "2024-05-01" && document.article.source == "Example")
        #expect(document.article.provenance == Provenance(input: "in.html", line: 7))
        #expect(document.text.contains("The bridge opens in May"))
        // The caller's own copy is untouched.
        #expect(article.body == body)

        // The same through the segmented run: every segment's document is without the body.
        let long = Array(((0..<40).map { "<p>“Part \($0) is done,” the mayor said on Monday.</p>" }.joined(separator: "\n")).utf8)
        var documents: [Document] = []
        try Pipeline(rules: Fixtures.rules).run(
            Article(id: "a2", format: format, body: long, provenance: Provenance(input: "t")), in: Workspace(), segmentBytes: 300
        ) { document, _, _ in documents.append(document) }
        #expect(documents.count > 2)
        #expect(documents.allSatisfy { $0.article.body.isEmpty && $0.article.id == "a2" })
    }
}
