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
        let bytes = text.utf8
        guard bytes.allSatisfy(isPlain) else { return nil }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return text }
        return String(text[first...last])
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
