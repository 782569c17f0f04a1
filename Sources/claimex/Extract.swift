import ArgumentParser
import ClaimEx

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the full pipeline: one quote or claim record a line.",
        discussion: """
            Examples:
              claimex extract golden/seed-article/seed-article.txt
              claimex extract --format jsonl --text-key text --id-key id articles.jsonl > quotes.jsonl
              cat page.html | claimex extract --format html -
              claimex extract --error-records -o crawl.jsonl CC-NEWS-20240101.warc.gz
              claimex extract --group article news-please/ > by-article.jsonl
            """)

    @OptionGroup var options: InputArguments

    @Option(help: "record: one line a quote or claim; article: one line an input article, its quotes and claims in arrays.")
    var group: Grouping = .record

    @Option(help: "Run only the attribution rules at least this confident (0–1), and keep only the learned model's quotes at least this probable. With --rules-only, 0.6 keeps reported speech and drops the broad stance and action rules (endorsed her, declined to …).")
    var minConfidence: Double = 0

    @Flag(help: "Attribution by the rules alone, without the learned model (rules/attribution/model.tsv).")
    var rulesOnly = false

    @Flag(help: "Fast attribution: leave out the general indirect rules (`fast: false`) and let their own model (rules/attribution/model-fast.tsv) find those quotes; about 1.5 times as fast, PolNeAR dev all-partial F1 0.721 instead of 0.731 (README, \"Fast attribution\").")
    var fast = false

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case record, article
    }

    func validate() throws {
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be between 0 and 1") }
        guard !(fast && rulesOnly) else { throw ValidationError("--fast leaves the general rules to its model: it cannot run with --rules-only") }
    }

    func run() throws {
        let group = group
        let minConfidence = minConfidence
        let rulesOnly = rulesOnly
        try options.run(.extract, attribution: fast ? .fast : .full) {
            $0.groupByArticle = group == .article
            $0.minQuoteConfidence = minConfidence
            $0.attributionModel = !rulesOnly
        }
    }
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cleanup only: one document record (text, paragraphs, metadata) an article.",
        discussion: """
            Examples:
              claimex clean --format html page.html
              claimex clean pages/ | jq -r .text
            """)

    @OptionGroup var options: InputArguments

    func run() throws { try options.run(.clean) }
}

struct Sentences: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cleanup and sentence splitting: one sentences record an article.",
        discussion: """
            Examples:
              claimex sentences article.txt
              claimex sentences --format jsonl --text-key text --id-key id cases.jsonl
            """)

    @OptionGroup var options: InputArguments

    func run() throws { try options.run(.sentences) }
}

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Type sentences: JSON Lines {\"id\",\"text\"} in, {\"id\",\"claim_types\",\"is_claim\",\"checkworthy\"} out.",
        discussion: """
            Each line's text is typed as it is, without cleanup or splitting.
            Examples:
              claimex classify sentences.jsonl
              claimex classify --text-key sentence --id-key id claims.jsonl
            """)

    @OptionGroup var options: InputArguments

    func run() throws {
        var options = options
        options.format = .jsonl
        try options.run(.classify)
    }
}

struct Inputs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read only: one input record (id, format, bytes, url, provenance) an article, no pipeline.",
        discussion: """
            Shows what the readers make of a dump before a long run: which field is the text,
            how many articles a WARC holds, which records fail. Also times the readers alone.
            Examples:
              claimex inputs CC-NEWS-20240101.warc.gz | jq -r .url
              claimex inputs --text-key maintext --progress always export.jsonl.gz > /dev/null
            """)

    @OptionGroup var options: InputArguments

    func run() throws { try options.run(.inputs) }
}
