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
    /// A macro is copied in place, so that PCRE2 sees the whole pattern: its start-of-match
    /// analysis (which characters a match can begin with, so the JIT skips every other
    /// position) stops at a subroutine call, and every call costs a call frame. The copy is
    /// wrapped in `(?^x:…)` (`(?^ix:…)` for a `caseless` rule): a subroutine runs with the
    /// options of the place its group is defined — the rule's own — and so does the copy, even
    /// where a rule writes `(?i:{NAME})`.
    ///
    /// Word-list macros, and the macros named in `called`, become subroutine calls `(?&NAME)`
    /// to a group defined once in a `(?(DEFINE)…)` block at the end: a long list used three
    /// times in a rule would otherwise be compiled three times, and a rule that PCRE2 finds too
    /// large is compiled again with its biggest copied macro called (`largestCopied`).
    /// Macros that contain a named capture (such as `APPOS`, which captures `title`) are always
    /// copied in place, unwrapped, so the capture still reports where it matched.
    public func expand(
        _ pattern: String, file: String, line: Int?, ruleID: String?, caseless: Bool = false, called: Set<String> = []
    ) throws(RuleError) -> String {
        try expansion(pattern, file: file, line: line, ruleID: ruleID, caseless: caseless, called: called).text
    }

    /// The copied macro of `pattern`'s expansion that takes the most room (its own text, without
    /// the macros it copies in turn, times its copies), nil when every macro is already called:
    /// the next one to call instead when the rule is too large for PCRE2. Counting its own text
    /// calls a long leaf such as a word alternation before the speaker macro that holds it.
    public func largestCopied(
        _ pattern: String, file: String, line: Int?, ruleID: String?, caseless: Bool = false, called: Set<String> = []
    ) throws(RuleError) -> String? {
        let sizes = try expansion(pattern, file: file, line: line, ruleID: ruleID, caseless: caseless, called: called).copied
        return sizes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// What the expansion state carries through the recursion.
    private struct Expansion {
        var seen: [String] = []
        /// Called macros: their expanded definitions, in the order first used.
        var defined: [String: String] = [:]
        var order: [String] = []
        /// Copied macros: their expansion (the same at every use), and the room they take.
        var copies: [String: String] = [:]
        var copied: [String: Int] = [:]
        /// The room each copied macro's copy gives to the copied macros inside it.
        var inside: [String: [String: Int]] = [:]
        /// Each copied macro's own text, without the copies of other macros in it.
        var ownLength: [String: Int] = [:]
        /// While a body is expanded: the bytes of the copies written straight into it.
        var directCopies: [Int] = []
    }

    private func expansion(
        _ pattern: String, file: String, line: Int?, ruleID: String?, caseless: Bool, called: Set<String>
    ) throws(RuleError) -> (text: String, copied: [String: Int]) {
        var state = Expansion()
        let wrapper = caseless ? "(?^ix:" : "(?^x:"
        let main = try substitute(pattern, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)
        guard !state.order.isEmpty else { return (main, state.copied) }
        return (main + "\n(?(DEFINE)" + state.order.map { "(?<\($0)>\(state.defined[$0]!))" }.joined() + ")", state.copied)
    }

    private func substitute(
        _ pattern: String, _ state: inout Expansion, called: Set<String>, wrapper: String,
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
            guard !state.seen.contains(name) else {
                throw RuleError(.unknownMacro, file: file, line: line, ruleID: ruleID,
                                message: "macro {\(name)} refers to itself through \(state.seen.joined(separator: " → "))")
            }
            state.seen.append(name)
            if Macros.hasNamedCapture(body) {
                out += "(?:" + (try substitute(body, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)) + ")"
            } else if wordLists[name] != nil || called.contains(name) {
                if state.defined[name] == nil {
                    state.directCopies.append(0)
                    let expanded = try substitute(body, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)
                    state.directCopies.removeLast()
                    state.defined[name] = expanded
                    state.order.append(name)
                }
                out += "(?&\(name))"
            } else {
                let copy: String
                if let done = state.copies[name] {
                    copy = done
                    // Another copy of this macro is another copy of every macro inside it.
                    for (inner, room) in state.inside[name] ?? [:] { state.copied[inner, default: 0] += room }
                } else {
                    let before = state.copied
                    state.directCopies.append(0)
                    copy = try substitute(body, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)
                    // Its own text: the copy less the copies of other macros in it.
                    state.ownLength[name] = copy.utf8.count - state.directCopies.removeLast()
                    state.copies[name] = copy
                    var room: [String: Int] = [:]
                    for (inner, total) in state.copied where total != before[inner] { room[inner] = total - (before[inner] ?? 0) }
                    state.inside[name] = room
                }
                state.copied[name, default: 0] += state.ownLength[name] ?? 0
                let text = wrapper + copy + ")"
                if !state.directCopies.isEmpty { state.directCopies[state.directCopies.count - 1] += text.utf8.count }
                out += text
            }
            state.seen.removeLast()
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
