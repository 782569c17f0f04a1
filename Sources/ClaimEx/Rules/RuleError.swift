/// A rule or lexicon file that cannot be used. Start-up stops on it, so the message must
/// let the person who edited the file find and fix the spot without reading Swift.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifiers: scripts and tests match on these, never on the message text.
    public enum Code: String, Sendable {
        case unreadable = "rules.unreadable"
        case syntax = "rules.syntax"
        case compile = "rules.compile"
        /// The pattern compiles but exceeds PCRE2's size limit, even with every macro called.
        case tooLarge = "rules.too-large"
        case unknownMacro = "rules.unknown-macro"
        case duplicate = "rules.duplicate"
        case example = "rules.example"
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var ruleID: String?
    public var message: String
    /// Offset into the expanded pattern where PCRE2 stopped, for compile errors.
    public var patternOffset: Int?

    public init(
        _ code: Code, file: String, line: Int? = nil, ruleID: String? = nil, message: String,
        patternOffset: Int? = nil
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.message = message
        self.patternOffset = patternOffset
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": error[\(code.rawValue)]"
        if let ruleID { s += " rule '\(ruleID)'" }
        s += ": \(message)"
        if let patternOffset { s += " (at offset \(patternOffset) of the expanded pattern)" }
        return s
    }
}
