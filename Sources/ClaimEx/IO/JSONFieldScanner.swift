import HTMLText

/// Reads the few top-level fields of a JSON Lines record that make an article (text, id,
/// URL, title, date) straight from the line's bytes, validating the whole line as JSON.
///
/// Why not `JSONSerialization`: it builds every value of the record as a Foundation object,
/// and decodes the article text into an `NSString` that is then copied back to bytes. On
/// PolNeAR's JSON Lines that took about as many instructions as half the attribution rules.
/// This scanner decodes only the wanted string fields, into the UTF-8 bytes the pipeline
/// keeps, and skips every other value after checking its grammar.
///
/// It differs from `JSONSerialization` where that one refuses what a crawler dump can
/// reasonably hold: a lone UTF-16 surrogate escape (`\ud800`) becomes U+FFFD, and a number
/// beyond `Double`'s range in a field no one reads (`1e999999`) is not an error.
enum JSONFieldScanner {
    /// A wanted field's value: strings decoded to UTF-8, numbers as written, the rest named.
    enum Value: Equatable, Sendable {
        case string([UInt8])
        case number(String)
        case other
    }

    enum Failure: Error, Equatable {
        /// The bytes are not UTF-8 (JSON Lines must be).
        case invalidUTF8
        /// The line is not JSON; `offset` is the first byte that does not fit the grammar.
        case invalidJSON(offset: Int)
        /// Valid JSON whose top-level value is not an object.
        case notAnObject
    }

    /// Arrays and objects nested deeper than this are refused, so that hostile lines cannot
    /// exhaust the stack.
    static let maxDepth = 512

    /// The values of `keys` (each as UTF-8 bytes) in the object, in the same order; `nil`
    /// for a key the object lacks. A key given twice keeps its last value, as
    /// `JSONSerialization` does.
    static func fields(of line: UnsafeBufferPointer<UInt8>, keys: [[UInt8]]) throws(Failure) -> [Value?] {
        guard UTF8Validation.isValid(line) else { throw .invalidUTF8 }
        var scanner = Scanner(bytes: line)
        var values = [Value?](repeating: nil, count: keys.count)
        scanner.skipSpace()
        guard scanner.peek == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 0)
            scanner.skipSpace()
            guard scanner.atEnd else { throw .invalidJSON(offset: scanner.at) }
            throw .notAnObject
        }
        scanner.at += 1
        scanner.skipSpace()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.at += 1
        } else {
            while true {
                let key = try scanner.stringSpan()
                scanner.skipSpace()
                try scanner.expect(UInt8(ascii: ":"))
                scanner.skipSpace()
                if let wanted = scanner.index(ofKey: key, in: keys) {
                    values[wanted] = try scanner.value()
                } else {
                    try scanner.skipValue(depth: 1)
                }
                scanner.skipSpace()
                if scanner.peek == UInt8(ascii: ",") {
                    scanner.at += 1
                    scanner.skipSpace()
                    continue
                }
                try scanner.expect(UInt8(ascii: "}"))
                break
            }
        }
        scanner.skipSpace()
        guard scanner.atEnd else { throw .invalidJSON(offset: scanner.at) }
        return values
    }

    /// A raw string token: the bytes between its quotation marks, and whether it holds a
    /// backslash escape (when it does not, the bytes are the value).
    struct StringSpan {
        var range: Range<Int>
        var escaped: Bool
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        var atEnd: Bool { at >= bytes.count }
        var peek: UInt8 { at < bytes.count ? bytes[at] : 0 }

        mutating func skipSpace() {
            while at < bytes.count {
                switch bytes[at] {
                case 0x20, 0x09, 0x0A, 0x0D: at += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(Failure) {
            guard peek == byte, !atEnd else { throw .invalidJSON(offset: at) }
            at += 1
        }

        /// Reads a string token, checking its escapes and that it holds no control character.
        mutating func stringSpan() throws(Failure) -> StringSpan {
            try expect(UInt8(ascii: "\""))
            let start = at
            var escaped = false
            while at < bytes.count {
                // Eight bytes at a time past runs with no quotation mark, backslash or control
                // character (article text is long and mostly plain).
                while at + 8 <= bytes.count, !Self.mayEndRun(Self.word(bytes, at)) { at += 8 }
                guard at < bytes.count else { break }
                let b = bytes[at]
                if b == UInt8(ascii: "\"") {
                    defer { at += 1 }
                    return StringSpan(range: start..<at, escaped: escaped)
                }
                if b < 0x20 { throw .invalidJSON(offset: at) }
                if b == UInt8(ascii: "\\") {
                    escaped = true
                    at += 1
                    switch peek {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        at += 1
                    case UInt8(ascii: "u"):
                        guard at + 4 < bytes.count, (1...4).allSatisfy({ Self.hexValue(bytes[at + $0]) != nil }) else {
                            throw .invalidJSON(offset: at)
                        }
                        at += 5
                    default:
                        throw .invalidJSON(offset: at)
                    }
                    continue
                }
                at += 1
            }
            throw .invalidJSON(offset: at)
        }

        /// Eight bytes from `i` (which must leave eight in the buffer), first byte lowest.
        @inline(__always) static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
            // SAFETY: callers check `i + 8 <= bytes.count`, so the unaligned load stays inside.
            UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
        }

        /// Whether any byte of `w` may be a quotation mark, a backslash or below 0x20. Exact when it says no
        /// (the usual zero-byte test on `w ^ pattern`; borrows only add false alarms).
        @inline(__always) static func mayEndRun(_ w: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            let zeroQuote = (quote &- ones) & ~quote, zeroBackslash = (backslash &- ones) & ~backslash
            let control = (w &- ones &* 0x20) & ~w
            return (zeroQuote | zeroBackslash | control) & highs != 0
        }

        /// Whether any byte of `w` may be a backslash (as `mayEndRun`).
        @inline(__always) static func mayHoldBackslash(_ w: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let backslash = w ^ (ones &* 0x5C)
            return (backslash &- ones) & ~backslash & 0x8080_8080_8080_8080 != 0
        }

        func index(ofKey key: StringSpan, in keys: [[UInt8]]) -> Int? {
            let name = key.escaped ? decode(key) : Array(bytes[key.range])
            return keys.firstIndex(of: name)
        }

        /// A wanted value: strings decoded, numbers kept as written, the rest skipped.
        mutating func value() throws(Failure) -> Value {
            switch peek {
            case UInt8(ascii: "\""):
                let span = try stringSpan()
                return .string(span.escaped ? decode(span) : Array(bytes[span.range]))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = at
                try skipNumber()
                return .number(String(decoding: bytes[start..<at], as: UTF8.self))
            default:
                try skipValue(depth: 1)
                return .other
            }
        }

        /// Steps over one value of any kind, checking its grammar.
        mutating func skipValue(depth: Int) throws(Failure) {
            switch peek {
            case UInt8(ascii: "\""):
                _ = try stringSpan()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try skipNumber()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "["):
                try skipMembers(closedBy: UInt8(ascii: "]"), depth: depth) { s throws(Failure) in try s.skipValue(depth: depth + 1) }
            case UInt8(ascii: "{"):
                try skipMembers(closedBy: UInt8(ascii: "}"), depth: depth) { s throws(Failure) in
                    _ = try s.stringSpan()
                    s.skipSpace()
                    try s.expect(UInt8(ascii: ":"))
                    s.skipSpace()
                    try s.skipValue(depth: depth + 1)
                }
            default:
                throw .invalidJSON(offset: at)
            }
        }

        /// Steps over an array's or object's members, `member` reading one (the opening mark
        /// is at `at`): empty, or members separated by commas, then `close`.
        mutating func skipMembers(closedBy close: UInt8, depth: Int,
                                  _ member: (inout Self) throws(Failure) -> Void) throws(Failure) {
            guard depth < JSONFieldScanner.maxDepth else { throw .invalidJSON(offset: at) }
            at += 1
            skipSpace()
            if peek == close { at += 1; return }
            while true {
                try member(&self)
                skipSpace()
                if peek == UInt8(ascii: ",") { at += 1; skipSpace(); continue }
                try expect(close)
                return
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let n = word.utf8CodeUnitCount
            guard at + n <= bytes.count else { throw .invalidJSON(offset: at) }
            for i in 0..<n where bytes[at + i] != word.utf8Start[i] { throw .invalidJSON(offset: at + i) }
            at += n
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func skipNumber() throws(Failure) {
            if peek == UInt8(ascii: "-") { at += 1 }
            if peek == UInt8(ascii: "0") {
                at += 1
            } else {
                guard !atEnd, isDigit(peek) else { throw .invalidJSON(offset: at) }
                while !atEnd, isDigit(peek) { at += 1 }
            }
            if peek == UInt8(ascii: ".") {
                at += 1
                guard !atEnd, isDigit(peek) else { throw .invalidJSON(offset: at) }
                while !atEnd, isDigit(peek) { at += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                at += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { at += 1 }
                guard !atEnd, isDigit(peek) else { throw .invalidJSON(offset: at) }
                while !atEnd, isDigit(peek) { at += 1 }
            }
        }

        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        static func hexValue(_ b: UInt8) -> UInt32? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        /// The UTF-8 bytes of a string token that holds escapes (already checked by
        /// `stringSpan`). A UTF-16 surrogate escape without its other half becomes U+FFFD.
        func decode(_ span: StringSpan) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(span.range.count)
            var i = span.range.lowerBound
            let end = span.range.upperBound
            func hex4(_ j: Int) -> UInt32 {
                (0..<4).reduce(0) { $0 << 4 | Self.hexValue(bytes[j + $1])! }
            }
            while i < end {
                // Copy the run up to the next backslash in one piece.
                var k = i
                while k + 8 <= end, !Self.mayHoldBackslash(Self.word(bytes, k)) { k += 8 }
                while k < end, bytes[k] != UInt8(ascii: "\\") { k += 1 }
                if k > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<k]))
                    i = k
                    continue
                }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = hex4(i)
                    i += 4
                    if (0xD800..<0xDC00).contains(scalar) {
                        if i + 6 <= end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                           case let low = hex4(i + 2), (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        scalar = 0xFFFD
                    }
                    Self.appendUTF8(scalar, to: &out)
                default: out.append(e)  // " \ /
                }
            }
            return out
        }

        static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
            switch scalar {
            case ..<0x80:
                out.append(UInt8(scalar))
            case ..<0x800:
                out.append(UInt8(0xC0 | scalar >> 6))
                out.append(UInt8(0x80 | scalar & 0x3F))
            case ..<0x10000:
                out.append(UInt8(0xE0 | scalar >> 12))
                out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                out.append(UInt8(0x80 | scalar & 0x3F))
            default:
                out.append(UInt8(0xF0 | scalar >> 18))
                out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                out.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
    }
}
