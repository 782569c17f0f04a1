/// Named sub-patterns shared by rules, so that "a speaker" or "an opening quotation mark" is
/// written once. `{NAME}` in a pattern is replaced by `(?:definition)`; definitions may use
/// other macros. Word-list macros are built from lexicon files, longest entry first so that
/// "according to" wins over "according".
public struct Macros: Sendable {
    public private(set) var definitions: [String: String] = [:]
    /// Where each macro was defined, for error messages.
    public private(set) var origins: [String: (file: String, line: Int?)] = [:]
    /// The entries of the word-list macros, so that a rule's `requires:` list can name them.
    public private(set) var wordLists: [String: [String]] = [:]

    public init() {}

    public mutating func define(_ name: String, _ pattern: String, file: String, line: Int?) {
        definitions[name] = pattern
        origins[name] = (file, line)
    }

    /// Defines `name` as an alternation of literal words, escaped for PCRE2 and written as a
    /// prefix tree: PCRE2 tries the branches of an alternation one by one, so a flat list of
    /// 300 cue words costs 300 tries at every place a cue might start, while the tree fails
    /// on the first letter that no word continues with. Longer entries still win ("according
    /// to" over "according"): an entry that is a prefix of others makes its rest optional and
    /// greedy.
    public mutating func defineWordList(_ name: String, _ words: [String], file: String) {
        let sorted = Set(words).sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        define(name, Macros.prefixTree(sorted), file: file, line: nil)
        wordLists[name] = sorted
    }

    /// The alternation of `words` as a PCRE2 prefix tree (see `defineWordList`).
    static func prefixTree(_ words: [String]) -> String {
        final class Node {
            var children: [Character: Node] = [:]
            var terminal = false
        }
        let root = Node()
        for word in words where !word.isEmpty {
            var node = root
            for ch in word {
                if let next = node.children[ch] { node = next } else {
                    let next = Node()
                    node.children[ch] = next
                    node = next
                }
            }
            node.terminal = true
        }
        func render(_ node: Node) -> String {
            let branches = node.children.keys.sorted().map { ch -> String in
                var chain = escape(String(ch))
                var next = node.children[ch]!
                // A run of single children is a plain string: no group needed.
                while !next.terminal, next.children.count == 1, let (c, only) = next.children.first {
                    chain += escape(String(c))
                    next = only
                }
                return chain + render(next)
            }
            guard !branches.isEmpty else { return "" }
            let body = branches.count == 1 ? branches[0] : "(?:" + branches.joined(separator: "|") + ")"
            if node.terminal { return branches.count == 1 ? "(?:" + body + ")?" : body + "?" }
            return body
        }
        let tree = render(root)
        return root.children.count == 1 ? "(?:" + tree + ")" : tree
    }

    /// Expands every `{NAME}` (upper-case letters, digits, `_`) in `pattern`. Other braces —
    /// PCRE2's `{2,5}` quantifiers, `\p{L}` properties — are left alone.
    ///
    /// A macro becomes a PCRE2 subroutine call `(?&NAME)` to a group defined once in a
    /// `(?(DEFINE)…)` block at the end: a speaker macro built from three word lists, used twice
    /// in a rule, would otherwise be compiled twice and overflow PCRE2's pattern size limit.
    /// Macros that contain a named capture (such as `APPOS`, which captures `title`) are
    /// copied in place instead, so the capture still reports where it matched.
    public func expand(_ pattern: String, file: String, line: Int?, ruleID: String?) throws(RuleError) -> String {
        var seen: [String] = []
        var defined: [String: String] = [:]
        var order: [String] = []
        let main = try substitute(pattern, seen: &seen, defined: &defined, order: &order, file: file, line: line, ruleID: ruleID)
        guard !order.isEmpty else { return main }
        return main + "\n(?(DEFINE)" + order.map { "(?<\($0)>\(defined[$0]!))" }.joined() + ")"
    }

    private func substitute(
        _ pattern: String, seen: inout [String], defined: inout [String: String], order: inout [String],
        file: String, line: Int?, ruleID: String?
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
            if Macros.hasNamedCapture(body) {
                out += "(?:" + (try substitute(body, seen: &seen, defined: &defined, order: &order, file: file, line: line, ruleID: ruleID)) + ")"
            } else {
                if defined[name] == nil {
                    let expanded = try substitute(body, seen: &seen, defined: &defined, order: &order, file: file, line: line, ruleID: ruleID)
                    defined[name] = expanded
                    order.append(name)
                }
                out += "(?&\(name))"
            }
            seen.removeLast()
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// Whether a pattern defines a named group: `(?<name>`, `(?P<name>` or `(?'name'`, but not
    /// the lookbehinds `(?<=` and `(?<!`.
    static func hasNamedCapture(_ pattern: String) -> Bool {
        var rest = Substring(pattern)
        while let r = rest.range(of: "(?") {
            let after = rest[r.upperBound...]
            if after.hasPrefix("'") || after.hasPrefix("P<") { return true }
            if after.hasPrefix("<") && !after.hasPrefix("<=") && !after.hasPrefix("<!") { return true }
            rest = after
        }
        return false
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
