/// One attribution: somebody said something, directly, indirectly or in a mix of both.
public struct Quote: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The words are inside quotation marks.
        case direct
        /// Reported speech without quotation marks.
        case indirect
        /// Reported speech that quotes some of the words verbatim.
        case mixed
    }

    public var kind: Kind
    /// Byte range of the quoted or reported content (without the quotation marks); for a
    /// quotation split by its attribution, the range covering both parts.
    public var content: Range<Int>
    /// The content's parts: one range, or two for `"A," he said. "B."`. The quote's text is
    /// the parts joined by a space.
    public var parts: [Range<Int>]
    public var speaker: Speaker?
    public var cue: Cue?
    /// Indices into `Document.sentences` that the content touches.
    public var sentenceIndices: [Int]
    public var claimTypes: [ClaimType] = []
    public var checkworthy: Double = 0
    /// Id of the rule that found the quote: the key of every rule-change review.
    public var rule: String
    public var confidence: Double

    public init(
        kind: Kind, content: Range<Int>, speaker: Speaker?, cue: Cue?, sentenceIndices: [Int] = [],
        rule: String, confidence: Double
    ) {
        self.kind = kind
        self.content = content
        parts = [content]
        self.speaker = speaker
        self.cue = cue
        self.sentenceIndices = sentenceIndices
        self.rule = rule
        self.confidence = confidence
    }
}

/// Who said it, as written and as resolved.
public struct Speaker: Sendable, Equatable {
    /// How `name` was found from `mention`.
    public enum Resolution: String, Sendable {
        /// The mention itself is the name ("Defence Minister Yasar Guler").
        case name
        /// A surname resolved to the full name mentioned earlier ("Guler").
        case surname
        /// A pronoun resolved to the most recent compatible speaker ("he").
        case pronoun
        /// An organisation or role kept as written ("the ministry", "a spokesman").
        case role
    }

    /// The resolved name ("Yasar Guler"), or the role as written.
    public var name: String
    /// A title or role that came with the name ("Defence Minister").
    public var title: String?
    /// The words in the text ("he", "Guler", "Defence Minister Yasar Guler").
    public var mention: String
    /// Byte range of the mention.
    public var range: Range<Int>
    public var resolvedBy: Resolution

    public init(name: String, title: String?, mention: String, range: Range<Int>, resolvedBy: Resolution) {
        self.name = name
        self.title = title
        self.mention = mention
        self.range = range
        self.resolvedBy = resolvedBy
    }
}

/// The word or phrase that signals the attribution ("said", "told", "according to").
public struct Cue: Sendable, Equatable {
    public var text: String
    public var lemma: String
    public var range: Range<Int>

    public init(text: String, lemma: String, range: Range<Int>) {
        self.text = text
        self.lemma = lemma
        self.range = range
    }
}
