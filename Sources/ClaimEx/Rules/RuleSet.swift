import Foundation

/// Everything loaded from a rules directory, compiled once at start-up and shared
/// read-only by every worker.
///
/// A rule that does not compile stops start-up here, with `file:line`, so a broken rule
/// never silently drops quotes from a long run.
public struct RuleSet: Sendable {
    public let directory: String
    /// Which attribution this set was loaded for: `attribution` and `attributionModel` are
    /// that mode's rules and model.
    public let attributionMode: AttributionMode
    public let sentences: SentenceLexicon
    public let attribution: [CompiledRule]
    public let claims: [CompiledRule]
    /// The claim and check-worthiness weights beside the claim rules (`claims/model.tsv`).
    public let claimModel: ClaimModel
    /// The learned attribution model beside the attribution rules (`attribution/model.tsv`, or
    /// `model-fast.tsv` for the fast mode), nil when the directory has none: then the rules
    /// run alone.
    public let attributionModel: AttributionModel?
    public let speakers: SpeakerLexicon
    public let plainText: PlainTextRules
    public let html: HTMLCleaner

    public static func load(directory: String, attribution mode: AttributionMode = .full) throws(RuleError) -> RuleSet {
        try RuleSet(directory: directory, mode: mode)
    }

    private init(directory: String, mode: AttributionMode) throws(RuleError) {
        self.directory = directory
        attributionMode = mode
        let lexicons = directory + "/lexicons"
        sentences = try SentenceLexicon.load(directory: directory + "/sentences")
        speakers = try SpeakerLexicon.load(directory: lexicons)
        plainText = try PlainTextRules.load(directory + "/cleanup/plaintext.yaml")
        html = try HTMLCleaner.load(directory: directory + "/cleanup")
        attribution = try RuleSet.compileAll(in: directory + "/attribution", lexicons: lexicons, acceptsLatestStart: true,
                                             keep: { mode == .full || $0.fast })
        claims = try RuleSet.compileAll(in: directory + "/claims", lexicons: lexicons, acceptsLatestStart: true)
        claimModel = try ClaimModel.load(directory + "/claims/" + ClaimModel.fileName)
        attributionModel = try AttributionModel.load(directory: directory, fileName: mode.modelFileName)
    }

    /// Every rule of the mode, for `rules test` and `rules lint` (which load the full mode).
    public var allRules: [CompiledRule] { attribution + claims }

    /// Loads `macros.yaml` of a rule directory, then compiles every other `.yaml` file in it,
    /// in name order so that rule order (and so output) never depends on the file system.
    /// `acceptsLatestStart`: see `CompiledRule.init`. Rules `keep` turns down are read and
    /// checked for duplicate ids, but not compiled.
    static func compileAll(in dir: String, lexicons: String, acceptsLatestStart: Bool = false,
                           keep: (RuleSpec) -> Bool = { _ in true }) throws(RuleError) -> [CompiledRule] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw RuleError(.unreadable, file: dir, message: "cannot list the rule directory: \(error.localizedDescription)")
        }
        var macros = Macros()
        if files.contains("macros.yaml") {
            try RuleFile.loadMacros(dir + "/macros.yaml", lexiconDir: lexicons, into: &macros)
        }
        var specs: [RuleSpec] = []
        var seen: [String: RuleSpec] = [:]
        for file in files where file != "macros.yaml" {
            for spec in try RuleFile.loadRules(dir + "/" + file, macros: macros) {
                if let first = seen[spec.id] {
                    throw RuleError(.duplicate, file: spec.file, line: spec.line, ruleID: spec.id,
                                    message: "the id is already used at \(first.file):\(first.line); rule ids must be unique")
                }
                seen[spec.id] = spec
                specs.append(spec)
            }
        }
        return try compileConcurrently(specs.filter(keep), macros: macros, acceptsLatestStart: acceptsLatestStart)
    }

    /// Compiles `specs` on every core, in their order; the first error in that order is the
    /// one thrown, so a broken rule is reported the same way however the work was shared.
    /// PCRE2's compile and JIT compile of the rules are most of start-up (about half of its
    /// instructions), and each rule compiles on its own.
    static func compileConcurrently(_ specs: [RuleSpec], macros: Macros, acceptsLatestStart: Bool) throws(RuleError) -> [CompiledRule] {
        let slots = CompileSlots(count: specs.count)
        DispatchQueue.concurrentPerform(iterations: specs.count) { i in
            let result: Result<CompiledRule, RuleError>
            do throws(RuleError) {
                result = .success(try compile(specs[i], macros: macros, acceptsLatestStart: acceptsLatestStart))
            } catch {
                result = .failure(error)
            }
            slots.set(i, result)
        }
        var compiled: [CompiledRule] = []
        compiled.reserveCapacity(specs.count)
        for result in slots.results {
            switch result {
            case .success(let rule)?: compiled.append(rule)
            case .failure(let error)?: throw error
            case nil: preconditionFailure("concurrentPerform returned before compiling every rule")
            }
        }
        return compiled
    }

    /// Compiles a rule with its macros copied in place (see `Macros.expand`); while PCRE2 finds
    /// it too large, the macro whose copies take the most room is called instead, and the rule
    /// compiled again. Calling rather than copying changes how fast a rule runs, never what it
    /// matches.
    static func compile(_ spec: RuleSpec, macros: Macros, acceptsLatestStart: Bool) throws(RuleError) -> CompiledRule {
        var spec = spec
        var called: Set<String> = []
        // The macro to call next, once known (the loader expanded the rule without asking).
        var next: String??
        while true {
            do {
                return try CompiledRule(spec: spec, acceptsLatestStart: acceptsLatestStart)
            } catch where error.code == .tooLarge {
                let name: String?
                if let known = next {
                    name = known
                } else {
                    name = try macros.expansion(of: spec.source, file: spec.file, line: spec.line, ruleID: spec.id,
                                                caseless: spec.caseless, called: called).largestCopied
                }
                guard let name else { throw error }
                called.insert(name)
                let expansion = try macros.expansion(of: spec.source, file: spec.file, line: spec.line, ruleID: spec.id,
                                                     caseless: spec.caseless, called: called)
                spec.expanded = expansion.text
                next = .some(expansion.largestCopied)
            }
        }
    }
}

/// Where the workers of `compileConcurrently` leave their results, one slot a rule.
private final class CompileSlots: @unchecked Sendable {
    // SAFETY: `slots` is only read or written while `lock` is held; `results` is read after
    // `concurrentPerform` has returned, when no worker is left.
    private var slots: [Result<CompiledRule, RuleError>?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<CompiledRule, RuleError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var results: [Result<CompiledRule, RuleError>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
