/// Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above
/// U+10FFFF), shared by the charset sniffer and by readers that must refuse what is not
/// UTF-8 before they decode it.
public enum UTF8Validation {
    /// Whether every byte belongs to a well-formed sequence; ASCII runs are checked 8 bytes
    /// at a time, since article text is mostly ASCII.
    public static func isValid(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buf.count
        var i = 0
        while i < n {
            // SAFETY: `i + 8 <= n`, so the 8-byte unaligned load stays inside the buffer,
            // which is non-empty here (so `baseAddress` is non-nil).
            if i + 8 <= n {
                let w = UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let len = sequenceLength(buf, i)
            if len == 0 { return false }
            i += len
        }
        return true
    }

    /// Length of the valid UTF-8 sequence starting at `i` (which must be below
    /// `buf.count`), or 0 if it is invalid.
    public static func sequenceLength(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        // Every index past `i` is checked against `n` (by `cont`) before it is read.
        let n = buf.count
        let c = buf[i]
        if c < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { k < n && buf[k] & 0xC0 == 0x80 }
        if c >= 0xC2 && c <= 0xDF { return cont(i + 1) ? 2 : 0 }
        if c >= 0xE0 && c <= 0xEF {
            guard cont(i + 1), cont(i + 2) else { return 0 }
            let c1 = buf[i + 1]
            if c == 0xE0 && c1 < 0xA0 { return 0 }  // overlong
            if c == 0xED && c1 >= 0xA0 { return 0 }  // surrogates
            return 3
        }
        if c >= 0xF0 && c <= 0xF4 {
            guard cont(i + 1), cont(i + 2), cont(i + 3) else { return 0 }
            let c1 = buf[i + 1]
            if c == 0xF0 && c1 < 0x90 { return 0 }
            if c == 0xF4 && c1 >= 0x90 { return 0 }
            return 4
        }
        return 0
    }
}
