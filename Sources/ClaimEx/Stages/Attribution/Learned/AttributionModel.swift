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
///     param	<name>	<value>          cue-threshold, source-threshold, threshold, split-threshold
///     gate	<stem>                   stems of words that may head a cue (others are not scored)
///     <feature name>	<weight>         c:…, s:…, e:…, a:…, b:… (`AttributionFeatures`)
public struct AttributionModel: Sendable {
    public static let fileName = "model.tsv"
    /// The fast attribution's model (`AttributionMode.fast`): trained with the rules marked
    /// `fast: false` left out, so it learns their constructions too.
    public static let fastFileName = "model-fast.tsv"
    static let formatLine = "format\tclaimex-attribution-model\t1"

    /// A word is decoded as a cue head when the cue model gives it at least this probability.
    public var cueThreshold: Double
    /// A decoded candidate is kept when the candidate model (`q:`) gives it at least this
    /// probability, which becomes its confidence.
    public var threshold: Double = 0.5
    /// A rule's reported clause is cut before a clause boundary followed by a cue head at
    /// least this probable (`LearnedAttribution.trim`); above 1, never.
    public var splitThreshold: Double = 2
    /// A source starts only where the source-start model gives at least this probability;
    /// without one the candidate has no speaker of its own (the resolver's last speaker).
    public var sourceThreshold: Double
    /// Stems (`WordTokenizer.stemKey`) of the words the cue model scores.
    let gate: KeyTable<Bool>
    /// Their written forms, for the file.
    public let gateStems: [String]
    /// The weights by name: kept only by a model the trainer made (a loaded model keeps keys).
    public let entries: [(name: String, weight: Float)]
    /// How many weights the model holds.
    public internal(set) var weightCount = 0
    let weights: WeightTable
    let features: AttributionFeatures
    /// `AttributionFeatures.maxDecodedWeight` of these weights.
    let maxDecodedWeight: Float
    let scorer: BoundaryScorer
    let cueScorer: CueScorer

    init(cueThreshold: Double, sourceThreshold: Double, gateStems: [String], entries: [(name: String, weight: Float)],
                lexicon: TokenLexicon) {
        self.cueThreshold = cueThreshold
        self.sourceThreshold = sourceThreshold
        self.gateStems = gateStems
        gate = AttributionModel.gateTable(gateStems.map { FeatureHash.fnv($0.utf8) })
        self.entries = entries
        weightCount = entries.count
        weights = WeightTable(entries.compactMap { e in FeatureKey.key(ofName: e.name).map { (key: $0, weight: e.weight) } })
        maxDecodedWeight = AttributionFeatures.maxDecodedWeight(weights)
        scorer = BoundaryScorer(weights)
        cueScorer = CueScorer(weights, lexicon: lexicon)
        features = AttributionFeatures(lexicon: lexicon)
    }

    /// A model from keyed weights (the trainer's fold models, which need no file). `rows`: the
    /// one-word base weights by word, when the names are known (a loaded file).
    init(cueThreshold: Double, sourceThreshold: Double, gate: KeyTable<Bool>, weights: WeightTable, lexicon: TokenLexicon,
         rows: BaseWordRows? = nil) {
        self.cueThreshold = cueThreshold
        self.sourceThreshold = sourceThreshold
        gateStems = []
        self.gate = gate
        entries = []
        self.weights = weights
        maxDecodedWeight = AttributionFeatures.maxDecodedWeight(weights)
        scorer = BoundaryScorer(weights, rows: rows)
        cueScorer = CueScorer(weights, lexicon: lexicon)
        features = AttributionFeatures(lexicon: lexicon)
    }

    /// Loads the model of a rules directory, or nil when it has none (claimex then runs the
    /// rules alone). A file that exists but cannot be read is an error with its line.
    public static func load(directory: String, fileName: String = AttributionModel.fileName) throws(RuleError) -> AttributionModel? {
        let path = directory + "/attribution/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let lexicon = try TokenLexicon.load(directory: directory + "/lexicons")
        return try parse(readRuleFile(path), path: path, lexicon: lexicon)
    }

    /// Reads the file as bytes (a feature value may begin with a combining mark, which would
    /// join a Character with its `=`), keying each weight line straight from its bytes: the
    /// model loads at start-up, so no string is made a line.
    static func parse(_ contents: String, path: String, lexicon: TokenLexicon) throws(RuleError) -> AttributionModel {
        var cueThreshold = 0.5, sourceThreshold = 0.05, threshold = 0.5, splitThreshold = 2.0
        var stems: [String] = []
        var weights: [(key: UInt64, weight: Float)] = []
        var rowEntries: [(template: UInt64, value: UInt64, weight: Float)] = []
        var sawFormat = false
        var number = 0
        let bytes = Array(contents.utf8)
        var failure: RuleError?
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count, failure == nil {
                var end = start
                while end < all.count, all[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                number += 1
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                if line.isEmpty || line[0] == UInt8(ascii: "#") { continue }
                func bad(_ message: String) -> RuleError {
                    RuleError(.syntax, file: path, line: number, message: message + "; retrain with `claimex train-attribution`")
                }
                let text = { String(decoding: line, as: UTF8.self) }
                guard let tab = line.firstIndex(of: 0x09) else {
                    failure = text() == formatLine ? nil : bad("a line is: feature=value <TAB> weight, or a param, gate or format line")
                    if failure == nil { sawFormat = true }
                    continue
                }
                let head = UnsafeBufferPointer(rebasing: line[..<tab]), rest = UnsafeBufferPointer(rebasing: line[(tab + 1)...])
                if !sawFormat {
                    if text() == formatLine { sawFormat = true } else { failure = bad("the first line must be `\(formatLine)`") }
                    continue
                }
                if head.elementsEqual("param".utf8) {
                    let columns = String(decoding: rest, as: UTF8.self).split(separator: "\t")
                    guard columns.count == 2, let value = Double(columns[1]) else { failure = bad("a param line is: param <TAB> name <TAB> number"); continue }
                    switch columns[0] {
                    case "cue-threshold": cueThreshold = value
                    case "source-threshold": sourceThreshold = value
                    case "threshold": threshold = value
                    case "split-threshold": splitThreshold = value
                    default: failure = bad("unknown param `\(columns[0])`")
                    }
                } else if head.elementsEqual("gate".utf8) {
                    stems.append(String(decoding: rest, as: UTF8.self))
                } else {
                    guard let key = FeatureKey.key(ofName: head), let weight = AttributionModel.number(rest) else {
                        failure = bad("a weight line is: feature=value <TAB> weight")
                        continue
                    }
                    weights.append((key, weight))
                    if let p = FeatureKey.parts(ofName: head), p.count == 1, BaseWordRows.slotOfTemplate[p.template] != nil {
                        rowEntries.append((p.template, p.values.0, weight))
                    }
                }
            }
        }
        if let failure { throw failure }
        guard sawFormat else { throw RuleError(.syntax, file: path, line: 1, message: "not an attribution model: no `\(formatLine)` line") }
        var model = AttributionModel(cueThreshold: cueThreshold, sourceThreshold: sourceThreshold,
                                     gate: gateTable(stems.map { FeatureHash.fnv($0.utf8) }), weights: WeightTable(weights), lexicon: lexicon,
                                     rows: BaseWordRows(rowEntries))
        model.threshold = threshold
        model.splitThreshold = splitThreshold
        model.weightCount = weights.count
        return model
    }

    /// A weight as the file writes it, or nil.
    static func number(_ b: UnsafeBufferPointer<UInt8>) -> Float? { DecimalNumber.parse(b) }

    /// The file's text: header comments, parameters, the gate and the weights, sorted by name
    /// so that a retrained model's diff is readable.
    public func serialized(header: [String]) -> String {
        var out = header.map { "# " + $0 }.joined(separator: "\n") + "\n" + AttributionModel.formatLine + "\n"
        out += "param\tcue-threshold\t\(AttributionModel.format(cueThreshold))\n"
        out += "param\tsource-threshold\t\(AttributionModel.format(sourceThreshold))\n"
        out += "param\tthreshold\t\(AttributionModel.format(threshold))\n"
        out += "param\tsplit-threshold\t\(AttributionModel.format(splitThreshold))\n"
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

    @inline(__always) static func gated(_ token: WordToken, _ gate: KeyTable<Bool>) -> Bool {
        token.isWord && !token.quoted && gate[token.stem]
    }

    static func gateTable<S: Sequence<UInt64>>(_ stems: S) -> KeyTable<Bool> {
        KeyTable(Set(stems).map { (key: $0, value: true) }, missing: false)
    }

    /// The probability that token `k` heads a cue.
    func cueProbability(_ s: TokenizedSentence, _ k: Int, _ buf: UnsafeBufferPointer<UInt8>) -> Float {
        AttributionModel.sigmoid(cueScorer.score(s, k, buf, features: features))
    }

    /// Whether a head could still make a candidate above `threshold`, whatever its content and
    /// source turn out to be: decoding is the costly part, and most heads cannot.
    func mayPass(_ f: AttributionFeatures.CandidateFacts, _ s: TokenizedSentence, head: Int,
                 _ buf: UnsafeBufferPointer<UInt8>, threshold: Float) -> Bool {
        var sum = WeightSum(table: weights)
        features.candidateHead(f, s, head: head, buf, into: &sum)
        return AttributionModel.sigmoid(sum.sum + maxDecodedWeight) >= threshold
    }

    /// The candidate model's probability that a decoded candidate is a right attribution.
    func candidateProbability(_ f: AttributionFeatures.CandidateFacts, _ s: TokenizedSentence, head: Int,
                              _ buf: UnsafeBufferPointer<UInt8>) -> Float {
        var sum = WeightSum(table: weights)
        features.candidate(f, s, head: head, buf, into: &sum)
        return AttributionModel.sigmoid(sum.sum)
    }

    /// The cue-independent part of each word's four boundary scores (content start and end,
    /// source start and end), for every token of a sentence; punctuation gets 0. `rows` is the
    /// caller's scratch for the tokens' row offsets (`BaseWordRows`).
    func boundaryBases(_ s: TokenizedSentence, _ buf: UnsafeBufferPointer<UInt8>, into bases: inout [SIMD4<Float>],
                       rows offsets: inout [Int]) {
        bases.removeAll(keepingCapacity: true)
        guard let rows = scorer.rows else {
            for j in s.tokens.indices { bases.append(s.tokens[j].isWord ? scorer.bases(s, at: j) : .zero) }
            return
        }
        offsets.removeAll(keepingCapacity: true)
        for t in s.tokens { offsets.append(rows.row(t.norm)) }
        // Written through a buffer: one uniqueness check a sentence, not one a token.
        bases.append(contentsOf: repeatElement(.zero, count: s.tokens.count))
        rows.weights.withUnsafeBufferPointer { w in
            offsets.withUnsafeBufferPointer { o in
                bases.withUnsafeMutableBufferPointer { out in
                    for j in s.tokens.indices where s.tokens[j].isWord { out[j] = scorer.bases(s, at: j, rows: rows, weights: w, offsets: o) }
                }
            }
        }
    }
}
