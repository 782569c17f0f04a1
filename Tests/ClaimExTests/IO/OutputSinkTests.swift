import Foundation
import Testing
@testable import ClaimEx

@Suite struct OutputSinkTests {
    @Test func smallAndLargePiecesAreWrittenInOrder() throws {
        let path = TempFiles.path(".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try OutputSink(path: path, force: false)
        var expected: [UInt8] = []
        for (i, size) in [10, OutputSink.chunkBytes - 5, 3, OutputSink.chunkBytes * 2 + 1, 7, 1].enumerated() {
            let piece = [UInt8](repeating: UInt8(ascii: "a") + UInt8(i), count: size)
            sink.write(piece)
            expected += piece
        }
        try sink.finish()
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == expected)
    }
}
