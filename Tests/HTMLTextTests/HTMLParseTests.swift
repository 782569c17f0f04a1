import Testing

@testable import HTMLText

/// Everything a parse gives, for comparing two parses of one page.
private struct Parsed: Equatable {
    var blocks: [Block]
    var text: [UInt8]
    var elements: [Element]
    var metadata: PageMetadata
    var depthLimitReached: Bool

    init(_ page: HTMLPage) {
        blocks = page.blocks
        text = page.text
        elements = page.elements
        metadata = page.metadata
        depthLimitReached = page.depthLimitReached
    }
}

private func parse(_ bytes: [UInt8], readLimit: Int = .max) -> HTMLPage {
    var options = ParseOptions()
    options.readLimit = readLimit
    return HTMLPage.parse(bytes, options: options)
}

/// The lengths of the reads a page is handed over in, each asked for as `request` bytes.
private func reads(_ bytes: [UInt8], order: PageReader.Order = .bytes, request: Int) -> [Int] {
    bytes.withUnsafeBufferPointer { buf in
        var reader = PageReader(bytes: buf, order: order)
        var out = [UInt8](repeating: 0, count: request)
        var lengths: [Int] = []
        while true {
            let n = out.withUnsafeMutableBytes { reader.read(into: $0.baseAddress!, max: request) }
            if n == 0 { return lengths }
            lengths.append(n)
        }
    }
}

/// Where the reads of `lengths` end, as offsets into the page (the last one excepted).
private func ends(_ lengths: [Int]) -> [Int] {
    var at = 0
    return lengths.dropLast().map {
        at += $0
        return at
    }
}

@Suite("HTMLPage: reading the page in pieces")
struct HTMLParseReadTests {
    @Test func readsEndJustBeforeATag() {
        let page = Array(("<p>" + String(repeating: "a", count: 700) + "</p><p>b</p>" + String(repeating: "c", count: 900)).utf8)
        let lengths = reads(page, request: 1000)
        #expect(lengths.reduce(0, +) == page.count)
        // The first 1000 bytes hold the '<' of </p> (703), <p> (707) and </p> (711): the read
        // stops before the last of them.
        #expect(lengths.first == 711)
    }

    @Test func withoutATagReadsEndAfterAPlainCharacter() {
        // A long attribute value full of character references, no '<' for thousands of bytes.
        var value = ""
        for i in 0..<600 { value += i % 3 == 0 ? "&#39;" : i % 3 == 1 ? "&#x41;" : "é€" }
        let page = Array(("<div class=\"" + value + "\">x</div>").utf8)
        for request in [300, 512, 1000, 4000] {
            let lengths = reads(page, request: request)
            #expect(lengths.reduce(0, +) == page.count)
            for (i, end) in ends(lengths).enumerated() {
                let last = page[end - 1]
                let plain = last == 0x20 || (last >= 0x30 && last <= 0x39) || (last | 0x20 >= 0x61 && last | 0x20 <= 0x7A)
                #expect(plain || page[end] == UInt8(ascii: "<"), "read \(i) ends after \(last)")
                #expect(!(last | 0x20 == UInt8(ascii: "x") && page[end - 2] == UInt8(ascii: "#")), "read \(i) ends after &#x")
                #expect(lengths[i] >= request / 2, "read \(i) is \(lengths[i]) of \(request)")
            }
        }
    }

    @Test func withNothingPlainAReadIsWhatWasAskedFor() {
        let page = Array(String(repeating: "日本語", count: 1000).utf8)
        #expect(reads(page, request: 1000).dropLast().allSatisfy { $0 == 1000 })
    }

    @Test func utf16ReadsEndBetweenCodeUnitsBeforeATag() {
        let html = "<html><body>" + (0..<100).map { "<p>Paragraph \($0) \u{FC}ber alles.</p>" }.joined() + "</body></html>"
        for bigEndian in [false, true] {
            var page: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for u in html.utf16 { page += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
            let lengths = reads(page, order: bigEndian ? .utf16BigEndian : .utf16LittleEndian, request: 1001)
            #expect(lengths.reduce(0, +) == page.count)
            #expect(lengths.count > 3)
            for end in ends(lengths) {
                #expect(end % 2 == 0)
                #expect(bigEndian ? page[end] == 0 && page[end + 1] == 0x3C : page[end] == 0x3C && page[end + 1] == 0)
            }
        }
    }

    /// Markup of every kind, some of it longer than the parser's 250 bytes of look-ahead, in
    /// a page that one read of libxml2's (4,000 bytes) takes whole.
    static func page(shift: Int) -> [UInt8] {
        let refs = String(repeating: "it&#39;s &#x41;&#X42; &amp; caf\u{E9} \u{20AC}5 \u{1F600} ", count: 6)
        let plain = String(repeating: "abcdefgh", count: 36)
        return Array(
            """
            <!DOCTYPE html><html lang="en"><head><!-- \(String(repeating: " ", count: shift)) -->
            <title>The &amp; title \u{E9}</title>
            <meta name="description" content="\(plain)&#39;s \(refs)">
            <script type="application/ld+json">{"@type":"NewsArticle","articleBody":"\(plain) </p> x"}</script>
            </head><body><article class="story \(plain)&#39;s">
            <h1>Head&#8217;line</h1>
            <p>\(refs)</p><!-- a comment with <p>markup</p> and -- dashes \(plain) -->
            <p title='\(plain)&#34;' style="color: red">Second &lt;para&gt; &nbsp; \(plain) \u{1F600}</p>
            <p>Text<br>broken<br><br>twice &#x1F600; and &#128512; \(String(repeating: "\u{65E5}\u{672C}", count: 60))</p>
            <a rel="author" href="/a">Ann Author</a><time datetime="2024-01-02">Jan 2</time>
            </article></body></html>
            """.utf8)
    }

    @Test func markupAcrossReadEndsParsesAsInOneRead() {
        for shift in stride(from: 0, to: 300, by: 7) {
            let page = HTMLParseReadTests.page(shift: shift)
            #expect(reads(page, request: 4000) == [page.count])
            let whole = Parsed(parse(page))
            #expect(whole.blocks.count >= 5)
            // Read ends all over the page, every shift moving them across the markup.
            for limit in [512, 777, 1500] {
                let pieces = Parsed(parse(page, readLimit: limit))
                #expect(pieces == whole, "shift \(shift), reads of at most \(limit) bytes")
            }
        }
        // And what the page says, read in one piece or in many.
        for limit in [Int.max, 512] {
            let page = parse(HTMLParseReadTests.page(shift: 0), readLimit: limit)
            #expect(page.metadata.title == "The & title \u{E9}")
            #expect(page.metadata.meta["description"]?.hasSuffix("abcdefgh's " + String(repeating: "it's AB & caf\u{E9} \u{20AC}5 \u{1F600} ", count: 6).dropLast()) == true)
            #expect(page.metadata.jsonLD.first?.hasSuffix("abcdefgh </p> x\"}") == true)
            #expect(page.blockTexts.contains { $0.hasPrefix("Second <para> abcdefgh") && $0.hasSuffix("\u{1F600}") })
            #expect(page.blockTexts.contains("Head\u{2019}line"))
            #expect(page.elements.contains { $0.hints == "story " + String(repeating: "abcdefgh", count: 36) + "'s" })
            #expect(page.metadata.relAuthors == ["Ann Author"])
        }
    }

    @Test func aPageLongerThanOneReadKeepsEveryBlock() {
        var html = "<html><body><article>"
        let markup = String(repeating: "story-paragraph ", count: 8)
        for i in 0..<3000 { html += "<p class=\"\(markup)\">Paragraph \(i) of a long page, said the editor &#8212; caf\u{E9}.</p>" }
        html += "</article></body></html>"
        let bytes = Array(html.utf8)
        let page = parse(bytes)
        #expect(page.blocks.count == 3000)
        #expect(page.blockTexts[1234] == "Paragraph 1234 of a long page, said the editor \u{2014} caf\u{E9}.")
        // The text buffer was made the page's size at the start (here three times its text),
        // not grown by doubling.
        #expect(page.text.count * 2 < bytes.count)
        #expect(page.text.capacity >= bytes.count && page.text.capacity < 2 * bytes.count)
    }
}

@Suite("HTMLPage: legacy charsets read in pieces")
struct HTMLParseCharsetTests {
    /// Windows-1251 bytes of Cyrillic text (А–я are 0xC0–0xFF) and ASCII.
    static func windows1251(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { u in
            switch u.value {
            case 0x410...0x44F: UInt8(u.value - 0x410 + 0xC0)
            case 0..<0x80: UInt8(u.value)
            default: UInt8(ascii: "?")
            }
        }
    }

    static let paragraphs = (0..<400).map { "Абзац \($0): Привет, мир - это текст на русском языке." }

    @Test func aDeclaredLegacyCharsetDecodesAcrossReads() {
        let html =
            "<html><head><meta charset=\"windows-1251\"><title>Заголовок</title></head><body>"
            + HTMLParseCharsetTests.paragraphs.map { "<p class=\"абв\">\($0)</p>" }.joined() + "</body></html>"
        let bytes = HTMLParseCharsetTests.windows1251(html)
        for limit in [Int.max, 600, 1001] {
            let page = parse(bytes, readLimit: limit)
            #expect(page.metadata.charset == "windows-1251")
            #expect(page.metadata.title == "Заголовок")
            #expect(page.blockTexts == HTMLParseCharsetTests.paragraphs, "limit \(limit)")
        }
    }

    @Test func utf16DecodesAcrossReads() {
        let html = "<html><body>" + HTMLParseCharsetTests.paragraphs.map { "<p>\($0) 😀</p>" }.joined() + "</body></html>"
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for u in html.utf16 {
                bytes += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
            }
            for limit in [Int.max, 600, 1001] {
                let page = parse(bytes, readLimit: limit)
                #expect(page.blockTexts == HTMLParseCharsetTests.paragraphs.map { $0 + " 😀" }, "big endian \(bigEndian), limit \(limit)")
            }
        }
    }
}
