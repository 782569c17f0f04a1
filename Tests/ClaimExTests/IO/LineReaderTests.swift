import Foundation
import Testing
@testable import ClaimEx

@Suite struct LineReaderTests {
    func lines(_ bytes: [UInt8], chunk: Int) throws -> [String] {
        let path = try TempFiles.write(bytes, suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = LineReader(stream: try ByteStream(path: path, chunk: chunk))
        var out: [String] = []
        while let line = try reader.next() { out.append(String(decoding: line, as: UTF8.self)) }
        return out
    }

    @Test func crlfBlankAndUnterminatedLastLine() throws {
        let text = Array("a\r\nbb\n\nccc".utf8)
        for chunk in [1, 2, 3, 1 << 16] {
            #expect(try lines(text, chunk: chunk) == ["a", "bb", "", "ccc"])
        }
    }

    @Test func longLinesAcrossManyChunks() throws {
        let long = String(repeating: "x", count: 100_000)
        #expect(try lines(Array("\(long)\nshort\n".utf8), chunk: 1000) == [long, "short"])
    }
}
