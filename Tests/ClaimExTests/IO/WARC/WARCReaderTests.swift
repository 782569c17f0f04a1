import Foundation
import Testing
@testable import ClaimEx

/// The reader against warcio, which wrote the fixtures: every record warcio sees, with the
/// same type, id and byte offset (`news.index.json` is warcio's own reading).
@Suite struct WARCReaderTests {
    struct Row: Decodable, Equatable {
        var type: String
        var id: String
        var offset: Int
        var uri: String?
    }

    static let index: [String: [Row]] = {
        let data = FileManager.default.contents(atPath: TempFiles.warcDirectory + "/news.index.json")!
        return try! JSONDecoder().decode([String: [Row]].self, from: data)
    }()

    func read(_ name: String, maxBytes: Int = 1 << 20, chunk: Int = 1 << 20) throws -> [WARCReader.Item] {
        var reader = WARCReader(stream: try ByteStream(path: TempFiles.warcDirectory + "/" + name, chunk: chunk), maxBytes: maxBytes)
        var items: [WARCReader.Item] = []
        while let item = reader.next() { items.append(item) }
        return items
    }

    @Test(arguments: ["news.warc", "news.warc.gz"])
    func recordsAndOffsetsMatchWarcio(name: String) throws {
        for chunk in [13, 1 << 20] {
            let rows = try read(name, chunk: chunk).map { item -> Row in
                guard case .record(let r) = item else { Issue.record("unexpected \(item)"); return Row(type: "", id: "", offset: -1) }
                return Row(type: r.type, id: r.recordID ?? "", offset: r.offset, uri: r.targetURI)
            }
            #expect(rows == WARCReaderTests.index[name], "chunk \(chunk)")
        }
    }

    @Test func aTruncatedFileEndsWithOneErrorAfterTheGoodRecords() throws {
        let items = try read("truncated.warc.gz")
        let good = items.filter { if case .record = $0 { true } else { false } }
        #expect(good.count == WARCReaderTests.index["news.warc.gz"]!.count - 1)
        guard case .failure(let code, _, let offset, _) = items.last else { Issue.record("no error at the end"); return }
        #expect(code == "input.truncated-gzip")
        #expect(offset == WARCReaderTests.index["news.warc.gz"]!.last!.offset)
    }

    @Test func anUncompressedFileCutShortEndsWithTruncatedWARC() throws {
        let whole = try #require(FileManager.default.contents(atPath: TempFiles.warcDirectory + "/news.warc"))
        let path = try TempFiles.write(Array(whole.prefix(whole.count - 10)), suffix: ".warc")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = WARCReader(stream: try ByteStream(path: path), maxBytes: 1 << 20)
        var last: WARCReader.Item?
        while let item = reader.next() { last = item }
        guard case .failure(let code, _, let offset, let id)? = last else { Issue.record("expected an error"); return }
        #expect(code == "input.truncated-warc")
        #expect(offset == WARCReaderTests.index["news.warc"]!.last!.offset)
        #expect(id == WARCReaderTests.index["news.warc"]!.last!.id)
    }

    @Test func recordsOverMaxBytesAreSkippedOverNotBuffered() throws {
        let items = try read("news.warc", maxBytes: 300)
        let tooLarge = items.filter { if case .failure("input.too-large", _, _, _) = $0 { true } else { false } }
        #expect(!tooLarge.isEmpty)
        // The reader stays in step: the records after the big ones are still read.
        #expect(items.count == WARCReaderTests.index["news.warc"]!.count)
    }

    @Test func notAWARCFile() throws {
        let path = try TempFiles.write(Array("hello\r\n\r\nworld".utf8), suffix: ".warc")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = WARCReader(stream: try ByteStream(path: path), maxBytes: 1000)
        guard case .failure(let code, _, _, _)? = reader.next() else { Issue.record("expected an error"); return }
        #expect(code == "input.invalid-warc")
        #expect(reader.next() == nil)
    }
}

extension WARCReader.Item: CustomStringConvertible {
    public var description: String {
        switch self {
        case .record(let r): "record \(r.type) \(r.recordID ?? "-")"
        case .failure(let code, let message, let offset, _): "failure \(code) @\(offset): \(message)"
        }
    }
}
