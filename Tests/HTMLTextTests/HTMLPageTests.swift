import Testing

@testable import HTMLText

private func parse(_ html: String) -> HTMLPage {
    HTMLPage.parse(Array(html.utf8))
}

@Suite("HTMLPage: blocks")
struct HTMLPageBlockTests {
    @Test func blocksCarryKindTagAndRoles() {
        let page = parse(
            """
            <html><body>
            <nav><ul><li><a href="/">Home</a></li></ul></nav>
            <article class="story">
              <h1>The   headline</h1>
              <p>First   paragraph,
                 with <b>bold</b> and <a href="/x">a link</a>.</p>
              <h2>A subheading</h2>
              <ul><li>An item</li></ul>
              <blockquote class="twitter-tweet"><p>A tweet</p></blockquote>
              <figure><img src="a.jpg"><figcaption>A caption</figcaption></figure>
              <script>var x = "not text";</script><style>p { color: red }</style>
              <noscript>no script</noscript><template><p>template</p></template>
              <svg><text>svg text</text></svg>
            </article>
            <footer><p>Footer text</p></footer>
            </body></html>
            """)
        let texts = page.blockTexts
        #expect(
            texts == [
                "Home", "The headline", "First paragraph, with bold and a link.", "A subheading", "An item",
                "A tweet", "A caption", "Footer text",
            ])
        let byText = Dictionary(zip(page.blockTexts, page.blocks).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["Home"]?.roles.contains(.nav) == true)
        #expect(byText["Home"]?.kind == .listItem)
        #expect(byText["The headline"]?.kind == .heading)
        #expect(byText["The headline"]?.headingLevel == 1)
        #expect(byText["A subheading"]?.headingLevel == 2)
        let first = byText["First paragraph, with bold and a link."]
        #expect(first?.kind == .paragraph)
        #expect(first?.roles.contains(.article) == true)
        #expect(first.map { Int($0.linkBytes) } == "a link".utf8.count)
        #expect(byText["A tweet"]?.roles.contains(.embed) == true)
        #expect(byText["A tweet"]?.roles.contains(.blockquote) == true)
        #expect(byText["A caption"]?.kind == .caption)
        #expect(byText["A caption"]?.roles.contains(.figure) == true)
        #expect(byText["Footer text"]?.roles.contains(.footer) == true)
        // Element table: the paragraph's element is a p whose parent is the article.
        if let first {
            let el = page.elements[Int(first.element)]
            #expect(el.tag == .p)
            let parent = page.elements[Int(el.parent)]
            #expect(parent.tag == .article)
            #expect(parent.hints == "story")
        }
    }

    @Test func whitespaceCollapsesAndBreaksSplit() {
        let page = parse("<div>\n  one\u{00A0}\u{00A0} two\t\tthree <br> four<br><br>five  </div><p>   </p>")
        #expect(page.blockTexts == ["one two three four", "five"])
        for b in page.blocks {
            let text = page.text(of: b)
            #expect(!text.contains("  "))
            #expect(text == text.trimmingSpaces)
            #expect(Int(b.textBytes) == text.utf8.count && b.textLength == b.textBytes)
        }
    }

    @Test func hiddenElementsAreMarkedOrSkipped() {
        let page = parse(
            """
            <div style="display: none"><p>hidden block</p></div>
            <p>visible <span style="visibility:hidden">secret</span>text</p>
            <div hidden><p>also hidden</p></div>
            <div aria-hidden="true"><p>aria</p></div>
            """)
        let byText = Dictionary(zip(page.blockTexts, page.blocks).map { ($0, $1.roles) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["hidden block"]?.contains(.hidden) == true)
        #expect(byText["also hidden"]?.contains(.hidden) == true)
        #expect(byText["visible text"] != nil)
        #expect(byText["aria"]?.contains(.ariaHidden) == true)
    }

    @Test func skipClassWordsCutSubtreesOut() {
        let html = "<p>Kill Rep. <span class=\"rollover-people\"><a href=/x>Ilhan Omar</a><span class=\"Rollover-Block\">Ilhan Omar Other story</span></span>, he said.</p><div class=sr-only><p>Advertisement</p></div>"
        let page = HTMLPage.parse(Array(html.utf8), options: ParseOptions(skipClassWords: ["rollover-block", "sr-only"]))
        #expect(page.blockTexts == ["Kill Rep. Ilhan Omar, he said."])
        #expect(page.blocks.first.map { Int($0.linkBytes) } == "Ilhan Omar".utf8.count)
    }

    @Test func parsesInParallelAgree() async {
        let html = Array(
            "<html lang=en><body><article><p>Parallel parsing, one page per task.</p><p>Second block.</p></article></body></html>"
                .utf8)
        let expected = HTMLPage.parse(html).blocks
        let results = await withTaskGroup(of: [Block].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var last: [Block] = []
                    for _ in 0..<50 { last = HTMLPage.parse(html).blocks }
                    return last
                }
            }
            var all: [[Block]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func deepNestingDoesNotRecurse() {
        let depth = 50_000
        let html =
            "<html><body>" + String(repeating: "<div>", count: depth) + "<p>deep text</p>"
            + String(repeating: "</div>", count: depth) + "<p>after</p></body></html>"
        let page = parse(html)
        #expect(page.blockTexts == ["deep text", "after"])
        #expect(page.elements.count > depth)
    }

    @Test func unclosedTagsNestDeeplyWithoutTrouble() {
        let html = String(repeating: "<div><span>x", count: 30_000)
        let page = parse(html)
        #expect(page.blocks.count == 30_000)
    }

    @Test(arguments: [
        [UInt8](), [0], [0x3C], Array("<".utf8) + [0xFF, 0xFE, 0x00, 0x80], Array("<html><body></body></html>".utf8),
        Array("\u{FEFF}<p>bom</p>".utf8), [0xFF, 0xFE, 0x3C, 0x00], [0xFE, 0xFF, 0x00, 0x3C],
    ])
    func oddInputNeverCrashes(_ bytes: [UInt8]) {
        _ = HTMLPage.parse(bytes)
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix(seed: 42)
        for length in [1, 7, 100, 4096, 100_000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = HTMLPage.parse(bytes)
            // Random bytes inside markup.
            _ = HTMLPage.parse(Array("<html><head><meta charset=utf-8></head><body><p>".utf8) + bytes)
        }
    }
}

@Suite("HTMLPage: text buffer")
struct HTMLPageTextTests {
    @Test func blockTextsLieBackToBackInOneBuffer() {
        let page = parse("<html><body><h1>Head</h1><p>One <a href=x>two</a></p><div>Thré<br>e</div></body></html>")
        #expect(page.blockTexts == ["Head", "One two", "Thré e"])
        #expect(String(decoding: page.text, as: UTF8.self) == "HeadOne twoThré e")
        var next = 0
        for b in page.blocks {
            #expect(Int(b.textStart) == next)
            next = b.textRange.upperBound
        }
        #expect(next == page.text.count)
        #expect(page.metadata.firstH1 == "Head")
        #expect(MemoryLayout<Block>.stride <= 28)
    }

    @Test func invalidUTF8IsStoredRepairedAndCountedAsHandedOver() {
        // Declared UTF-8 but not: whatever libxml2 hands on, the buffer stays valid UTF-8.
        let html = Array("<html><head><meta charset=utf-8></head><body><p>caf".utf8) + [0xE9] + Array(" au lait</p></body></html>".utf8)
        let page = HTMLPage.parse(html)
        #expect(page.text.withUnsafeBufferPointer(UTF8Validation.isValid))
        for b in page.blocks { #expect(b.textLength >= 0 && b.textBytes > 0) }
    }
}

@Suite("HTMLPage: charset")
struct HTMLPageCharsetTests {
    @Test func undeclaredValidUTF8IsUTF8() {
        let page = parse("<p>Café naïve — “quoted” 日本語</p>")
        #expect(page.blockTexts == ["Café naïve — “quoted” 日本語"])
        #expect(page.metadata.charset == "utf-8")
    }

    @Test func windows1252FromMetaCharset() {
        // "Café “x” – €5" in windows-1252.
        let body: [UInt8] = Array("<p>Caf".utf8) + [0xE9, 0x20, 0x93] + Array("x".utf8) + [0x94, 0x20, 0x96, 0x20, 0x80]
            + Array("5</p>".utf8)
        let html = Array("<html><head><meta charset=\"windows-1252\"></head><body>".utf8) + body
        let page = HTMLPage.parse(html)
        #expect(page.blockTexts == ["Café “x” – €5"])
        #expect(page.metadata.charset == "windows-1252")
    }

    @Test func latin1FromHTTPEquiv() {
        let html =
            Array(
                "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\"></head><body><p>Gr"
                    .utf8) + [0xFC, 0xDF, 0x65] + Array("</p></body></html>".utf8)
        let page = HTMLPage.parse(html)
        #expect(page.blockTexts == ["Grüße"])
    }

    @Test func declaredUTF8WithInvalidBytesIsRepaired() {
        let html = Array("<meta charset=utf-8><p>ok ".utf8) + [0xC3, 0x28, 0xFF] + Array(" caf\u{E9}</p>".utf8)
        let page = HTMLPage.parse(html)
        #expect(page.blocks.count == 1)
        let text = page.blockTexts.first ?? ""
        #expect(text.hasPrefix("ok \u{FFFD}"))
        #expect(text.hasSuffix(" café"))
    }

    @Test func undeclaredLegacyBytesAreWindows1252() {
        let html = Array("<p>na".utf8) + [0xEF] + Array("ve caf".utf8) + [0xE9] + Array("</p>".utf8)
        #expect(HTMLPage.parse(html).blockTexts == ["naïve café"])
    }

    @Test func byteOrderMarkWins() {
        let html = [0xEF, 0xBB, 0xBF] + Array("<meta charset=iso-8859-1><p>Café</p>".utf8)
        #expect(HTMLPage.parse(html).blockTexts == ["Café"])
    }

    @Test func utf16WithBOM() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "<p>Grüße</p>".utf16 {
            bytes.append(UInt8(u & 0xFF))
            bytes.append(UInt8(u >> 8))
        }
        #expect(HTMLPage.parse(bytes).blockTexts == ["Grüße"])
    }

    @Test func declaredCharsetIsFoundOnlyInMeta() {
        #expect(Charset.declaredCharset(Array("<meta charset='UTF-8'>".utf8)) == "utf-8")
        #expect(Charset.declaredCharset(Array("<meta content=\"text/html; charset=Windows-1252\" http-equiv=content-type>".utf8)) == "windows-1252")
        #expect(Charset.declaredCharset(Array("<script>var charset=koi8-r</script>".utf8)) == nil)
    }
}

@Suite("HTMLPage: metadata")
struct HTMLPageMetadataTests {
    @Test func collectsHeadAndBodyMetadata() {
        let page = parse(
            """
            <!DOCTYPE html><html lang="en-GB"><head>
            <title>  Big   news | Site </title>
            <meta property="og:title" content="Big news">
            <meta name="author" content="Jane Doe">
            <meta property="article:published_time" content="2019-11-19T10:00:00Z">
            <link rel="canonical" href="https://example.com/big-news">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Big news"}</script>
            <script>var notJSONLD = 1;</script>
            </head><body>
            <h1>Big news</h1>
            <p>By <a rel="author" href="/jane">Jane Doe</a> <time datetime="2019-11-19">Nov 19</time></p>
            <svg><title>icon</title></svg>
            </body></html>
            """)
        let m = page.metadata
        #expect(m.title == "Big news | Site")
        #expect(m.firstH1 == "Big news")
        #expect(m.lang == "en-GB")
        #expect(m.canonical == "https://example.com/big-news")
        #expect(m.meta["og:title"] == "Big news")
        #expect(m.meta["author"] == "Jane Doe")
        #expect(m.meta["article:published_time"] == "2019-11-19T10:00:00Z")
        #expect(m.jsonLD == ["{\"@type\":\"NewsArticle\",\"headline\":\"Big news\"}"])
        #expect(m.times == ["2019-11-19"])
        #expect(m.relAuthors == ["Jane Doe"])
        // Nothing from <head> becomes a block.
        #expect(page.blockTexts == ["Big news", "By Jane Doe Nov 19"])
    }

    @Test func tagNamesMapExactly() {
        func tag(_ s: String) -> HTMLTag {
            var bytes = Array(s.utf8)
            bytes.append(0)
            return bytes.withUnsafeBufferPointer { HTMLTag.of($0.baseAddress!) }
        }
        #expect(tag("blockquote") == .blockquote)
        #expect(tag("figcaption") == .figcaption)
        #expect(tag("blockquotes") == .other)
        #expect(tag("blockquo") == .other)
        #expect(tag("noscript") == .noscript)
        #expect(tag("p") == .p)
        #expect(tag("h6") == .h6)
        #expect(tag("custom-element") == .other)
        #expect(tag("") == .other)
    }
}

/// Deterministic generator for the fuzz-style tests.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// The walker works on libxml2's parse events (no tree): what those events split or leave
/// out must come out as the tree walk made it.
@Suite("HTMLPage: parse events")
struct HTMLPageEventTests {
    @Test func longTextArrivesInRunsAndIsJoined() {
        // libxml2 hands text in runs of about a thousand bytes; the block is one text.
        let words = (0..<2_000).map { "w\($0)" }
        let html = "<p>" + words.joined(separator: " \n ") + "&nbsp; end</p>"
        let page = parse(html)
        #expect(page.blockTexts == [words.joined(separator: " ") + " end"])
        #expect(page.blocks.first.map { Int($0.textBytes) } == page.blockTexts.first?.utf8.count)
    }

    @Test func jsonLDScriptsAreCollectedWhateverTheCaseOfTheirType() {
        let scripts = (0..<20).map { #"<script TYPE="Application/LD+JSON">{"n":\#($0)}</script>"# }.joined()
        let page = parse("<html><head>\(scripts)<script>{\"not\":1}</script></head><body><p>Text</p></body></html>")
        // At most 16, in document order; a script without the JSON-LD type is not one.
        #expect(page.metadata.jsonLD == (0..<16).map { #"{"n":\#($0)}"# })
        #expect(page.blockTexts == ["Text"])
    }

    @Test func theFirstTitleInTheHeadWins() {
        let page = parse("<html><head><title> One \n title </title><title>Two</title></head><body><p>x</p></body></html>")
        #expect(page.metadata.title == "One title")
    }

    @Test func textAfterTheClosingTagsIsStillBodyText() {
        let page = parse("<html><body><p>First</p></body></html>\n  Tail text")
        #expect(page.blockTexts == ["First", "Tail text"])
    }

    @Test func skippedSubtreesLeaveOutTheirTextAndElements() {
        let page = parse(#"<div><p>Kept</p><span style="display: NONE">gone <b>bold <i>deep</i></b></span><p>Also kept</p></div>"#)
        #expect(page.blockTexts == ["Kept", "Also kept"])
        #expect(page.elements.map(\.tag) == [.html, .body, .div, .p, .p])
    }
}
