/// Shows what the pipeline did with one text: the cleaned text, its sentences, every
/// attribution rule that matched with its captures, why each losing candidate lost, and the
/// quotes and claims that came out. The tool for answering "why did (or didn't) this fire?".
public struct Explainer {
    let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    public func explain(_ text: String) throws(ArticleError) -> String {
        let article = Article(id: "explain", format: FormatSniffer.format(of: Array(text.utf8)), body: Array(text.utf8),
                              provenance: Provenance(input: "-"))
        let workspace = Workspace()
        let document = try Pipeline(rules: rules, depth: .full).run(article, in: workspace)
        let stage = AttributionStage(rules: rules)
        var out = "== cleaned text (\(document.paragraphs.count) paragraphs)\n\(document.text)\n\n== sentences\n"
        for (i, s) in document.sentences.enumerated() {
            out += "[\(i)] p\(s.paragraph)\(s.startsInsideQuote ? " (inside a quotation)" : "") \(document.slice(s.range))\n"
        }
        let (candidates, warnings) = document.withUTF8 { stage.findCandidates(in: $0, document: document, scratch: workspace.scratch) }
        let (kept, dropped) = AttributionStage.selectExplained(candidates)
        func describe(_ c: Candidate) -> String {
            var s = "\(c.rule) (\(c.kind.rawValue), confidence \(c.confidence))\n"
            s += "      content: " + c.parts.map { "«\(document.slice($0))»" }.joined(separator: " + ") + "\n"
            if let r = c.speaker { s += "      speaker: «\(document.slice(r))»\n" }
            if let r = c.cue { s += "      cue: «\(document.slice(r))»\n" }
            if let r = c.title { s += "      title: «\(document.slice(r))»\n" }
            return s
        }
        out += "\n== attribution candidates: \(candidates.count), kept \(kept.count)\n"
        for c in kept { out += "  kept  " + describe(c) }
        for (c, why) in dropped {
            let reason = switch why {
            case .sameCue(let winner): "same cue as \(winner), which has more content or confidence"
            case .overlap(let winner): "content overlaps \(winner), taken first"
            case .speakerInsideQuote(let winner): "its speaker is inside the content of \(winner), taken first: a report inside a report"
            }
            out += "  drop  " + describe(c) + "      why: \(reason)\n"
        }
        for w in warnings { out += "  warning: \(w)\n" }
        out += explainLearned(document, kept: kept, describe: describe, workspace: workspace)
        out += "\n== quotes\n"
        for q in document.quotes {
            let speaker = q.speaker.map { "\($0.name) [\($0.resolvedBy.rawValue) from «\($0.mention)»]" } ?? "-"
            out += "  \(q.kind.rawValue) by \(speaker), cue \(q.cue?.text ?? "-"), \(q.rule): «\(q.parts.map { document.slice($0) }.joined(separator: " "))»"
            out += q.claimTypes.isEmpty ? "\n" : " types \(q.claimTypes.map(\.rawValue))\n"
        }
        out += "\n== claims\n"
        for c in document.claims {
            out += "  \(c.types.map(\.rawValue)) checkworthy \(c.checkworthy) by \(c.rule): «\(document.slice(c.range))»\n"
        }
        out += explainClaimTyping(document, workspace: workspace)
        return out
    }
}

extension Explainer {
    /// The claims section's detail: for every quote and every own-voice sentence, the rules
    /// that typed it and the model features that decided claim and check-worthiness (summed
    /// weights, claim / checkworthy, strongest first; the bias holds the thresholds).
    func explainClaimTyping(_ document: Document, workspace: Workspace) -> String {
        let typer = ClaimTyper(rules: rules)
        let model = rules.claimModel
        var out = "\n== claim typing (bias claim \(model.biasClaim), checkworthy \(model.biasCheckworthy); weights claim/checkworthy)\n"
        let quoteRanges = document.quotes.flatMap(\.parts)
        func describe(_ label: String, _ ranges: [Range<Int>]) {
            let (verdict, hits, contributions) = document.withUTF8 { typer.explain($0, ranges: ranges, scratch: workspace.scratch) }
            let text = ranges.map { document.slice($0) }.joined(separator: " … ")
            out += "  \(label) «\(text.count > 90 ? String(text.prefix(90)) + "…" : text)»\n"
            out += "      claim \(verdict.isClaim ? "yes" : "no") (p \(verdict.claimScore)), checkworthy \(verdict.checkworthy)"
            out += verdict.types.isEmpty ? "\n" : ", types \(verdict.types.map(\.rawValue))\n"
            let fired = typer.fired(hits)
            if !fired.isEmpty {
                out += "      rules: " + fired.map { "\($0.id) (\($0.type.rawValue))" }.joined(separator: ", ") + "\n"
            }
            let shown = contributions.prefix(8).map { e in
                "\(e.name) \(ClaimModel.format(e.claim))/\(ClaimModel.format(e.checkworthy))"
            }
            if !shown.isEmpty { out += "      features: " + shown.joined(separator: ", ") + "\n" }
        }
        for (i, q) in document.quotes.enumerated() { describe("quote \(i)", q.parts) }
        for (i, s) in document.sentences.enumerated() where !quoteRanges.contains(where: { $0.overlaps(s.range) }) {
            describe("[\(i)]", [s.range])
        }
        return out
    }
}

extension Explainer {
    /// The learned model's section: which rule quotes it cut short, and every candidate it
    /// decoded — kept, below the threshold, or lost to an overlapping one — with the cue's
    /// probability, the candidate's, and the features that weighed most in each.
    func explainLearned(_ document: Document, kept: [Candidate], describe: (Candidate) -> String, workspace: Workspace) -> String {
        guard let model = rules.attributionModel else { return "\n== learned attribution model: none in \(rules.directory)/attribution\n" }
        var out = "\n== learned attribution model (\(rules.attributionMode.modelFileName): cue threshold \(model.cueThreshold), candidate threshold \(model.threshold))\n"
        let learned = LearnedAttribution(model: model)
        var everything = model
        everything.threshold = 0
        let all = LearnedAttribution(model: everything)
        document.withUTF8 { buf in
            let (trimmed, cuts) = learned.trim(kept, document: document, buf: buf, scratch: workspace.learned)
            let taken = learned.candidates(document: document, buf: buf, taken: trimmed, minConfidence: 0, scratch: workspace.learned,
                                           cutCues: cuts.map(\.cue))
            for cut in cuts {
                let before = cut.original, after = trimmed[cut.index]
                out += "  cut   \(before.rule): «\(document.slice(before.content))» → «\(document.slice(after.content))» before «\(document.slice(cut.cue))»\n"
            }
            for f in all.candidates(document: document, buf: buf, taken: trimmed, minConfidence: 0, scratch: workspace.learned) {
                let status = taken.contains { $0.candidate.cue == f.candidate.cue && $0.candidate.parts == f.candidate.parts } ? "kept " :
                    f.probability < Float(model.threshold) ? "below" : "lost "
                out += "  \(status) " + describe(f.candidate)
                let st = document.sentences[f.sentence]
                workspace.learned.load(buf, range: st.range, startsInsideQuote: st.startsInsideQuote, lexicon: model.features.lexicon)
                let s = workspace.learned.sentence
                var cue = Contributions(table: model.weights)
                model.features.cue(s, f.head, buf, into: &cue)
                var candidate = Contributions(table: model.weights)
                model.features.candidate(f.facts, s, head: f.head, buf, into: &candidate)
                out += "      cue p \(ClaimModel.format(f.facts.cueProbability)): " + cue.strongest(6) + "\n"
                out += "      candidate p \(ClaimModel.format(f.probability)): " + candidate.strongest(6) + "\n"
            }
        }
        return out
    }
}

/// Collects each feature's name and weight, for `explain`.
struct Contributions: FeatureSink {
    let table: WeightTable
    var items: [(name: String, weight: Float)] = []
    mutating func add(_ key: UInt64, _ name: @autoclosure () -> String) {
        let w = table[key]
        if w != 0 { items.append((name(), w)) }
    }

    /// The `n` features that weigh most either way, with their weights.
    func strongest(_ n: Int) -> String {
        items.sorted { abs($0.weight) > abs($1.weight) }.prefix(n).map { "\($0.name) \(ClaimModel.format($0.weight))" }
            .joined(separator: ", ")
    }
}
