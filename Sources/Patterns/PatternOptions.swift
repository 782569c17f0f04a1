import CPCRE2

/// Compile options a rule author may ask for. UTF and Unicode properties are always on:
/// articles are UTF-8 and `\w`, `\b` and `[[:upper:]]` must understand accented names.
public struct PatternOptions: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let caseless = PatternOptions(rawValue: PCRE2_CASELESS)
    public static let multiline = PatternOptions(rawValue: PCRE2_MULTILINE)
    public static let dotAll = PatternOptions(rawValue: PCRE2_DOTALL)
    /// Ignore white space and `#` comments in the pattern: what makes long rules readable.
    public static let extended = PatternOptions(rawValue: PCRE2_EXTENDED)
}
