import Foundation

/// Two small logistic regressions over `ClaimFeatures`: does the text make a checkable claim,
/// and is it worth checking. Weights come from a text file under `rules/claims/` that
/// `claimex train-claims` writes, so the model is as reviewable (and diffable) as a rule.
///
/// File format (tab-separated, `#` comments):
///
///     format	claimex-claim-model	1
///     bias	<claim>	<checkworthy>
///     <feature name>	<claim weight>	<checkworthy weight>
///
/// The biases already include the decision thresholds chosen at training time, so
/// `p ≥ 0.5` is the decision for both outputs.
public struct ClaimModel: Sendable {
    public static let fileName = "model.tsv"
    static let formatLine = "format\tclaimex-claim-model\t1"

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var claim: Float
        public var checkworthy: Float
    }

    public let biasClaim: Float
    public let biasCheckworthy: Float
    public let entries: [Entry]
    /// Open addressing, power-of-two size, key 0 = empty; values index `entries`.
    let slots: [UInt64]
    let slotEntry: [Int32]
    let mask: Int

    public init(biasClaim: Float, biasCheckworthy: Float, entries: [Entry]) {
        self.biasClaim = biasClaim
        self.biasCheckworthy = biasCheckworthy
        self.entries = entries
        var size = 16
        while size < entries.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var slotEntry = [Int32](repeating: -1, count: size)
        for (index, entry) in entries.enumerated() {
            let key = ClaimModel.slotKey(ClaimFeatures.key(of: entry.name))
            var i = Int(truncatingIfNeeded: key) & (size - 1)
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & (size - 1) }
            slots[i] = key
            slotEntry[i] = Int32(index)
        }
        self.slots = slots
        self.slotEntry = slotEntry
        mask = size - 1
    }

    /// 0 marks an empty slot, so a key of 0 is moved.
    @inline(__always) static func slotKey(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// The entry index of a feature key, or nil for a feature the model does not know.
    @inline(__always) func index(of key: UInt64) -> Int? {
        let key = ClaimModel.slotKey(key)
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = slots[i]
            if k == key { return Int(slotEntry[i]) }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// The weights of a feature key, or nil for a feature the model does not know.
    @inline(__always) func weights(of key: UInt64) -> (claim: Float, checkworthy: Float)? {
        guard let i = index(of: key) else { return nil }
        return (entries[i].claim, entries[i].checkworthy)
    }

    /// The two probabilities for a text's features (already summed when they were scored as found).
    public func score(_ features: ClaimFeatures) -> (claim: Double, checkworthy: Double) {
        guard features.scoring == nil else {
            return (ClaimModel.sigmoid(Double(biasClaim + features.sums.claim)),
                    ClaimModel.sigmoid(Double(biasCheckworthy + features.sums.checkworthy)))
        }
        return score(features.keys)
    }

    /// The two probabilities for a text's features.
    public func score(_ keys: [UInt64]) -> (claim: Double, checkworthy: Double) {
        var zc = biasClaim
        var zw = biasCheckworthy
        for key in keys {
            if let i = index(of: key) {
                zc += entries[i].claim
                zw += entries[i].checkworthy
            }
        }
        return (ClaimModel.sigmoid(Double(zc)), ClaimModel.sigmoid(Double(zw)))
    }

    /// Each known feature of `features` with its summed weights, strongest first: what
    /// `explain` shows.
    public func contributions(_ features: ClaimFeatures) -> [Entry] {
        var sums: [String: Entry] = [:]
        var order: [String] = []
        for (n, key) in features.keys.enumerated() {
            guard let i = index(of: key) else { continue }
            let name = features.names.indices.contains(n) ? features.names[n] : entries[i].name
            if sums[name] == nil {
                sums[name] = Entry(name: name, claim: 0, checkworthy: 0)
                order.append(name)
            }
            sums[name]!.claim += entries[i].claim
            sums[name]!.checkworthy += entries[i].checkworthy
        }
        return order.map { sums[$0]! }.sorted {
            max(abs($0.claim), abs($0.checkworthy)) > max(abs($1.claim), abs($1.checkworthy))
        }
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    // MARK: file

    /// Loads the weights file; a missing or malformed file is a `RuleError` with its line.
    public static func load(_ path: String) throws(RuleError) -> ClaimModel {
        try parse(readRuleFile(path), file: path)
    }

    static func parse(_ text: String, file: String) throws(RuleError) -> ClaimModel {
        // On the UTF-8 bytes, a line at a time: splitting 20,000 lines into Substrings by
        // Character cost a tenth of a second at every start.
        var sawFormat = false
        var bias: (Float, Float)?
        var entries: [Entry] = []
        var seen: Set<String> = []
        var number = 0
        var failure: RuleError?
        var text = text
        text.withUTF8 { all in
            var start = 0
            while start <= all.count, failure == nil {
                var end = start
                while end < all.count, all[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                number += 1
                if start == all.count { break }
                let raw = UnsafeBufferPointer(rebasing: all[start..<end])
                if raw.isEmpty || raw[0] == UInt8(ascii: "#") { continue }
                if !sawFormat {
                    guard raw.elementsEqual(formatLine.utf8) else {
                        failure = RuleError(.syntax, file: file, line: number,
                                            message: "a claim model starts with the line `format<TAB>claimex-claim-model<TAB>1`; retrain with `claimex train-claims`")
                        continue
                    }
                    sawFormat = true
                    continue
                }
                let tabs = raw.indices.filter { raw[$0] == 0x09 }
                guard tabs.count == 2,
                      let claim = DecimalNumber.parse(UnsafeBufferPointer(rebasing: raw[(tabs[0] + 1)..<tabs[1]])),
                      let worth = DecimalNumber.parse(UnsafeBufferPointer(rebasing: raw[(tabs[1] + 1)...])),
                      claim.isFinite, worth.isFinite else {
                    failure = RuleError(.syntax, file: file, line: number,
                                        message: "expected `NAME<TAB>claim weight<TAB>checkworthy weight`, got `\(String(decoding: raw, as: UTF8.self).prefix(80))`")
                    continue
                }
                let nameBytes = UnsafeBufferPointer(rebasing: raw[..<tabs[0]])
                if nameBytes.elementsEqual("bias".utf8) {
                    guard bias == nil else {
                        failure = RuleError(.duplicate, file: file, line: number, message: "a second `bias` line")
                        continue
                    }
                    bias = (claim, worth)
                    continue
                }
                let name = String(decoding: nameBytes, as: UTF8.self)
                guard nameBytes.count > 2, nameBytes[1] == UInt8(ascii: ":"), !seen.contains(name) else {
                    failure = RuleError(seen.contains(name) ? .duplicate : .syntax, file: file, line: number,
                                        message: seen.contains(name) ? "feature `\(name)` is listed twice"
                                            : "a feature name is `w:`, `b:`, `f:`, `t:` or `r:` and a name, not `\(name)`")
                    continue
                }
                seen.insert(name)
                entries.append(Entry(name: name, claim: claim, checkworthy: worth))
            }
        }
        if let failure { throw failure }
        guard sawFormat, let bias else {
            throw RuleError(.syntax, file: file, line: number,
                            message: "the claim model lacks its `format` or `bias` line; retrain with `claimex train-claims`")
        }
        return ClaimModel(biasClaim: bias.0, biasCheckworthy: bias.1, entries: entries)
    }

    /// The file's text: header comments, then the entries in name order (stable diffs).
    public func serialized(header: [String]) -> String {
        var out = header.map { "# " + $0 + "\n" }.joined()
        out += ClaimModel.formatLine + "\n"
        out += "bias\t\(ClaimModel.format(biasClaim))\t\(ClaimModel.format(biasCheckworthy))\n"
        for e in entries.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            out += "\(e.name)\t\(ClaimModel.format(e.claim))\t\(ClaimModel.format(e.checkworthy))\n"
        }
        return out
    }

    /// Four decimals, no exponent, "-0" written as "0".
    static func format(_ x: Float) -> String {
        let s = String(format: "%.4f", Double(x))
        let trimmed = s.contains(".") ? String(s.reversed().drop { $0 == "0" }.reversed()).trimmingSuffix(".") : s
        return trimmed == "-0" || trimmed.isEmpty ? "0" : trimmed
    }
}

private extension String {
    func trimmingSuffix(_ suffix: Character) -> String {
        last == suffix ? String(dropLast()) : self
    }
}
