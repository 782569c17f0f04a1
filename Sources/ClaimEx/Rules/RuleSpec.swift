import Patterns

/// A rule as written in a rules file, with the examples that prove it does what it says.
///
/// The same shape serves attribution rules (`kind`: direct, indirect, mixed) and claim
/// rules (`kind`: a claim type), so loading, linting and example testing are shared.
public struct RuleSpec: Sendable {
    public var id: String
    /// `direct`/`indirect`/`mixed` for attribution, a claim type for claim rules.
    public var kind: String
    public var confidence: Double
    /// The pattern as written.
    public var source: String
    /// After macro expansion: what PCRE2 compiles.
    public var expanded: String
    public var caseless: Bool
    /// What one match may span: a sentence (most rules) or a paragraph (quotations that run
    /// over sentences, split quotations).
    public var scope: RuleScope
    /// A cheap pattern that must match inside the scope before the rule is tried (macro-expanded;
    /// nil: no such test). Rules that start with a speaker would otherwise be attempted at every
    /// word of every sentence; most sentences hold no cue word at all.
    public var requires: String?
    /// Words one of which every match contains: lower-case ASCII letters, `caus*` for a word
    /// start, `<digit>` for any digit (word-list macros such as `{CUE}` are expanded when the
    /// rule is loaded, each entry to its first word); nil: tried on every text. One pass over
    /// a text's words (`WordTriggers`) picks the rules worth a PCRE2 scan: attribution rules
    /// need a cue word most sentences lack, and a sentence holds the words of only a few claim
    /// rules. Scanning each text with a rule's own alternation of cue words cost as much as
    /// running the rules.
    public var words: [String]? = nil
    /// Attribution rules: `source: none` — a match without a `speaker` group has no source
    /// ("Asked whether …, 46 percent said …", "is expected to …"), rather than the speaker of the
    /// quote before it (", adding …").
    public var sourceless = false
    /// Attribution rules: `fast: false` leaves the rule out of the fast attribution
    /// (`AttributionMode.fast`), whose own model was trained without it and finds its quotes
    /// instead. The costly general constructions carry it: each is tried at many places of a
    /// sentence, and the model already reads most of what they find.
    public var fast = true
    /// `starts: before-requires`: every match starts before a match of `requires`, in that
    /// match's sentence, so the rule is tried only there. A rule that opens with a speaker
    /// ("X told reporters: \"…\"") is otherwise tried at every word of the paragraph, inside
    /// its quotations too, and its speaker could run back over a sentence end.
    public var startsBeforeRequires = false
    public var examples: [RuleExample]
    public var counterExamples: [RuleExample]
    public var file: String
    public var line: Int
    /// Free-text note for people reading `explain` output.
    public var description: String?
}

public enum RuleScope: String, Sendable {
    case sentence, paragraph
}

/// A text a rule must match (with the captures it must produce), or must not match.
public struct RuleExample: Sendable {
    public var text: String
    /// Expected capture texts by group name; empty for counter-examples.
    public var captures: [String: String]
    public var line: Int
}

/// A rule compiled for matching. The group numbers are resolved once here, so matching
/// never looks a name up.
public struct CompiledRule: Sendable {
    public let spec: RuleSpec
    public let pattern: Pattern
    /// The compiled `requires` pattern, when the rule has one.
    public let prefilter: Pattern?
    public let groups: [String: Int]

    /// `acceptsLatestStart`: compile the pattern so that a search can be told where its
    /// matches stop starting (attribution runs a rule only up to its last word in a sentence).
    public init(spec: RuleSpec, acceptsLatestStart: Bool = false) throws(RuleError) {
        self.spec = spec
        let options: PatternOptions = spec.caseless ? [.extended, .caseless] : [.extended]
        pattern = try CompiledRule.compile(spec.expanded, options: options, acceptsLatestStart: acceptsLatestStart, spec: spec)
        prefilter = try spec.requires.map { source throws(RuleError) in try CompiledRule.compile(source, options: options, spec: spec) }
        var groups: [String: Int] = [:]
        for (name, index) in pattern.groupNames { groups[name] = index }
        self.groups = groups
    }

    public func group(_ name: String) -> Int? { groups[name] }

    private static func compile(
        _ source: String, options: PatternOptions, acceptsLatestStart: Bool = false, spec: RuleSpec
    ) throws(RuleError) -> Pattern {
        do {
            return try Pattern(source, options: options, acceptsLatestStart: acceptsLatestStart)
        } catch {
            switch error {
            case .compile(let message, let offset):
                throw RuleError(.compile, file: spec.file, line: spec.line, ruleID: spec.id, message: message,
                                patternOffset: offset)
            case .tooLarge(let message):
                throw RuleError(.tooLarge, file: spec.file, line: spec.line, ruleID: spec.id, message: message)
            default:
                throw RuleError(.compile, file: spec.file, line: spec.line, ruleID: spec.id, message: error.description)
            }
        }
    }
}
