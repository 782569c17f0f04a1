import Foundation

/// Trains the claim model (`ClaimModel`) from labelled sentences: two L2-regularised logistic
/// regressions, fitted with AdaGrad in a fixed order from a fixed seed, so the same data and
/// rules always give the same weights file, byte for byte.
///
/// The decision thresholds are chosen by five-fold cross-validation on the training data
/// (sentence i in fold i mod 5), to maximise F1 over the out-of-fold scores; then the model
/// is refitted on all of it and the thresholds are folded into the biases, so `p ≥ 0.5`
/// decides. No development or test data is read.
public struct ClaimModelTrainer {
    public struct Options: Sendable {
        public var epochs = 4
        public var learningRate = 0.05
        /// Inverse L2 strength, as in scikit-learn's `C` (per whole training set).
        public var c = 1.0
        /// Features seen in fewer training sentences are dropped (keeps the file small and
        /// the weights meaningful).
        public var minCount = 3
        public var seed: UInt64 = 20_240_606
        public init() {}
    }

    /// One training sentence; a target is nil when its source does not annotate it.
    public struct Example: Sendable {
        public var text: String
        public var claim: Bool?
        public var checkworthy: Bool?
        public init(text: String, claim: Bool?, checkworthy: Bool?) {
            self.text = text
            self.claim = claim
            self.checkworthy = checkworthy
        }
    }

    /// What training found, for the command's report and the file's header.
    public struct Report: Sendable {
        public var examples = 0
        public var features = 0
        public var claimThreshold = 0.5
        public var checkworthyThreshold = 0.5
        public var crossValidatedClaimF1 = 0.0
        public var crossValidatedCheckworthyF1 = 0.0
    }

    let typer: ClaimTyper
    let options: Options
    /// Cross-validation folds for the thresholds: sentence i is in fold i mod 5.
    static let folds = 5

    /// `rules` are the claim rules whose hits become features (the model file itself is
    /// not needed, so a first model can be trained from rules alone).
    public init(rulesDirectory: String, options: Options = Options()) throws(RuleError) {
        let claims = try RuleSet.compileAll(in: rulesDirectory + "/claims", lexicons: rulesDirectory + "/lexicons", acceptsLatestStart: true)
        typer = ClaimTyper(rules: claims, model: nil)
        self.options = options
    }

    // MARK: data

    /// Reads labelled JSON Lines: `{"<textKey>": ..., "labels": [...], "scored": [...]}`.
    /// `claim` is true for the labels claim, checkworthy or any checkable type, false for
    /// not_a_claim or opinion; a dimension missing from `scored` (when given) stays nil.
    public static func readExamples(_ path: String, textKey: String = "sentence") throws(TrainingError) -> [Example] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        let checkable: Set<String> = ["claim", "checkworthy", "quantity", "comparison", "prediction", "causal", "rules",
                                      "personal", "temporal"]
        var examples: [Example] = []
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0d || $0 == 0x09 }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw .badLine(file: path, line: number, message: "not a JSON object")
            }
            guard let text = (object[textKey] ?? object["text"]) as? String else {
                throw .badLine(file: path, line: number, message: "no string field `\(textKey)`")
            }
            guard let labels = object["labels"] as? [String] else {
                throw .badLine(file: path, line: number, message: "no `labels` list")
            }
            let scored = (object["scored"] as? [String]).map(Set.init)
            let isClaim = labels.contains { checkable.contains($0) }
            let claimScored = scored.map { $0.contains("claim") || $0.contains("not_a_claim") } ?? true
            let worthScored = scored.map { $0.contains("checkworthy") } ?? true
            examples.append(Example(text: text, claim: claimScored ? isClaim : nil,
                                    checkworthy: worthScored ? labels.contains("checkworthy") : nil))
        }
        return examples
    }

    /// The feature names of each example's text, as training sees them: what
    /// `claimex train-claims --dump-features` writes, to try another model on the same features.
    public func featureNames(of examples: [Example]) -> [[String]] {
        let scratch = Workspace().scratch
        return examples.map { example in
            var text = example.text
            return text.withUTF8 { buf in
                let ranges = [0..<buf.count]
                return typer.features(buf, ranges: ranges, hits: typer.hits(buf, ranges: ranges, scratch: scratch),
                                      namesWanted: true).names
            }
        }
    }

    // MARK: training

    public func train(_ examples: [Example]) throws(TrainingError) -> (ClaimModel, Report) {
        guard !examples.isEmpty else { throw .noExamples("labelled sentences") }
        // Feature names → ids, in first-seen order (deterministic).
        var ids: [String: Int] = [:]
        var names: [String] = []
        var documentFrequency: [Int] = []
        var rawRows: [[Int]] = []
        for exampleNames in featureNames(of: examples) {
            var row: [Int] = []
            var seen: Set<Int> = []
            for name in exampleNames {
                let id: Int
                if let known = ids[name] {
                    id = known
                } else {
                    id = names.count
                    ids[name] = id
                    names.append(name)
                    documentFrequency.append(0)
                }
                if seen.insert(id).inserted { documentFrequency[id] += 1 }
                row.append(id)
            }
            rawRows.append(row)
        }
        // Keep frequent features, renumbered densely.
        var remap = [Int](repeating: -1, count: names.count)
        var kept: [String] = []
        for (id, name) in names.enumerated() where documentFrequency[id] >= options.minCount {
            remap[id] = kept.count
            kept.append(name)
        }
        let rows = rawRows.map { $0.compactMap { remap[$0] >= 0 ? remap[$0] : nil } }

        var report = Report()
        report.examples = examples.count
        /// Out-of-fold probabilities: every sentence scored by a model that did not see it.
        func outOfFold(_ target: KeyPath<Example, Bool?>) -> [Double] {
            var scores = [Double](repeating: 0, count: rows.count)
            for fold in 0..<ClaimModelTrainer.folds {
                let (w, b) = fit(rows: rows, examples: examples, use: rows.indices.filter { $0 % ClaimModelTrainer.folds != fold },
                                 target: target, featureCount: kept.count)
                for i in stride(from: fold, to: rows.count, by: ClaimModelTrainer.folds) {
                    scores[i] = ClaimModel.sigmoid(b + rows[i].reduce(0) { $0 + w[$1] })
                }
            }
            return scores
        }
        /// The threshold in 0.15…0.70 that maximises F1 of `decide` against `target`.
        func bestThreshold(_ target: KeyPath<Example, Bool?>, _ decide: (Int, Double) -> Bool) -> (Double, Double) {
            var best = (0.5, -1.0)
            for step in 15...70 {
                let t = Double(step) / 100
                var tp = 0, fp = 0, fn = 0
                for i in rows.indices {
                    guard let y = examples[i][keyPath: target] else { continue }
                    if decide(i, t) { if y { tp += 1 } else { fp += 1 } } else if y { fn += 1 }
                }
                let f1 = tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
                if f1 > best.1 { best = (t, f1) }
            }
            return best
        }
        let claimScores = outOfFold(\.claim)
        let worthScores = outOfFold(\.checkworthy)
        (report.checkworthyThreshold, report.crossValidatedCheckworthyF1) = bestThreshold(\.checkworthy) { worthScores[$0] >= $1 }
        // A check-worthy text is a claim whatever the claim model says (ClaimTyper.verdict),
        // so the claim threshold is chosen for that combined decision.
        let worthThreshold = report.checkworthyThreshold
        (report.claimThreshold, report.crossValidatedClaimF1) = bestThreshold(\.claim) {
            claimScores[$0] >= $1 || worthScores[$0] >= worthThreshold
        }
        let all = Array(rows.indices)
        let (wc, bc) = fit(rows: rows, examples: examples, use: all, target: \.claim, featureCount: kept.count)
        let (ww, bw) = fit(rows: rows, examples: examples, use: all, target: \.checkworthy, featureCount: kept.count)
        func logit(_ p: Double) -> Double { log(p / (1 - p)) }
        var entries: [ClaimModel.Entry] = []
        for (id, name) in kept.enumerated() {
            let c = Float(wc[id]), w = Float(ww[id])
            // Weights that round to zero in the file carry nothing.
            if abs(c) < 0.00005 && abs(w) < 0.00005 { continue }
            entries.append(ClaimModel.Entry(name: name, claim: c, checkworthy: w))
        }
        report.features = entries.count
        let model = ClaimModel(biasClaim: Float(bc - logit(report.claimThreshold)),
                               biasCheckworthy: Float(bw - logit(report.checkworthyThreshold)), entries: entries)
        return (model, report)
    }

    /// One logistic regression by AdaGrad over `use` (examples without the target skipped).
    func fit(rows: [[Int]], examples: [Example], use: [Int], target: KeyPath<Example, Bool?>,
             featureCount: Int) -> ([Double], Double) {
        var w = [Double](repeating: 0, count: featureCount)
        var g2 = [Double](repeating: 1e-8, count: featureCount)
        var b = 0.0, gb2 = 1e-8
        let labelled = use.filter { examples[$0][keyPath: target] != nil }
        let lambda = 1 / (options.c * Double(max(labelled.count, 1)))
        var order = labelled
        var rng = SplitMix(seed: options.seed)
        for _ in 0..<options.epochs {
            // Fisher–Yates with the fixed generator: the same order on every machine.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            for i in order {
                let y = examples[i][keyPath: target]! ? 1.0 : 0.0
                let row = rows[i]
                var z = b
                for f in row { z += w[f] }
                let g = ClaimModel.sigmoid(z) - y
                for f in row {
                    let gf = g + lambda * w[f]
                    g2[f] += gf * gf
                    w[f] -= options.learningRate * gf / g2[f].squareRoot()
                }
                gb2 += g * g
                b -= options.learningRate * g / gb2.squareRoot()
            }
        }
        return (w, b)
    }
}

/// splitmix64: a tiny generator whose sequence is fixed by its seed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return ClaimFeatures.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }
}
