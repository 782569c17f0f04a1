import Foundation
import Testing
@testable import ClaimEx

@Suite struct ClaimModelTests {
    /// The key computed from a feature's name (when weights load) is the key computed from
    /// the text's bytes (when a sentence is scored): otherwise a weight would never apply.
    @Test(arguments: [
        ("More than 20,000 troops were sent in 2019.", "b:<year> </s>"),
        ("“It’s a disgrace,” he said — didn’t he? Prices rose 4% to $3.", "w:didn't"),
        ("Café owners in São Paulo can't pay 1.5 million reais.", "b:são paulo"),
    ])
    func namesAndBytesGiveTheSameKeys(_ sentence: String, _ expected: String) {
        var text = sentence
        let features = text.withUTF8 { buf in
            var f = ClaimFeatures(namesWanted: true)
            f.addWords(buf, ranges: [0..<buf.count])
            f.add(ClaimFeatures.typeFeatures[ClaimType.quantity.index])
            f.add(ClaimFeatures.Named("r:quantity.percent"))
            return f
        }
        #expect(features.keys.count == features.names.count)
        for (key, name) in zip(features.keys, features.names) {
            #expect(ClaimFeatures.key(of: name) == key, "\(name)")
        }
        #expect(features.names.contains(expected))
    }

    /// Summing the weights as features are found (classify's path) scores exactly as the
    /// listed keys do (explain's and the trainer's path).
    @Test(arguments: [
        "More than 20,000 troops were sent in 2019.",
        "Thank you very much, it is a pleasure to be here tonight.",
        "Unemployment fell to 4.1% in March, the lowest since 2000.",
    ])
    func scoringAsFoundEqualsScoringTheKeys(_ sentence: String) {
        let model = Fixtures.rules.claimModel
        var text = sentence
        let (listed, summed) = text.withUTF8 { buf in
            var listed = ClaimFeatures()
            listed.addWords(buf, ranges: [0..<buf.count])
            var summed = ClaimFeatures(scoringWith: model)
            summed.addWords(buf, ranges: [0..<buf.count])
            return (listed, summed)
        }
        #expect(summed.keys.isEmpty)
        #expect(summed.sums.claim != 0)
        let a = model.score(listed), b = model.score(summed)
        #expect(abs(a.claim - b.claim) < 1e-6 && abs(a.checkworthy - b.checkworthy) < 1e-6)
    }

    @Test func serialisedModelParsesBack() throws {
        let model = ClaimModel(biasClaim: -0.25, biasCheckworthy: 0.5, entries: [
            .init(name: "w:troops", claim: 0.125, checkworthy: -0.0625),
            .init(name: "b:more than", claim: 1, checkworthy: 0),
        ])
        let text = model.serialized(header: ["test"])
        let back = try ClaimModel.parse(text, file: "model.tsv")
        #expect(back.entries.sorted { $0.name < $1.name } == model.entries.sorted { $0.name < $1.name })
        #expect(back.biasClaim == -0.25 && back.biasCheckworthy == 0.5)
        #expect(back.serialized(header: ["test"]) == text)
    }

    @Test(arguments: [
        ("bias\t0\t0\n", 1),
        ("format\tclaimex-claim-model\t1\nbias\t0\t0\nw:x\t0.1\n", 3),
        ("format\tclaimex-claim-model\t1\nbias\t0\t0\nw:x\tone\t0\n", 3),
        ("format\tclaimex-claim-model\t1\nbias\t0\t0\nw:x\t1\t0\nw:x\t1\t0\n", 4),
        ("format\tclaimex-claim-model\t1\n# no bias\n", 3),
    ])
    func corruptFilesAreRuleErrorsWithTheirLine(_ text: String, _ line: Int) {
        do {
            _ = try ClaimModel.parse(text, file: "model.tsv")
            Issue.record("parsed a corrupt model")
        } catch {
            #expect(error.file == "model.tsv")
            #expect(error.line == line)
        }
    }

    @Test func missingFileIsARuleError() {
        #expect(throws: RuleError.self) { try ClaimModel.load("/nonexistent/claims/model.tsv") }
    }

    @Test func bundledModelIsSmallAndLoaded() throws {
        let path = Fixtures.rulesDirectory + "/claims/" + ClaimModel.fileName
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? .max
        #expect(size < 1_000_000)
        #expect(Fixtures.rules.claimModel.entries.count > 1000)
    }

    /// Same data, same rules: the same weights file, byte for byte.
    @Test func trainingIsDeterministic() throws {
        var examples: [ClaimModelTrainer.Example] = []
        let claims = ["Unemployment fell to 4% last year.", "We cut taxes for 95% of families.",
                      "The deficit doubled to $1 trillion.", "Crime rose 12% in the city."]
        let talk = ["Thank you all for coming.", "I think we can do better.", "Let me answer that.",
                    "That is a great question."]
        for round in 0..<4 {
            for (i, s) in claims.enumerated() { examples.append(.init(text: s, claim: true, checkworthy: (i + round) % 2 == 0)) }
            for s in talk { examples.append(.init(text: s, claim: false, checkworthy: false)) }
        }
        var options = ClaimModelTrainer.Options()
        options.minCount = 1
        let trainer = try ClaimModelTrainer(rulesDirectory: Fixtures.rulesDirectory, options: options)
        let (a, _) = try trainer.train(examples)
        let (b, _) = try trainer.train(examples)
        #expect(a.serialized(header: []) == b.serialized(header: []))
        let scores = a.score([ClaimFeatures.key(of: "w:fell"), ClaimFeatures.key(of: "t:quantity")])
        let small = a.score([ClaimFeatures.key(of: "w:thank"), ClaimFeatures.key(of: "w:coming")])
        #expect(scores.claim > small.claim)
    }
}
