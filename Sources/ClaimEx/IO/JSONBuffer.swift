/// Writes JSON straight into a byte buffer, in the order the caller writes keys.
///
/// A direct writer rather than `JSONEncoder`: key order is part of our output contract
/// (stable, diffable records), and encoding millions of records must not go through
/// reflection and intermediate dictionaries.
public struct JSONBuffer {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init() {}

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
        bytes.append(contentsOf: String(n).utf8)
        needsComma = true
    }

    public mutating func int(_ n: Int?) {
        if let n { int(n) } else { null() }
    }

    /// Numbers of at most three decimals, written the same way on every platform.
    public mutating func number(_ x: Double) {
        separator()
        let thousandths = Int((x * 1000).rounded())
        var text = String(thousandths / 1000)
        let frac = abs(thousandths % 1000)
        if thousandths < 0 && thousandths > -1000 { text = "-0" }
        if frac != 0 {
            var digits = String(frac)
            while digits.count < 3 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        bytes.append(contentsOf: text.utf8)
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
        bytes.append(UInt8(ascii: "\""))
    }
}
