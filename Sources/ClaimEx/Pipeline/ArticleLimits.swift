import HTMLText
import Patterns

/// The resource limits one article is held to, so that hostile input costs a bounded
/// amount of time and memory and ends in a named error or warning, never a crash or a hang.
///
/// | limit | on exceeding it | code |
/// |---|---|---|
/// | `InputOptions.maxBytes` (`--max-bytes`) | the article fails | `input.too-large` |
/// | `maxHTMLDepth` | the article fails | `limit.html-depth` |
/// | `match` (PCRE2 match / depth / heap / JIT stack) | the rule is skipped for the article, with a warning naming the rule | `pattern.limit.*` |
/// | `maxQuoteLength` | the over-long quote is dropped, with a warning naming the rule | `limit.quote-length` |
public struct ArticleLimits: Sendable, Equatable {
    /// PCRE2 limits for every match (each worker's `Workspace` holds them; `Runner(limits:)`).
    public var match: MatchLimits
    /// The deepest element nesting of an HTML page that is walked.
    public var maxHTMLDepth: Int
    /// The longest quote content kept, in Unicode scalars.
    public var maxQuoteLength: Int

    public init(match: MatchLimits = .standard, maxHTMLDepth: Int = ParseOptions.defaultMaxDepth, maxQuoteLength: Int = 10_000) {
        self.match = match
        self.maxHTMLDepth = maxHTMLDepth
        self.maxQuoteLength = maxQuoteLength
    }

    public static let standard = ArticleLimits()

    /// The same limits with PCRE2's three counted as plain numbers, for callers (the command
    /// line) that do not import Patterns.
    public init(matchLimit: UInt32, depthLimit: UInt32, heapKiB: UInt32, maxHTMLDepth: Int, maxQuoteLength: Int) {
        var match = MatchLimits.standard
        match.match = matchLimit
        match.depth = depthLimit
        match.heapKiB = heapKiB
        self.init(match: match, maxHTMLDepth: maxHTMLDepth, maxQuoteLength: maxQuoteLength)
    }

    public var matchLimit: UInt32 { match.match }
    public var depthLimit: UInt32 { match.depth }
    public var heapKiB: UInt32 { match.heapKiB }
}
