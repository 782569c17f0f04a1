// claimex-bench: per-stage and end-to-end throughput, as MB/s and as a ratio to libxml2's bare
// parse of the same bytes (the floor), plus growth, parallel speed-up and peak RSS.
// `make bench` runs it in release mode. Timings are best-of-N wall clock on one core unless
// said; every figure is printed with its input size so it can be checked.
import ClaimEx
import Foundation
import HTMLText

struct Options {
    var data = "../shared/data"
    var quotes = "/tmp/claimex-eval/quotes/train.jsonl"
    var rules: String?
    var seconds = 1.0
    var json = false
    /// `--profile STAGE`: run one stage (floor, walk, cleanup, extract over the HTML pages;
    /// attribution over the plain text) `profileRuns` times and exit, untimed: a steady
    /// workload for callgrind or perf.
    var profile: String?
    var profileRuns = 1
    /// `--html-only`: stop after the HTML rows (a quicker loop while working on cleanup).
    var htmlOnly = false
    /// Also time each claim rule alone over the sentences (where claim typing's time goes).
    var perRule = false
    /// `--dump-patterns DIR`: write each attribution rule's expanded pattern to DIR/ID.pcre and
    /// exit, for experiments with PCRE2's own tools.
    var dumpPatterns: String?
}

var options = Options()
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--data": options.data = args.next() ?? options.data
    case "--quotes": options.quotes = args.next() ?? options.quotes
    case "--rules": options.rules = args.next()
    case "--seconds": options.seconds = Double(args.next() ?? "") ?? options.seconds
    case "--profile": options.profile = args.next()
    case "--runs": options.profileRuns = Int(args.next() ?? "") ?? options.profileRuns
    case "--html-only": options.htmlOnly = true
    case "--per-rule": options.perRule = true
    case "--dump-patterns": options.dumpPatterns = args.next()
    case "--help", "-h":
        print("usage: claimex-bench [--data DIR] [--quotes PolNeAR.jsonl] [--rules DIR] [--seconds S] [--html-only] [--per-rule]")
        print("       claimex-bench --dump-patterns DIR   (each attribution rule as PCRE2 compiles it, DIR/ID.pcre)")
        print("       claimex-bench --profile floor|walk|cleanup|extract|attribution|attribution-rules|attribution-fast|claims [--runs N]   (untimed, for callgrind/perf)")
        exit(0)
    default:
        FileHandle.standardError.write(Data("claimex-bench: unknown option \(a)\n".utf8))
        exit(2)
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("claimex-bench: \(message)\n".utf8))
    exit(2)
}

guard let rulesDir = options.rules ?? RuleLocator.bundledDirectory() else { fail("no rules directory; pass --rules") }
let rules: RuleSet
do { rules = try RuleSet.load(directory: rulesDir) } catch { fail("\(error)") }
/// The same directory for `extract --fast` (nil without its model): its attribution rows.
let fastRules: RuleSet? = (try? RuleSet.load(directory: rulesDir, attribution: .fast)).flatMap { $0.attributionModel == nil ? nil : $0 }
if let dir = options.dumpPatterns {
    for rule in rules.attribution {
        let path = "\(dir)/\(rule.spec.id).pcre"
        guard FileManager.default.createFile(atPath: path, contents: Data(rule.spec.expanded.utf8)) else { fail("cannot write \(path)") }
    }
    print("wrote \(rules.attribution.count) patterns to \(dir)")
    exit(0)
}

/// Runs `body` repeatedly for at least `seconds` (and at least 3 times); returns the best time of one run.
func best(_ seconds: Double, _ body: () -> Void) -> Double {
    withoutActuallyEscaping(body) { bestInTurn(seconds, [$0])[0] }
}

/// `best` for several bodies at once, one run of each in turn, until each has run 3 times and
/// `seconds` have passed for each: the floor and the stages measured against it then see the
/// same moments of a shared machine, and their ratio does not take a quiet moment of one for
/// a gain (or a loss) of the other. (Run one after the other, the end-to-end ratio of one
/// `make bench` went from 0.41× to 0.99× the floor as other jobs came and went.)
func bestInTurn(_ seconds: Double, _ bodies: [() -> Void]) -> [Double] {
    var bestTimes = [Double](repeating: .infinity, count: bodies.count)
    let clock = ContinuousClock()
    let start = clock.now
    var rounds = 0
    while rounds < 3 || (clock.now - start) < .seconds(seconds * Double(bodies.count)) {
        for (i, body) in bodies.enumerated() {
            let t = clock.now
            body()
            let d = clock.now - t
            bestTimes[i] = min(bestTimes[i], Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        rounds += 1
    }
    return bestTimes
}

func peakRSSMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // KiB on Linux
}

// ---- Inputs: the benchmark's HTML pages (or the bundled golden pages), and plain-text articles.
let fm = FileManager.default
var htmlPaths = ((try? fm.contentsOfDirectory(atPath: options.data + "/html-aeb-dev/html")) ?? []).sorted()
    .map { options.data + "/html-aeb-dev/html/" + $0 }
var htmlSource = "\(options.data)/html-aeb-dev (\(htmlPaths.count) pages)"
if htmlPaths.isEmpty {
    let golden = ((try? fm.contentsOfDirectory(atPath: "golden")) ?? []).sorted()
    htmlPaths = golden.flatMap { dir in
        ((try? fm.contentsOfDirectory(atPath: "golden/" + dir)) ?? []).filter { $0.hasSuffix(".html") }.map { "golden/\(dir)/\($0)" }
    }
    htmlSource = "golden/ (\(htmlPaths.count) trimmed pages)"
}
guard !htmlPaths.isEmpty else { fail("no HTML pages found (looked in \(options.data)/html-aeb-dev and golden/)") }
let pages: [[UInt8]] = htmlPaths.map { [UInt8](fm.contents(atPath: $0) ?? Data()) }
let htmlBytes = pages.reduce(0) { $0 + $1.count }
let htmlArticles = pages.enumerated().map { i, body in
    Article(id: "p\(i)", format: .html, body: body, provenance: Provenance(input: htmlPaths[i]))
}

var texts: [String] = []
var textSource = ""
if let data = fm.contents(atPath: options.quotes) {
    for line in data.split(separator: 0x0A) {
        if let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let t = o["text"] as? String { texts.append(t) }
    }
    textSource = "\(options.quotes) (\(texts.count) PolNeAR articles)"
}
if texts.isEmpty {
    let workspace = Workspace()
    let clean = Pipeline(rules: rules, depth: .clean)
    texts = htmlArticles.compactMap { try? clean.run($0, in: workspace).text }
    textSource = "cleaned text of the HTML pages (\(texts.count) articles)"
}
let textArticles = texts.enumerated().map { i, t in
    Article(id: "t\(i)", format: .text, body: Array(t.utf8), provenance: Provenance(input: "bench"))
}
let textBytes = textArticles.reduce(0) { $0 + $1.body.count }

if let stage = options.profile {
    let workspace = Workspace()
    let cleanup = CleanupStage(rules: rules)
    let process = BatchJob(mode: .extract, rules: rules).processor()
    var outputBytes = 0
    // `attribution`: the attribution stage alone over the plain-text articles, split into
    // sentences first (toggle callgrind's collection on `AttributionStage.process`).
    // `attribution-rules`: the same without the learned model; `attribution-fast`: the fast mode.
    if stage == "attribution-fast" && fastRules == nil { fail("no attribution/model-fast.tsv in \(rulesDir)") }
    let attribution = AttributionStage(rules: stage == "attribution-fast" ? fastRules! : rules, useModel: stage != "attribution-rules")
    let splitter = SentenceStage(rules: rules)
    let profiledText: [Document] = !stage.hasPrefix("attribution") && stage != "claims" ? [] : textArticles.compactMap { a in
        (try? cleanup.process(a, in: workspace)).flatMap { try? splitter.process($0, in: workspace) }
    }
    // `claims`: claim typing alone over the attributed plain-text articles. The stage is
    // inlined here, so count it as `--runs 2` less `--runs 1`.
    let claimTyping = ClaimTypingStage(rules: rules)
    let attributedText: [Document] = stage != "claims" ? [] : profiledText.compactMap { try? attribution.process($0, in: workspace) }
    let clock = ContinuousClock()
    let started = clock.now
    for _ in 0..<max(1, options.profileRuns) {
        switch stage {
        case "floor": for p in pages { _ = HTMLPage.bareParse(p) }
        case "walk": for p in pages { outputBytes += HTMLPage.parse(p).blocks.count }
        case "cleanup": for a in htmlArticles { outputBytes += (try? cleanup.process(a, in: workspace))?.text.utf8.count ?? 0 }
        case "extract": for a in htmlArticles { outputBytes += process(a, workspace).output.count }
        case "attribution", "attribution-rules", "attribution-fast": for d in profiledText { outputBytes += (try? attribution.process(d, in: workspace))?.quotes.count ?? 0 }
        case "claims": for d in attributedText { outputBytes += (try? claimTyping.process(d, in: workspace))?.claims.count ?? 0 }
        default: fail("unknown --profile stage \(stage) (floor, walk, cleanup, extract, attribution, attribution-rules, attribution-fast, claims)")
        }
    }
    let over = stage.hasPrefix("attribution") || stage == "claims" ? "\(profiledText.count) text articles" : "\(pages.count) pages"
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("profiled \(stage) over \(over) ×\(options.profileRuns): \(outputBytes) output units in \(String(format: "%.3f", seconds)) s")
    exit(0)
}

struct Row {
    var name: String
    var bytes: Int
    var articles: Int
    var seconds: Double
    var mbps: Double { Double(bytes) / 1e6 / seconds }
    var perSecond: Double { Double(articles) / seconds }
}
func report(_ row: Row, floor: Double? = nil, note: String = "") {
    var line = row.name.padding(toLength: 34, withPad: " ", startingAt: 0)
    line += String(format: "%9.1f MB/s %10.0f articles/s", row.mbps, row.perSecond)
    if let floor { line += String(format: "  %5.2f× floor", row.mbps / floor) }
    if !note.isEmpty { line += "  " + note }
    print(line)
}

print("claimex-bench — one core unless said; best of ≥3 runs, ≥\(options.seconds) s each stage; the HTML rows run in turn, one run of each a round")
print("HTML: \(htmlSource), \(String(format: "%.2f", Double(htmlBytes) / 1e6)) MB")
print("text: \(textSource), \(String(format: "%.2f", Double(textBytes) / 1e6)) MB")
print("")

// ---- HTML: the floor, the walk, the whole cleanup, and end to end, measured in turn.
let workspace = Workspace()
let cleanup = CleanupStage(rules: rules)
let full = Pipeline(rules: rules, depth: .full)
let process = BatchJob(mode: .extract, rules: rules).processor()
let htmlTimes = bestInTurn(options.seconds, [
    { for p in pages { _ = HTMLPage.bareParse(p) } },
    { for p in pages { _ = HTMLPage.parse(p) } },
    { for a in htmlArticles { _ = try? cleanup.process(a, in: workspace) } },
    { for a in htmlArticles { _ = process(a, workspace) } },
])
let floor = Row(name: "libxml2 bare parse (floor)", bytes: htmlBytes, articles: pages.count, seconds: htmlTimes[0])
report(floor)
let floorMBps = floor.mbps
report(Row(name: "HTMLText parse + walk", bytes: htmlBytes, articles: pages.count, seconds: htmlTimes[1]), floor: floorMBps)
report(Row(name: "cleanup (HTML → document)", bytes: htmlBytes, articles: pages.count, seconds: htmlTimes[2]), floor: floorMBps)
report(Row(name: "end to end (HTML → JSON Lines)", bytes: htmlBytes, articles: pages.count, seconds: htmlTimes[3]), floor: floorMBps)
if options.htmlOnly { exit(0) }

// ---- Plain text: each stage on documents prepared by the stages before it.
let cleaned = textArticles.compactMap { try? cleanup.process($0, in: workspace) }
let sentenceStage = SentenceStage(rules: rules)
report(Row(name: "sentences", bytes: textBytes, articles: cleaned.count,
           seconds: best(options.seconds) { for d in cleaned { _ = try? sentenceStage.process(d, in: workspace) } }))
let split = cleaned.compactMap { try? sentenceStage.process($0, in: workspace) }
let attribution = AttributionStage(rules: rules)
let attributionRow = Row(name: "attribution", bytes: textBytes, articles: split.count,
                         seconds: best(options.seconds) { for d in split { _ = try? attribution.process(d, in: workspace) } })
report(attributionRow)
// The learned model's share: the rules alone over the same documents, in the same run.
let rulesAlone = AttributionStage(rules: rules, useModel: false)
report(Row(name: "attribution, rules alone", bytes: textBytes, articles: split.count,
           seconds: best(options.seconds) { for d in split { _ = try? rulesAlone.process(d, in: workspace) } }))
// `extract --fast`: its rules and its model (README, "Fast attribution").
var fastRow: Row?
if let fastRules {
    let fast = AttributionStage(rules: fastRules)
    fastRow = Row(name: "attribution, --fast", bytes: textBytes, articles: split.count,
                  seconds: best(options.seconds) { for d in split { _ = try? fast.process(d, in: workspace) } })
    report(fastRow!)
}
let attributed = split.compactMap { try? attribution.process($0, in: workspace) }
let claims = ClaimTypingStage(rules: rules)
let claimRow = Row(name: "claim typing", bytes: textBytes, articles: attributed.count,
                   seconds: best(options.seconds) { for d in attributed { _ = try? claims.process(d, in: workspace) } })
report(claimRow)
// Issue 9's goal is for the two together: their best times added, over the same text.
report(Row(name: "attribution + claim typing", bytes: textBytes, articles: attributed.count,
           seconds: attributionRow.seconds + claimRow.seconds))
if let fastRow {
    report(Row(name: "attribution --fast + claim typing", bytes: textBytes, articles: attributed.count,
               seconds: fastRow.seconds + claimRow.seconds))
}
report(Row(name: "end to end (text → JSON Lines)", bytes: textBytes, articles: textArticles.count,
           seconds: best(options.seconds) { for a in textArticles { _ = process(a, workspace) } }))
if let fastRules {
    let fastProcess = BatchJob(mode: .extract, rules: fastRules).processor()
    report(Row(name: "end to end (text), --fast", bytes: textBytes, articles: textArticles.count,
               seconds: best(options.seconds) { for a in textArticles { _ = fastProcess(a, workspace) } }))
}

// ---- Allocations per article and peak RSS, per stage, one pass each on this thread (after the
// timed runs above, so one-time set-up such as PCRE2 JIT stacks is not counted).
print("")
if allocationsCounted {
    let htmlCleaned = htmlArticles.compactMap { try? cleanup.process($0, in: workspace) }
    let htmlSplit = htmlCleaned.compactMap { try? sentenceStage.process($0, in: workspace) }
    let htmlAttributed = htmlSplit.compactMap { try? attribution.process($0, in: workspace) }
    let htmlTyped = htmlAttributed.compactMap { try? claims.process($0, in: workspace) }
    let textTyped = attributed.compactMap { try? claims.process($0, in: workspace) }
    /// Encodes `extract` records, as the processor does after the stages.
    func encode(_ docs: [Document]) {
        for d in docs {
            var json = JSONBuffer()
            RecordEncoder.extract(d, into: &json)
            _ = json.bytes.count
        }
    }
    typealias Pass = (name: String, html: () -> Void, htmlCount: Int, text: () -> Void, textCount: Int)
    let passes: [Pass] = [
        ("libxml2 bare parse (floor)", { for p in pages { _ = HTMLPage.bareParse(p) } }, pages.count, {}, 0),
        ("cleanup", { for a in htmlArticles { _ = try? cleanup.process(a, in: workspace) } }, htmlArticles.count,
         { for a in textArticles { _ = try? cleanup.process(a, in: workspace) } }, textArticles.count),
        ("sentences", { for d in htmlCleaned { _ = try? sentenceStage.process(d, in: workspace) } }, htmlCleaned.count,
         { for d in cleaned { _ = try? sentenceStage.process(d, in: workspace) } }, cleaned.count),
        ("attribution", { for d in htmlSplit { _ = try? attribution.process(d, in: workspace) } }, htmlSplit.count,
         { for d in split { _ = try? attribution.process(d, in: workspace) } }, split.count),
        ("claim typing", { for d in htmlAttributed { _ = try? claims.process(d, in: workspace) } }, htmlAttributed.count,
         { for d in attributed { _ = try? claims.process(d, in: workspace) } }, attributed.count),
        ("JSON Lines writing", { encode(htmlTyped) }, htmlTyped.count, { encode(textTyped) }, textTyped.count),
        ("end to end", { for a in htmlArticles { _ = process(a, workspace) } }, htmlArticles.count,
         { for a in textArticles { _ = process(a, workspace) } }, textArticles.count),
    ]
    print("allocations a article (allocator calls of this thread, one pass) and peak RSS during the pass")
    print("stage".padding(toLength: 28, withPad: " ", startingAt: 0)
          + "   HTML allocs   KB alloc'd  peak RSS (+ over start)    text allocs   KB alloc'd  peak RSS (+ over start)")
    for pass in passes {
        var line = pass.name.padding(toLength: 28, withPad: " ", startingAt: 0)
        for (body, count) in [(pass.html, pass.htmlCount), (pass.text, pass.textCount)] {
            guard count > 0 else {
                line += "            —            —                         "
                continue
            }
            let m = measureMemory(body)
            line += String(format: "  %12.0f %12.1f %9.1f MB (+%6.1f MB)", Double(m.allocations) / Double(count),
                           Double(m.bytes) / 1024 / Double(count), m.peakRSS, m.peakRSS - m.startRSS)
        }
        print(line)
    }
} else {
    print("allocations: not counted (the interposed allocator is not in use, e.g. under a sanitizer)")
}
print("")

// ---- Classification of single sentences (claimex classify).
var sentences: [[UInt8]] = []
for d in split { d.withUTF8 { buf in for s in d.sentences { sentences.append(Array(UnsafeBufferPointer(rebasing: buf[s.range]))) } } }
let typer = ClaimTyper(rules: rules)
let classifyTime = best(options.seconds) {
    for s in sentences { s.withUnsafeBufferPointer { _ = typer.classify($0, ranges: [0..<$0.count], scratch: workspace.scratch) } }
}
print(String(format: "%@%9.0f sentences/s (%d sentences)", "classify".padding(toLength: 34, withPad: " ", startingAt: 0),
             Double(sentences.count) / classifyTime, sentences.count))

if options.perRule {
    // Each attribution rule alone (its words' scan, its PCRE2 runs, its candidates), slowest
    // first, against the rules all together.
    var attributionTimes: [(String, Double)] = []
    for rule in rules.attribution {
        let stage = AttributionStage(rules: rules, useModel: false, only: [rule.spec.id])
        attributionTimes.append((rule.spec.id, best(0.2) { for d in split { _ = try? stage.process(d, in: workspace) } }))
    }
    let none = AttributionStage(rules: rules, useModel: false, only: [])
    let floorTime = best(0.2) { for d in split { _ = try? none.process(d, in: workspace) } }
    print(String(format: "attribution rules alone over the text, ms (no rule at all: %.1f ms)", floorTime * 1e3))
    for (id, t) in attributionTimes.sorted(by: { $0.1 > $1.1 }) {
        print(String(format: "  rule %@ %8.1f ms", id.padding(toLength: 40, withPad: " ", startingAt: 0), (t - floorTime) * 1e3))
    }
    // Each claim rule alone over every sentence, slowest first: µs per 1,000 sentences.
    var times: [(String, Double)] = []
    for rule in rules.claims {
        let t = best(0.2) {
            for s in sentences {
                s.withUnsafeBufferPointer { buf in
                    _ = try? rule.pattern.firstMatch(in: buf, scratch: workspace.scratch)
                }
            }
        }
        times.append((rule.spec.id, t))
    }
    for (id, t) in times.sorted(by: { $0.1 > $1.1 }) {
        print(String(format: "  rule %@ %8.1f µs per 1,000 sentences", id.padding(toLength: 36, withPad: " ", startingAt: 0),
                     t * 1e9 / Double(sentences.count)))
    }
    print(String(format: "  all rules %.1f ms over %d sentences", times.reduce(0) { $0 + $1.1 } * 1e3, sentences.count))
    // The `words:` prefilter must never skip a match: every rule on every sentence, both ways.
    let triggers = WordTriggers(words: rules.claims.map(\.spec.words))
    var tried = 0
    var missed: [String: Int] = [:]
    var triedBy: [String: Int] = [:]
    for s in sentences {
        s.withUnsafeBufferPointer { buf in
            let allowed = Set(triggers.candidates(buf, ranges: [0..<buf.count]))
            tried += allowed.count
            for i in allowed { triedBy[rules.claims[i].spec.id, default: 0] += 1 }
            for (i, rule) in rules.claims.enumerated() where !allowed.contains(i) {
                if (try? rule.pattern.firstMatch(in: buf, scratch: workspace.scratch)) ?? nil != nil {
                    missed[rule.spec.id, default: 0] += 1
                }
            }
        }
    }
    print(String(format: "  words: %.1f of %d rules tried per sentence; matches the words would skip: %d %@",
                 Double(tried) / Double(max(sentences.count, 1)), rules.claims.count, missed.values.reduce(0, +),
                 missed.isEmpty ? "" : missed.description))
    print("  most tried: " + triedBy.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8)
        .map { "\($0.key) \(String(format: "%.0f%%", 100 * Double($0.value) / Double(max(sentences.count, 1))))" }.joined(separator: ", "))
}

// ---- Growth: one article repeated into one document 1×, 10×, 100×: time must grow linearly.
print("")
let unit = texts.max { $0.utf8.count < $1.utf8.count } ?? ""
var perMB: [Double] = []
for n in [1, 10, 100] {
    let doc = Array(repeating: unit, count: n).joined(separator: "\n\n")
    let a = Article(id: "g", format: .text, body: Array(doc.utf8), provenance: Provenance(input: "bench"))
    let t = best(0.5) { _ = process(a, workspace) }
    perMB.append(t / (Double(a.body.count) / 1e6))
    print(String(format: "growth %3d× (%7.2f MB in one document)  %8.4f s  %7.3f s/MB", n, Double(a.body.count) / 1e6, t,
                 t / (Double(a.body.count) / 1e6)))
}
// The same for one sentence without an end: the article's words with their sentence ends
// taken out, so that every rule and the learned model see a sentence of up to 100× its words
// and thousands of candidates (a quote-state scan a speaker once made this quadratic).
let unitWords = unit.split(whereSeparator: { $0 == "." || $0 == "?" || $0 == "!" || $0.isNewline }).joined(separator: ",")
for n in [1, 10, 100] {
    let doc = Array(repeating: unitWords, count: n).joined(separator: ", ") + "."
    let a = Article(id: "g", format: .text, body: Array(doc.utf8), provenance: Provenance(input: "bench"))
    let t = best(0.5) { _ = process(a, workspace) }
    print(String(format: "growth %3d× (%7.2f MB in one sentence)  %8.4f s  %7.3f s/MB", n, Double(a.body.count) / 1e6, t,
                 t / (Double(a.body.count) / 1e6)))
}

/// The runner's input, from memory.
struct ListSource: ArticleSource {
    var items: [ReadItem]
    var position = 0
    mutating func next() -> ReadItem? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
}

// ---- Memory against the size of one article (issue 9: peak RSS ≤ 100 MB whatever the input
// size): one HTML page of 1, 5 and 20 MB of attributed paragraphs through `extract` as the
// command line runs it (the streaming processor, records handed on a segment at a time, the
// writing discarded). What the pass adds over the resident set it starts from is the figure;
// the command line's own start is about 44 MB (rules, lexicons, models).
if allocationsCounted {
    print("")
    // Numbered, so that no paragraph repeats another (the cleaner drops repeated texts).
    func paragraph(_ i: Int) -> String {
        "<p>“We will not back down on budget line \(i),” Maria Lopez, a spokeswoman for the union, said on Monday.</p>\n"
    }
    let streaming = BatchJob(mode: .extract, rules: rules).streamingProcessor()
    for mb in [1, 5, 20] {
        var page = Array("<html><head><title>t</title></head><body><article>\n".utf8)
        page.reserveCapacity(mb << 20 + 200)
        var i = 0
        while page.count < mb << 20 {
            page += paragraph(i).utf8
            i += 1
        }
        page += "</article></body></html>\n".utf8
        let article = Article(id: "huge", format: .html, body: page, provenance: Provenance(input: "bench"))
        page = []
        let m = measureMemory {
            var source = ListSource(items: [.success(article)])
            _ = try? Runner(jobs: 1).run(&source, process: streaming) { _ in }
        }
        print(String(format: "one page of %2d MB through extract: peak RSS %7.1f MB (+%6.1f MB over the pass's start)", mb, m.peakRSS,
                     m.peakRSS - m.startRSS))
    }
}

// ---- Parallel speed-up of the runner over the HTML pages.
print("")
var jobTimes: [Int: Double] = [:]
for jobs in [1, 2] {
    let repeated = Array(repeating: htmlArticles, count: 4).joined().map { ReadItem.success($0) }
    jobTimes[jobs] = best(options.seconds) {
        var source = ListSource(items: repeated)
        _ = try? Runner(jobs: jobs).run(&source, process: process) { _ in }
    }
    print(String(format: "runner --jobs %d over %d pages ×4      %9.1f MB/s", jobs, pages.count,
                 Double(htmlBytes * 4) / 1e6 / jobTimes[jobs]!))
}
print(String(format: "speed-up --jobs 2 / --jobs 1: %.2f× (on %d cores)", jobTimes[1]! / jobTimes[2]!,
             ProcessInfo.processInfo.activeProcessorCount))
print(String(format: "peak RSS of this process: %.1f MB", peakRSSMB()))
