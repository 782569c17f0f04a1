/// Writes JSON straight into a byte buffer, in the order the caller writes keys.
///
/// A direct writer rather than `JSONEncoder`: key order is part of our output contract
/// (stable, diffable records), and encoding millions of records must not go through
/// reflection and intermediate dictionaries.
public struct JSONBuffer {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init() {}

    /// Room for `n` bytes in all, for a caller that knows about how much it will write: a
    /// record of a huge page's whole text grew by doubling, and held the old buffer and its
    /// copy together at the largest step.
    public mutating func reserveCapacity(_ n: Int) { bytes.reserveCapacity(n) }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }
    /// Ends a record: one object a line.
    public mutating func newline() { bytes.append(0x0A); needsComma = false }

    public mutating func key(_ k: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Members already encoded by another `JSONBuffer` (`"key":value`, comma-separated, as
    /// its `bytes` hold them), appended as they are: what every record of a document repeats
    /// is encoded once.
    public mutating func members(_ encoded: [UInt8]) {
        guard !encoded.isEmpty else { return }
        separator()
        bytes.append(contentsOf: encoded)
        needsComma = true
    }

    public mutating func string(_ s: String) {
        separator()
        var s = s
        s.withUTF8 { escape($0) }
        needsComma = true
    }

    public mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// A string from raw UTF-8 bytes (a slice of the document text), without a copy.
    public mutating func string(utf8 buf: UnsafeBufferPointer<UInt8>) {
        separator()
        escape(buf)
        needsComma = true
    }

    public mutating func int(_ n: Int) {
        separator()
        decimal(n)
        needsComma = true
    }

    /// A record id such as `article:q120-245`, written without building the string first.
    public mutating func recordID(_ article: String, _ tag: StaticString, _ start: Int, _ end: Int) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        var a = article
        a.withUTF8 { escapeContent($0) }
        bytes.append(UInt8(ascii: ":"))
        tag.withUTF8Buffer { bytes.append(contentsOf: $0) }
        decimal(start)
        bytes.append(UInt8(ascii: "-"))
        decimal(end)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Several slices of UTF-8 written as one string, joined by single spaces (a quotation
    /// made of parts), without joining them first.
    public mutating func string(utf8Parts parts: [UnsafeBufferPointer<UInt8>]) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        for (i, part) in parts.enumerated() {
            if i > 0 { bytes.append(0x20) }
            escapeContent(part)
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// The decimal digits of `n`, straight into the buffer (no String in between).
    private mutating func decimal(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        if m < 10 {
            bytes.append(0x30 + UInt8(m))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            while m > 0 {
                i -= 1
                digits[i] = 0x30 + UInt8(m % 10)
                m /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    public mutating func int(_ n: Int?) {
        if let n { int(n) } else { null() }
    }

    /// Numbers of at most three decimals, written the same way on every platform.
    public mutating func number(_ x: Double) {
        separator()
        let thousandths = Int((x * 1000).rounded())
        if thousandths < 0 && thousandths > -1000 {
            bytes.append(UInt8(ascii: "-"))
            bytes.append(UInt8(ascii: "0"))
        } else {
            decimal(thousandths / 1000)
        }
        let frac = abs(thousandths % 1000)
        if frac != 0 {
            // Three digits, trailing zeros dropped: 0.5, 0.05, 0.005, 0.125.
            let d1 = frac / 100, d2 = frac / 10 % 10, d3 = frac % 10
            bytes.append(UInt8(ascii: "."))
            bytes.append(0x30 + UInt8(d1))
            if d2 != 0 || d3 != 0 { bytes.append(0x30 + UInt8(d2)) }
            if d3 != 0 { bytes.append(0x30 + UInt8(d3)) }
        }
        needsComma = true
    }

    public mutating func bool(_ b: Bool) {
        separator()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
        needsComma = true
    }

    public mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func escape(_ buf: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        escapeContent(buf)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escaped bytes of a string, without the quotes around them.
    private mutating func escapeContent(_ buf: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for i in 0..<buf.count {
            let b = buf[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i])) }
            runStart = i + 1
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, JSONBuffer.hex[Int(b >> 4)], JSONBuffer.hex[Int(b & 0xF)]])
            }
        }
        if runStart < buf.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart...])) }
    }
}
