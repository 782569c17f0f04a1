import Patterns

/// Runs every rule's inline examples and counter-examples: an example must match and
/// produce the captures it names (and, for a rule with `words:`, its match must contain one
/// of them as a whole word of the example, and be found as well when the search stops at the
/// last of them, as attribution searches), a counter-example must not match.
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
                if rule.spec.startsBeforeRequires, let p = rule.prefilter, !RuleTester.startsBeforeMatch(of: p, found.range.lowerBound, bytes, scratch) {
                    failures.append(Failure(rule: rule.spec, example: example,
                                            problem: "the match starts after every match of `requires:`, where a rule with `starts: before-requires` is not tried"))
                }
                if let words = rule.spec.words, !RuleTester.matchHasWord(words, bytes, found.range) {
                    failures.append(Failure(rule: rule.spec, example: example,
                                            problem: "the match \"\(String(decoding: bytes[found.range], as: UTF8.self))\" contains none of `words:` as a whole word of the text, so the rule would never be tried on it"))
                } else if let words = rule.spec.words, rule.pattern.acceptsLatestStart,
                          let bounded = RuleTester.boundedFirstMatch(rule, words, bytes, scratch), bounded != found {
                    failures.append(Failure(rule: rule.spec, example: example,
                                            problem: "the match starts after the last of `words:` in the text (or its last digit, for `<digit>`), where the search stops: it finds \"\(bounded.map { String(decoding: bytes[$0.range], as: UTF8.self) } ?? "nothing")\" instead"))
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

    /// Whether `start` is at or before a match of `requires` (the example is one sentence).
    static func startsBeforeMatch(of requires: Pattern, _ start: Int, _ bytes: [UInt8], _ scratch: MatchScratch) -> Bool {
        var found = false
        bytes.withUnsafeBufferPointer { buf in
            try? requires.forEachMatch(in: buf, scratch: scratch) { m in
                found = m.range.lowerBound >= start
                return !found
            }
        }
        return found
    }

    /// Whether the matched bytes hold one of a rule's `words:` as `WordTriggers` reads the
    /// whole text: a word of the text that starts inside the match (`<digit>` anywhere in it).
    static func matchHasWord(_ words: [String], _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let triggers = WordTriggers(words: [words])
        if !triggers.isPositional(0) {
            return bytes.withUnsafeBufferPointer { !triggers.candidates($0, ranges: [range]).isEmpty }
        }
        guard let hits = hits(triggers, bytes) else { return true }
        return hits.contains { range.contains($0.start) }
    }

    /// The rule's first match when the search stops where the last of its words starts (a
    /// digit counting for `<digit>`), as attribution and claim typing run it; nil when the
    /// words give no such place.
    static func boundedFirstMatch(
        _ rule: CompiledRule, _ words: [String], _ bytes: [UInt8], _ scratch: MatchScratch
    ) -> MatchResult?? {
        let triggers = WordTriggers(words: [words])
        guard triggers.hasPlaces(0) else { return nil }
        var mask: [UInt64] = [0]
        var latest = [-1]
        let sure = bytes.withUnsafeBufferPointer { buf in
            mask.withUnsafeMutableBufferPointer { m in
                latest.withUnsafeMutableBufferPointer { triggers.candidates(buf, ranges: CollectionOfOne(0..<buf.count), into: m, latest: $0) }
            }
        }
        guard sure, latest[0] >= 0 else { return nil }
        return bytes.withUnsafeBufferPointer { buf in
            var result: MatchResult?
            try? rule.pattern.forEachMatch(in: buf, latestStart: latest[0], scratch: scratch) { match in
                result = match.result()
                return false
            }
            return .some(result)
        }
    }

    /// Every word of `triggers` in `bytes`, or nil when the walk cannot be sure of them.
    private static func hits(_ triggers: WordTriggers, _ bytes: [UInt8]) -> [WordTriggers.Hit]? {
        var hits: [WordTriggers.Hit] = []
        var mask: [UInt64] = [0]
        let sure = bytes.withUnsafeBufferPointer { buf in
            mask.withUnsafeMutableBufferPointer { triggers.candidates(buf, ranges: CollectionOfOne(0..<buf.count), into: $0, hits: &hits) }
        }
        return sure ? hits : nil
    }

    /// Examples are single sentences (or paragraphs), so the whole text is one scope.
    private func firstMatch(_ rule: CompiledRule, _ text: String, _ scratch: MatchScratch) -> MatchResult? {
        var text = text
        return text.withUTF8 { buf in
            (try? rule.pattern.firstMatch(in: buf, scratch: scratch)) ?? nil
        }
    }
}
