/// Works out how a page's bytes are encoded and, where libxml2 would get it wrong, turns them
/// into UTF-8 before parsing.
///
/// Order: byte-order mark, then a `<meta charset>` / `http-equiv="content-type"` declaration in
/// the first bytes, then a UTF-8 validity check. Windows-1252 and ISO-8859-1 (which browsers
/// treat as the same thing) are decoded here; invalid UTF-8 is replaced with U+FFFD; other
/// declared charsets are handed to libxml2 by name.
enum Charset {
    /// What to give the parser: the bytes (maybe converted) and the encoding name to pass.
    struct Prepared {
        /// Converted bytes, or nil when the input can be parsed as it is.
        var converted: [UInt8]?
        /// Encoding name for libxml2's parser.
        var encoding: String?
        /// True when the bytes are UTF-8 and the page's own declaration must be ignored.
        var ignoreDeclared: Bool
        /// The charset as detected, for diagnostics ("utf-8", "windows-1252", ...).
        var detected: String
    }

    static func prepare(_ bytes: [UInt8]) -> Prepared {
        // Byte-order marks win over everything.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            let body = Array(bytes[3...])
            if isValidUTF8(body) {
                return Prepared(converted: body, encoding: "UTF-8", ignoreDeclared: true, detected: "utf-8")
            }
            return Prepared(converted: repairUTF8(body), encoding: "UTF-8", ignoreDeclared: true, detected: "utf-8")
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return Prepared(converted: nil, encoding: "UTF-16LE", ignoreDeclared: true, detected: "utf-16le")
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return Prepared(converted: nil, encoding: "UTF-16BE", ignoreDeclared: true, detected: "utf-16be")
        }
        let declared = declaredCharset(bytes)
        switch declared.map(normalize) {
        case "windows-1252"?:
            return Prepared(converted: decodeWindows1252(bytes), encoding: "UTF-8", ignoreDeclared: true, detected: "windows-1252")
        case "utf-8"?:
            if isValidUTF8(bytes) {
                return Prepared(converted: nil, encoding: "UTF-8", ignoreDeclared: true, detected: "utf-8")
            }
            return Prepared(converted: repairUTF8(bytes), encoding: "UTF-8", ignoreDeclared: true, detected: "utf-8")
        case let other?:
            // A charset libxml2 converts itself (through iconv), e.g. shift_jis, koi8-r.
            return Prepared(converted: nil, encoding: other, ignoreDeclared: true, detected: other)
        case nil:
            if isValidUTF8(bytes) {
                return Prepared(converted: nil, encoding: "UTF-8", ignoreDeclared: true, detected: "utf-8")
            }
            // Undeclared and not valid UTF-8: mostly-UTF-8 with a few bad bytes is repaired,
            // otherwise it is the web's legacy default, windows-1252.
            if looksMostlyUTF8(bytes) {
                return Prepared(converted: repairUTF8(bytes), encoding: "UTF-8", ignoreDeclared: true, detected: "utf-8")
            }
            return Prepared(converted: decodeWindows1252(bytes), encoding: "UTF-8", ignoreDeclared: true, detected: "windows-1252")
        }
    }

    /// Maps the labels we decode ourselves onto one name; other labels pass through lower-cased.
    static func normalize(_ label: String) -> String {
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": "utf-8"
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
            "latin-1", "l1", "us-ascii", "ascii", "iso-ir-100", "ibm819", "cp819", "csisolatin1",
            "ansi_x3.4-1968", "windows1252":
            "windows-1252"
        default: label
        }
    }

    /// The charset a page declares in its first 16 KiB: `<meta charset=...>` or
    /// `<meta http-equiv="Content-Type" content="text/html; charset=...">`. Lower-cased.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let limit = min(bytes.count, 16_384)
        let needle: [UInt8] = Array("charset".utf8)
        var i = 0
        while i + needle.count < limit {
            // Case-insensitive match of "charset".
            var match = true
            for k in 0..<needle.count where bytes[i + k] | 0x20 != needle[k] {
                match = false
                break
            }
            if !match {
                i += 1
                continue
            }
            defer { i += needle.count }
            guard insideMetaTag(bytes, at: i) else { continue }
            var j = i + needle.count
            while j < limit, isSpace(bytes[j]) { j += 1 }
            guard j < limit, bytes[j] == UInt8(ascii: "=") else { continue }
            j += 1
            while j < limit, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                j += 1
            }
            var label: [UInt8] = []
            while j < limit, label.count < 40 {
                let c = bytes[j]
                let ok =
                    (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2D
                    || c == 0x5F || c == 0x2E || c == 0x3A
                guard ok else { break }
                label.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                j += 1
            }
            if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
        }
        return nil
    }

    /// True when the nearest `<` before `at` opens a `<meta` tag and no `>` lies between.
    private static func insideMetaTag(_ bytes: [UInt8], at: Int) -> Bool {
        var k = at - 1
        while k >= 0, at - k < 1024 {
            let c = bytes[k]
            if c == UInt8(ascii: ">") { return false }
            if c == UInt8(ascii: "<") {
                guard k + 5 <= bytes.count else { return false }
                let m = Array("meta".utf8)
                for n in 0..<4 where bytes[k + 1 + n] | 0x20 != m[n] { return false }
                return true
            }
            k -= 1
        }
        return false
    }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // SAFETY: the buffer is borrowed for the call only and not kept.
        bytes.withUnsafeBufferPointer(UTF8Validation.isValid)
    }

    /// More valid multi-byte sequences than invalid bytes.
    static func looksMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        // SAFETY: the buffer is borrowed for the closure only; indices stay below `buf.count`.
        bytes.withUnsafeBufferPointer { buf in
            var good = 0
            var bad = 0
            var i = 0
            while i < buf.count {
                if buf[i] < 0x80 {
                    i += 1
                    continue
                }
                let len = UTF8Validation.sequenceLength(buf, i)
                if len == 0 {
                    bad += 1
                    i += 1
                } else {
                    good += 1
                    i += len
                }
            }
            return good > bad
        }
    }

    /// Invalid sequences become U+FFFD (Swift's standard repair).
    static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// Windows-1252 (a superset of ISO-8859-1's printable range) to UTF-8.
    static func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar: UInt32 = b >= 0xA0 || b < 0x80 ? UInt32(b) : cp1252High[Int(b - 0x80)]
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// 0x80...0x9F in windows-1252; undefined positions map to the C1 control of the same value.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
