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

    @Test func gzipInputsOfEveryFormatAndDirectoriesInNameOrder() throws {
        let dir = TempFiles.path("-dir")
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: dir) }
        try Data(try TempFiles.gzip(Array((#"{"text":"one","id":"j1"}"# + "\n" + #"{"text":"two","id":"j2"}"# + "\n").utf8), members: 2))
            .write(to: URL(fileURLWithPath: dir + "/a.jsonl.gz"))
        try Data(try TempFiles.gzip(Array("<html><body><p>Hello there, page.</p></body></html>".utf8))).write(to: URL(fileURLWithPath: dir + "/b.html.gz"))
        try Data("plain text".utf8).write(to: URL(fileURLWithPath: dir + "/sub/c.txt"))
        try Data("hidden".utf8).write(to: URL(fileURLWithPath: dir + "/.hidden.txt"))
        try Data("body { }".utf8).write(to: URL(fileURLWithPath: dir + "/sub/style.css"))
        try Data([0x89, 0x50]).write(to: URL(fileURLWithPath: dir + "/sub/logo.PNG"))
        try fm.copyItem(atPath: TempFiles.warcDirectory + "/news.warc.gz", toPath: dir + "/sub/d.warc.gz")
        var source = InputSource(paths: [dir], options: InputOptions())
        var items: [ReadItem] = []
        while let item = source.next() { items.append(item) }
        let articles = items.compactMap { try? $0.get() }
        #expect(Array(articles.map(\.id).prefix(4)) == ["j1", "j2", "b", "c"])
        #expect(articles[2].format == .html)
        #expect(articles[1].provenance == Provenance(input: dir + "/a.jsonl.gz", line: 2))
        #expect(articles.dropFirst(4).allSatisfy { $0.provenance.warcRecordID != nil })
        #expect(source.counters.files == 4)
        #expect(source.counters.skipped["file css"] == 1 && source.counters.skipped["file png"] == 1)
        #expect(InputSource.assetKind("app.js.gz") == "js")
        #expect(InputSource.assetKind("story.html") == nil && InputSource.assetKind("README") == nil)
    }

    @Test func invalidUTF8AndTruncatedGzipAreErrorsInPlace() throws {
        var bytes = Array(#"{"text":"ok"}"#.utf8) + [0x0A]
        bytes += Array(#"{"text":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8) + [0x0A]
        bytes += Array(#"{"text":"last"}"#.utf8) + [0x0A]
        let items = try read(String(decoding: bytes, as: UTF8.self))  // the repaired string is valid
        #expect(items.count == 3)
        let path = try TempFiles.write(bytes, suffix: ".jsonl")
        let gz = try TempFiles.write(Array(try TempFiles.gzip(bytes + Array(String(repeating: #"{"text":"more"}"# + "\n", count: 2000).utf8)).dropLast(30)), suffix: ".jsonl.gz")
        defer { for p in [path, gz] { try? FileManager.default.removeItem(atPath: p) } }
        var source = InputSource(paths: [path, gz], options: InputOptions())
        var codes: [String] = []
        while let item = source.next() {
            if case .failure(let e) = item { codes.append(e.code) }
        }
        #expect(codes == ["input.invalid-utf8", "input.invalid-utf8", "input.truncated-gzip"])
    }
}
