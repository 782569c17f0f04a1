/// Byte-level forms of the few `String` operations the speaker resolver runs on every
/// mention and cue, for text that is plain ASCII (most of it). On such text each byte is one
/// `Character`, lower-casing is ASCII lower-casing and white space is one of six bytes, so
/// the results are the `String` operations' own; anything else returns nil and the caller
/// takes the `String` path.
enum ASCIIText {
    /// An ASCII byte that is a `Character` of its own: all but the carriage return, which
    /// joins a following line feed.
    @inline(__always) static func isPlain(_ b: UInt8) -> Bool { b < 0x80 && b != 0x0D }

    /// Whether every byte of `text` `isPlain`, read from its contiguous UTF-8 (a `utf8` view
    /// walked byte by byte costs ten times as much).
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.allSatisfy(isPlain) }
    }

    /// Whether `Character.isWhitespace` holds for this ASCII byte.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// `text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")`, when
    /// `text` is ASCII (a carriage return is white space either way, so it may occur here).
    static func joinedWords(of text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // SAFETY: at most one byte is written for each byte read, so `n` never passes the
            // capacity asked for; the first `n` bytes are all initialised and ASCII.
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                for b in bytes {
                    if isSpace(b) {
                        if n > 0 && out[n - 1] != 0x20 { out[n] = 0x20; n += 1 }
                    } else {
                        out[n] = lower(b)
                        n += 1
                    }
                }
                if n > 0 && out[n - 1] == 0x20 { n -= 1 }
                return n
            }
        }
    }

    /// `text.trimmingWhitespace()` for ASCII text.
    static func trimmed(_ text: String) -> String? {
        var text = text
        var unchanged = false
        let trimmed = text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy(isPlain) else { return nil }
            var start = 0, end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            if start == 0 && end == bytes.count {
                unchanged = true
                return nil
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return unchanged ? text : trimmed
    }

    /// `text.lowercased()` for ASCII text, which may also hold the no-break space and the
    /// curly quotation marks and dashes of U+2013–U+201D (a mention's "O’Malley", "Trump’s"):
    /// lower-casing maps each scalar on its own, those map to themselves, and the ASCII
    /// letters are lower-cased byte by byte. Nil for any other text.
    static func lowercased(_ text: String) -> String? {
        var text = text
        var unchanged = false
        let lowered = text.withUTF8 { bytes -> String? in
            var i = 0, upper = false
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    upper = upper || b &- 0x41 < 26
                    i += 1
                } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                    i += 2
                } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x93, bytes[i + 2] <= 0x9D {
                    i += 3
                } else {
                    return nil
                }
            }
            guard upper else {
                unchanged = true
                return nil
            }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0..<bytes.count { out[i] = ASCIIText.lower(bytes[i]) }
                return bytes.count
            }
        }
        return unchanged ? text : lowered
    }

    /// The words of `text.split(separator: " ")` for ASCII text: how many (1 or 2, meaning
    /// two or more; 0 for none) and the last.
    static func spaceSeparatedWords(_ text: String) -> (count: Int, last: String?)? {
        var text = text
        return text.withUTF8 { bytes -> (count: Int, last: String?)? in
            guard bytes.allSatisfy(isPlain) else { return nil }
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
            guard end > 0 else { return (0, nil) }
            var start = end
            while start > 0, bytes[start - 1] != 0x20 { start -= 1 }
            let earlier = bytes[..<start].contains { $0 != 0x20 }
            return (earlier ? 2 : 1, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
    }
}
