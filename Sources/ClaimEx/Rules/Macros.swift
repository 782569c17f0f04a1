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

    /// The macros whose definition holds a named capture (copied in place, never called).
    private var capturing: Set<String> = []

    public mutating func define(_ name: String, _ pattern: String, file: String, line: Int?) {
        definitions[name] = pattern
        origins[name] = (file, line)
        if Macros.hasNamedCapture(pattern) { capturing.insert(name) } else { capturing.remove(name) }
    }

    /// Defines `name` as an alternation of literal words, escaped for PCRE2 and written as a
    /// prefix tree: PCRE2 tries the branches of an alternation one by one, so a flat list of
    /// 300 cue words costs 300 tries at every place a cue might start, while the tree fails
    /// on the first letter that no word continues with. Longer entries still win ("according
    /// to" over "according"): an entry that is a prefix of others makes its rest optional and
    /// greedy.
    public mutating func defineWordList(_ name: String, _ words: [String], file: String, line: Int? = nil, caseless: Bool = false) {
        let sorted = Set(words).sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        let tree = Macros.prefixTree(sorted)
        define(name, caseless ? "(?i:" + tree + ")" : tree, file: file, line: line)
        wordLists[name] = sorted
    }

    /// The letters after a backslash that PCRE2 reads braces for: `\p{…}`, `\P{…}`, `\x{…}`,
    /// `\o{…}`, `\g{…}`, `\k{…}`, `\N{…}`.
    static let bracedEscapes: Set<UInt8> = Set("pPxogkN".utf8)

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
    /// The macros named in `called` become subroutine calls `(?&NAME)` to a group defined once
    /// in a `(?(DEFINE)…)` block at the end, for a rule too large for PCRE2 with every macro
    /// copied (see `Expansion.largestCopied`). Macros that contain a named capture (such as
    /// `APPOS`, which captures `title`) are always copied in place, unwrapped, so the capture
    /// still reports where it matched.
    public func expand(
        _ pattern: String, file: String, line: Int?, ruleID: String?, caseless: Bool = false, called: Set<String> = []
    ) throws(RuleError) -> String {
        try expansion(of: pattern, file: file, line: line, ruleID: ruleID, caseless: caseless, called: called).text
    }

    /// A pattern with its macros expanded.
    public struct Expansion: Sendable {
        public var text: String
        /// The copied macro that takes the most room (its own text, without the macros it
        /// copies in turn, times its copies), nil when every macro is called: the next one to
        /// call instead when the rule is too large for PCRE2. Counting its own text calls a long
        /// leaf such as a word list before the speaker macro that holds it.
        public var largestCopied: String?
    }

    /// `expand`, and which macro to call next if the result is too large.
    public func expansion(
        of pattern: String, file: String, line: Int?, ruleID: String?, caseless: Bool = false, called: Set<String> = []
    ) throws(RuleError) -> Expansion {
        var state = State()
        let wrapper = Array((caseless ? "(?^ix:" : "(?^x:").utf8)
        var main: [UInt8] = []
        try substitute(Array(pattern.utf8)[...], into: &main, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)
        if !state.order.isEmpty {
            main += "\n(?(DEFINE)".utf8
            for name in state.order { main += "(?<\(name)>".utf8; main += state.defined[name]!; main += ")".utf8 }
            main += ")".utf8
        }
        let largest = state.copied.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        return Expansion(text: String(decoding: main, as: UTF8.self), largestCopied: largest)
    }

    /// What the expansion carries through the recursion.
    private struct State {
        var seen: [String] = []
        /// Called macros: their expanded definitions, in the order first used.
        var defined: [String: [UInt8]] = [:]
        var order: [String] = []
        /// Copied macros: their expansion (the same at every use), and the room they take.
        var copies: [String: [UInt8]] = [:]
        var copied: [String: Int] = [:]
        /// The room each copied macro's copy gives to the copied macros inside it.
        var inside: [String: [String: Int]] = [:]
        /// Each copied macro's own text, without the copies of other macros in it.
        var ownLength: [String: Int] = [:]
        /// While a body is expanded: the bytes of the copies written straight into it.
        var directCopies: [Int] = []
    }

    /// Appends `pattern`, expanded, to `out`. Works on UTF-8 bytes: braces and backslashes are
    /// ASCII, and no byte of a multi-byte character is.
    private func substitute(
        _ pattern: ArraySlice<UInt8>, into out: inout [UInt8], _ state: inout State, called: Set<String>, wrapper: [UInt8],
        file: String, line: Int?, ruleID: String?
    ) throws(RuleError) {
        let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        var rest = pattern
        // Where the text written by this call starts, so an escape is only looked for in it.
        let written = out.count
        while let open = rest.firstIndex(of: openBrace) {
            out += rest[..<open]
            guard let close = rest[(open + 1)...].firstIndex(of: closeBrace) else {
                out += rest[open...]
                return
            }
            let name = String(decoding: rest[(open + 1)..<close], as: UTF8.self)
            // `\p{L}`, `\x{2019}`, `\g{1}`: braces that belong to an escape are not macros. Only
            // the escapes that take braces count: `\b{LAZY}` is a word boundary and a macro.
            let escaped = out.count - written >= 2 && out[out.count - 2] == UInt8(ascii: "\\")
                && Macros.bracedEscapes.contains(out[out.count - 1])
            let isMacroName = !escaped && !name.isEmpty && name.first!.isLetter && name.allSatisfy {
                ($0.isUppercase && $0.isASCII) || $0.isNumber || $0 == "_"
            }
            guard isMacroName else {
                out += rest[open...close]
                rest = rest[(close + 1)...]
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
            if capturing.contains(name) {
                out += "(?:".utf8
                try substitute(Array(body.utf8)[...], into: &out, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)
                out += ")".utf8
            } else if called.contains(name) {
                if state.defined[name] == nil {
                    state.directCopies.append(0)
                    var expanded: [UInt8] = []
                    try substitute(Array(body.utf8)[...], into: &expanded, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)
                    state.directCopies.removeLast()
                    state.defined[name] = expanded
                    state.order.append(name)
                }
                out += "(?&\(name))".utf8
            } else {
                let copy: [UInt8]
                if let done = state.copies[name] {
                    copy = done
                    // Another copy of this macro is another copy of every macro inside it.
                    for (inner, room) in state.inside[name] ?? [:] { state.copied[inner, default: 0] += room }
                } else {
                    let before = state.copied
                    state.directCopies.append(0)
                    var expanded: [UInt8] = []
                    try substitute(Array(body.utf8)[...], into: &expanded, &state, called: called, wrapper: wrapper, file: file, line: line, ruleID: ruleID)
                    copy = expanded
                    // Its own text: the copy less the copies of other macros in it.
                    state.ownLength[name] = copy.count - state.directCopies.removeLast()
                    state.copies[name] = copy
                    var room: [String: Int] = [:]
                    for (inner, total) in state.copied where total != before[inner] { room[inner] = total - (before[inner] ?? 0) }
                    state.inside[name] = room
                }
                state.copied[name, default: 0] += state.ownLength[name] ?? 0
                if !state.directCopies.isEmpty { state.directCopies[state.directCopies.count - 1] += wrapper.count + copy.count + 1 }
                out += wrapper
                out += copy
                out += ")".utf8
            }
            state.seen.removeLast()
            rest = rest[(close + 1)...]
        }
        out += rest
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
