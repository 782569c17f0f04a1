import ArgumentParser
import ClaimEx
import Foundation

/// The `claimex` command: parses options and hands the work to the ClaimEx library.
@main
struct ClaimexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimex",
        abstract: "Attributed quotes and typed claims from news articles, as JSON Lines.",
        discussion: """
            Reads plain text, HTML pages, JSON Lines dumps and WARC archives, each maybe gzipped
            (files, directories, or - for stdin).
            Stdout carries JSON only; diagnostics go to stderr.
            Exit status: 0 all good, 1 some articles failed (each reported), 2 usage or fatal error.
            """,
        subcommands: [Extract.self, Clean.self, Sentences.self, Classify.self, Inputs.self, Golden.self, Diff.self, RulesCommand.self, Explain.self, TrainClaims.self, TrainAttribution.self]
    )

    /// ArgumentParser exits 64 on usage errors; our contract is 0 all good, 1 some articles
    /// failed, 2 usage or fatal error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let fatal as Fatal {
            diagnose(fatal.description)
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            diagnose(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

/// Writes one line to standard error.
func diagnose(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes to standard error as it is (the progress line redraws itself with a carriage return).
func diagnoseRaw(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// A fatal error: printed and exit 2.
struct Fatal: Error, CustomStringConvertible {
    var description: String
}

/// Options shared by every command that reads articles.
struct InputArguments: ParsableArguments {
    @Argument(help: "Files or directories to read; - or nothing reads standard input.")
    var paths: [String] = []

    @Option(help: "Input format: auto, text, html, jsonl or warc (auto: by extension, then by content; .gz is read through).")
    var format: InputOptions.Format = .auto

    @Option(help: "JSON Lines field holding the article text (default: text, maintext, content, raw_text, body).")
    var textKey: String?

    @Option(help: "JSON Lines field holding the article id (default: id).")
    var idKey: String?

    @Option(help: "JSON Lines field holding the URL (default: url, source, link).")
    var urlKey: String?

    @Option(help: "JSON Lines field holding the title (default: title).")
    var titleKey: String?

    @Option(help: "JSON Lines field holding the publication date (default: date, date_publish, publish_date, published, published_date).")
    var dateKey: String?

    @Option(help: "Articles larger than this many bytes fail instead of being processed.")
    var maxBytes: Int = 50_000_000

    @Option(help: "HTML pages nested deeper than this fail with limit.html-depth.")
    var maxHTMLDepth: Int = ArticleLimits.standard.maxHTMLDepth

    @Option(help: "Quotes longer than this many characters are dropped (warning limit.quote-length).")
    var maxQuoteLength: Int = ArticleLimits.standard.maxQuoteLength

    @Option(help: "PCRE2 match limit for one rule on one article; past it the rule is skipped for that article.")
    var matchLimit: UInt32 = ArticleLimits.standard.matchLimit

    @Option(help: "PCRE2 backtracking depth limit (interpreter only).")
    var depthLimit: UInt32 = ArticleLimits.standard.depthLimit

    @Option(help: "PCRE2 heap limit in KiB (interpreter only).")
    var heapLimit: UInt32 = ArticleLimits.standard.heapKiB

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Rules directory (default: the bundled rules/).")
    var rules: String?

    @Option(name: .shortAndLong, help: "Write records to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    @Flag(help: "Write an error record for each failed article (else one line on stderr).")
    var errorRecords = false

    @Flag(help: "Stop at the first failed article.")
    var failFast = false

    @Flag(help: "Failed articles do not make the exit status 1 (they are still reported): for mappers such as Spark's rdd.pipe(checkCode=True), where exit 1 would fail and retry a whole partition.")
    var tolerateFailures = false

    @Option(help: "Progress line on stderr: auto (when stderr is a terminal), always or never.")
    var progress: ProgressLine.Mode = .auto

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1") }
        guard maxHTMLDepth >= 1, maxQuoteLength >= 1, matchLimit >= 1, depthLimit >= 1, heapLimit >= 1 else {
            throw ValidationError("limits must be at least 1")
        }
    }

    func run(_ mode: BatchJob.Mode, attribution: AttributionMode = .full, configure: (inout BatchJob) -> Void = { _ in }) throws {
        let ruleSet = try loadRules(rules, attribution: attribution)
        var job = BatchJob(mode: mode, rules: ruleSet)
        job.input.format = format
        job.input.textKey = textKey
        job.input.idKey = idKey
        job.input.urlKey = urlKey
        job.input.titleKey = titleKey
        job.input.dateKey = dateKey
        job.input.maxBytes = maxBytes
        job.limits = ArticleLimits(matchLimit: matchLimit, depthLimit: depthLimit, heapKiB: heapLimit,
                                   maxHTMLDepth: maxHTMLDepth, maxQuoteLength: maxQuoteLength)
        job.jobs = jobs
        job.errorRecords = errorRecords
        job.failFast = failFast
        job.progress = progress
        configure(&job)
        let sink: OutputSink
        do {
            sink = try output.map { path throws(ArticleError) in try OutputSink(path: path, force: force) } ?? OutputSink()
        } catch {
            throw Fatal(description: "claimex: \(error)")
        }
        let start = ContinuousClock.now
        let summary: RunSummary
        do {
            summary = try job.run(paths: paths, output: sink, diagnostics: diagnose, progressOutput: diagnoseRaw)
            try sink.finish()
        } catch {
            sink.abandon()
            throw Fatal(description: "claimex: \(error)")
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let mb = Double(summary.inputBytes) / 1e6
        var line = String(format: "claimex: %d read, %d ok, %d failed; %d quotes, %d claims; %.2f MB in %.2f s (%.1f MB/s)",
                          summary.read, summary.ok, summary.failed, summary.quotes, summary.claims, mb, seconds,
                          seconds > 0 ? mb / seconds : 0)
        if summary.skipped > 0 { line += "; \(summary.skipped) skipped (WARC records and files that are not articles)" }
        if summary.stoppedEarly { line += "; stopped at the first failure (--fail-fast)" }
        diagnose(line)
        if summary.failed > 0 && !tolerateFailures { throw ExitCode(1) }
    }
}

/// Loads the rules named by `--rules`, or the bundled ones; a broken rule is fatal, and so is
/// a fast attribution without its model (its rules alone would miss most indirect quotes).
func loadRules(_ path: String?, attribution: AttributionMode = .full) throws -> RuleSet {
    guard let dir = path ?? RuleLocator.bundledDirectory() else {
        throw Fatal(description: "claimex: cannot find the bundled rules/ directory; pass --rules DIR or set CLAIMEX_RULES")
    }
    do {
        let set = try RuleSet.load(directory: dir, attribution: attribution)
        if attribution == .fast && set.attributionModel == nil {
            throw Fatal(description: "claimex: --fast needs \(dir)/attribution/\(AttributionModel.fastFileName); train it with `claimex train-attribution --fast --rules \(dir) TRAIN.jsonl`")
        }
        return set
    } catch let error as Fatal {
        throw error
    } catch {
        throw Fatal(description: "\(error)")
    }
}

extension InputOptions.Format: ExpressibleByArgument {}
extension ProgressLine.Mode: ExpressibleByArgument {}
