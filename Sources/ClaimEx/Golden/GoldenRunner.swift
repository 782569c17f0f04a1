import Foundation

/// Runs the regression cases under `golden/`: each case directory holds one input article,
/// `expected.jsonl` (what `extract` must produce) and a README saying what it guards.
///
/// Differences are reported record by record, keyed by the stable record id, so that a rule
/// change reads as "these quotes appeared, these disappeared, these changed speaker".
public struct GoldenRunner {
    public struct Case: Sendable {
        public var name: String
        public var input: String
        public var expected: String
    }

    public struct Report: Sendable {
        public var cases: [(name: String, changes: [RecordDiff.Change])] = []
        public var isClean: Bool { cases.allSatisfy { $0.changes.isEmpty } }
    }

    let rules: RuleSet
    let directory: String

    public init(rules: RuleSet, directory: String) {
        self.rules = rules
        self.directory = directory
    }

    public func cases() throws(ArticleError) -> [Case] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw ArticleError(code: "golden.missing", message: "no golden directory at \(directory); pass --dir")
        }
        var found: [Case] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let dir = directory + "/" + name
            guard let files = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            let inputs = files.filter { $0 != "expected.jsonl" && !$0.hasPrefix("README") && !$0.hasPrefix(".") }.sorted()
            guard inputs.count == 1 else {
                throw ArticleError(code: "golden.layout",
                                   message: "\(dir) must hold exactly one input file beside expected.jsonl and README.md, found \(inputs)")
            }
            found.append(Case(name: name, input: dir + "/" + inputs[0], expected: dir + "/expected.jsonl"))
        }
        return found
    }

    /// The records `extract` writes for one case, with the input named relative to the case.
    public func actual(_ golden: Case) throws(ArticleError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: golden.input) else {
            throw ArticleError(code: "golden.unreadable", message: "cannot read \(golden.input)")
        }
        let file = String(golden.input.split(separator: "/").last ?? "")
        let body = [UInt8](data)
        let isHTML = [".html", ".htm"].contains { file.hasSuffix($0) }
        let article = Article(id: InputSource.stem(file), format: isHTML ? .html : FormatSniffer.format(of: body), body: body,
                              provenance: Provenance(input: file))
        let outcome = BatchJob(mode: .extract, rules: rules).processor()(article, Workspace())
        if let error = outcome.error { throw error }
        return outcome.output
    }

    /// Compares every case; with `update`, rewrites the expected files instead.
    public func run(update: Bool) throws(ArticleError) -> Report {
        var report = Report()
        for golden in try cases() {
            let output = try actual(golden)
            if update {
                guard FileManager.default.createFile(atPath: golden.expected, contents: Data(output)) else {
                    throw ArticleError(code: "golden.unwritable", message: "cannot write \(golden.expected)")
                }
                report.cases.append((golden.name, []))
                continue
            }
            let expected = FileManager.default.contents(atPath: golden.expected).map { [UInt8]($0) } ?? []
            report.cases.append((golden.name, RecordDiff.compare(old: expected, new: output)))
        }
        return report
    }
}
