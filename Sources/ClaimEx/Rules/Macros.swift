/// Named sub-patterns shared by rules, so that "a speaker" or "an opening quotation mark" is
/// written once. `{NAME}` in a pattern is replaced by `(?:definition)`; definitions may use
/// other macros. Word-list macros are built from lexicon files, longest entry first so that
/// "according to" wins over "according".
public struct Macros: Sendable {
    public private(set) var definitions: [String: String] = [:]
    /// Where each macro was defined, for error messages.
    public private(set) var origins: [String: (file: String, line: Int?)] = [:]

    public init() {}

    public mutating func define(_ name: String, _ pattern: String, file: String, line: Int?) {
        definitions[name] = pattern
        origins[name] = (file, line)
    }

    /// Defines `name` as an alternation of literal words, escaped for PCRE2.
    public mutating func defineWordList(_ name: String, _ words: [String], file: String) {
        let sorted = Set(words).sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        define(name, sorted.map(Macros.escape).joined(separator: "|"), file: file, line: nil)
    }

    /// Expands every `{NAME}` (upper-case letters, digits, `_`) in `pattern`. Other braces —
    /// PCRE2's `{2,5}` quantifiers, `\p{L}` properties — are left alone.
    public func expand(_ pattern: String, file: String, line: Int?, ruleID: String?) throws(RuleError) -> String {
        var seen: [String] = []
        return try expand(pattern, seen: &seen, file: file, line: line, ruleID: ruleID)
    }

    private func expand(
        _ pattern: String, seen: inout [String], file: String, line: Int?, ruleID: String?
    ) throws(RuleError) -> String {
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                out += rest[open...]
                return out
            }
            let name = String(rest[afterOpen..<close])
            // `\p{L}`, `\x{2019}`, `\g{1}`: braces that belong to an escape are not macros.
            let escaped = out.utf8.count >= 2 && out.utf8.dropLast().last == UInt8(ascii: "\\")
            let isMacroName = !escaped && !name.isEmpty && name.first!.isLetter && name.allSatisfy {
                ($0.isUppercase && $0.isASCII) || $0.isNumber || $0 == "_"
            }
            guard isMacroName else {
                out += rest[open...close]
                rest = rest[rest.index(after: close)...]
                continue
            }
            guard let body = definitions[name] else {
                throw RuleError(.unknownMacro, file: file, line: line, ruleID: ruleID,
                                message: "unknown macro {\(name)}; define it in rules/attribution/macros.yaml or fix the name")
            }
            guard !seen.contains(name) else {
                throw RuleError(.unknownMacro, file: file, line: line, ruleID: ruleID,
                                message: "macro {\(name)} refers to itself through \(seen.joined(separator: " → "))")
            }
            seen.append(name)
            out += "(?:" + (try expand(body, seen: &seen, file: file, line: line, ruleID: ruleID)) + ")"
            seen.removeLast()
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// Escapes a literal for a pattern compiled in extended mode (spaces become `\s+`, so a
    /// multi-word entry also matches across a line break or double space).
    static func escape(_ word: String) -> String {
        var s = ""
        for ch in word {
            switch ch {
            case " ": s += #"\s+"#
            case "\\", ".", "^", "$", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}", "#", "-":
                s += "\\" + String(ch)
            default: s.append(ch)
            }
        }
        return s
    }
}
