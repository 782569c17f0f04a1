/// Why a pattern could not be compiled or a match could not finish.
///
/// Compile errors carry PCRE2's own message and the offset where it stopped, because
/// the person fixing a rule needs to see exactly what PCRE2 objected to.
public enum PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2 rejected the pattern; `offset` is a byte offset into the pattern.
    case compile(message: String, offset: Int)
    /// The pattern is valid but its compiled form exceeds PCRE2's size limit (64K code units
    /// in the usual build); a caller that can write the pattern more compactly may try again.
    case tooLarge(message: String)
    /// A match ran into one of the configured resource limits (a backtracking blow-up).
    case limit(Limit, message: String)
    /// Any other PCRE2 match failure (out of memory, bad subject offset, …).
    case match(code: Int32, message: String)

    /// Which resource limit stopped a match.
    public enum Limit: String, Sendable {
        case match, depth, heap, jitStack = "jit-stack"
    }

    /// A stable identifier for scripts and error records.
    public var id: String {
        switch self {
        case .compile: "pattern.compile"
        case .tooLarge: "pattern.too-large"
        case .limit(let limit, _): "pattern.limit.\(limit.rawValue)"
        case .match: "pattern.match"
        }
    }

    public var description: String {
        switch self {
        case .compile(let message, let offset):
            "\(message) at offset \(offset)"
        case .tooLarge(let message):
            message
        case .limit(_, let message):
            "\(message): the pattern backtracks too much on this input; make it less ambiguous (possessive quantifiers, atomic groups) or raise the limit"
        case .match(_, let message):
            message
        }
    }
}
