import Testing
@testable import ClaimEx

@Suite struct TextDecodingTests {
    @Test func windows1252ByTable() throws {
        // "Café – €5" in windows-1252.
        let bytes: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x80, 0x35]
        #expect(try TextDecoding.utf8(bytes, charset: "windows-1252") == Array("Café – €5".utf8))
        #expect(try TextDecoding.utf8(bytes, charset: "iso-8859-1").map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("Café") == true)
    }

    @Test func otherCharsetsThroughIconv() throws {
        // "Мир" in KOI8-R.
        #expect(try TextDecoding.utf8([0xED, 0xC9, 0xD2], charset: "koi8-r") == Array("Мир".utf8))
    }

    @Test func utf8NeedsNoConversion() throws {
        #expect(try TextDecoding.utf8([0x41], charset: "utf-8") == nil)
    }

    @Test func unknownCharsetAndInvalidBytesFail() {
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.utf8([0x41], charset: "x-no-such-charset") }
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.utf8([0xFF, 0xFF], charset: "utf-16le-nope") }
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.utf8([0x82, 0xA0, 0x82], charset: "shift_jis") }
    }
}
