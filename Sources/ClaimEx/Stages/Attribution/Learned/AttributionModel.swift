import Foundation

/// The learned part of attribution: five small logistic regressions over `AttributionFeatures`
/// — is a word the head of a cue, where does its content start and end, where does its source
/// start and end — with their weights in a text file beside the rules
/// (`rules/attribution/model.tsv`), written by `claimex train-attribution`.
///
/// The rules find the constructions they name with high precision; news reports attitudes
/// with thousands of other verbs and frames ("declined to", "is expected to", "pushed for",
/// "criticism of"), a tail no list of patterns reaches. The model reads that tail from
/// annotated news, and its candidates only fill what the rules left: see `LearnedAttribution`.
///
/// File format (tab-separated, `#` comments):
///
///     format	claimex-attribution-model	1
///     param	<name>	<value>          cue-threshold, source-threshold, threshold
///     gate	<stem>                   stems of words that may head a cue (others are not scored)
///     <feature name>	<weight>         c:…, s:…, e:…, a:…, b:… (`AttributionFeatures`)
public struct AttributionModel: Sendable {
    public static let fileName = "model.tsv"
    static let formatLine = "format\tclaimex-attribution-model\t1"

    /// A word is decoded as a cue head when the cue model gives it at least this probability.
    public var cueThreshold: Double
    /// A decoded candidate is kept when the candidate model (`q:`) gives it at least this
    /// probability, which becomes its confidence.
    public var threshold: Double = 0.5
    /// A source starts only where the source-start model gives at least this probability;
    /// without one the candidate has no speaker of its own (the resolver's last speaker).
    public var sourceThreshold: Double
    /// Stems (`WordTokenizer.stemKey`) of the words the cue model scores.
    let gate: Set<UInt64>
    /// Their written forms, for the file.
    public let gateStems: [String]
    public let entries: [(name: String, weight: Float)]
    let weights: WeightTable
    let features: AttributionFeatures

    init(cueThreshold: Double, sourceThreshold: Double, gateStems: [String], entries: [(name: String, weight: Float)],
                lexicon: TokenLexicon) {
        self.cueThreshold = cueThreshold
        self.sourceThreshold = sourceThreshold
        self.gateStems = gateStems
        gate = Set(gateStems.map { FeatureHash.fnv($0.utf8) })
        self.entries = entries
        weights = WeightTable(entries.compactMap { e in FeatureKey.key(ofName: e.name).map { (key: $0, weight: e.weight) } })
        features = AttributionFeatures(lexicon: lexicon)
    }

    /// A model from keyed weights (the trainer's fold models, which need no file).
    init(cueThreshold: Double, sourceThreshold: Double, gate: Set<UInt64>, weights: WeightTable, lexicon: TokenLexicon) {
        self.cueThreshold = cueThreshold
        self.sourceThreshold = sourceThreshold
        gateStems = []
        self.gate = gate
        entries = []
        self.weights = weights
        features = AttributionFeatures(lexicon: lexicon)
    }

    /// Loads the model of a rules directory, or nil when it has none (claimex then runs the
    /// rules alone). A file that exists but cannot be read is an error with its line.
    public static func load(directory: String) throws(RuleError) -> AttributionModel? {
        let path = directory + "/attribution/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let lexicon = try TokenLexicon.load(directory: directory + "/lexicons")
        return try parse(readRuleFile(path), path: path, lexicon: lexicon)
    }

    static func parse(_ contents: String, path: String, lexicon: TokenLexicon) throws(RuleError) -> AttributionModel {
        var cueThreshold = 0.5, sourceThreshold = 0.05, threshold = 0.5
        var stems: [String] = []
        var entries: [(name: String, weight: Float)] = []
        var sawFormat = false
        var number = 0
        // Bytes, not Characters: a feature value may begin with a combining mark.
        for raw in contents.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if raw.isEmpty || raw.first == UInt8(ascii: "#") { continue }
            let columns = raw.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            func bad(_ message: String) -> RuleError {
                RuleError(.syntax, file: path, line: number, message: message + "; retrain with `claimex train-attribution`")
            }
            if columns.joined(separator: "\t") == formatLine { sawFormat = true; continue }
            guard sawFormat else { throw bad("the first line must be `\(formatLine)`") }
            switch columns[0] {
            case "param":
                guard columns.count == 3, let value = Double(columns[2]) else { throw bad("a param line is: param <TAB> name <TAB> number") }
                switch columns[1] {
                case "cue-threshold": cueThreshold = value
                case "source-threshold": sourceThreshold = value
                case "threshold": threshold = value
                default: throw bad("unknown param `\(columns[1])`")
                }
            case "gate":
                guard columns.count == 2 else { throw bad("a gate line is: gate <TAB> stem") }
                stems.append(columns[1])
            default:
                guard columns.count == 2, let weight = Float(columns[1]), FeatureKey.key(ofName: columns[0]) != nil else {
                    throw bad("a weight line is: feature=value <TAB> weight")
                }
                entries.append((columns[0], weight))
            }
        }
        guard sawFormat else { throw RuleError(.syntax, file: path, line: 1, message: "not an attribution model: no `\(formatLine)` line") }
        var model = AttributionModel(cueThreshold: cueThreshold, sourceThreshold: sourceThreshold, gateStems: stems,
                                     entries: entries, lexicon: lexicon)
        model.threshold = threshold
        return model
    }

    /// The file's text: header comments, parameters, the gate and the weights, sorted by name
    /// so that a retrained model's diff is readable.
    public func serialized(header: [String]) -> String {
        var out = header.map { "# " + $0 }.joined(separator: "\n") + "\n" + AttributionModel.formatLine + "\n"
        out += "param\tcue-threshold\t\(AttributionModel.format(cueThreshold))\n"
        out += "param\tsource-threshold\t\(AttributionModel.format(sourceThreshold))\n"
        out += "param\tthreshold\t\(AttributionModel.format(threshold))\n"
        for stem in gateStems.sorted() { out += "gate\t\(stem)\n" }
        for e in entries.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            out += e.name + "\t" + AttributionModel.format(Double(e.weight)) + "\n"
        }
        return out
    }

    /// Four decimals, no trailing zeros: stable text for a stable diff.
    static func format(_ x: Double) -> String {
        var s = String(format: "%.4f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    @inline(__always) static func sigmoid(_ z: Float) -> Float { 1 / (1 + exp(-z)) }

    /// Whether the cue model looks at a token at all: a word whose stem is in the gate, outside
    /// quotation marks (a cue inside a quotation is the quoted speaker's own report, which
    /// annotators leave alone: 0.25% of PolNeAR's cues, against 17% of its words).
    @inline(__always) func gated(_ token: WordToken) -> Bool {
        AttributionModel.gated(token, gate)
    }

    @inline(__always) static func gated(_ token: WordToken, _ gate: Set<UInt64>) -> Bool {
        token.isWord && !token.quoted && gate.contains(token.stem)
    }

    /// The probability that token `k` heads a cue.
    func cueProbability(_ s: TokenizedSentence, _ k: Int, _ buf: UnsafeBufferPointer<UInt8>) -> Float {
        var sum = WeightSum(table: weights)
        features.cue(s, k, buf, into: &sum)
        return AttributionModel.sigmoid(sum.sum)
    }

    /// The candidate model's probability that a decoded candidate is a right attribution.
    func candidateProbability(_ f: AttributionFeatures.CandidateFacts, _ s: TokenizedSentence, head: Int,
                              _ buf: UnsafeBufferPointer<UInt8>) -> Float {
        var sum = WeightSum(table: weights)
        features.candidate(f, s, head: head, buf, into: &sum)
        return AttributionModel.sigmoid(sum.sum)
    }

    func contentScore(_ t: AttributionFeatures.BoundaryTemplates, _ s: TokenizedSentence, head: Int, at j: Int,
                      _ buf: UnsafeBufferPointer<UInt8>) -> Float {
        var sum = WeightSum(table: weights)
        features.contentBoundary(t, s, head: head, at: j, buf, into: &sum)
        return sum.sum
    }

    func sourceScore(_ t: AttributionFeatures.SourceTemplates, _ s: TokenizedSentence, head: Int, contentAfter: Bool, at j: Int,
                     _ buf: UnsafeBufferPointer<UInt8>) -> Float {
        var sum = WeightSum(table: weights)
        features.sourceBoundary(t, s, head: head, contentAfter: contentAfter, at: j, buf, into: &sum)
        return sum.sum
    }
}
