import Patterns

/// Runs every rule's inline examples and counter-examples: an example must match and
/// produce the captures it names (and, for a rule with `words:`, its match must contain one
/// of them), a counter-example must not match.
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
            for example in rule.spec.examples {
                count += 1
                if let problem = prefilterProblem(rule, example.text, scratch) {
                    failures.append(Failure(rule: rule.spec, example: example, problem: problem))
                }
                guard let found = firstMatch(rule, example.text, scratch) else {
                    failures.append(Failure(rule: rule.spec, example: example, problem: "expected a match, got none"))
                    continue
                }
                let bytes = Array(example.text.utf8)
                if let words = rule.spec.words, !RuleTester.matchHasWord(words, bytes, found.range) {
                    failures.append(Failure(rule: rule.spec, example: example,
                                            problem: "the match \"\(String(decoding: bytes[found.range], as: UTF8.self))\" contains none of `words:`, so the rule would never be tried on it"))
                }
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

    /// An example the rule's `requires:` pattern would keep the rule away from: in a document
    /// the rule would never be tried on it, so the example proves nothing.
    private func prefilterProblem(_ rule: CompiledRule, _ text: String, _ scratch: MatchScratch) -> String? {
        guard let p = rule.prefilter else { return nil }
        var text = text
        return text.withUTF8 { buf -> String? in
            ((try? p.firstMatch(in: buf, scratch: scratch)) ?? nil) == nil
                ? "the example does not match the rule's `requires:` pattern" : nil
        }
    }

    /// Whether the matched bytes contain one of a rule's `words:`, as `WordTriggers` reads them.
    static func matchHasWord(_ words: [String], _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            !WordTriggers(words: [words]).candidates(buf, ranges: [range]).isEmpty
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
