import Foundation

/// The numbers of the model files (`rules/*/model.tsv`), read straight from their bytes: the
/// files load at every start, and making a String of each of their tens of thousands of
/// numbers showed in the start-up time.
enum DecimalNumber {
    /// A decimal number as the weights files write it ("-0.1234", "2", "1e-05"), or nil.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Float? {
        var i = 0, negative = false, value = 0.0, scale = 1.0, digits = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { value = value * 10 + Double(b[i] - 0x30); i += 1; digits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { scale /= 10; value += Double(b[i] - 0x30) * scale; i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            guard let e = Double(String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)...]), as: UTF8.self)) else { return nil }
            value *= pow(10, e)
            i = b.count
        }
        guard i == b.count else { return nil }
        return Float(negative ? -value : value)
    }
}
