import Foundation
import Testing
@testable import ClaimEx

@Suite struct InputSourceTests {
    func read(_ jsonl: String, options: InputOptions = InputOptions()) throws -> [ReadItem] {
        let path = NSTemporaryDirectory() + "claimex-\(UUID().uuidString).jsonl"
        try jsonl.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = InputSource(paths: [path], options: options)
        var items: [ReadItem] = []
        while let item = source.next() { items.append(item) }
        return items
    }

    @Test func commonFieldNamesAreFound() throws {
        let items = try read(#"{"maintext":"<p>Hello there.</p>","url":"https://x.test/a","date_publish":"2024-01-02","id":7}"# + "\n")
        let article = try #require(try items.first?.get())
        #expect(article.id == "7")
        #expect(article.format == .html)
        #expect(article.url == "https://x.test/a")
        #expect(article.published == "2024-01-02")
        #expect(article.provenance.line == 1)
    }

    @Test func sourceIsAURLOnlyWhenItLooksLikeOne() throws {
        let items = try read(#"{"text":"a","source":"Reuters"}"# + "\n")
        #expect(try items.first?.get().url == nil)
    }

    @Test func badLinesBecomeErrorsInPlace() throws {
        let items = try read("""
            {"text":"one"}
            not json
            {"text":5}
            {"other":"x"}
            [1,2]

            {"text":"two"}
            """)
        let codes = items.map { item -> String in
            switch item {
            case .success(let a): "ok:\(String(decoding: a.body, as: UTF8.self))"
            case .failure(let e): e.code
            }
        }
        #expect(codes == ["ok:one", "input.invalid-json", "input.text-not-string", "input.missing-text", "input.not-an-object", "ok:two"])
        if case .failure(let e) = items[1] { #expect(e.provenance?.line == 2) }
    }

    @Test func explicitKeysWin() throws {
        var options = InputOptions()
        options.textKey = "sentence"
        options.idKey = "key"
        let items = try read(#"{"sentence":"s","text":"t","key":"k1"}"# + "\n", options: options)
        let article = try #require(try items.first?.get())
        #expect(article.id == "k1")
        #expect(article.body == Array("s".utf8))
    }

    @Test func aMissingPathIsAnError() {
        var source = InputSource(paths: ["/nonexistent/claimex"], options: InputOptions())
        guard case .failure(let e)? = source.next() else { Issue.record("expected an error"); return }
        #expect(e.code == "input.not-found")
    }

    @Test func fileArticlesAreNamedAfterTheFile() {
        #expect(InputSource.stem("/a/b/seed-article.txt") == "seed-article")
        #expect(InputSource.stem("page.v2.html") == "page.v2")
        #expect(InputSource.stem("-") == "stdin")
    }
}
