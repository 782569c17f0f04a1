/// Stable 64-bit hashing for the keys of weights files: the same bytes give the same key on
/// every run and machine (Swift's `Hasher` is seeded per process, so it cannot key a file).
enum FeatureHash {
    static let fnvStart: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One byte of FNV-1a, 64 bits.
    @inline(__always) static func fnv(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    static func fnv<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
        bytes.reduce(fnvStart) { fnv($0, $1) }
    }

    /// splitmix64's finaliser, so that combined keys spread over the whole table.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
