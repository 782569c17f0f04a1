import Foundation
import Testing
@testable import ClaimEx

@Suite struct LineReaderTests {
    func lines(_ bytes: [UInt8], chunk: Int, maxLine: Int = .max) throws -> [String] {
        let path = try TempFiles.write(bytes, suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = LineReader(stream: try ByteStream(path: path, chunk: chunk), maxLine: maxLine)
        var out: [String] = []
        while let line = try reader.next() {
            switch line {
            case .line(let l): out.append(String(decoding: l, as: UTF8.self))
            case .tooLong(let n): out.append("<\(n) bytes skipped at line \(reader.lineNumber)>")
            }
        }
        return out
    }

    @Test func aLineOverTheLimitIsSkippedNotBuffered() throws {
        let long = String(repeating: "y", count: 50_000)
        for chunk in [100, 4096, 1 << 20] {
            #expect(try lines(Array("a\n\(long)\nb\n\(long)".utf8), chunk: chunk, maxLine: 1000) ==
                    ["a", "<50000 bytes skipped at line 2>", "b", "<50000 bytes skipped at line 4>"])
        }
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
