import Foundation
import Testing
@testable import ClaimEx

@Suite struct GzipInflaterTests {
    @Test func inflatesConcatenatedMembersAndDeflate() throws {
        let text = Array(String(repeating: "Dock workers voted on Monday. ", count: 500).utf8)
        #expect(try GzipInflater.inflateAll(try TempFiles.gzip(text, members: 3), maxOutput: 1 << 20) == text)
        // zlib-wrapped deflate, as most servers send `Content-Encoding: deflate`.
        let zlibWrapped: [UInt8] = [0x78, 0x9C, 0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x05, 0x8C, 0x01, 0xF5]
        #expect(try GzipInflater.inflateAll(zlibWrapped, maxOutput: 100) == Array("Hello".utf8))
    }

    @Test func truncatedAndCorruptDataFail() throws {
        let gz = try TempFiles.gzip(Array(String(repeating: "abc ", count: 1000).utf8))
        #expect(throws: GzipInflater.Failure.self) { _ = try GzipInflater.inflateAll(Array(gz.dropLast(10)), maxOutput: 1 << 20) }
        var bad = gz
        bad[12] ^= 0xFF
        bad[13] ^= 0xFF
        #expect(throws: GzipInflater.Failure.self) { _ = try GzipInflater.inflateAll(bad, maxOutput: 1 << 20) }
    }

    @Test func outputIsCapped() throws {
        let gz = try TempFiles.gzip([UInt8](repeating: 0x41, count: 100_000))
        #expect(throws: GzipInflater.Failure.self) { _ = try GzipInflater.inflateAll(gz, maxOutput: 1000) }
    }
}
