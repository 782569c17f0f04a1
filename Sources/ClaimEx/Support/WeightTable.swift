/// Key → value in one flat open-addressing table, for keys that are already well-mixed
/// 64-bit hashes: a lookup is a mask and usually one probe, with no hashing of its own
/// (Swift's `Dictionary` runs SipHash on every lookup) and no allocation. Built once when a
/// model or lexicon loads, then shared read-only by every worker.
struct KeyTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value]
    private let mask: Int
    private let missing: Value

    /// `entries` must not repeat a key (the last one would win); `missing` is what an absent
    /// key reads as.
    init<S: Sequence<(key: UInt64, value: Value)>>(_ entries: S, missing: Value) {
        let list = Array(entries)
        var size = 16
        while size < list.count * 2 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        var values = [Value](repeating: missing, count: size)
        for (key, value) in list {
            let k = KeyTable.slotKey(key)
            var i = KeyTable.slot(k, size - 1)
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & (size - 1) }
            keys[i] = k
            values[i] = value
        }
        self.keys = keys
        self.values = values
        mask = size - 1
        self.missing = missing
    }

    /// 0 marks an empty slot, so a key of 0 is moved.
    @inline(__always) private static func slotKey(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }
    /// FNV keys are weak in their low bits: fold the high half in.
    @inline(__always) private static func slot(_ k: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: k ^ (k >> 29)) & mask }

    /// The value of `key`, or `missing`.
    @inline(__always) subscript(key: UInt64) -> Value {
        let k = KeyTable.slotKey(key)
        var i = KeyTable.slot(k, mask)
        while true {
            let found = keys[i]
            if found == k { return values[i] }
            if found == 0 { return missing }
            i = (i + 1) & mask
        }
    }

    func contains(_ key: UInt64) -> Bool {
        let k = KeyTable.slotKey(key)
        var i = KeyTable.slot(k, mask)
        while true {
            let found = keys[i]
            if found == k { return true }
            if found == 0 { return false }
            i = (i + 1) & mask
        }
    }
}

/// Feature key → weight; an unknown feature weighs 0.
///
/// One `UInt64` a slot — the key's top 32 bits as a fingerprint over the weight's 32 bits —
/// so a lookup touches one cache line, and a model of 70,000 weights fits in a megabyte.
/// Two keys sharing slot and fingerprint would collide; with 32-bit fingerprints over tables
/// this size, a lookup of an unknown feature meets a false match about once in 10⁹.
///
/// Most lookups are of features the model never kept (a word pair nobody trained on), and a
/// megabyte of slots does not stay in a core's cache: the attribution decoder spent most of
/// its time waiting for slots. A bit array of 8 bits a key (64 KB for the attribution model)
/// answers most of those lookups first: a clear bit means no key of the table has those bits,
/// so the slots are not read. A set bit only sends the lookup on to the slots, so the
/// answer is the same as without it.
struct WeightTable: Sendable {
    private let slots: [UInt64]
    private let mask: Int
    /// Bit `presenceBit(key)` is set for every key of the table.
    private let presence: [UInt64]
    private let presenceMask: Int

    init<S: Sequence<(key: UInt64, weight: Float)>>(_ entries: S) {
        let list = Array(entries)
        var size = 16
        while size < list.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var bits = 64 * 64
        while bits < list.count * 8 { bits <<= 1 }
        var presence = [UInt64](repeating: 0, count: bits / 64)
        for (key, weight) in list {
            let print = WeightTable.fingerprint(key)
            var i = Int(truncatingIfNeeded: key) & (size - 1)
            while slots[i] != 0 && slots[i] >> 32 != print { i = (i + 1) & (size - 1) }
            slots[i] = print << 32 | UInt64(weight.bitPattern)
            let b = WeightTable.presenceBit(key, bits - 1)
            presence[b >> 6] |= 1 << UInt64(b & 63)
        }
        self.slots = slots
        mask = size - 1
        self.presence = presence
        presenceMask = bits - 1
    }

    /// The key's top half, never 0 (0 marks an empty slot).
    @inline(__always) private static func fingerprint(_ key: UInt64) -> UInt64 {
        let p = key >> 32
        return p == 0 ? 1 : p
    }

    /// Bits 20 and up: apart from the slot index (the low bits) for tables under a million
    /// slots, so a key's neighbours in the slots do not share its bit.
    @inline(__always) private static func presenceBit(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key >> 20) & mask
    }

    @inline(__always) subscript(key: UInt64) -> Float {
        let b = WeightTable.presenceBit(key, presenceMask)
        guard presence[b >> 6] & (1 << UInt64(b & 63)) != 0 else { return 0 }
        let print = WeightTable.fingerprint(key)
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let slot = slots[i]
            if slot >> 32 == print { return Float(bitPattern: UInt32(truncatingIfNeeded: slot)) }
            if slot == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Whether the presence bits send a lookup of `key` on to the slots (for tests: they must
    /// for every key of the table, and should not for most others).
    func passesPresence(_ key: UInt64) -> Bool {
        let b = WeightTable.presenceBit(key, presenceMask)
        return presence[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
