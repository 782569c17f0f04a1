import Foundation
import Testing
@testable import ClaimEx

@Suite struct AttributionModelTests {
    static let lexicon = AttributionFeaturesTests.lexicon

    static func model(_ entries: [(name: String, weight: Float)]) -> AttributionModel {
        var m = AttributionModel(cueThreshold: 0.3, sourceThreshold: 0.07, gateStems: ["sai", "hint"], entries: entries, lexicon: lexicon)
        m.threshold = 0.55
        m.splitThreshold = 0.8
        return m
    }

    /// What the trainer writes loads back to the same model: parameters, gate and weights.
    @Test func fileRoundTrip() throws {
        let entries: [(name: String, weight: Float)] = [("c:w=said", 2.5), ("c:bias=1", -1.25), ("s:between=- 0", 0.0625),
                                                        ("q:srcclass=C C", -0.5), ("c:w=\u{308}x", 0.125)]
        let text = AttributionModelTests.model(entries).serialized(header: ["a test model"])
        let loaded = try AttributionModel.parse(text, path: "model.tsv", lexicon: AttributionModelTests.lexicon)
        #expect(loaded.cueThreshold == 0.3)
        #expect(loaded.sourceThreshold == 0.07)
        #expect(loaded.threshold == 0.55)
        #expect(loaded.splitThreshold == 0.8)
        #expect(loaded.weightCount == entries.count)
        for e in entries {
            #expect(loaded.weights[FeatureKey.key(ofName: e.name)!] == e.weight, "\(e.name)")
        }
        #expect(loaded.gate[FeatureHash.fnv("hint".utf8)])
        #expect(!loaded.gate[FeatureHash.fnv("endors".utf8)])
        // Sorted by name, so that a retrained model's diff is readable.
        let weightLines = text.split(separator: "\n").filter { $0.contains("=") }
        #expect(weightLines.map { Array($0.utf8) } == weightLines.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test(arguments: [
        ("c:w=said\t1\n", 1, "first line"),
        ("format\tclaimex-attribution-model\t1\nc:w=said\tx\n", 2, "weight line"),
        ("format\tclaimex-attribution-model\t1\nparam\tcue-threshold\t0.3\nparam\tspeed\t1\n", 3, "unknown param"),
        ("format\tclaimex-attribution-model\t1\nnonsense\n", 2, "a line is"),
        ("# only a comment\n", 1, "no `format"),
    ])
    func badFilesNameTheirLine(_ text: String, _ line: Int, _ message: String) {
        do {
            _ = try AttributionModel.parse(text, path: "m.tsv", lexicon: AttributionModelTests.lexicon)
            Issue.record("parsed a bad file")
        } catch {
            #expect(error.line == line)
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains("m.tsv:\(line)"), "\(error)")
        }
    }

    @Test func numbers() {
        func n(_ s: String) -> Float? { Array(s.utf8).withUnsafeBufferPointer { AttributionModel.number($0) } }
        #expect(n("-0.1234") == -0.1234)
        #expect(n("2") == 2)
        #expect(n("1e-05") == 1e-05)
        #expect(n(".5") == 0.5)
        #expect(n("") == nil)
        #expect(n("1.2.3") == nil)
        #expect(n("-") == nil)
    }

    /// A rules directory without a model runs the rules alone.
    @Test func noModelFileMeansRulesAlone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("claimex-no-model-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try? FileManager.default.removeItem(atPath: dir + "/attribution/" + AttributionModel.fileName)
        let rules = try RuleSet.load(directory: dir)
        #expect(rules.attributionModel == nil)
    }
}

@Suite struct WeightTableTests {
    @Test func findsEveryKeyAndNothingElse() {
        var rng = SplitMix64(seed: 3)
        let keys = (0..<5000).map { _ in rng.next() }
        let table = WeightTable(keys.enumerated().map { (key: $0.element, weight: Float($0.offset) / 7) })
        for (i, k) in keys.enumerated() { #expect(table[k] == Float(i) / 7) }
        var misses = 0
        for _ in 0..<20000 where table[rng.next()] != 0 { misses += 1 }
        #expect(misses == 0)
        // A key of 0 and a key whose top half is 0 are ordinary keys.
        let edge = WeightTable([(key: 0, weight: 1), (key: 5, weight: 2)])
        #expect(edge[0] == 1)
        #expect(edge[5] == 2)
    }

    /// The presence bits pass every key of the table and stop most unknown ones (at 8 bits a
    /// key, about 88%), so an unknown feature seldom reads the slots.
    @Test func presenceBitsPassEveryKeyAndStopMostOthers() {
        var rng = SplitMix64(seed: 11)
        let keys = (0..<50_000).map { _ in rng.next() }
        let table = WeightTable(keys.map { (key: $0, weight: 1) })
        #expect(keys.allSatisfy(table.passesPresence))
        let passed = (0..<100_000).filter { _ in table.passesPresence(rng.next()) }.count
        #expect(passed < 20_000, "\(passed) of 100,000 unknown keys passed")
    }

    @Test func keyTableReadsMissingForAbsentKeys() {
        let t = KeyTable([(key: UInt64(42), value: UInt16(7))], missing: 15)
        #expect(t[42] == 7)
        #expect(t[43] == 15)
        #expect(t.contains(42) && !t.contains(0))
    }
}
