import Foundation

/// One command-line job over many inputs: read, run the pipeline (or the classifier) on
/// every article in parallel, write the records in input order, account for every article.
/// The CLI only parses options into this.
public struct BatchJob {
    /// What to produce.
    public enum Mode: Sendable {
        /// `quote` and `claim` records.
        case extract
        /// One `document` record an article.
        case clean
        /// One `sentences` record an article.
        case sentences
        /// One classification a line of `{"id","text"}` input, the text typed as is.
        case classify
        /// Reading only: one `input` record an article (what the readers found), no pipeline.
        case inputs
    }

    public var mode: Mode
    public var rules: RuleSet
    public var input = InputOptions()
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var errorRecords = false
    public var failFast = false
    /// Per-article resource limits: PCRE2 match limits, HTML depth, quote length.
    public var limits = ArticleLimits.standard
    /// `--group article`: one `article` record an input article instead of one record a
    /// quote or claim (extract only).
    public var groupByArticle = false
    /// `--min-confidence`: quotes from rules less confident than this are not looked for
    /// (the broad stance and action rules of PolNeAR's sense of attribution sit below 0.6).
    public var minQuoteConfidence = 0.0
    /// `--rules-only` turns it off: attribution by the rules alone.
    public var attributionModel = true
    public var progress: ProgressLine.Mode = .never
    /// Cleaned text above this is extracted a segment at a time, each segment's records
    /// written before the next is analysed (`Pipeline.segmentBytes`; tests make it small).
    public var segmentBytes = Pipeline.segmentBytes

    /// Encoded records are handed on to the writer in parts of about this size (a record
    /// past it), so that an article's output is never held whole when it is large.
    static let partBytes = 1 << 20

    public init(mode: Mode, rules: RuleSet) {
        self.mode = mode
        self.rules = rules
    }

    /// Runs over `paths`; diagnostics go to `diagnostics` (stderr in the CLI), and so does
    /// the progress line when enabled.
    public func run(paths: [String], output: OutputSink, diagnostics: @escaping (String) -> Void,
                    progressOutput: @escaping (String) -> Void = { _ in }) throws -> RunSummary {
        var source = InputSource(paths: paths, options: input)
        let counters = source.counters
        let progress = ProgressLine(mode: self.progress, counters: counters, write: progressOutput)
        let process = streamingProcessor()
        var written = 0
        // A warning or an error becomes a record with --error-records, else a line on stderr.
        func report(_ line: String, _ encode: (inout JSONBuffer) -> Void) {
            if errorRecords {
                var json = JSONBuffer()
                encode(&json)
                output.write(json.bytes)
            } else {
                progress.finish()
                diagnostics(line)
            }
        }
        var summary = try Runner(jobs: jobs, limits: limits.match).run(&source, process: process) { outcome in
            if !outcome.continues { written += 1 }
            defer { progress.tick(articles: written) }
            for warning in outcome.warnings {
                report("claimex: warning: \(warning)") { RecordEncoder.warning(warning, into: &$0) }
            }
            if let error = outcome.error {
                report("claimex: \(error)") { RecordEncoder.error(error, into: &$0) }
                if failFast { throw StopRun() }
            }
            output.write(outcome.output)
        }
        progress.finish()
        summary.inputBytes = counters.bytesRead
        summary.skipped = counters.skippedTotal
        return summary
    }

    /// The per-article work of this job, for runners and benchmarks: article in, encoded
    /// records (or the error) out, the records of every segment of a huge article together.
    public func processor() -> @Sendable (consuming Article, Workspace) -> Outcome {
        let process = streamingProcessor()
        return { article, workspace in
            var whole = Outcome()
            let last = process(consume article, workspace) { whole.append($0) }
            whole.append(last)
            return whole
        }
    }

    /// The per-article work of this job as `Runner` streams it: a huge article's records
    /// are handed on a segment at a time through the third argument (`Pipeline.segmentBytes`),
    /// so that they are written before the next segment is analysed; every other article's
    /// come whole in the returned outcome, as from `processor()`. Both take the article (see
    /// `Runner`): cleanup frees its body once read.
    public func streamingProcessor() -> @Sendable (consuming Article, Workspace, (Outcome) -> Void) -> Outcome {
        let mode = mode
        let group = groupByArticle
        switch mode {
        case .classify:
            let typer = ClaimTyper(rules: rules)
            return { article, workspace, _ in
                let verdict = article.body.withUnsafeBufferPointer { buf in
                    typer.classify(buf, ranges: CollectionOfOne(0..<buf.count), scratch: workspace.scratch)
                }
                var json = JSONBuffer()
                RecordEncoder.classification(id: article.id, verdict: verdict, into: &json)
                return Outcome(output: json.bytes, claims: verdict.isClaim ? 1 : 0)
            }
        case .inputs:
            return { article, _, _ in
                var json = JSONBuffer()
                RecordEncoder.input(article, into: &json)
                return Outcome(output: json.bytes)
            }
        case .extract, .clean, .sentences:
            let depth: Pipeline.Depth = mode == .clean ? .clean : mode == .sentences ? .sentences : .full
            let pipeline = Pipeline(rules: rules, depth: depth, limits: limits, minQuoteConfidence: minQuoteConfidence,
                                    attributionModel: attributionModel)
            if mode == .extract && !group {
                let segmentBytes = segmentBytes
                return { article, workspace, emit in
                    // Every segment but the last is handed on as soon as it is encoded, and so is
                    // every 1 MiB of records (`partBytes`); the rest of the last is returned. A
                    // document of one segment and under 1 MiB of records is thus returned whole.
                    var last = Outcome()
                    do throws(ArticleError) {
                        try pipeline.run(consume article, in: workspace, segmentBytes: segmentBytes) { document, origin, isLast in
                            // A segment's warnings go before its first records, as an article's do.
                            var warnings = document.warnings
                            var json = JSONBuffer()
                            RecordEncoder.extract(document, origin: origin, into: &json, flushAt: BatchJob.partBytes) { full in
                                emit(Outcome(output: full.bytes, warnings: warnings, continues: true))
                                warnings = []
                                full = JSONBuffer()
                            }
                            let outcome = Outcome(output: json.bytes, quotes: document.quotes.count, claims: document.claims.count,
                                                  warnings: warnings, continues: !isLast)
                            if isLast { last = outcome } else { emit(outcome) }
                        }
                    } catch {
                        return Outcome(error: error)
                    }
                    return last
                }
            }
            return { article, workspace, _ in
                let document: Document
                do throws(ArticleError) {
                    document = try pipeline.run(consume article, in: workspace)
                } catch {
                    return Outcome(error: error)
                }
                var json = JSONBuffer()
                switch mode {
                case .clean: RecordEncoder.document(document, into: &json)
                case .sentences: RecordEncoder.sentences(document, into: &json)
                default: RecordEncoder.article(document, into: &json)
                }
                return Outcome(output: json.bytes, quotes: document.quotes.count, claims: document.claims.count,
                               warnings: document.warnings)
            }
        }
    }
}
