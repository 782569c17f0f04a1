import Foundation

/// Finds what compiles but is probably wrong in a rules directory: captures no stage reads,
/// attribution rules without content, word-list entries written twice, entries that occur
/// in no golden input and no rule example (dead weight, or a typo), and learned models trained
/// on other rules than these (`TrainingDigest`).
///
/// Problems that stop loading (bad patterns, unknown macros, duplicate ids) are reported by
/// `RuleSet.load` itself with `file:line`; the linter runs on a set that loaded.
public struct RuleLinter {
    public struct Finding: Sendable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning, note }
        public var severity: Severity
        public var file: String
        public var line: Int?
        public var message: String

        public var description: String {
            "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(message)"
        }
    }

    /// Groups the attribution stage reads; anything else a rule captures is ignored.
    static let attributionGroups: Set<String> = ["content", "content2", "speaker", "cue", "title"]

    let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// `corpus`: texts whose words count as "occurring" (golden inputs; rule examples are added).
    public func lint(corpus: [String]) -> [Finding] {
        var findings: [Finding] = []
        func lintGroups(_ rule: CompiledRule, known: Set<String>) {
            // Upper-case names are macro subroutines in the DEFINE block, not captures.
            for (name, _) in rule.pattern.groupNames where name.first?.isLowercase == true && !known.contains(name) {
                findings.append(Finding(severity: .warning, file: rule.spec.file, line: rule.spec.line,
                                        message: "rule '\(rule.spec.id)' captures `\(name)`, which no stage reads (known: \(known.sorted().joined(separator: ", ")))"))
            }
        }
        for rule in rules.attribution {
            lintGroups(rule, known: RuleLinter.attributionGroups)
            if rule.group("content") == nil {
                findings.append(Finding(severity: .error, file: rule.spec.file, line: rule.spec.line,
                                        message: "attribution rule '\(rule.spec.id)' has no `content` group, so it can never produce a quote"))
            }
            if Quote.Kind(rawValue: rule.spec.kind) == nil {
                findings.append(Finding(severity: .error, file: rule.spec.file, line: rule.spec.line,
                                        message: "rule '\(rule.spec.id)' has kind `\(rule.spec.kind)`; attribution kinds are direct, indirect, mixed"))
            }
        }
        for rule in rules.attribution where rule.spec.words == nil {
            findings.append(Finding(severity: .note, file: rule.spec.file, line: rule.spec.line,
                                    message: "attribution rule '\(rule.spec.id)' has no `words:`, so its pattern is run on every \(rule.spec.scope.rawValue)"))
        }
        for rule in rules.claims {
            lintGroups(rule, known: [])
            if rule.spec.words == nil {
                findings.append(Finding(severity: .note, file: rule.spec.file, line: rule.spec.line,
                                        message: "claim rule '\(rule.spec.id)' has no `words:`, so its pattern is run on every sentence"))
            }
            if ClaimType(rawValue: rule.spec.kind) == nil {
                findings.append(Finding(severity: .error, file: rule.spec.file, line: rule.spec.line,
                                        message: "rule '\(rule.spec.id)' has kind `\(rule.spec.kind)`, which is not a claim type (\(ClaimType.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
        }
        for rule in rules.allRules where rule.spec.examples.isEmpty {
            findings.append(Finding(severity: .warning, file: rule.spec.file, line: rule.spec.line,
                                    message: "rule '\(rule.spec.id)' has no examples; add one so `rules test` guards it"))
        }
        findings += lintLexicons(corpus: corpus + rules.allRules.flatMap { $0.spec.examples.map(\.text) })
        findings += lintModels()
        return findings
    }

    /// Each learned attribution model beside the rules must have been trained on them: its
    /// header's `TrainingDigest` is that of these rules and word lists.
    private func lintModels() -> [Finding] {
        let attribution = rules.directory + "/attribution"
        let current: String
        do {
            current = try TrainingDigest.of(directory: rules.directory)
        } catch {
            return [Finding(severity: .error, file: error.file, line: error.line, message: error.message)]
        }
        var findings: [Finding] = []
        for mode in [AttributionMode.full, .fast] {
            let path = attribution + "/" + mode.modelFileName
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let retrain = "retrain it with `claimex train-attribution\(mode == .fast ? " --fast" : "") --rules \(rules.directory) TRAIN.jsonl` (README, \"The learned attribution model\"), or remove it to run the rules alone"
            switch TrainingDigest.recorded(inModel: path) {
            case nil:
                findings.append(Finding(severity: .warning, file: path, line: nil,
                                        message: "the model records no training digest, so whether it was trained on these rules is unknown: \(retrain)"))
            case let recorded? where recorded != current:
                findings.append(Finding(severity: .error, file: path, line: nil,
                                        message: "the model was trained on other attribution rules or word lists (digest \(recorded), these rules \(current)): \(retrain)"))
            default:
                break
            }
        }
        return findings
    }

    private func lintLexicons(corpus: [String]) -> [Finding] {
        var findings: [Finding] = []
        let text = " " + corpus.joined(separator: " \n ").lowercased() + " "
        let dir = rules.directory + "/lexicons"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".txt") || $0.hasSuffix(".tsv") }.sorted()
        for file in files {
            guard let list = try? WordList.load(dir + "/" + file) else { continue }
            var firstLine: [String: Int] = [:]
            for entry in list.entries {
                guard let word = entry.columns.first, !word.isEmpty else { continue }
                let key = word
                if let earlier = firstLine[key] {
                    findings.append(Finding(severity: .warning, file: list.path, line: entry.line,
                                            message: "`\(word)` is already listed at line \(earlier)"))
                    continue
                }
                firstLine[key] = entry.line
                if !RuleLinter.occurs(key.lowercased(), in: text) {
                    findings.append(Finding(severity: .note, file: list.path, line: entry.line,
                                            message: "`\(word)` occurs in no golden input and no rule example"))
                }
            }
        }
        return findings
    }

    /// Whole-word occurrence, case-insensitive (`text` is lower-cased and space-padded).
    static func occurs(_ word: String, in text: String) -> Bool {
        var search = text[...]
        while let r = search.range(of: word) {
            let before = text[text.index(before: r.lowerBound)]
            let after = r.upperBound < text.endIndex ? text[r.upperBound] : " "
            if !before.isLetter && !after.isLetter { return true }
            search = text[r.upperBound...]
        }
        return false
    }
}
