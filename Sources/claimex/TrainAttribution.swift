import ArgumentParser
import ClaimEx
import Foundation

/// `claimex train-attribution`: fits the learned attribution model from articles with
/// annotated attributions and writes its weights beside the attribution rules.
struct TrainAttribution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-attribution",
        abstract: "Train the learned attribution model (rules/attribution/model.tsv) from annotated articles.",
        discussion: """
            Input lines: {"text": ..., "attributions": [{"content": {"spans": [[start, end], ...]}, "source": {...} or null, "cue": {...} or null}, ...]}, offsets in Unicode scalars — what ../shared/eval/build_polnear.py writes for PolNeAR. Deterministic: the same data and rules give the same file. Only the given files are read.

            Example (the bundled model):
              python3 ../shared/eval/build_polnear.py --git-dir <PolNeAR git dir>
              claimex train-attribution /tmp/claimex-eval/quotes/train.jsonl
              claimex train-attribution --fast /tmp/claimex-eval/quotes/train.jsonl
            """)

    @Argument(help: "Annotated JSON Lines files (training data only).")
    var files: [String]

    @Option(help: "Rules directory (default: the bundled rules/); the model is written to its attribution/.")
    var rules: String?

    @Option(help: "Where to write the weights (default: RULES/attribution/model.tsv, or model-fast.tsv with --fast).")
    var output: String?

    @Flag(help: "Train the fast attribution's model (model-fast.tsv, for `extract --fast`): the rules marked `fast: false` are left out, and the model learns their quotes too.")
    var fast = false

    @Option(help: "Training epochs.")
    var epochs = AttributionModelTrainer.Options().epochs

    @Option(help: "Inverse L2 strength.")
    var c = AttributionModelTrainer.Options().c

    @Option(help: "AdaGrad learning rate.")
    var learningRate = AttributionModelTrainer.Options().learningRate

    @Option(help: "Drop features seen in fewer training decisions.")
    var minCount = AttributionModelTrainer.Options().minCount

    @Option(help: "Let a word outside the cue lexicon through the gate only if it headed this many training cues.")
    var gateMinCount = AttributionModelTrainer.Options().gateMinCount

    @Option(help: "... and only if it headed at least this share of its occurrences outside quotation marks.")
    var gateMinRate = AttributionModelTrainer.Options().gateMinRate

    @Option(help: "Leave out weights smaller than this.")
    var minWeight = AttributionModelTrainer.Options().minWeight

    @Option(help: "L1 penalty over one pass of the decisions (sparser, smaller model).")
    var l1 = AttributionModelTrainer.Options().l1

    @Option(help: "L1 penalty of the cue model.")
    var cueL1 = AttributionModelTrainer.Options().cueL1

    @Option(help: "Candidate-model probability at which a candidate is kept (its confidence); default 0.6, with --fast 0.55.")
    var threshold: Double?

    @Option(help: "Cue probability at which a rule's reported clause is cut before a new attribution (above 1: never).")
    var splitThreshold = AttributionModelTrainer.Options().splitThreshold

    @Option(help: "Cue probability at which a word is decoded as a cue head.")
    var cueThreshold = AttributionModelTrainer.Options().cueThreshold

    @Option(help: "Source-start probability below which a candidate has no source of its own.")
    var sourceThreshold = AttributionModelTrainer.Options().sourceThreshold

    @Option(help: "Held-out annotated articles to report each decision's accuracy on (a split of the training data).")
    var evaluate: String?

    func run() throws {
        guard let dir = rules ?? RuleLocator.bundledDirectory() else {
            throw Fatal(description: "claimex: cannot find the bundled rules/ directory; pass --rules DIR")
        }
        var options = AttributionModelTrainer.Options()
        options.epochs = epochs
        options.c = c
        options.learningRate = learningRate
        options.minCount = minCount
        options.minWeight = minWeight
        options.gateMinCount = gateMinCount
        options.gateMinRate = gateMinRate
        options.l1 = l1
        options.cueL1 = cueL1
        options.cueThreshold = cueThreshold
        options.threshold = threshold ?? (fast ? AttributionModelTrainer.Options.fastThreshold : options.threshold)
        options.splitThreshold = splitThreshold
        options.sourceThreshold = sourceThreshold
        let mode: AttributionMode = fast ? .fast : .full
        let path = output ?? dir + "/attribution/" + mode.modelFileName
        do {
            let trainer = try AttributionModelTrainer(rulesDirectory: dir, mode: mode, options: options)
            let digest = try TrainingDigest.of(directory: dir)
            var articles: [AttributionModelTrainer.AnnotatedArticle] = []
            for file in files { articles += try AttributionModelTrainer.readArticles(file) }
            let (model, report) = try trainer.train(articles)
            let sources = files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " ")
            let header = [
                "claimex attribution model: logistic regressions for cue heads (c:), content start/end (s:/e:)",
                "and source start/end (a:/b:), over words, shapes and the lexicons of rules/lexicons/.",
                mode == .fast ? "The fast attribution's model (`extract --fast`): trained without the rules marked `fast: false`." : "The full attribution's model: trained around every attribution rule.",
                "Written by `claimex train-attribution\(fast ? " --fast" : "")` from \(sources) (\(report.articles) articles, \(report.usable) of \(report.attributions) attributions usable);",
                "options: epochs \(epochs), c \(c), learning-rate \(learningRate), min-count \(minCount), gate-min-count \(gateMinCount), gate-min-rate \(gateMinRate), min-weight \(minWeight), l1 \(l1), cue-l1 \(cueL1), threshold \(options.threshold).",
                TrainingDigest.headerLine(digest) + ".",
                "Do not edit by hand: retrain (see README, \"The learned attribution model\").",
            ]
            try Data(model.serialized(header: header).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            if let evaluate {
                diagnoseRaw(trainer.evaluate(model, on: try AttributionModelTrainer.readArticles(evaluate)).description + "\n")
            }
            diagnose("claimex: \(report.articles) articles, \(report.usable) attributions, \(report.cueExamples) cue decisions, \(report.gateStems) gate stems, \(report.rightCandidates) of \(report.candidateExamples) fold candidates right, \(report.features) weights → \(path)")
        } catch let error as RuleError {
            throw Fatal(description: "\(error)")
        } catch let error as TrainingError {
            throw Fatal(description: "claimex: \(error)")
        }
    }
}
