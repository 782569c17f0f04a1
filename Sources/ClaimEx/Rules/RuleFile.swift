import Yams

/// Reads rules and macros from the YAML files under `rules/`.
///
/// YAML because patterns are long and full of backslashes: block scalars (`|`) take them as
/// written, and comments sit beside the rule they explain. Every error names the file and
/// line so that a rule author never needs to read Swift.
enum RuleFile {
    /// Parses a rules file: `rules:` a list of `{id, kind, confidence, pattern, caseless, words,
    /// requires, starts, source, fast, scope, description, examples, counter}`. Patterns are expanded with `macros`.
    static func loadRules(_ path: String, macros: Macros) throws(RuleError) -> [RuleSpec] {
        let root = try compose(path)
        guard let list = root?["rules"] else { return [] }
        guard case .sequence(let items) = list else {
            throw RuleError(.syntax, file: path, line: list.mark?.line, message: "`rules:` must be a list of rules")
        }
        var specs: [RuleSpec] = []
        for item in items {
            let line = item.mark?.line ?? 0
            guard case .mapping = item else {
                throw RuleError(.syntax, file: path, line: line, message: "each rule must be a mapping with id, kind and pattern")
            }
            guard let id = item["id"]?.string, !id.isEmpty else {
                throw RuleError(.syntax, file: path, line: line, message: "rule without an `id`")
            }
            guard let kind = item["kind"]?.string else {
                throw RuleError(.syntax, file: path, line: line, ruleID: id, message: "rule without a `kind`")
            }
            guard let source = item["pattern"]?.string else {
                throw RuleError(.syntax, file: path, line: line, ruleID: id, message: "rule without a `pattern`")
            }
            let confidence = item["confidence"]?.float ?? 0.5
            let scope = item["scope"]?.string ?? "sentence"
            guard scope == "sentence" || scope == "paragraph" else {
                throw RuleError(.syntax, file: path, line: item["scope"]?.mark?.line, ruleID: id,
                                message: "scope must be `sentence` or `paragraph`, not `\(scope)`")
            }
            let caseless = item["caseless"]?.bool ?? false
            let expanded = try macros.expand(source, file: path, line: item["pattern"]?.mark?.line, ruleID: id, caseless: caseless)
            specs.append(RuleSpec(
                id: id, kind: kind, confidence: confidence, source: source, expanded: expanded,
                caseless: caseless, scope: scope == "paragraph" ? .paragraph : .sentence,
                requires: try item["requires"]?.string.map { source throws(RuleError) in
                    try macros.expand(source, file: path, line: item["requires"]?.mark?.line, ruleID: id, caseless: caseless)
                },
                words: try words(item["words"], macros: macros, path: path, id: id),
                sourceless: try sourceless(item["source"], path: path, id: id),
                fast: try fast(item["fast"], path: path, id: id),
                startsBeforeRequires: try startsBeforeRequires(item["starts"], requires: item["requires"] != nil, path: path, id: id),
                examples: try examples(item["examples"], path: path, id: id),
                counterExamples: try examples(item["counter"], path: path, id: id),
                file: path, line: line, description: item["description"]?.string
            ))
        }
        return specs
    }

    /// Parses a macros file: `macros:` a mapping of NAME → pattern, `lexicons:` a mapping
    /// of NAME → lexicon file (relative to `lexiconDir`) whose first column becomes a word list,
    /// and `words:` a mapping of NAME → a list of words written in place.
    static func loadMacros(_ path: String, lexiconDir: String, into macros: inout Macros) throws(RuleError) {
        guard let root = try compose(path) else { return }
        if let lexicons = root["lexicons"], case .mapping(let map) = lexicons {
            for (key, value) in map {
                // `NAME: file.txt` or `NAME: { file: cues.tsv, where: [speech, stance] }`.
                guard let name = key.string, let file = value.string ?? value["file"]?.string else {
                    throw RuleError(.syntax, file: path, line: key.mark?.line,
                                    message: "a lexicon macro maps a NAME to a file, or to { file: …, where: [...] }")
                }
                let keep = value["where"].map { Set($0.array().compactMap(\.string)) }
                let lexicon = try WordList.load(lexiconDir + "/" + file)
                let words = lexicon.entries.compactMap { entry -> String? in
                    if let keep, !(entry.columns.count > 2 && keep.contains(entry.columns[2])) { return nil }
                    return entry.columns.first
                }
                macros.defineWordList(name, words, file: lexicon.path)
            }
        }
        // `NAME: [has, have, had]` or `NAME: { caseless: true, list: [the, a] }`: a short word
        // list written in place, compiled as a prefix tree like a lexicon's (PCRE2 tries a plain
        // alternation's words one by one). A caseless list matches in any case whatever the
        // rule's options: a macro's copy does not inherit an `(?i:` around it.
        if let lists = root["words"], case .mapping(let map) = lists {
            for (key, value) in map {
                let list = value["list"] ?? value
                let items = list.array()
                let words = items.compactMap(\.string)
                let caseless = value["caseless"]?.bool ?? false
                guard let name = key.string, case .sequence = list, !words.isEmpty, words.count == items.count,
                      !words.contains(where: \.isEmpty) else {
                    throw RuleError(.syntax, file: path, line: key.mark?.line,
                                    message: "a word list maps a NAME to a list of words, as in `AUX_WORD: [has, have, had]` or `DET_WORD: { caseless: true, list: [the, a] }`")
                }
                macros.defineWordList(name, words, file: path, line: key.mark?.line, caseless: caseless)
            }
        }
        if let defs = root["macros"], case .mapping(let map) = defs {
            for (key, value) in map {
                guard let name = key.string, let pattern = value.string else {
                    throw RuleError(.syntax, file: path, line: key.mark?.line, message: "a macro must map a NAME to a pattern string")
                }
                macros.define(name, pattern, file: path, line: key.mark?.line)
            }
        }
    }

    private static func compose(_ path: String) throws(RuleError) -> Node? {
        let text = try readRuleFile(path)
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw RuleError(.syntax, file: path, line: yamlLine(error), message: "not valid YAML: \(error)")
        } catch {
            throw RuleError(.syntax, file: path, message: "not valid YAML: \(error)")
        }
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    /// A rule's `words:` list. Literal entries are checked against `WordTriggers.isValid` here,
    /// so that a typo fails at start-up with its line rather than silently never matching; a
    /// `{NAME}` entry brings in a word-list macro, each entry reduced to its first word
    /// (`according to` → `according`). An entry with no ASCII word to key on (a name in
    /// another script) leaves the rule without a prefilter rather than never tried.
    private static func words(_ node: Node?, macros: Macros, path: String, id: String) throws(RuleError) -> [String]? {
        guard let node else { return nil }
        guard case .sequence(let items) = node, !items.isEmpty else {
            throw RuleError(.syntax, file: path, line: node.mark?.line, ruleID: id, message: "`words:` must be a non-empty list")
        }
        var out: [String] = []
        var seen: Set<String> = []
        var unkeyable = false
        for item in items {
            let line = item.mark?.line ?? node.mark?.line
            guard let word = item.string else {
                throw RuleError(.syntax, file: path, line: line, ruleID: id,
                                message: "`words:` lists words, word starts such as `caus*`, `<digit>` or word-list macros such as \"{CUE}\"")
            }
            if word.hasPrefix("{"), word.hasSuffix("}") {
                let name = String(word.dropFirst().dropLast())
                guard let list = macros.wordLists[name] else {
                    throw RuleError(.unknownMacro, file: path, line: line, ruleID: id,
                                    message: "`words:` names {\(name)}, which is not a word-list macro (see `lexicons:` in macros.yaml)")
                }
                for entry in list {
                    let key = WordTriggers.key(of: entry)
                    if key.isEmpty { unkeyable = true } else if seen.insert(key).inserted { out.append(key) }
                }
                continue
            }
            guard WordTriggers.isValid(word) else {
                throw RuleError(.syntax, file: path, line: line, ruleID: id,
                                message: "`\(word)` in `words:` is not a lower-case ASCII word, a word start of three or more letters with `*`, `<digit>` or a word-list macro such as \"{CUE}\"")
            }
            if seen.insert(word).inserted { out.append(word) }
        }
        return unkeyable ? nil : out
    }

    /// `source: none` (no speaker unless the match names one) or `source: previous` (the
    /// default: a match without a speaker continues the quote before it).
    private static func sourceless(_ node: Node?, path: String, id: String) throws(RuleError) -> Bool {
        guard let node else { return false }
        switch node.string {
        case "none": return true
        case "previous": return false
        default:
            throw RuleError(.syntax, file: path, line: node.mark?.line, ruleID: id,
                            message: "`source:` is `none` or `previous`, not `\(node.string ?? "?")`")
        }
    }

    /// `fast: false` (the rule is left out of the fast attribution) or `fast: true`, the default.
    private static func fast(_ node: Node?, path: String, id: String) throws(RuleError) -> Bool {
        guard let node else { return true }
        guard let value = node.bool else {
            throw RuleError(.syntax, file: path, line: node.mark?.line, ruleID: id,
                            message: "`fast:` is `true` or `false` (false: the rule is left out of `extract --fast`), not `\(node.string ?? "?")`")
        }
        return value
    }

    /// `starts: before-requires`, for a rule with a `requires:` pattern.
    private static func startsBeforeRequires(_ node: Node?, requires: Bool, path: String, id: String) throws(RuleError) -> Bool {
        guard let node else { return false }
        guard node.string == "before-requires" else {
            throw RuleError(.syntax, file: path, line: node.mark?.line, ruleID: id,
                            message: "`starts:` is `before-requires` (every match starts before a match of `requires:`, in its sentence), not `\(node.string ?? "?")`")
        }
        guard requires else {
            throw RuleError(.syntax, file: path, line: node.mark?.line, ruleID: id,
                            message: "`starts: before-requires` needs a `requires:` pattern to start before")
        }
        return true
    }

    private static func examples(_ node: Node?, path: String, id: String) throws(RuleError) -> [RuleExample] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else {
            throw RuleError(.syntax, file: path, line: node.mark?.line, ruleID: id, message: "examples must be a list")
        }
        var out: [RuleExample] = []
        for item in items {
            let line = item.mark?.line ?? 0
            if let text = item.string {
                out.append(RuleExample(text: text, captures: [:], line: line))
            } else if case .mapping(let map) = item {
                var text: String?
                var captures: [String: String] = [:]
                for (key, value) in map {
                    guard let k = key.string, let v = value.string else { continue }
                    if k == "text" { text = v } else { captures[k] = v }
                }
                guard let text else {
                    throw RuleError(.syntax, file: path, line: line, ruleID: id, message: "an example needs `text:`")
                }
                out.append(RuleExample(text: text, captures: captures, line: line))
            } else {
                throw RuleError(.syntax, file: path, line: line, ruleID: id, message: "an example is a string or a mapping with `text:`")
            }
        }
        return out
    }
}
