import Patterns

/// Runs every rule's inline examples and counter-examples: an example must match and
/// produce the captures it names, a counter-example must not match.
public struct RuleTester {
    public struct Failure: Sendable, CustomStringConvertible {
        public var rule: RuleSpec
        public var example: RuleExample
        public var problem: String

        public var description: String {
            "\(rule.file):\(example.line): rule '\(rule.id)': \(problem)\n    text: \(example.text)"
        }
    }

    public init() {}

    /// Returns the failures and the number of examples run.
    public func test(_ rules: [CompiledRule]) -> (failures: [Failure], examples: Int) {
        let scratch = MatchScratch()
        var failures: [Failure] = []
        var count = 0
        for rule in rules {
            let required = rule.spec.requiredWords.map { WordIndex(lists: [$0]) }
            for example in rule.spec.examples {
                count += 1
                if let problem = prefilterProblem(rule, required, example.text, scratch) {
                    failures.append(Failure(rule: rule.spec, example: example, problem: problem))
                }
                guard let found = firstMatch(rule, example.text, scratch) else {
                    failures.append(Failure(rule: rule.spec, example: example, problem: "expected a match, got none"))
                    continue
                }
                let bytes = Array(example.text.utf8)
                for (name, expected) in example.captures.sorted(by: { $0.key < $1.key }) {
                    guard let index = rule.group(name) else {
                        failures.append(Failure(rule: rule.spec, example: example,
                                                problem: "the example names a group `\(name)` that the pattern does not have"))
                        continue
                    }
                    let actual = found.range(group: index).map { String(decoding: bytes[$0], as: UTF8.self) }
                    if actual?.trimmingWhitespace() != expected {
                        failures.append(Failure(rule: rule.spec, example: example,
                                                problem: "\(name): expected \"\(expected)\", got \(actual.map { "\"\($0)\"" } ?? "nothing")"))
                    }
                }
            }
            for example in rule.spec.counterExamples {
                count += 1
                if let found = firstMatch(rule, example.text, scratch) {
                    let bytes = Array(example.text.utf8)
                    failures.append(Failure(rule: rule.spec, example: example,
                                            problem: "counter-example matched: \"\(String(decoding: bytes[found.range], as: UTF8.self))\""))
                }
            }
        }
        return (failures, count)
    }

    /// An example the rule's `requires` would keep the rule away from: in a document the rule
    /// would never be tried on it, so the example proves nothing.
    private func prefilterProblem(_ rule: CompiledRule, _ words: WordIndex?, _ text: String, _ scratch: MatchScratch) -> String? {
        var text = text
        return text.withUTF8 { buf -> String? in
            if let words, words.hits(in: buf).mask(in: 0..<buf.count) == 0 {
                return "the example contains none of the words in `requires:`"
            }
            if let p = rule.prefilter, ((try? p.firstMatch(in: buf, scratch: scratch)) ?? nil) == nil {
                return "the example does not match the rule's `requires:` pattern"
            }
            return nil
        }
    }

    /// Examples are single sentences (or paragraphs), so the whole text is one scope.
    private func firstMatch(_ rule: CompiledRule, _ text: String, _ scratch: MatchScratch) -> MatchResult? {
        var text = text
        return text.withUTF8 { buf in
            (try? rule.pattern.firstMatch(in: buf, scratch: scratch)) ?? nil
        }
    }
}
