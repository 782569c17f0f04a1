import ArgumentParser
import ClaimEx
import Foundation

/// `claimex train-claims`: fits the claim and check-worthiness model from labelled JSON
/// Lines and writes its weights beside the claim rules.
struct TrainClaims: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-claims",
        abstract: "Train the claim / check-worthiness model (rules/claims/model.tsv) from labelled JSON Lines.",
        discussion: """
            Input lines: {"sentence": ..., "labels": [...], "scored": [...]}, labels among not_a_claim, claim, checkworthy and the claim types. Deterministic: the same data and rules give the same file. Thresholds are chosen by five-fold cross-validation on the training data; no other data is read.

            Example (the bundled model):
              claimex train-claims ../shared/data/claims/train.jsonl ../shared/data/claims/types_train.jsonl
            """)

    @Argument(help: "Labelled JSON Lines files (training data only).")
    var files: [String]

    @Option(help: "Rules directory (default: the bundled rules/); the model is written to its claims/.")
    var rules: String?

    @Option(help: "Field holding the sentence.")
    var textKey = "sentence"

    @Option(help: "Where to write the weights (default: RULES/claims/model.tsv).")
    var output: String?

    @Option(help: "Training epochs.")
    var epochs = ClaimModelTrainer.Options().epochs

    @Option(help: "Inverse L2 strength.")
    var c = ClaimModelTrainer.Options().c

    @Option(help: "AdaGrad learning rate.")
    var learningRate = ClaimModelTrainer.Options().learningRate

    @Option(help: "Drop features seen in fewer training sentences.")
    var minCount = ClaimModelTrainer.Options().minCount

    @Option(help: "Write each sentence's feature names as JSON Lines ({\"names\": [...]}, in input order) to this file instead of training.")
    var dumpFeatures: String?

    func run() throws {
        guard let dir = rules ?? RuleLocator.bundledDirectory() else {
            throw Fatal(description: "claimex: cannot find the bundled rules/ directory; pass --rules DIR")
        }
        var options = ClaimModelTrainer.Options()
        options.epochs = epochs
        options.c = c
        options.learningRate = learningRate
        options.minCount = minCount
        let path = output ?? dir + "/claims/" + ClaimModel.fileName
        do {
            let trainer = try ClaimModelTrainer(rulesDirectory: dir, options: options)
            var examples: [ClaimModelTrainer.Example] = []
            for file in files { examples += try ClaimModelTrainer.readExamples(file, textKey: textKey) }
            if let dumpFeatures {
                var out = ""
                for names in trainer.featureNames(of: examples) {
                    let line = try JSONSerialization.data(withJSONObject: ["names": names])
                    out += String(decoding: line, as: UTF8.self) + "\n"
                }
                try Data(out.utf8).write(to: URL(fileURLWithPath: dumpFeatures), options: .atomic)
                diagnose("claimex: features of \(examples.count) sentences → \(dumpFeatures)")
                return
            }
            let (model, report) = try trainer.train(examples)
            let sources = files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " ")
            let header = [
                "claimex claim model: logistic regressions over word n-grams and claim-rule hits.",
                "Written by `claimex train-claims` from \(sources) (\(report.examples) sentences);",
                "options: epochs \(epochs), c \(c), learning-rate \(learningRate), min-count \(minCount).",
                String(format: "Thresholds folded into the biases: claim %.2f, checkworthy %.2f (cross-validated F1 %.3f, %.3f).",
                       report.claimThreshold, report.checkworthyThreshold, report.crossValidatedClaimF1, report.crossValidatedCheckworthyF1),
                "Do not edit by hand: retrain (see README, \"Claim types and check-worthiness\").",
            ]
            try Data(model.serialized(header: header).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            diagnose("claimex: \(report.examples) sentences, \(report.features) features → \(path)")
            diagnose(header[3])
        } catch let error as RuleError {
            throw Fatal(description: "\(error)")
        } catch let error as TrainingError {
            throw Fatal(description: "claimex: \(error)")
        }
    }
}
