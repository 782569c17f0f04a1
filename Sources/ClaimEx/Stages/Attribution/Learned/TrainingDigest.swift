import Foundation

/// What a learned attribution model was trained on besides its articles, as one 64-bit digest:
/// the attribution rules as they run (each rule's expanded pattern and settings, not its
/// examples) and the word lists the trainer reads (`lexicons/`, `sentences/`).
///
/// The candidate model is trained on what the rules leave, so a model trained before a rule
/// change no longer matches its rules, and nothing said so: the bundled models stayed a rule
/// change behind until 2026-12-02. The trainer writes the digest into the model's header, and
/// `rules lint` (run by `make test`) recomputes it and reports a model trained on other rules.
/// A change to the learned pass's code is not covered: retrain after one and compare with `cmp`.
public enum TrainingDigest {
    /// The header line's text after `# `, before the digest.
    static let headerPrefix = "trained on rules "

    /// The header line the trainer writes (without its `# `).
    public static func headerLine(_ digest: String) -> String {
        headerPrefix + digest + " (the attribution rules as they run, lexicons/ and sentences/; `rules lint` checks it)"
    }

    /// The digest of a rules directory: its attribution rules (every mode's, compiled as the
    /// full mode loads them) and its word lists.
    public static func of(directory: String) throws(RuleError) -> String {
        let rules = try RuleSet.compileAll(in: directory + "/attribution", lexicons: directory + "/lexicons",
                                           acceptsLatestStart: true)
        return try of(rules: rules.map(\.spec), directory: directory)
    }

    /// The digest of `rules` (in their load order) and of the word lists under `directory`.
    private static func of(rules: [RuleSpec], directory: String) throws(RuleError) -> String {
        var h = FeatureHash.fnvStart
        func add(_ text: String) {
            for b in text.utf8 { h = FeatureHash.fnv(h, b) }
            h = FeatureHash.fnv(h, 0)
        }
        for r in rules {
            add(r.id)
            add(r.kind)
            add(String(r.confidence))
            add(r.scope.rawValue)
            add(r.expanded)
            add(r.requires ?? "-")
            add(r.words?.joined(separator: ",") ?? "-")
            add("\(r.caseless) \(r.sourceless) \(r.fast) \(r.startsBeforeRequires)")
        }
        for sub in ["lexicons", "sentences"] {
            let dir = directory + "/" + sub
            let names: [String]
            do {
                // Word lists only: an editor's backup or a stray file beside them is not read.
                names = try FileManager.default.contentsOfDirectory(atPath: dir)
                    .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".tsv") }.sorted()
            } catch {
                throw RuleError(.unreadable, file: dir, message: "cannot list the word lists: \(error.localizedDescription)")
            }
            for name in names {
                guard let data = FileManager.default.contents(atPath: dir + "/" + name) else {
                    throw RuleError(.unreadable, file: dir + "/" + name, message: "cannot read the word list")
                }
                add(sub + "/" + name)
                add(String(data.count))
                for b in data { h = FeatureHash.fnv(h, b) }
            }
        }
        return String(h, radix: 16).leftPadded(to: 16)
    }

    /// The digest a model file's header records, nil when it records none (a model written
    /// before digests were, or by hand). Only the comment lines at the top are read.
    public static func recorded(inModel path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        for line in String(decoding: data.prefix(4096), as: UTF8.self).split(separator: "\n") {
            guard line.hasPrefix("#") else { break }
            let text = line.dropFirst().drop { $0 == " " }
            if text.hasPrefix(headerPrefix) {
                return text.dropFirst(headerPrefix.count).prefix { $0 != " " }.description
            }
        }
        return nil
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
