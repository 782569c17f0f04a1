/// Feature key → weight, in one flat open-addressing table: a lookup is a multiply, a mask
/// and usually one probe, with no hashing of its own (keys are already well mixed) and no
/// allocation. Built once when a model loads, then shared read-only by every worker.
struct WeightTable: Sendable {
    private let keys: [UInt64]
    private let weights: [Float]
    private let mask: Int

    /// `entries` must not repeat a key (the last one would win).
    init<S: Sequence<(key: UInt64, weight: Float)>>(_ entries: S) {
        let list = Array(entries)
        var size = 16
        while size < list.count * 2 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        var weights = [Float](repeating: 0, count: size)
        for (key, weight) in list {
            let k = WeightTable.slotKey(key)
            var i = Int(truncatingIfNeeded: k) & (size - 1)
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & (size - 1) }
            keys[i] = k
            weights[i] = weight
        }
        self.keys = keys
        self.weights = weights
        mask = size - 1
    }

    /// 0 marks an empty slot, so a key of 0 is moved.
    @inline(__always) private static func slotKey(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// The weight of `key`, 0 for a feature the model does not know.
    @inline(__always) subscript(key: UInt64) -> Float {
        let k = WeightTable.slotKey(key)
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let found = keys[i]
            if found == k { return weights[i] }
            if found == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Whether `key` has an entry (a weight of 0 written in the file counts).
    func contains(_ key: UInt64) -> Bool {
        let k = WeightTable.slotKey(key)
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let found = keys[i]
            if found == k { return true }
            if found == 0 { return false }
            i = (i + 1) & mask
        }
    }
}
