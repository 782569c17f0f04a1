import Foundation
import Patterns

/// Trains `AttributionModel` from articles with annotated attributions (source, cue and
/// content spans, as PolNeAR annotates them): five L2-regularised logistic regressions fitted
/// with AdaGrad in a fixed order from a fixed seed, so the same data and rules always give the
/// same weights file, byte for byte.
///
/// The articles are split with the project's own sentence splitter and tokenizer, so the
/// model is trained on exactly the units it scores. Only the given (training) files are read.
public struct AttributionModelTrainer {
    public struct Options: Sendable {
        public var epochs = 6
        public var learningRate = 0.1
        /// Inverse L2 strength, as in scikit-learn's `C` (per whole training set).
        public var c = 1.0
        /// Features seen in fewer training decisions are dropped.
        public var minCount = 3
        /// A word outside the cue lexicon is let through the gate only if its stem headed this many
        /// training cues: a verb seen once ("blocked a shot") is no evidence that it reports speech.
        public var gateMinCount = 2
        /// ... and if it headed at least this share of its occurrences (outside quotation marks): "said"
        /// nearly always reports, "found" or "blocked" mostly do not.
        public var gateMinRate = 0.03
        /// Weights smaller than this in magnitude are left out of the file.
        public var minWeight = 0.002
        /// L1 penalty over one pass of a model's decisions (cumulative, clipped at zero): drives the weights
        /// of rare or useless features to exactly zero, which keeps the file small.
        public var l1 = 0.3
        /// The same for the cue model, whose lexical features carry more of its decisions.
        public var cueL1 = 0.02
        public var cueThreshold = 0.25
        /// The candidate model's probability at which a candidate is kept.
        public var threshold = 0.6
        /// `threshold` for the fast attribution's model (`train-attribution --fast`). Its model
        /// finds the general constructions the full mode's rules find, so it keeps more: chosen
        /// on train alone (a model fitted to its first 700 articles, scored on the last 140:
        /// all-partial F1 0.732 at 0.6, 0.751 at 0.55, 0.759 at 0.5; speaker accuracy 0.936,
        /// 0.932, 0.932 against a goal of 0.93, so 0.55 for the margin). The full mode keeps
        /// 0.6: at 0.55 it gains about 0.01 all-partial F1 on the split and on dev, but what it
        /// adds on general news is mostly actions and some broken spans ("went Eriksson Ek and
        /// threw punches", the golden pages).
        public static let fastThreshold = 0.55
        /// Cue probability at which a rule's reported clause is cut before a new one.
        public var splitThreshold = 0.7
        public var sourceThreshold = 0.05
        public var seed: UInt64 = 20_261_201
        public init() {}
    }

    /// One annotated attribution; ranges are Unicode scalar offsets into the article text.
    public struct Gold: Sendable {
        public var content: [Range<Int>]
        public var source: [Range<Int>]
        public var cue: [Range<Int>]
        public init(content: [Range<Int>], source: [Range<Int>], cue: [Range<Int>]) {
            self.content = content
            self.source = source
            self.cue = cue
        }
    }

    public struct AnnotatedArticle: Sendable {
        public var text: String
        public var attributions: [Gold]
        public init(text: String, attributions: [Gold]) {
            self.text = text
            self.attributions = attributions
        }
    }

    public struct Report: Sendable {
        public var articles = 0
        public var attributions = 0
        /// Attributions whose cue head, content and sentence lined up for training.
        public var usable = 0
        public var cueExamples = 0
        public var features = 0
        public var gateStems = 0
        /// Candidates the fold models decoded for the candidate model, and how many were right.
        public var candidateExamples = 0
        public var rightCandidates = 0
    }

    let splitter: SentenceSplitter
    let lexicon: TokenLexicon
    /// The rules alone: the model learns cues where the rules have taken none, as it runs.
    let rules: AttributionStage
    let cueForms: [String]
    let options: Options

    /// `mode`: the attribution the model is for; its rules are the ones it learns around
    /// (`AttributionMode.fast` leaves out the rules marked `fast: false`).
    public init(rulesDirectory: String, mode: AttributionMode = .full, options: Options = Options()) throws(RuleError) {
        let ruleSet = try RuleSet.load(directory: rulesDirectory, attribution: mode)
        splitter = SentenceSplitter(lexicon: ruleSet.sentences)
        lexicon = try TokenLexicon.load(directory: rulesDirectory + "/lexicons")
        rules = AttributionStage(rules: ruleSet, useModel: false)
        cueForms = try WordList.load(rulesDirectory + "/lexicons/cues.tsv").entries.compactMap(\.columns.first)
        self.options = options
    }

    /// Words that never head a cue: auxiliaries, particles and function words. A cue such as
    /// "has declined to respond" is headed by "declined".
    static let notHeads: Set<String> = [
        "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would", "also", "not", "n't",
        "never", "did", "does", "do", "could", "should", "may", "might", "must", "can", "to", "for", "of", "on", "about",
        "with", "as", "in", "at", "by", "from", "that", "the", "a", "an", "his", "her", "their", "its", "it", "he", "she",
        "they", "i", "we", "who", "which", "and", "or", "but", "just", "still", "already", "even", "'s",
    ]

    // MARK: data

    /// Reads JSON Lines of `{"text": ..., "attributions": [{"content": {"spans": [[s, e], …]},
    /// "source": {…}|null, "cue": {…}|null}, …]}` (what `build_polnear.py` writes).
    public static func readArticles(_ path: String) throws(TrainingError) -> [AnnotatedArticle] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        var articles: [AnnotatedArticle] = []
        var number = 0
        func spans(_ object: Any?) -> [Range<Int>] {
            guard let o = object as? [String: Any] else { return [] }
            if let list = o["spans"] as? [[Int]] { return list.compactMap { $0.count == 2 && $0[0] < $0[1] ? $0[0]..<$0[1] : nil } }
            if let s = o["start"] as? Int, let e = o["end"] as? Int, s < e { return [s..<e] }
            return []
        }
        for line in data.split(separator: UInt8(ascii: "\n")) {
            number += 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw .badLine(file: path, line: number, message: "not a JSON object")
            }
            guard let text = object["text"] as? String, let list = object["attributions"] as? [[String: Any]] else {
                throw .badLine(file: path, line: number, message: "needs `text` and an `attributions` list")
            }
            articles.append(AnnotatedArticle(text: text, attributions: list.map {
                Gold(content: spans($0["content"]), source: spans($0["source"]), cue: spans($0["cue"]))
            }))
        }
        return articles
    }

    // MARK: preparing

    /// An article as the model sees it: the document (raw lines as paragraphs, split into
    /// sentences) and the gold spans as byte ranges into its text.
    struct Prepared {
        var document: Document
        /// The rules' quotes, and what they occupy.
        var taken: [Candidate]
        var occupied: LearnedAttribution.Occupancy
        var gold: [(content: [Range<Int>], source: [Range<Int>], cue: [Range<Int>])]
    }

    func prepare(_ article: AnnotatedArticle, scratch: MatchScratch) -> Prepared {
        let bytes = Array(article.text.utf8)
        // Scalar offset → byte offset in the raw text.
        var byteOfScalar: [Int] = []
        byteOfScalar.reserveCapacity(bytes.count + 1)
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 { byteOfScalar.append(i) }
        byteOfScalar.append(bytes.count)
        // Lines are paragraphs; raw byte offset → document offset, line by line.
        var paragraphs: [String] = []
        var lineStarts: [(raw: Int, document: Int, length: Int)] = []
        var offset = 0
        var i = 0
        while i < bytes.count {
            var j = i
            while j < bytes.count, bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
            if j > i {
                if !paragraphs.isEmpty { offset += 2 }
                lineStarts.append((i, offset, j - i))
                paragraphs.append(String(decoding: bytes[i..<j], as: UTF8.self))
                offset += j - i
            }
            i = j + 1
        }
        func documentOffset(_ raw: Int) -> Int {
            let k = lineStarts.firstIndex(after: { $0.raw + $0.length < raw })
            guard k < lineStarts.count else { return offset }
            let line = lineStarts[k]
            return line.document + min(max(raw - line.raw, 0), line.length)
        }
        func convert(_ spans: [Range<Int>]) -> [Range<Int>] {
            spans.compactMap { r in
                guard r.upperBound < byteOfScalar.count else { return nil }
                let lo = documentOffset(byteOfScalar[r.lowerBound]), hi = documentOffset(byteOfScalar[r.upperBound])
                return lo < hi ? lo..<hi : nil
            }
        }
        var document = Document(article: Article(id: "train", format: .text, body: [], provenance: Provenance(input: "train")),
                                clean: CleanText(paragraphs: paragraphs))
        let ranges = document.paragraphs
        document.sentences = document.withUTF8 { splitter.split($0, paragraphs: ranges) }
        let taken = rules.ruleCandidates(&document, scratch: scratch)
        return Prepared(document: document, taken: taken, occupied: LearnedAttribution.Occupancy(taken), gold: article.attributions.map { (convert($0.content), convert($0.source), convert($0.cue)) })
    }

    /// The cue head among `tokens` inside `cue`: its first word that is neither an auxiliary or
    /// function word nor an adverb ("has also fiercely criticised" → "criticised"), else its
    /// first word that is not a function word ("reportedly"), else its first word.
    func head(of cue: [Range<Int>], in s: TokenizedSentence, buf: UnsafeBufferPointer<UInt8>) -> Int? {
        let inside = s.tokens.indices.filter { k in s.tokens[k].isWord && cue.contains { $0.overlaps(s.tokens[k].range) } }
        let content = inside.filter { !AttributionModelTrainer.notHeads.contains(WordTokenizer.normalised(buf, s.tokens[$0].range)) }
        return content.first { s.wordClass[$0] != .adverb } ?? content.first ?? inside.first
    }

    // MARK: training

    /// Rows of feature ids with a label each, for one of the five models.
    struct Examples {
        var features: [Int32] = []
        var ends: [Int] = []
        var labels: [Bool] = []
        /// The article each row comes from (for the cross-validation folds).
        var articles: [Int32] = []
        mutating func add(_ ids: [Int32], article: Int, _ label: Bool) {
            features += ids
            ends.append(features.count)
            labels.append(label)
            articles.append(Int32(article))
        }
    }

    /// Collects a decision's features as ids, naming each new key once.
    struct Collector: FeatureSink {
        var ids: [UInt64: Int32] = [:]
        var names: [String] = []
        var counts: [Int32] = []
        var row: [Int32] = []
        mutating func add(_ key: UInt64, _ name: @autoclosure () -> String) {
            if let id = ids[key] {
                row.append(id)
                counts[Int(id)] += 1
            } else {
                let id = Int32(names.count)
                ids[key] = id
                names.append(name())
                counts.append(1)
                row.append(id)
            }
        }
        mutating func take() -> [Int32] {
            defer { row.removeAll(keepingCapacity: true) }
            return row
        }
    }

    public func train(_ articles: [AnnotatedArticle]) throws(TrainingError) -> (AttributionModel, Report) {
        var report = Report()
        report.articles = articles.count
        let scratch = Workspace().scratch
        let prepared = articles.map { prepare($0, scratch: scratch) }
        // The gate: stems of every training cue head, and of every form in the cue lexicon.
        var stems = Set(cueForms.compactMap { $0.lowercased().split(separator: " ").first.map { String(decoding: WordTokenizer.stem(of: Array($0.utf8)), as: UTF8.self) } })
        var headCounts: [String: Int] = [:]
        var sentence = TokenizedSentence()
        for p in prepared {
            p.document.withUTF8 { buf in
                for g in p.gold where !g.cue.isEmpty {
                    guard let si = p.document.sentenceIndices(overlapping: g.cue[0]).first else { continue }
                    let st = p.document.sentences[si]
                    sentence.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: lexicon)
                    if let h = head(of: g.cue, in: sentence, buf: buf) {
                        headCounts[String(decoding: WordTokenizer.stem(of: Array(WordTokenizer.normalised(buf, sentence.tokens[h].range).utf8)), as: UTF8.self), default: 0] += 1
                    }
                }
            }
        }
        var occurrences: [UInt64: Int] = [:]
        if options.gateMinRate > 0 {
            for p in prepared {
                p.document.withUTF8 { buf in
                    for st in p.document.sentences {
                        sentence.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: lexicon)
                        for t in sentence.tokens where t.isWord && !t.quoted { occurrences[t.stem, default: 0] += 1 }
                    }
                }
            }
        }
        for (stem, n) in headCounts where n >= options.gateMinCount {
            let seen = occurrences[FeatureHash.fnv(stem.utf8)] ?? n
            if Double(n) >= options.gateMinRate * Double(max(seen, n)) { stems.insert(stem) }
        }
        let gate = AttributionModel.gateTable(stems.map { FeatureHash.fnv($0.utf8) })
        report.gateStems = stems.count
        let features = AttributionFeatures(lexicon: lexicon)

        var collector = Collector()
        var cue = Examples(), start = Examples(), end = Examples(), sourceStart = Examples(), sourceEnd = Examples()
        for (ai, p) in prepared.enumerated() {
            report.attributions += p.gold.count
            p.document.withUTF8 { buf in
                // The gold attributions by the sentence of their cue head.
                var heads: [Int: [(head: Int, gold: Int)]] = [:]
                var tokenized: [Int: TokenizedSentence] = [:]
                for (gi, g) in p.gold.enumerated() where !g.cue.isEmpty {
                    guard let si = p.document.sentenceIndices(overlapping: g.cue[0]).first else { continue }
                    if tokenized[si] == nil {
                        let st = p.document.sentences[si]
                        var t = TokenizedSentence()
                        t.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: lexicon)
                        tokenized[si] = t
                    }
                    if let h = head(of: g.cue, in: tokenized[si]!, buf: buf) { heads[si, default: []].append((h, gi)) }
                }
                for (si, st) in p.document.sentences.enumerated() {
                    sentence.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: lexicon)
                    let positives = Set((heads[si] ?? []).map(\.head))
                    for k in sentence.tokens.indices where AttributionModel.gated(sentence.tokens[k], gate)
                        && !p.occupied.touches(sentence.tokens[k].range) {
                        features.cue(sentence, k, buf, into: &collector)
                        cue.add(collector.take(), article: ai, positives.contains(k))
                    }
                    for (h, gi) in heads[si] ?? [] {
                        let g = p.gold[gi]
                        let words = sentence.tokens.indices.filter { sentence.tokens[$0].isWord && $0 != h }
                        let inContent = words.filter { k in g.content.contains { $0.overlaps(sentence.tokens[k].range) } }
                        guard let cs = inContent.first, let ce = inContent.last else { continue }
                        report.usable += 1
                        for j in words {
                            features.contentBoundary(AttributionFeatures.contentStart, sentence, head: h, at: j, buf, into: &collector)
                            start.add(collector.take(), article: ai, j == cs)
                            features.contentBoundary(AttributionFeatures.contentEnd, sentence, head: h, at: j, buf, into: &collector)
                            end.add(collector.take(), article: ai, j == ce)
                        }
                        let after = cs > h
                        let outside = words.filter { $0 < cs || $0 > ce }
                        let inSource = outside.filter { k in g.source.contains { $0.overlaps(sentence.tokens[k].range) } }
                        for j in outside {
                            features.sourceBoundary(AttributionFeatures.sourceStart, sentence, head: h, contentAfter: after, at: j, buf, into: &collector)
                            sourceStart.add(collector.take(), article: ai, j == inSource.first)
                            features.sourceBoundary(AttributionFeatures.sourceEnd, sentence, head: h, contentAfter: after, at: j, buf, into: &collector)
                            sourceEnd.add(collector.take(), article: ai, j == inSource.last)
                        }
                    }
                }
            }
        }
        guard report.usable > 0 else { throw .noExamples("annotated attributions") }
        report.cueExamples = cue.labels.count

        // Features seen fewer than minCount times are dropped (every model's rows at once: the
        // prefixes keep the models' features apart).
        let keep = collector.counts.map { Int($0) >= options.minCount }
        func fitAll(use: (Int32) -> Bool) -> [Float] {
            var weights = [Float](repeating: 0, count: collector.names.count)
            fit(cue, keep: keep, l1: options.cueL1, use: use, into: &weights)
            for examples in [start, end, sourceStart, sourceEnd] {
                fit(examples, keep: keep, l1: options.l1, use: use, into: &weights)
            }
            return weights
        }
        var weights = fitAll { _ in true }

        // The candidate model learns from candidates that models trained without their article
        // decoded (five folds by article), judged against the gold: right when the content has a
        // token F1 of at least 0.5 with a gold attribution no rule quote took, and the source
        // touches that attribution's source (or it has none).
        var keys = [UInt64](repeating: 0, count: collector.names.count)
        for (key, id) in collector.ids { keys[Int(id)] = key }
        var candidates = Examples()
        for fold in 0..<AttributionModelTrainer.folds {
            let w = fitAll { Int($0) % AttributionModelTrainer.folds != fold }
            let table = WeightTable(keys.indices.lazy.filter { keep[$0] && w[$0] != 0 }.map { (key: keys[$0], weight: w[$0]) })
            var model = AttributionModel(cueThreshold: options.cueThreshold, sourceThreshold: options.sourceThreshold,
                                         gate: gate, weights: table, lexicon: lexicon)
            model.threshold = 0
            // Decoded as the final model decodes (content stops before a confident new cue).
            model.splitThreshold = options.splitThreshold
            let learned = LearnedAttribution(model: model)
            let scratch = LearnedAttribution.Scratch()
            for (ai, p) in prepared.enumerated() where ai % AttributionModelTrainer.folds == fold {
                p.document.withUTF8 { buf in
                    let gold = p.gold.map { Self.wordKeys(buf, $0.content) }
                    var consumed = Set<Int>()
                    for c in p.taken {
                        let k = Self.wordKeys(buf, c.parts)
                        for gi in gold.indices where !consumed.contains(gi) && Self.f1(k, gold[gi]) >= 0.5 { consumed.insert(gi); break }
                    }
                    let found = learned.candidates(document: p.document, buf: buf, taken: p.taken, minConfidence: 0, scratch: scratch)
                    // The speakers as the output will name them: resolved with the rules' quotes.
                    var speakers: [Range<Int>: Speaker?] = [:]
                    for q in rules.build(p.taken + found.map(\.candidate), document: p.document, buf: buf) where q.rule == LearnedAttribution.ruleID {
                        speakers[q.content] = q.speaker
                    }
                    for f in found {
                        let k = Self.wordKeys(buf, f.candidate.parts)
                        let speaker = speakers[f.candidate.content] ?? nil
                        let right = gold.indices.contains { gi in
                            guard !consumed.contains(gi), Self.f1(k, gold[gi]) >= 0.5 else { return false }
                            return Self.speakerRight(speaker, source: p.gold[gi].source.map(p.document.slice).joined(separator: " "))
                        }
                        let st = p.document.sentences[f.sentence]
                        scratch.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: lexicon)
                        features.candidate(f.facts, scratch.sentence, head: f.head, buf, into: &collector)
                        candidates.add(collector.take(), article: ai, right)
                    }
                }
            }
        }
        report.candidateExamples = candidates.labels.count
        report.rightCandidates = candidates.labels.filter { $0 }.count
        weights += [Float](repeating: 0, count: collector.names.count - weights.count)
        let keepAll = keep + [Bool](repeating: true, count: collector.names.count - keep.count)
        fit(candidates, keep: keepAll, l1: 0, use: { _ in true }, into: &weights)

        var entries: [(name: String, weight: Float)] = []
        for (id, name) in collector.names.enumerated() where keepAll[id] && abs(Double(weights[id])) >= options.minWeight {
            entries.append((name, weights[id]))
        }
        report.features = entries.count
        var model = AttributionModel(cueThreshold: options.cueThreshold, sourceThreshold: options.sourceThreshold,
                                     gateStems: stems.sorted(), entries: entries, lexicon: lexicon)
        model.threshold = options.threshold
        model.splitThreshold = options.splitThreshold
        return (model, report)
    }

    static let folds = 5

    /// Whether a resolved speaker names the annotated source: they share a word that is not a
    /// function word, or the source is only a pronoun and the speaker is a name. No source
    /// annotated: any speaker is right.
    static func speakerRight(_ speaker: Speaker?, source: String) -> Bool {
        func words(_ s: String) -> [String] {
            s.lowercased().replacingOccurrences(of: "’", with: "'").split { !($0.isLetter || $0.isNumber || $0 == "'") }
                .map { String($0) }.filter { !$0.isEmpty && $0 != "'s" && $0 != "s" }
        }
        let gold = words(source)
        guard !gold.isEmpty else { return true }
        guard let speaker else { return false }
        let predicted = speaker.name.isEmpty ? speaker.mention : speaker.name
        let mine = words(predicted)
        if gold.allSatisfy(pronounWords.contains) {
            return mine == gold || predicted.split(separator: " ").contains { w in
                w.first?.isUppercase == true && !speakerStopwords.contains(w.lowercased())
            }
        }
        let content = Set(gold.filter { !speakerStopwords.contains($0) })
        return content.isEmpty ? !Set(gold).isDisjoint(with: mine) : !content.isDisjoint(with: mine)
    }

    static let pronounWords: Set<String> = ["i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "his",
                                            "hers", "its", "their", "our", "my", "your", "who", "which", "that", "this", "one"]
    static let speakerStopwords: Set<String> = pronounWords.union(TokenLexicon.functionWordList).union(TokenLexicon.determinerWords)
        .union(TokenLexicon.quantifierWords).union(["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "said", "says"])

    /// The normalised word keys of some ranges, sorted: a bag of words for token F1.
    static func wordKeys(_ buf: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> [UInt64] {
        var tokens: [WordToken] = []
        var keys: [UInt64] = []
        for r in ranges {
            WordTokenizer.tokenize(buf, range: r, startsInsideQuote: false, into: &tokens)
            keys += tokens.filter(\.isWord).map(\.norm)
        }
        return keys.sorted()
    }

    /// Token F1 of two sorted bags of words.
    static func f1(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return 2 * Double(common) / Double(a.count + b.count)
    }

    /// One logistic regression by AdaGrad; writes the weights of the features its rows use.
    /// L2 is applied as the features are updated; L1 as a cumulative penalty (Tsuruoka et al.,
    /// 2009): each feature is charged, when it is next updated, the penalty accrued since its
    /// last update, never pushing it past zero.
    func fit(_ examples: Examples, keep: [Bool], l1: Double, use: (Int32) -> Bool, into weights: inout [Float]) {
        var w = [Double](repeating: 0, count: weights.count)
        var g2 = [Double](repeating: 1e-8, count: weights.count)
        var charged = [Double](repeating: 0, count: weights.count)
        var accrued = 0.0
        var order = examples.labels.indices.filter { use(examples.articles[$0]) }
        let lambda = 1 / (options.c * Double(max(order.count, 1)))
        var rng = SplitMix(seed: options.seed)
        var used = [Bool](repeating: false, count: weights.count)
        for _ in 0..<options.epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            for i in order {
                let lo = i == 0 ? 0 : examples.ends[i - 1], hi = examples.ends[i]
                var z = 0.0
                for k in lo..<hi where keep[Int(examples.features[k])] { z += w[Int(examples.features[k])] }
                let g = 1 / (1 + exp(-z)) - (examples.labels[i] ? 1 : 0)
                accrued += l1 / Double(max(order.count, 1))
                for k in lo..<hi {
                    let f = Int(examples.features[k])
                    guard keep[f] else { continue }
                    used[f] = true
                    let gf = g + lambda * w[f]
                    g2[f] += gf * gf
                    let rate = options.learningRate / g2[f].squareRoot()
                    w[f] -= rate * gf
                    if l1 > 0 {
                        let penalty = (accrued - charged[f]) * rate / options.learningRate
                        w[f] = w[f] > 0 ? max(0, w[f] - penalty) : min(0, w[f] + penalty)
                        charged[f] = accrued
                    }
                }
            }
        }
        for f in weights.indices where used[f] { weights[f] = Float(w[f]) }
    }
}

extension AttributionModelTrainer {
    /// How a model does on held-out annotated articles, decision by decision: the cue model
    /// on its own, and each boundary model given the gold answers of the decisions before it.
    /// For choosing training options on a split of the training data (`--evaluate`), never
    /// on development or test data.
    public struct Evaluation: Sendable, CustomStringConvertible {
        public var heads = 0, headsGated = 0, predictedHeads = 0, correctHeads = 0
        public var contents = 0, contentExact = 0, contentHalf = 0
        public var sources = 0, sourceExact = 0, sourceOverlap = 0, sourceMissing = 0
        /// What became of the gold attributions the rules did not find, end to end.
        public var lost: [String: Int] = [:]

        public var description: String {
            func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "-" : String(format: "%.1f%%", 100 * Double(a) / Double(b)) }
            let p = Double(correctHeads) / Double(max(predictedHeads, 1)), r = Double(correctHeads) / Double(max(heads, 1))
            return """
                cue heads outside the rules' quotes: \(heads) gold, \(pct(headsGated, heads)) through the gate; predicted \(predictedHeads), \
                P \(String(format: "%.3f", p)) R \(String(format: "%.3f", r)) F1 \(String(format: "%.3f", p + r > 0 ? 2 * p * r / (p + r) : 0))
                content given the gold cue: \(contents), exact \(pct(contentExact, contents)), token F1 ≥ 0.5 \(pct(contentHalf, contents))
                source given gold cue and content: \(sources), exact \(pct(sourceExact, sources)), shares a word \(pct(sourceOverlap, sources)), none found \(pct(sourceMissing, sources))
                gold attributions the rules missed, end to end: \(lost.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                """
        }
    }

    /// Sorts the gold attributions the rules did not find by where the model lost them.
    func lostAttributions(_ p: Prepared, buf: UnsafeBufferPointer<UInt8>, model: AttributionModel, everything: LearnedAttribution,
                          scratch: LearnedAttribution.Scratch, into lost: inout [String: Int]) {
        let gold = p.gold.map { Self.wordKeys(buf, $0.content) }
        var consumed = Set<Int>()
        for c in p.taken {
            let k = Self.wordKeys(buf, c.parts)
            for gi in gold.indices where !consumed.contains(gi) && Self.f1(k, gold[gi]) >= 0.5 { consumed.insert(gi); break }
        }
        let found = everything.candidates(document: p.document, buf: buf, taken: p.taken, minConfidence: 0, scratch: scratch)
        for (gi, g) in p.gold.enumerated() where !consumed.contains(gi) {
            let key: String
            if let f = found.first(where: { Self.f1(Self.wordKeys(buf, $0.candidate.parts), gold[gi]) >= 0.5 }) {
                key = f.probability >= Float(model.threshold) ? "found" : "below the threshold"
            } else if g.cue.isEmpty {
                key = "no cue"
            } else if let si = p.document.sentenceIndices(overlapping: g.cue[0]).first {
                let st = p.document.sentences[si]
                scratch.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: lexicon)
                let s = scratch.sentence
                scratch.cue = s.tokens.indices.map { model.gated(s.tokens[$0]) ? model.cueProbability(s, $0, buf) : 0 }
                if let h = head(of: g.cue, in: s, buf: buf) {
                    if p.occupied.touches(s.tokens[h].range) {
                        key = "cue inside a rule quote"
                    } else if s.tokens[h].quoted {
                        key = "cue quoted"
                    } else if !model.gated(s.tokens[h]) {
                        key = "cue not in the gate"
                    } else if model.cueProbability(s, h, buf) < Float(model.cueThreshold) {
                        key = "cue below its threshold"
                    } else if found.contains(where: { $0.candidate.cue == s.tokens[h].range }) {
                        key = "content wrong"
                    } else if let f = everything.decode(s, head: h, sentence: st.range, buf: buf, scratch: scratch) {
                        if f.candidate.parts.contains(where: p.occupied.touches) {
                            key = "content touches a rule quote"
                        } else if f.candidate.speaker.map(LearnedAttribution.Occupancy(p.taken, speakers: false).touches) ?? false {
                            key = "source inside a rule quote"
                        } else {
                            key = "lost to another model candidate"
                        }
                    } else {
                        key = "no content decoded"
                    }
                } else {
                    key = "no cue word"
                }
            } else {
                key = "no sentence"
            }
            lost[key, default: 0] += 1
        }
    }

    public func evaluate(_ model: AttributionModel, on articles: [AnnotatedArticle]) -> Evaluation {
        var e = Evaluation()
        let learned = LearnedAttribution(model: model)
        let scratch = LearnedAttribution.Scratch()
        let matchScratch = Workspace().scratch
        var all = model
        all.threshold = 0
        let everything = LearnedAttribution(model: all)
        for article in articles {
            let p = prepare(article, scratch: matchScratch)
            p.document.withUTF8 { buf in
                lostAttributions(p, buf: buf, model: model, everything: everything, scratch: scratch, into: &e.lost)
                var goldHeads: [Int: [(head: Int, gold: Int)]] = [:]
                for (si, st) in p.document.sentences.enumerated() {
                    scratch.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: lexicon)
                    for (gi, g) in p.gold.enumerated() where !g.cue.isEmpty && p.document.sentenceIndices(overlapping: g.cue[0]).first == si {
                        if let h = head(of: g.cue, in: scratch.sentence, buf: buf) { goldHeads[si, default: []].append((h, gi)) }
                    }
                    let s = scratch.sentence
                    let heads = Set((goldHeads[si] ?? []).map(\.head))
                    scratch.cue.removeAll(keepingCapacity: true)
                    for k in s.tokens.indices { scratch.cue.append(model.gated(s.tokens[k]) ? model.cueProbability(s, k, buf) : 0) }
                    let free = heads.filter { !p.occupied.touches(s.tokens[$0].range) }
                    e.heads += free.count
                    for k in free where model.gated(s.tokens[k]) { e.headsGated += 1 }
                    for k in s.tokens.indices where scratch.cue[k] >= Float(model.cueThreshold) && !p.occupied.touches(s.tokens[k].range) {
                        e.predictedHeads += 1
                        if heads.contains(k) { e.correctHeads += 1 }
                    }
                    for (h, gi) in goldHeads[si] ?? [] {
                        let g = p.gold[gi]
                        let words = s.tokens.indices.filter { s.tokens[$0].isWord && $0 != h }
                        let inContent = words.filter { k in g.content.contains { $0.overlaps(s.tokens[k].range) } }
                        guard let cs = inContent.first, let ce = inContent.last else { continue }
                        e.contents += 1
                        let cueScratch = scratch.cue
                        if let (a, b, _) = learned.bestContent(s, head: h, buf: buf, scratch: scratch) {
                            if a == cs && b == ce { e.contentExact += 1 }
                            let predicted = Set(words.filter { $0 >= a && $0 <= b }), gold = Set(inContent)
                            let common = Double(predicted.intersection(gold).count)
                            if common > 0, 2 * common / Double(predicted.count + gold.count) >= 0.5 { e.contentHalf += 1 }
                        }
                        let outside = words.filter { $0 < cs || $0 > ce }
                        let inSource = outside.filter { k in g.source.contains { $0.overlaps(s.tokens[k].range) } }
                        guard let ss = inSource.first, let se = inSource.last else { continue }
                        e.sources += 1
                        scratch.cue = cueScratch
                        if let (x, y, _) = learned.bestSource(s, head: h, content: cs...ce, buf: buf, scratch: scratch) {
                            if x == ss && y == se { e.sourceExact += 1 }
                            if (x...y).contains(where: { inSource.contains($0) && s.wordClass[$0].canHeadSpeaker }) { e.sourceOverlap += 1 }
                        } else {
                            e.sourceMissing += 1
                        }
                    }
                }
            }
        }
        return e
    }
}
