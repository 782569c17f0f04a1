import Foundation
import Testing
@testable import ClaimEx

@Suite struct WARCArticleTests {
    func items(_ name: String) throws -> (items: [ReadItem], counters: InputCounters) {
        var source = InputSource(paths: [TempFiles.warcDirectory + "/" + name], options: InputOptions())
        var items: [ReadItem] = []
        while let item = source.next() { items.append(item) }
        return (items, source.counters)
    }

    @Test(arguments: ["news.warc", "news.warc.gz"])
    func pagesBecomeArticlesAndTheRestIsCounted(name: String) throws {
        let (items, counters) = try items(name)
        let articles = items.compactMap { try? $0.get() }
        #expect(articles.map(\.url) == ["https://news.example/port", "https://news.example/cafe",
                                        "https://news.example/inflation.txt", "https://news.example/deflate"])
        #expect(articles.map(\.format) == [.html, .html, .text, .html])
        #expect(counters.skipped == ["warcinfo": 1, "request": 1, "http 301": 1, "image/png": 1, "metadata": 1])
        let index = WARCReaderTests.index[name]!
        for article in articles {
            let row = try #require(index.first { $0.id == article.provenance.warcRecordID })
            #expect(article.provenance.warcOffset == row.offset)
            #expect(article.id == row.id.replacingOccurrences(of: "urn:uuid:", with: ""))
        }
        #expect(articles[0].provenance.warcDate == "2024-03-04T12:00:00Z")
        let failures = items.compactMap { if case .failure(let e) = $0 { e } else { nil } }
        #expect(failures.map(\.code) == ["input.undecodable"])
        #expect(counters.bytesRead == (try FileManager.default.attributesOfItem(atPath: TempFiles.warcDirectory + "/" + name)[.size] as? Int))
    }

    @Test func chunkedGzipBodyIsDecoded() throws {
        let article = try #require(try items("news.warc.gz").items.first?.get())
        let html = String(decoding: article.body, as: UTF8.self)
        #expect(html.contains("union leader Maria Jansen said"))
    }

    @Test func theHTTPCharsetWinsOverTheMetaTag() throws {
        let articles = try items("news.warc").items.compactMap { try? $0.get() }
        let cafe = articles[1]
        #expect(cafe.body.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM tells the HTML reader the bytes are UTF-8")
        #expect(String(decoding: cafe.body, as: UTF8.self).contains("Caf\u{e9} owners"))
        let document = try Pipeline(rules: Fixtures.rules, depth: .clean).run(cafe, in: Workspace())
        #expect(document.metadata.title == "Caf\u{e9} prices")
    }

    @Test func warc10ResourceRecordWithBracketedURIAndLFOnlyLines() throws {
        let page = "<html><body><p>\"We are ready,\" Maria Lopez said on Monday in Madrid.</p></body></html>"
        let record = "WARC/1.0\nWARC-Type: resource\nWARC-Record-ID: <urn:uuid:11111111-2222-4333-8444-555555555555>\n"
            + "WARC-Target-URI: <https://old.example/page>\nWARC-Date: 2009-01-01T00:00:00Z\nContent-Type: text/html\n"
            + "Content-Length: \(page.utf8.count)\n\n\(page)\n\n"
        let path = try TempFiles.write(Array(record.utf8), suffix: ".warc")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = InputSource(paths: [path], options: InputOptions())
        let article = try #require(try source.next()?.get())
        #expect(article.url == "https://old.example/page")
        #expect(article.id == "11111111-2222-4333-8444-555555555555")
        #expect(article.format == .html)
        #expect(article.provenance.warcOffset == 0)
        #expect(source.next() == nil)
    }
}
