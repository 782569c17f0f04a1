import Glibc

/// Turns a body in a declared charset into UTF-8: windows-1252 and ISO-8859-1 (one thing to
/// browsers) by table, every other charset through iconv.
enum TextDecoding {
    /// Why the bytes cannot be read in the declared charset.
    struct Failure: Error {
        var message: String
    }

    /// The UTF-8 bytes, or nil when the charset is already UTF-8 (or ASCII) and the bytes
    /// can be used as they are.
    static func utf8(_ bytes: [UInt8], charset: String) throws(Failure) -> [UInt8]? {
        switch charset {
        case "utf-8", "utf8", "us-ascii", "ascii", "unicode-1-1-utf-8":
            return nil
        case "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "x-cp1252":
            return windows1252(bytes)
        default:
            return try iconv(bytes, from: charset)
        }
    }

    /// Windows-1252 code points of 0x80...0x9F; the rest of the bytes are Latin-1.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar = b < 0xA0 ? cp1252High[Int(b - 0x80)] : UInt32(b)
            out.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
        }
        return out
    }

    private static func iconv(_ bytes: [UInt8], from charset: String) throws(Failure) -> [UInt8] {
        let cd = iconv_open("UTF-8", charset.uppercased())
        guard cd != iconv_t(bitPattern: -1) else { throw Failure(message: "unknown charset \(charset)") }
        // SAFETY: the descriptor is closed in this function, which opened it.
        defer { iconv_close(cd) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let ok = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                // SAFETY: iconv advances the two pointers and decrements the two byte counts
                // within the buffers; nothing outlives the closure.
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = Glibc.iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return (r != -1 && inLeft == 0, outBuf.count - outLeft)
            }
        }
        guard ok.0 else { throw Failure(message: "the bytes are not valid \(charset)") }
        out.removeLast(out.count - ok.1)
        return out
    }
}
