/// How a feature of the learned attribution model is named in its weights file and keyed in
/// memory.
///
/// A name is `template=value` or `template=value value …` ("c:w=said", "s:cuew=said that"):
/// a template names what is looked at, the values are normalised words or small fixed
/// strings. The key combines the template's hash with each value's hash, so the hot path
/// builds keys from token hashes computed once, and the loader gets the same key from the name.
enum FeatureKey {
    static let fnvStart = FeatureHash.fnvStart
    @inline(__always) static func fnv(_ h: UInt64, _ byte: UInt8) -> UInt64 { FeatureHash.fnv(h, byte) }

    /// The template's own key ("c:w").
    static func template(_ name: String) -> UInt64 { FeatureHash.mix(FeatureHash.fnv(name.utf8)) }

    @inline(__always) static func key(_ template: UInt64, _ v1: UInt64) -> UInt64 {
        FeatureHash.mix(template &+ v1 &* 0x2545_f491_4f6c_dd1d)
    }

    @inline(__always) static func key(_ template: UInt64, _ v1: UInt64, _ v2: UInt64) -> UInt64 {
        key(partial: key(template, v1), v2)
    }

    /// A two-value key from `key(template, v1)` made beforehand: the scorers make the part
    /// that stays the same over a sentence once.
    @inline(__always) static func key(partial: UInt64, _ v2: UInt64) -> UInt64 {
        FeatureHash.mix(partial &+ v2 &* 0x9e37_79b9_7f4a_7c15)
    }

    @inline(__always) static func key(_ template: UInt64, _ v1: UInt64, _ v2: UInt64, _ v3: UInt64) -> UInt64 {
        FeatureHash.mix(key(template, v1, v2) &+ v3 &* 0xd6e8_feb8_6659_fd93)
    }

    /// The hash of a fixed value ("A", "3", "<s>").
    static func value(_ s: String) -> UInt64 { FeatureHash.fnv(s.utf8) }

    /// The key of a feature name as the weights file writes it, or nil when it has no `=`.
    /// Read as bytes: a value may start with a combining mark, which would join the `=` into
    /// one Character.
    static func key(ofName name: String) -> UInt64? {
        var name = name
        return name.withUTF8 { key(ofName: $0) }
    }

    static func key(ofName bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let p = parts(ofName: bytes) else { return nil }
        switch p.count {
        case 1: return key(p.template, p.values.0)
        case 2: return key(p.template, p.values.0, p.values.1)
        default: return key(p.template, p.values.0, p.values.1, p.values.2)
        }
    }

    /// A name's template key and the hashes of its one to three values (what `key` combines),
    /// or nil when it has no `=` or more than three values.
    static func parts(ofName bytes: UnsafeBufferPointer<UInt8>) -> (template: UInt64, values: (UInt64, UInt64, UInt64), count: Int)? {
        guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let t = FeatureHash.mix(FeatureHash.fnv(UnsafeBufferPointer(rebasing: bytes[..<eq])))
        // Up to three space-separated values, hashed as they are read.
        var values: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var h = FeatureHash.fnvStart
        for i in (eq + 1)...bytes.count {
            if i == bytes.count || bytes[i] == UInt8(ascii: " ") {
                switch count {
                case 0: values.0 = h
                case 1: values.1 = h
                case 2: values.2 = h
                default: return nil
                }
                count += 1
                h = FeatureHash.fnvStart
            } else {
                h = FeatureHash.fnv(h, bytes[i])
            }
        }
        return (t, values, count)
    }
}
