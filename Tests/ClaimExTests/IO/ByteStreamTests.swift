import Foundation
import Testing
@testable import ClaimEx

@Suite struct ByteStreamTests {
    func readAll(_ path: String, chunk: Int = 1 << 20) throws -> [UInt8] {
        let stream = try ByteStream(path: path, chunk: chunk)
        var out: [UInt8] = []
        while try stream.fill() {
            out += stream.window
            stream.consume(stream.window.count)
        }
        return out
    }

    @Test func plainAndGzipReadTheSameBytesWhateverTheChunk() throws {
        let text = Array((0..<20_000).map { "line \($0)\n" }.joined().utf8)
        let plain = try TempFiles.write(text, suffix: ".txt")
        let gz = try TempFiles.write(try TempFiles.gzip(text, members: 5), suffix: ".txt.gz")
        defer { for p in [plain, gz] { try? FileManager.default.removeItem(atPath: p) } }
        for chunk in [7, 4096, 1 << 20] {
            #expect(try readAll(plain, chunk: chunk) == text)
            #expect(try readAll(gz, chunk: chunk) == text)
        }
    }

    @Test func smallAndEmptyFilesAreReadWhole() throws {
        // A file under the chunk size is read with a chunk of its own size.
        for text in [[], Array("abc".utf8), Array(repeating: UInt8(ascii: "x"), count: 70_000)] {
            let path = try TempFiles.write(text, suffix: ".txt")
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try readAll(path) == text)
        }
    }

    @Test func aTruncatedGzipIsAnErrorNotAShortFile() throws {
        let gz = try TempFiles.gzip(Array(String(repeating: "x y z\n", count: 5000).utf8))
        let path = try TempFiles.write(Array(gz.dropLast(20)), suffix: ".gz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ByteStream.Failure.truncatedGzip) { _ = try readAll(path) }
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: ByteStream.Failure.self) { try ByteStream(path: "/nonexistent/x") }
    }
}
