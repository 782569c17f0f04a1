import Testing

@testable import HTMLText

@Suite struct UTF8ValidationTests {
    func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(UTF8Validation.isValid) }

    @Test func refusesOverlongSurrogateAndCutSequences() {
        #expect(valid(Array("plain ASCII, then é “quotes” 😀".utf8)))
        #expect(valid([]))
        for bad: [UInt8] in [[0xC0, 0x80], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xE2, 0x80]] {
            #expect(!valid(Array("12345678".utf8) + bad), "\(bad)")
            #expect(!valid(bad + Array("12345678".utf8)), "\(bad)")
        }
    }

    /// Seeded random byte strings, biased towards multi-byte lead and continuation bytes:
    /// the validator agrees with the standard library's.
    @Test func agreesWithTheStandardLibrary() {
        var state: UInt64 = 0x00C0_FFEE
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let alphabet: [UInt8] = [0x41, 0x20, 0x7F, 0x80, 0xBF, 0xA0, 0x9F, 0x90, 0x8F, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xC0]
        for _ in 0..<20_000 {
            let bytes = (0..<Int(next() % 14)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            #expect(valid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
